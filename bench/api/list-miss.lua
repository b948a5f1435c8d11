-- wrk script for the video list's cache-MISS path: every request is GET /api/v1/videos?cursor=<c> with a cursor that
-- no earlier request used, so the output cache (which varies by q, limit and cursor) can never answer it and each
-- request runs the list query, serializes the page and stores it in the cache.
--
-- A cursor is base64url("<createdAt .NET ticks>.<id>") (src/Framecast/Infrastructure/Http/PageCursor.cs). Each one
-- here points at a random microsecond inside the minute after seeded video i (i = 21..10000), with i's id: the
-- keyset query the server runs for any "next page" (createdAt < c, newest first, limit 20 + 1), and still a full page
-- of 20 videos (videos 1..i are all older), but a cursor string that is, in practice, never repeated (9,980 videos x
-- 60,000,000 µs). The server issues exactly these cursors at r = 0 (run.sh checks the formula against a real
-- nextCursor).
--
-- Seed (seed-*.sql): video i (v%010d) was created at unix second 1700000000 + 60 i, so its createdAt in .NET ticks is
-- 638355968000000000 + 600000000 i. Ticks exceed 2^53, so they are assembled from two exact halves.
--
-- Besides the WRK_RESULT line of report.lua, done() prints a WRK_CHECK line: responses served from the cache (they
-- carry an Age header), non-200 answers, and bodies shorter than the minimum given as the script's first argument
-- (a page with fewer than 20 videos).

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

-- .NET ticks of seeded video i plus r microseconds, as a decimal string (exact: both halves stay below 2^53).
local function ticks(i, r)
  local low = 5968000000000 + i * 600000000 + r * 10 -- last 13 digits of 638355968000000000, plus the offset
  local high = 63835 + math.floor(low / 1e13)
  return string.format("%d%013.0f", high, low % 1e13)
end

local function cursor(i, r)
  return base64url(ticks(i, r) .. string.format(".v%010d", i))
end

min_bytes = 0
hits, non200, short = 0, 0, 0

function init(args)
  min_bytes = tonumber(args[1] or "0") or 0
  -- Each thread its own sequence: identical sequences would make one thread's requests hit the other's pages.
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1e6))
end

function request()
  local i = math.random(21, 10000)
  local r = math.random(1, 59999999)
  return wrk.format("GET", "/api/v1/videos?cursor=" .. cursor(i, r))
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif #body < min_bytes then
    short = short + 1
  end
  if headers["Age"] or headers["age"] then
    hits = hits + 1
  end
end

done = function(summary, latency, requests)
  report_done(summary, latency, requests)
  local h, n, s = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    n = n + (t:get("non200") or 0)
    s = s + (t:get("short") or 0)
  end
  io.write(string.format("WRK_CHECK responses=%d cache_hits=%d non200=%d short=%d\n", summary.requests, h, n, s))
end
