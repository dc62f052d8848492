-- wrk script for rpc-bench's HTTP simpleCall: POST /simple-call {"value":41}, and every answer must
-- be 200 with the body {"value":42} (RestProtocol). Counting happens in each wrk thread's own Lua
-- state; done() adds them up and prints one line that load-yardstick.sh parses, so no figure has to
-- be read back from wrk's human-readable, unit-scaled summary.
wrk.method = "POST"
wrk.body = '{"value":41}'
wrk.headers["Content-Type"] = "application/json"

local expected = '{"value":42}' -- exactly what Jackson writes; a plain comparison keeps the check cheap

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

bad_status = 0
bad_body = 0
function response(status, headers, body)
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif body ~= expected then
    bad_body = bad_body + 1
  end
end

function done(summary, latency, requests)
  local bs, bb = 0, 0
  for _, t in ipairs(threads) do
    bs = bs + t:get("bad_status")
    bb = bb + t:get("bad_body")
  end
  local e = summary.errors
  -- latency is in microseconds; summary.duration too.
  io.write(string.format("YARDSTICK requests=%d duration_us=%d p50_us=%d p99_us=%d bad_status=%d bad_body=%d"
      .. " connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bs, bb,
      e.connect, e.read, e.write, e.timeout))
end
