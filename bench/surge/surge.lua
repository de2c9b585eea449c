-- wrk's side of bench/surge: anonymous page reads and count.json polls, mixed at random.
-- Arguments: <paths file> <reads:counts> <errors file> [<requests a second for this thread>]
--            (lines "read /en/..." or "count /en/..."; with a rate, requests are sent on a
--            schedule, as many visitors arriving, instead of as fast as the answers come back)
--        or: single <path>                             (one address, for the front/static rounds)
-- Each thread counts what it sent of each kind and the error answers (>= 400) per second;
-- done() prints one line "SURGE {json}" and writes the errors per second to the errors file.

local threads = {}
local counter = 0

-- A clock in milliseconds (wrk's Lua is LuaJIT: its FFI reaches clock_gettime).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long sec; long nsec; } surge_timespec;
int clock_gettime(int clock, surge_timespec *now);
]]
local clock = ffi.new("surge_timespec")
local function now_ms()
   ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
   return tonumber(clock.sec) * 1000 + tonumber(clock.nsec) / 1e6
end

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

function init(args)
   math.randomseed(os.time() * 1000 + id)
   reads, counts, sent_reads, sent_counts, errors = {}, {}, 0, 0, {}
   errors_path = args[3]
   if args[1] == "single" then
      reads = {args[2]}
      read_share = 1.0
   else
      for line in io.lines(args[1]) do
         local kind, path = line:match("^(%S+)%s+(%S+)$")
         if kind == "read" then table.insert(reads, path) elseif kind == "count" then table.insert(counts, path) end
      end
      local r, c = args[2]:match("^(%d+):(%d+)$")
      read_share = tonumber(r) / (tonumber(r) + tonumber(c))
      if args[4] then interval = 1000 / tonumber(args[4]) end
   end
end

-- Paced: the next request of this thread (on whichever of its connections is free) waits for
-- its moment on a fixed schedule. A schedule fallen behind (every connection busy) catches up
-- by at most 20 requests at once, so a stall is answered by a short burst, not a flood.
function delay()
   if not interval then return 0 end
   local now = now_ms()
   next_at = math.max((next_at or now) + interval, now - 20 * interval)
   return math.max(0, next_at - now)
end

function request()
   if #counts == 0 or math.random() < read_share then
      sent_reads = sent_reads + 1
      return wrk.format("GET", reads[math.random(#reads)])
   end
   sent_counts = sent_counts + 1
   return wrk.format("GET", counts[math.random(#counts)])
end

function response(status, headers, body)
   if status >= 400 then
      local second = os.time()
      errors[second] = (errors[second] or 0) + 1
   end
end

function done(summary, latency, requests)
   local reads_total, counts_total, by_second = 0, 0, {}
   for _, thread in ipairs(threads) do
      reads_total = reads_total + thread:get("sent_reads")
      counts_total = counts_total + thread:get("sent_counts")
      local errs = thread:get("errors")
      for second, count in pairs(errs) do by_second[second] = (by_second[second] or 0) + count end
   end
   local quantiles = {}
   for i = 1, 1000 do table.insert(quantiles, string.format("%d", latency:percentile(i / 10))) end
   local seconds_json = {}
   for second, count in pairs(by_second) do table.insert(seconds_json, string.format('"%d": %d', second, count)) end
   local e = summary.errors
   local socket_errors = e.connect + e.read + e.write + e.timeout
   io.write(string.format('SURGE {"requests": %d, "seconds": %.3f, "reads": %d, "counts": %d, "errors": %d, '
      .. '"socket_errors": %d, "p50": %d, "p99": %d, "quantiles": [%s]}\n',
      summary.requests, summary.duration / 1e6, reads_total, counts_total, e.status, socket_errors,
      latency:percentile(50), latency:percentile(99), table.concat(quantiles, ", ")))
   local path = threads[1]:get("errors_path")
   if path and path ~= "/dev/null" then
      local file = io.open(path, "w")
      file:write('{"by_second": {' .. table.concat(seconds_json, ", ") .. '}}\n')
      file:close()
   end
end
