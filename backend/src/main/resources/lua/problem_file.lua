-- Files a new problem (诉求): the case hash (SUBMITTED, its clock computed by the caller), the
-- first history entry, its problems:clock score, the firm's list, the audit entry and the change.
-- KEYS[1] case hash problem:{c:ID}, KEYS[2] its history stream, KEYS[3] problems:clock,
--   KEYS[4] the firm's list ent:{e:USCC}:problems, KEYS[5..9] the report facts' keys
--   (include/problem_facts), then the journal tail
-- ARGV[1] id (drawn by the caller from problems:seq), [2] fields (json flat array name,value,...),
--   [3] clock score in epoch ms ('' = none), [4] history entry (json flat array), [5] actor,
--   [6] now (ms), [7] change payload (json), [8] audit target (problem:ID), [9] the case's first
--   report fact (json, include/problem_facts)
-- Answers ok {id}, or exists when the id is taken.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/problem_facts"
if redis.call('EXISTS', KEYS[1]) == 1 then
  return fail('exists', 'problem ' .. ARGV[1] .. ' exists')
end
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[2])))
redis.call('XADD', KEYS[2], '*', unpack(cjson.decode(ARGV[4])))
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
end
redis.call('ZADD', KEYS[4], ARGV[6], ARGV[1])
audit(ARGV[5], 'problem.file', ARGV[8], '', 'SUBMITTED')
change('problem', ARGV[1], ARGV[7])
facts(5, ARGV[9])
return ok({id = ARGV[1]})
