-- Applies one step of a problem computed by the caller (problem.StepRules: status, clock, fields),
-- only if the case is still at the version the caller read: hash, history entry, problems:clock
-- and problems:overdue scores, the dispatch number (交办单号) when one is drawn, the
-- problems:follow entry when merged cases have a step to follow, audit and change.
-- KEYS[1] case hash problem:{c:ID}, KEYS[2] its history stream, KEYS[3] problems:clock,
--   KEYS[4] problems:overdue, KEYS[5] problems:dispatch:YYYY (this year's counter),
--   KEYS[6] problems:follow, KEYS[7..11] the report facts' keys (include/problem_facts), then the
--   journal tail
-- ARGV[1] id, [2] version read, [3] fields to set (json flat array), [4] fields to delete (json
--   array), [5] clock score in epoch ms ('' = leaves problems:clock), [6] overdue score ('' = not
--   overdue), [7] history entry (json flat array), [8] actor, [9] audit action, [10] status before,
--   [11] status after, [12] '1' to draw a dispatch number unless the case has one, [13] year,
--   [14] change payload (json), [15] audit target (problem:ID), [16] follow score in epoch ms
--   ('' = the merged cases have nothing new to follow), [17] the step's report fact (json,
--   include/problem_facts)
-- Answers ok {version, dispatchNo}, or not-found, or stale (the version moved: reload and retry).
--- @include "include/result"
--- @include "include/journal"
--- @include "include/problem_facts"
local v = redis.call('HGET', KEYS[1], 'version')
if not v then
  return fail('not-found', 'no problem ' .. ARGV[1])
end
if v ~= ARGV[2] then
  return fail('stale', 'problem ' .. ARGV[1] .. ' changed meanwhile (version ' .. v .. ')')
end
local history = cjson.decode(ARGV[7])
local payload = cjson.decode(ARGV[14])
local no = redis.call('HGET', KEYS[1], 'dispatchNo')
if ARGV[12] == '1' and not no then
  no = string.format('JB-%s-%06d', ARGV[13], redis.call('INCR', KEYS[5]))
  redis.call('HSET', KEYS[1], 'dispatchNo', no)
  history[#history + 1] = 'dispatchNo'
  history[#history + 1] = no
end
payload.dispatchNo = no or ''
local dels = cjson.decode(ARGV[4])
if #dels > 0 then
  redis.call('HDEL', KEYS[1], unpack(dels))
end
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[3])))
local nv = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('XADD', KEYS[2], '*', unpack(history))
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
else
  redis.call('ZREM', KEYS[3], ARGV[1])
end
if ARGV[6] ~= '' then
  redis.call('ZADD', KEYS[4], ARGV[6], ARGV[1])
else
  redis.call('ZREM', KEYS[4], ARGV[1])
end
if ARGV[16] ~= '' then
  redis.call('ZADD', KEYS[6], ARGV[16], ARGV[1])
end
audit(ARGV[8], ARGV[9], ARGV[15], ARGV[10], ARGV[11])
change('problem', ARGV[1], cjson.encode(payload))
facts(7, ARGV[17])
return ok({version = nv, dispatchNo = no or cjson.null})
