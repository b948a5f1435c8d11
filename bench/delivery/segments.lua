-- wrk script for the delivery benchmark (b): whole HLS segments, rotating over a list of URL paths.
-- Args: file with one path per line. Each thread starts at a different place in the list and walks it in order, so
-- over a run every segment is asked for about equally often.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  local reqs = {}
  for line in io.lines(args[1]) do
    if line ~= "" then reqs[#reqs + 1] = wrk.format("GET", line) end
  end
  requests_list = reqs
  index = ((tid or 1) - 1) * 7 % #reqs
end

function request()
  index = index % #requests_list + 1
  return requests_list[index]
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
