-- Blind call-backs (盲盒式评价回访), outcome: records it once and feeds the scores of the visit's
-- liaison and cell.
-- KEYS[1] callback:ID, KEYS[2] callbacks:pending, then the journal tail (target callback:ID)
-- ARGV[1] actor, ARGV[2] now, ARGV[3] JSON {id, confirmed, satisfaction, comment}
-- Answers ok {id}, or not-found, already-recorded.
--- @include "include/result"
--- @include "include/journal"
local actor, now = ARGV[1], ARGV[2]
local a = cjson.decode(ARGV[3])
local ck = KEYS[1]
local status = redis.call('HGET', ck, 'status')
if not status then return fail('not-found', 'no call-back ' .. a.id) end
if status ~= 'PENDING' then return fail('already-recorded', 'call-back ' .. a.id .. ' is already recorded') end
local h = redis.call('HMGET', ck, 'liaisonId', 'cell', 'visitId')
redis.call('HSET', ck, 'status', 'DONE', 'confirmed', a.confirmed and '1' or '0',
  'satisfaction', a.satisfaction, 'comment', a.comment or '', 'recordedBy', actor, 'recordedAt', now)
redis.call('SREM', KEYS[2], a.id)
local confirmed = a.confirmed and 1 or 0
-- key built here: grid:score:l:LIAISON and grid:score:c:CELL of the visit's liaison and cell,
-- named by the call-back hash read above
for _, sk in ipairs({'grid:score:l:' .. h[1], 'grid:score:c:' .. (h[2] or '')}) do
  redis.call('HINCRBY', sk, 'callbacks', 1)
  redis.call('HINCRBY', sk, 'confirmed', confirmed)
  redis.call('HINCRBY', sk, 'satisfactionSum', a.satisfaction)
end
-- key built here: visit:ID of the call-back's visit, read from its hash above
redis.call('HSET', 'visit:' .. h[3], 'callbackConfirmed', confirmed)
local after = cjson.encode({confirmed = a.confirmed, satisfaction = a.satisfaction, comment = a.comment})
audit(actor, 'callback.record', 'callback:' .. a.id, '{"status":"PENDING"}', after)
change('callback', a.id, after)
return ok({id = a.id})
