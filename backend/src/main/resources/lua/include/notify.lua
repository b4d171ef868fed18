-- Enqueues a notification into the outbox stream, at most once per recipient x policy x version x
-- kind (docs/events.md, "Notifications"): a firm entry (its inbox, its bound WeChat users) and one
-- for its liaison. Call it in the same script as the event that causes it.
-- outbox and firmKey are KEYS entries of the calling script: notify:outbox and ent:{e:USCC} (read
-- for its liaisonId). For kinds starting with 'policy.' the liaison gets one summary per policy
-- version (its firm count kept in a hash), otherwise one per firm.
-- Returns 1 when the firm's entry is new, 0 when it was already enqueued.
local function notify(outbox, firmKey, uscc, policyId, version, kind, payload)
  -- key built here: notify:dedupe:{p:ID}:V:KIND, named by the kind the script decides (the
  -- application's new status); it shares the {p:ID} hash tag of the policy's keys in KEYS.
  -- Never expires (a member per recipient, removed with the policy).
  local dedupe = 'notify:dedupe:{p:' .. policyId .. '}:' .. version .. ':' .. kind
  if redis.call('SADD', dedupe, 'firm:' .. uscc) == 0 then
    return 0
  end
  local pv = tostring(version)
  redis.call('XADD', outbox, '*', 'to', 'firm:' .. uscc, 'uscc', uscc, 'policy', policyId,
    'version', pv, 'kind', kind, 'payload', payload or '{}')
  local liaison = redis.call('HGET', firmKey, 'liaisonId')
  if liaison then
    local member = 'liaison:' .. liaison
    if string.sub(kind, 1, 7) == 'policy.' then
      -- key built here: notify:lcount:{p:ID}:V:KIND, beside the dedupe set (same {p:ID} tag)
      local lcount = 'notify:lcount:{p:' .. policyId .. '}:' .. version .. ':' .. kind
      redis.call('HINCRBY', lcount, liaison, 1)
    else
      member = member .. ':' .. uscc
    end
    if redis.call('SADD', dedupe, member) == 1 then
      redis.call('XADD', outbox, '*', 'to', 'liaison:' .. liaison, 'uscc', uscc,
        'policy', policyId, 'version', pv, 'kind', kind, 'payload', payload or '{}')
    end
  end
  return 1
end
