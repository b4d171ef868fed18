-- Shared helpers prepended to every script: an audit entry and a change event are written in the
-- same atomic script as the change they describe, so neither can be lost or invented.

-- Appends an audit entry and indexes it by target and actor.
local function audit(actor, action, target, before, after)
  local id = redis.call('XADD', 'audit', '*', 'actor', actor, 'action', action, 'target', target,
    'before', before or '', 'after', after or '')
  -- index streams reuse the entry's id, so they stay ordered and page exactly like the main stream
  redis.call('XADD', 'audit:target:' .. target, id, 'e', '1')
  redis.call('XADD', 'audit:actor:' .. actor, id, 'e', '1')
  return id
end

-- Appends a change event that derived views (indexes, matching, notifications) consume.
local function change(kind, id, payload)
  return redis.call('XADD', 'changes', '*', 'kind', kind, 'id', id, 'payload', payload or '')
end

-- Enqueues a notification into the outbox stream `notify:outbox`, at most once per
-- recipient x policy x version x kind (docs/events.md, "Notifications"): a firm entry (its inbox,
-- its bound WeChat users) and one for its liaison. Call it in the same script as the event that
-- causes it. The dedupe set lives under the policy's hash tag and never expires (a set member per
-- recipient, removed with the policy). For kinds starting with 'policy.' the liaison gets one
-- summary per policy version (its firm count kept in a hash), otherwise one per firm.
-- Returns 1 when the firm's entry is new, 0 when it was already enqueued.
local function notify(uscc, policyId, version, kind, payload)
  local dedupe = 'notify:dedupe:{p:' .. policyId .. '}:' .. version .. ':' .. kind
  if redis.call('SADD', dedupe, 'firm:' .. uscc) == 0 then
    return 0
  end
  local pv = tostring(version)
  redis.call('XADD', 'notify:outbox', '*', 'to', 'firm:' .. uscc, 'uscc', uscc, 'policy', policyId,
    'version', pv, 'kind', kind, 'payload', payload or '{}')
  local liaison = redis.call('HGET', 'ent:{e:' .. uscc .. '}', 'liaisonId')
  if liaison then
    local member = 'liaison:' .. liaison
    if string.sub(kind, 1, 7) == 'policy.' then
      redis.call('HINCRBY', 'notify:lcount:{p:' .. policyId .. '}:' .. version .. ':' .. kind, liaison, 1)
    else
      member = member .. ':' .. uscc
    end
    if redis.call('SADD', dedupe, member) == 1 then
      redis.call('XADD', 'notify:outbox', '*', 'to', 'liaison:' .. liaison, 'uscc', uscc,
        'policy', policyId, 'version', pv, 'kind', kind, 'payload', payload or '{}')
    end
  end
  return 1
end

-- An amount in 分 as a decimal string of 万元 (1 万元 = 1,000,000 分), exact.
local function wan(fen)
  local s = string.format('%d.%06d', math.floor(fen / 1000000), fen % 1000000)
  s = s:gsub('0+$', ''):gsub('%.$', '')
  return s
end
