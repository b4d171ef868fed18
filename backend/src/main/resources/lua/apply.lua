-- A firm applies to a policy (一键兑现), or an auto-grant is created for it: eligibility was
-- checked by the caller against the policy version it passes; here, atomically, the version, the
-- window, the one-application-per-firm rule, the exclusions and the fund pool are checked, the
-- amount is reserved, and the application, its ledger entry, audit entry and change event written.
-- KEYS[1] policy hash, KEYS[2] pool hash, KEYS[3] application hash, KEYS[4] policy's applications
--   zset, KEYS[5] ledger stream, KEYS[6] idempotency key, KEYS[7] the firm's applications zset,
--   KEYS[8] notify:outbox, KEYS[9] the firm's hash ent:{e:USCC}, KEYS[10..9+n] the firm's
--   application hashes of the n policies of ARGV[10] (same order), then the journal tail
-- ARGV[1] policy id, [2] uscc, [3] version, [4] amount in 分, [5] figures json, [6] now (ISO),
--   [7] today, [8] '1' when an idempotency key was given, [9] request fingerprint,
--   [10] exclusions (json array of policy ids), [11] actor, [12] firm name, [13] now (ms),
--   [14] idempotency ttl (s), [15] 'apply' or 'grant' (an auto-grant batch)
-- Answers ok {application} (created now or replayed), or a problem slug with {detail,
-- application?, policy?}; answers are stored under the Idempotency-Key as {fingerprint, code, body}
-- (code 201 for a created application).
--- @include "include/result"
--- @include "include/journal"
--- @include "include/money"
--- @include "include/notify"
--- @include "include/applications"
local pid, uscc, version, amount = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if ARGV[8] == '1' then
  local seen = redis.call('GET', KEYS[6])
  if seen then
    local s = cjson.decode(seen)
    if s.fingerprint ~= ARGV[9] then
      return fail('idempotency-mismatch', 'this Idempotency-Key was used with another request')
    end
    if s.code == 201 then return ok_json(s.body) end
    return {s.code, s.body}
  end
end

local function answer(code, body)
  local json = cjson.encode(body)
  if ARGV[8] == '1' then
    redis.call('SET', KEYS[6], cjson.encode({fingerprint = ARGV[9], code = code, body = json}), 'EX', ARGV[14])
  end
  if code == 201 then return ok_json(json) end
  return {code, json}
end

local p = redis.call('HMGET', KEYS[1], 'status', 'version', 'opensOn', 'closesOn', 'mode', 'department', 'title')
if p[1] ~= 'PUBLISHED' then
  return answer('not-open', {detail = 'the policy is not open for applications (' .. (p[1] or 'unknown') .. ')'})
end
if p[2] ~= version then
  return fail('stale', 'the policy was amended meanwhile; check again')
end
if ARGV[7] < p[3] or ARGV[7] > p[4] then
  return answer('window-closed', {detail = 'applications are accepted from ' .. p[3] .. ' to ' .. p[4]})
end
local existing = redis.call('HGET', KEYS[3], 'status')
if existing and existing ~= 'REJECTED' then
  local app = redis.call('HGETALL', KEYS[3])
  return answer('already-applied', {detail = 'this firm already has an application (' .. existing .. ') for this policy',
    application = app})
end
for i, other in ipairs(cjson.decode(ARGV[10])) do
  local s = redis.call('HGET', KEYS[9 + i], 'status')
  if is_live(s) then
    return answer('excluded', {detail = 'cannot be stacked with policy ' .. other .. ', where this firm is ' .. s,
      policy = other})
  end
end
local pool = redis.call('HMGET', KEYS[2], 'total', 'reserved', 'paid')
local remaining = tonumber(pool[1] or '0') - tonumber(pool[2] or '0') - tonumber(pool[3] or '0')
if amount > remaining then
  return answer('pool-exhausted', {detail = 'the fund pool has ' .. remaining .. ' 分 left, this grant needs ' .. amount})
end

local mode = p[5]
local status = (mode == 'REVIEW' and ARGV[15] == 'apply') and 'PENDING_REVIEW' or 'GRANTED'
local attempt = tonumber(redis.call('HGET', KEYS[3], 'attempt') or '0') + 1
local id = pid .. '-' .. uscc
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], 'id', id, 'policyId', pid, 'version', version, 'uscc', uscc, 'name', ARGV[12],
  'status', status, 'amount', tostring(amount), 'mode', mode, 'figures', ARGV[5], 'createdAt', ARGV[6],
  'updatedAt', ARGV[6], 'attempt', tostring(attempt), 'department', p[6], 'title', p[7])
if mode == 'AUTO_GRANT' then
  redis.call('HSET', KEYS[3], 'confirmation', 'AWAITING')
end
redis.call('HINCRBY', KEYS[2], 'reserved', amount)
redis.call('ZADD', KEYS[4], ARGV[13], uscc)
redis.call('ZADD', KEYS[7], ARGV[13], pid)
redis.call('XADD', KEYS[5], '*', 'op', 'RESERVE', 'application', id, 'amount', tostring(amount), 'actor', ARGV[11])
local event = {policyId = pid, version = tonumber(version), uscc = uscc, department = p[6], mode = mode,
  status = status, amount = wan(amount), title = p[7], closesOn = p[4]}
if mode == 'AUTO_GRANT' then event.confirmation = 'AWAITING' end
audit(ARGV[11], ARGV[15] == 'grant' and 'application.autogrant' or 'application.create', 'application:' .. id,
  existing or '', status)
local payload = cjson.encode(event)
change('application', id, payload)
notify(KEYS[8], KEYS[9], uscc, pid, version, 'application.' .. status, payload)
return answer(201, {application = redis.call('HGETALL', KEYS[3])})
