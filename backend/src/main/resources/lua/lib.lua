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
