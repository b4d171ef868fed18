-- Sets members of one office's red/green bulletin thresholds (双色通报), validated by the caller
-- (problem.BulletinThresholds.patch); audited with the hash before and after.
-- KEYS[1] problems:bulletin:thresholds:REGION, then the journal tail
-- ARGV[1] members to set (json flat array name,value,...), [2] actor, [3] audit target (the key)
-- Answers ok {}.
--- @include "include/result"
--- @include "include/journal"
local before = cjson.encode(redis.call('HGETALL', KEYS[1]))
local set = cjson.decode(ARGV[1])
if #set > 0 then
  redis.call('HSET', KEYS[1], unpack(set))
end
local after = cjson.encode(redis.call('HGETALL', KEYS[1]))
audit(ARGV[2], 'problem.thresholds', ARGV[3], before, after)
change('problem.thresholds', ARGV[3], after)
return ok({})
