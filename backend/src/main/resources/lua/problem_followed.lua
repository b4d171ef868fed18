-- Marks a target's merged cases as having followed its last lead: takes the target off
-- problems:follow, unless a newer step left them something else to follow meanwhile.
-- KEYS[1] target hash problem:{c:ID}, KEYS[2] problems:follow
-- ARGV[1] target id, [2] the lead's version the followers took
-- Answers ok {done: true|false}.
--- @include "include/result"
local lead = redis.call('HGET', KEYS[1], 'lead')
if lead and tostring(cjson.decode(lead).version) ~= ARGV[2] then
  return ok({done = false})
end
redis.call('ZREM', KEYS[2], ARGV[1])
return ok({done = true})
