-- The clock of one problem: fires the warnings and breaches the caller found due (problem.ClockEvents)
-- on the case at the version it read, each only once (named in the hash's `fired`, so two nodes,
-- a retry or a restart never fire twice); counts a breach against the accountable party; moves the
-- problems:clock score to the next event (or removes it) and sets the problems:overdue score.
-- KEYS[1] case hash problem:{c:ID}, KEYS[2] its history stream, KEYS[3] problems:clock,
--   KEYS[4] problems:overdue, KEYS[5] problems:breaches:ACCOUNTABLE, KEYS[6..10] the report
--   facts' keys (include/problem_facts), KEYS[11] changes
-- ARGV[1] id, [2] version read, [3] due events (json [{name, type WARN|BREACH, kind, due, label}]),
--   [4] next clock score in epoch ms ('' = none), [5] overdue score ('' = not overdue), [6] now
--   (ISO), [7] accountable (department, or intake:TOWNSHIP), [8] status read, [9] the case's report
--   fact (json, include/problem_facts: the breaches are counted here, once each)
-- Answers ok {fired}, or stale (a step moved the case: it set its own score; the next poll re-reads).
--- @include "include/result"
--- @include "include/journal"
--- @include "include/problem_facts"
local v = redis.call('HGET', KEYS[1], 'version')
if v ~= ARGV[2] then
  return fail('stale', 'problem ' .. ARGV[1] .. ' changed meanwhile')
end
local fired = cjson.decode(redis.call('HGET', KEYS[1], 'fired') or '[]')
local seen = {}
for _, name in ipairs(fired) do seen[name] = true end
local breaches = facts_breaches(seen, ARGV[3])
local n = 0
for _, e in ipairs(cjson.decode(ARGV[3])) do
  if not seen[e.name] then
    seen[e.name] = true
    fired[#fired + 1] = e.name
    n = n + 1
    redis.call('XADD', KEYS[2], '*', 'step', e.type, 'label', e.label, 'actor', 'system', 'at', ARGV[6],
      'status', ARGV[8], 'note', e.kind .. ' ' .. e.due, 'accountable', ARGV[7])
    if e.type == 'BREACH' then
      redis.call('HINCRBY', KEYS[5], e.kind, 1)
      redis.call('HINCRBY', KEYS[5], 'total', 1)
    end
    change(e.type == 'BREACH' and 'problem.breach' or 'problem.warning', ARGV[1],
      cjson.encode({id = ARGV[1], kind = e.kind, due = e.due, accountable = ARGV[7], status = ARGV[8]}))
  end
end
if n > 0 then
  redis.call('HSET', KEYS[1], 'fired', cjson.encode(fired))
end
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
else
  redis.call('ZREM', KEYS[3], ARGV[1])
end
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
else
  redis.call('ZREM', KEYS[4], ARGV[1])
end
facts(6, ARGV[9], breaches)
return ok({fired = n})
