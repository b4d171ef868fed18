-- One step of an application after it was created, all or nothing with its pool movement, ledger
-- entry, audit entry and change event.
-- KEYS[1] application hash, KEYS[2] pool hash, KEYS[3] ledger stream, KEYS[4] notify:outbox,
--   KEYS[5] the firm's hash ent:{e:USCC}, then the journal tail
-- ARGV[1] op: approve | reject | pay | confirm, [2] actor, [3] now (ISO)
-- reject: [4] reason; pay: [4] paid on (date), [5] payment reference; confirm: [4] receipt json
-- Answers ok with the new status, or a refusal (not-found, not-pending, ...).
--- @include "include/result"
--- @include "include/journal"
--- @include "include/money"
--- @include "include/notify"
local op, actor, now = ARGV[1], ARGV[2], ARGV[3]
local a = KEYS[1]
local status = redis.call('HGET', a, 'status')
if not status then return fail('not-found', 'no such application') end
local id = redis.call('HGET', a, 'id')
local amount = tonumber(redis.call('HGET', a, 'amount'))
local confirmation = redis.call('HGET', a, 'confirmation')
local new

if op == 'approve' then
  if status ~= 'PENDING_REVIEW' then return fail('not-pending', 'only a pending application can be approved (' .. status .. ')') end
  new = 'GRANTED'
  redis.call('HSET', a, 'status', new, 'decidedBy', actor, 'decidedAt', now, 'updatedAt', now)
elseif op == 'reject' then
  if status ~= 'PENDING_REVIEW' and status ~= 'GRANTED' then
    return fail('not-pending', 'only a pending or granted, unpaid application can be rejected (' .. status .. ')')
  end
  new = 'REJECTED'
  redis.call('HSET', a, 'status', new, 'decidedBy', actor, 'decidedAt', now, 'reason', ARGV[4], 'updatedAt', now)
  redis.call('HINCRBY', KEYS[2], 'reserved', -amount)
  redis.call('XADD', KEYS[3], '*', 'op', 'RELEASE', 'application', id, 'amount', tostring(amount), 'actor', actor)
elseif op == 'pay' then
  if status ~= 'GRANTED' then return fail('not-granted', 'only a granted application can be paid (' .. status .. ')') end
  if confirmation == 'AWAITING' then
    return fail('not-confirmed', 'the firm has not confirmed its receipt details yet')
  end
  new = 'PAID'
  redis.call('HSET', a, 'status', new, 'paidOn', ARGV[4], 'paymentRef', ARGV[5], 'paidBy', actor, 'updatedAt', now)
  redis.call('HINCRBY', KEYS[2], 'reserved', -amount)
  redis.call('HINCRBY', KEYS[2], 'paid', amount)
  redis.call('XADD', KEYS[3], '*', 'op', 'PAY', 'application', id, 'amount', tostring(amount), 'actor', actor,
    'reference', ARGV[5], 'paidOn', ARGV[4])
elseif op == 'confirm' then
  if status ~= 'GRANTED' or confirmation ~= 'AWAITING' then
    return fail('not-awaiting', 'nothing to confirm for this application')
  end
  new = status
  confirmation = 'CONFIRMED'
  redis.call('HSET', a, 'confirmation', confirmation, 'receipt', ARGV[4], 'confirmedAt', now, 'updatedAt', now)
else
  return fail('bad-op', 'unknown operation ' .. op)
end

local f = redis.call('HMGET', a, 'policyId', 'version', 'uscc', 'department', 'mode', 'reason', 'title')
local event = {policyId = f[1], version = tonumber(f[2]), uscc = f[3], department = f[4], mode = f[5], status = new,
  amount = wan(amount), reason = f[6], confirmation = confirmation, title = f[7]}
audit(actor, 'application.' .. op, 'application:' .. id, status, new)
local payload = cjson.encode(event)
change('application', id, payload)
if new ~= status then
  notify(KEYS[4], KEYS[5], f[3], f[1], f[2], 'application.' .. new, payload)
end
return ok(new)
