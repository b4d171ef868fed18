-- Takes a follower off the target's `merged` list: the merge's second half (the follower's own
-- MERGE step) was refused after the link, so the target must not list it.
-- KEYS[1] target hash problem:{c:ID}, KEYS[2] its history stream, then the journal tail
-- ARGV[1] target id, [2] follower id, [3] history entry (json flat array), [4] actor,
--   [5] audit target (problem:ID), [6] change payload (json)
-- Answers ok {unlinked: true|false}.
--- @include "include/result"
--- @include "include/journal"
local merged = cjson.decode(redis.call('HGET', KEYS[1], 'merged') or '[]')
local kept, found = {}, false
for _, id in ipairs(merged) do
  if id == ARGV[2] then found = true else kept[#kept + 1] = id end
end
if not found then
  return ok({unlinked = false})
end
if #kept == 0 then
  redis.call('HDEL', KEYS[1], 'merged')
else
  redis.call('HSET', KEYS[1], 'merged', cjson.encode(kept))
end
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('XADD', KEYS[2], '*', unpack(cjson.decode(ARGV[3])))
audit(ARGV[4], 'problem.unlink', ARGV[5], ARGV[2], '')
change('problem', ARGV[1], ARGV[6])
return ok({unlinked = true})
