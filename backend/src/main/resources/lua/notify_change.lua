-- Turns a change event into notifications (consumer group `notify` on `changes`); every step is
-- idempotent (notify() dedupes, funnel stages are sets), so a batch handled twice after a crash
-- changes nothing.
-- ARGV[1] mode:
--   'fanout'      ARGV: mode, policyId, version, kind, payload json, department, title, uscc...
--                 (a batch of a policy's match set, or the one firm of a policy.eligible event)
--   'application' ARGV: mode, policyId, version, uscc, status, payload json, department
-- Returns the number of new firm notifications.
local mode = ARGV[1]
local added = 0
if mode == 'fanout' then
  local policy, version, kind, payload = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
  if ARGV[6] ~= '' then
    redis.call('HSET', 'notify:f:policies', policy, cjson.encode({department = ARGV[6], title = ARGV[7]}))
  end
  -- a firm holding a live application or grant of a policy that cannot be stacked with this one
  -- is not told it is eligible (applying would be refused)
  local exclusions = {}
  if kind == 'policy.eligible' then
    local p = cjson.decode(payload)
    if type(p.exclusions) == 'table' and #p.exclusions > 0 then exclusions = p.exclusions end
  end
  for i = 8, #ARGV do
    local blocked = false
    for _, other in ipairs(exclusions) do
      local s = redis.call('HGET', 'policy:{p:' .. other .. '}:app:' .. ARGV[i], 'status')
      if s == 'PENDING_REVIEW' or s == 'GRANTED' or s == 'PAID' then
        blocked = true
        break
      end
    end
    if not blocked then
      added = added + notify(ARGV[i], policy, version, kind, payload)
    end
  end
elseif mode == 'application' then
  local policy, version, uscc, status, payload = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
  if ARGV[7] ~= '' then
    redis.call('HSETNX', 'notify:f:policies', policy, cjson.encode({department = ARGV[7], title = ''}))
  end
  -- the funnel follows the firms that were pushed this policy ("from push to payment")
  if redis.call('SISMEMBER', 'notify:f:{p:' .. policy .. '}:pushed', uscc) == 1 then
    redis.call('SADD', 'notify:f:{p:' .. policy .. '}:applied', uscc)
    if status == 'GRANTED' or status == 'PAID' then
      redis.call('SADD', 'notify:f:{p:' .. policy .. '}:granted', uscc)
    end
    if status == 'PAID' then
      redis.call('SADD', 'notify:f:{p:' .. policy .. '}:paid', uscc)
    end
  end
  -- the policy code calls notify() in its own script; calling it again here is harmless (deduped)
  -- and covers writers that do not
  added = notify(uscc, policy, version, 'application.' .. status, payload)
end
return added
