-- The journal: a write's audit entry and change event go in the same atomic script as the write,
-- so neither can be lost or invented. Its keys are the tail of KEYS, built by store.Journal:
--   audit()   KEYS[#KEYS-3] audit, KEYS[#KEYS-2] audit:target:TARGET, KEYS[#KEYS-1] audit:actor:ACTOR
--   change()  KEYS[#KEYS] changes
-- (a script that only emits changes passes just `changes` last: Journal.changes()).

-- Appends an audit entry and indexes it by target and actor.
local function audit(actor, action, target, before, after)
  local n = #KEYS
  -- the caller names target and actor twice (fields and keys): a mismatch would index the entry
  -- under the wrong key, so refuse it loudly
  if KEYS[n - 2] ~= 'audit:target:' .. target or KEYS[n - 1] ~= 'audit:actor:' .. actor then
    error('journal keys ' .. tostring(KEYS[n - 2]) .. ', ' .. tostring(KEYS[n - 1])
      .. ' do not match target ' .. target .. ' and actor ' .. actor)
  end
  local id = redis.call('XADD', KEYS[n - 3], '*', 'actor', actor, 'action', action, 'target', target,
    'before', before or '', 'after', after or '')
  -- index streams reuse the entry's id, so they stay ordered and page exactly like the main stream
  redis.call('XADD', KEYS[n - 2], id, 'e', '1')
  redis.call('XADD', KEYS[n - 1], id, 'e', '1')
  return id
end

-- Appends a change event that derived views (indexes, matching, notifications) consume.
local function change(kind, id, payload)
  return redis.call('XADD', KEYS[#KEYS], '*', 'kind', kind, 'id', id, 'payload', payload or '')
end
