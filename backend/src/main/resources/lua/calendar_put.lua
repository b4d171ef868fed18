-- Replaces one year's working-day schedule held in Redis (on top of the bundled years), audited.
-- KEYS[1] calendar:YEAR hash (field date, value KIND,name), KEYS[2] calendar:years set, then the
--   journal tail
-- ARGV[1] year, [2] rows (json object date -> 'KIND,name', checked by the caller), [3] actor
-- Answers ok {year, days}.
--- @include "include/result"
--- @include "include/journal"
local before = redis.call('HLEN', KEYS[1])
redis.call('DEL', KEYS[1])
local rows = cjson.decode(ARGV[2])
local flat = {}
for date, value in pairs(rows) do
  flat[#flat + 1] = date
  flat[#flat + 1] = value
end
if #flat > 0 then
  redis.call('HSET', KEYS[1], unpack(flat))
end
redis.call('SADD', KEYS[2], ARGV[1])
audit(ARGV[3], 'calendar.put', 'calendar:' .. ARGV[1], tostring(before) .. ' days', tostring(#flat / 2) .. ' days')
change('calendar', ARGV[1], cjson.encode({year = tonumber(ARGV[1]), days = #flat / 2}))
return ok({year = tonumber(ARGV[1]), days = #flat / 2})
