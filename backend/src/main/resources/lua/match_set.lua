-- Makes a freshly computed match set the live one, unless the policy moved on to another version
-- meanwhile; firms that left the set lose their firm-side verdict; the policy.matched event starts
-- the notification fan-out.
-- KEYS[1] policy hash, KEYS[2] eligible set, KEYS[3] unknown set, KEYS[4] new eligible, KEYS[5] new
--   unknown, KEYS[6] changes
-- ARGV[1] policy id, [2] version, [3] now, [4] event payload json (without the counts; its
-- exclusions are also kept in the policy hash for later notices)
-- Answers ok true when installed, ok false when superseded.
--- @include "include/result"
--- @include "include/journal"
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[2] or redis.call('HGET', KEYS[1], 'status') ~= 'PUBLISHED' then
  redis.call('DEL', KEYS[4], KEYS[5])
  return ok(false)
end
for _, set in ipairs({KEYS[2], KEYS[3]}) do
  for _, u in ipairs(redis.call('SDIFF', set, KEYS[4], KEYS[5])) do
    -- key built here: ent:{e:USCC}:matches of each firm that left the set, found by the SDIFF
    -- above (only the script sees both sets at once); each firm's own slot
    redis.call('HDEL', 'ent:{e:' .. u .. '}:matches', ARGV[1])
  end
end
redis.call('DEL', KEYS[2], KEYS[3])
if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('RENAME', KEYS[4], KEYS[2]) end
if redis.call('EXISTS', KEYS[5]) == 1 then redis.call('RENAME', KEYS[5], KEYS[3]) end
local e, u = redis.call('SCARD', KEYS[2]), redis.call('SCARD', KEYS[3])
local payload = cjson.decode(ARGV[4])
-- cjson writes an empty list as {}: keep "[]" in the hash and leave an empty list out of the event
local exclusions = '[]'
if type(payload.exclusions) == 'table' and #payload.exclusions > 0 then
  exclusions = cjson.encode(payload.exclusions)
else
  payload.exclusions = nil
end
redis.call('HSET', KEYS[1], 'matchedVersion', ARGV[2], 'matchedAt', ARGV[3], 'eligibleCount', e, 'unknownCount', u,
  'exclusions', exclusions)
payload.eligible = e
payload.unknown = u
change('policy.matched', ARGV[1], cjson.encode(payload))
return ok(true)
