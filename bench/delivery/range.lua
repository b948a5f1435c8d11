-- wrk script for the delivery benchmark (a): every request asks for a random byte range of one file.
-- Args: path file-size [range-bytes (1048576)]. Each thread seeds its own generator, so no two threads repeat a
-- sequence; ranges start at any byte (not aligned) and always lie wholly inside the file.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  path = args[1]
  size = tonumber(args[2])
  chunk = tonumber(args[3] or 1048576)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  for _ = 1, 10 do math.random() end
end

function request()
  local first = math.floor(math.random() * (size - chunk + 1))
  return wrk.format("GET", path, { ["Range"] = string.format("bytes=%d-%d", first, first + chunk - 1) })
end

done = function(summary, latency, requests)
  local e = summary.errors
  -- Responses that took 400 ms or more (latency(i) is the i-th distinct latency, in µs, and how many had it).
  local slow = 0
  for i = 1, #latency do
    local us, count = latency(i)
    if us >= 400000 then slow = slow + count end
  end
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d bytes=%d rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d slow400=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.bytes, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max, slow,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
