-- Turns a change event into notifications (consumer group `notify` on `changes`); every step is
-- idempotent (notify() dedupes, funnel stages are sets), so a batch handled twice after a crash
-- changes nothing.
-- KEYS[1] notify:outbox, KEYS[2] notify:f:policies, then by mode:
--   'fanout'      per firm i of ARGV[8..] (n = the policy's exclusions, for policy.eligible only):
--                 KEYS[3 + (i-1)(n+1)] its hash ent:{e:USCC}, then its application hashes
--                 policy:{p:OTHER}:app:USCC of the n excluded policies, in the payload's order
--   'application' KEYS[3] the firm's hash, KEYS[4..7] the policy's funnel sets pushed, applied,
--                 granted, paid (notify:f:{p:ID}:STAGE)
-- ARGV[1] mode:
--   'fanout'      ARGV: mode, policyId, version, kind, payload json, department, title, uscc...
--                 (a batch of a policy's match set, or the one firm of a policy.eligible event)
--   'application' ARGV: mode, policyId, version, uscc, status, payload json, department
-- Answers ok with the number of new firm notifications.
--- @include "include/result"
--- @include "include/notify"
--- @include "include/applications"
local mode = ARGV[1]
local added = 0
if mode == 'fanout' then
  local policy, version, kind, payload = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
  if ARGV[6] ~= '' then
    redis.call('HSET', KEYS[2], policy, cjson.encode({department = ARGV[6], title = ARGV[7]}))
  end
  -- a firm holding a live application or grant of a policy that cannot be stacked with this one
  -- is not told it is eligible (applying would be refused)
  local n = 0
  if kind == 'policy.eligible' then
    local p = cjson.decode(payload)
    if type(p.exclusions) == 'table' then n = #p.exclusions end
  end
  for i = 8, #ARGV do
    local base = 3 + (i - 8) * (n + 1)
    local blocked = false
    for j = 1, n do
      if is_live(redis.call('HGET', KEYS[base + j], 'status')) then
        blocked = true
        break
      end
    end
    if not blocked then
      added = added + notify(KEYS[1], KEYS[base], ARGV[i], policy, version, kind, payload)
    end
  end
elseif mode == 'application' then
  local policy, version, uscc, status, payload = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
  if ARGV[7] ~= '' then
    redis.call('HSETNX', KEYS[2], policy, cjson.encode({department = ARGV[7], title = ''}))
  end
  -- the funnel follows the firms that were pushed this policy ("from push to payment")
  if redis.call('SISMEMBER', KEYS[4], uscc) == 1 then
    redis.call('SADD', KEYS[5], uscc)
    if status == 'GRANTED' or status == 'PAID' then
      redis.call('SADD', KEYS[6], uscc)
    end
    if status == 'PAID' then
      redis.call('SADD', KEYS[7], uscc)
    end
  end
  -- the policy code calls notify() in its own script; calling it again here is harmless (deduped)
  -- and covers writers that do not
  added = notify(KEYS[1], KEYS[3], uscc, policy, version, 'application.' .. status, payload)
end
return ok(added)
