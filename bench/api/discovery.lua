-- wrk script for bench/api/discovery.sh. First argument: the mode.
--   search <queries-file>  GET /api/v1/search?q=<query>, cycling through the file's lines (one query per line; each
--                          thread starts at its own place in the list)
--   list <videos>          GET /api/v1/videos?cursor=<c>: never-repeated cursors, as list-miss.lua, over seeded videos
--                          21..<videos> (seed-discovery-*.sql creates video i at unix second 1700000000 + 60 i, like
--                          seed-*.sql, so list-miss.lua's cursor formula holds); every page is a full one
--   channel <users>        GET /api/v1/users/creator<NNNNN>/videos for a random seeded user
-- Besides report.lua's WRK_RESULT line, done() prints WRK_CHECK: cache hits (Age header), non-200 answers, pages with
-- no item, pages with fewer than 20 items.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
local report_done = done

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local function base64url(s)
  local out, n = {}, #s
  for k = 1, n, 3 do
    local a, b, c = s:byte(k, k + 2)
    local v = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = (b == nil) and 2 or (c == nil) and 3 or 4
    for j = 1, chars do
      local idx = math.floor(v / 2 ^ (18 - 6 * (j - 1))) % 64
      out[#out + 1] = b64:sub(idx + 1, idx + 1)
    end
  end
  return table.concat(out)
end
local function ticks(i, r)
  local low = 5968000000000 + i * 600000000 + r * 10
  local high = 63835 + math.floor(low / 1e13)
  return string.format("%d%013.0f", high, low % 1e13)
end
local function cursor(i, r)
  return base64url(ticks(i, r) .. string.format(".v%010d", i))
end
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

mode = "search"
local paths, n, next_q = {}, 0, 1
hits, non200, empty, short = 0, 0, 0, 0

function init(args)
  mode = args[1] or "search"
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1e6))
  if mode == "search" then
    for line in io.lines(args[2]) do
      if #line > 0 then paths[#paths + 1] = "/api/v1/search?q=" .. urlencode(line) end
    end
    next_q = ((tid or 1) - 1) * 17 % #paths + 1
  else
    n = tonumber(args[2])
  end
end

function request()
  if mode == "search" then
    local p = paths[next_q]
    next_q = next_q % #paths + 1
    return wrk.format("GET", p)
  elseif mode == "list" then
    return wrk.format("GET", "/api/v1/videos?cursor=" .. cursor(math.random(21, n), math.random(1, 59999999)))
  else
    return wrk.format("GET", string.format("/api/v1/users/creator%05d/videos", math.random(1, n)))
  end
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    return
  end
  if headers["Age"] or headers["age"] then hits = hits + 1 end
  local _, items = body:gsub('"id":"v', "")
  if items == 0 then empty = empty + 1 end
  if items < 20 then short = short + 1 end
end

done = function(summary, latency, requests)
  report_done(summary, latency, requests)
  local h, x, e, s = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    x = x + (t:get("non200") or 0)
    e = e + (t:get("empty") or 0)
    s = s + (t:get("short") or 0)
  end
  io.write(string.format("WRK_CHECK responses=%d cache_hits=%d non200=%d empty=%d short=%d\n", summary.requests, h, x, e, s))
end
