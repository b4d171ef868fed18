-- Links a case merged into this one (共性问题): adds the follower's id to the target's `merged`
-- list, only if the target is still at the version the caller read (it checked that the target
-- is open and not merged itself); a follower already listed is left as it is (a retried merge).
-- KEYS[1] target hash problem:{c:ID}, KEYS[2] its history stream, then the journal tail
-- ARGV[1] target id, [2] version read, [3] follower id, [4] history entry (json flat array),
--   [5] actor, [6] audit target (problem:ID), [7] change payload (json)
-- Answers ok {linked: true|false}, or not-found, or stale (the version moved: reload and retry).
--- @include "include/result"
--- @include "include/journal"
local v = redis.call('HGET', KEYS[1], 'version')
if not v then
  return fail('not-found', 'no problem ' .. ARGV[1])
end
local merged = cjson.decode(redis.call('HGET', KEYS[1], 'merged') or '[]')
for _, id in ipairs(merged) do
  if id == ARGV[3] then
    return ok({linked = false})
  end
end
if v ~= ARGV[2] then
  return fail('stale', 'problem ' .. ARGV[1] .. ' changed meanwhile (version ' .. v .. ')')
end
merged[#merged + 1] = ARGV[3]
redis.call('HSET', KEYS[1], 'merged', cjson.encode(merged))
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('XADD', KEYS[2], '*', unpack(cjson.decode(ARGV[4])))
audit(ARGV[5], 'problem.link', ARGV[6], '', ARGV[3])
change('problem', ARGV[1], ARGV[7])
return ok({linked = true})
