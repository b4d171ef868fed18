-- Grid operation: deactivates a liaison; its firms are released and given to the other liaisons
-- of their cells. KEYS and ARGV: include/grid_state; the journal tail audits target liaison:ID.
-- The liaison's firms are found in grid:lf:ID by the script (the exception of docs/lua.md).
-- JSON {id, reason}. Answers ok {id, assigned, released}, or not-found.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_fill"

local lk = lKey(a.id)
if redis.call('HGET', lk, 'active') ~= '1' then return fail('not-found', 'no active liaison ' .. a.id) end
local reason = type(a.reason) == 'string' and a.reason or ''
redis.call('HSET', lk, 'active', '0', 'deactivatedAt', now, 'deactivationReason', reason)
redis.call('SREM', K_ACTIVE, a.id)
redis.call('ZREM', K_LZ, a.id)
local touched = {}
for _, c in ipairs(liaisonCells(a.id)) do
  redis.call('SREM', clKey(c), a.id)
end
local firms = redis.call('SMEMBERS', lfKey(a.id))
table.sort(firms)
for _, u in ipairs(firms) do
  local gc = redis.call('HGET', ent(u), 'gc') or ''
  release(u, a.id, gc)
  touched[gc] = true
end
finish(touched)
local after = cjson.encode({active = false, reason = a.reason, released = released, assigned = logJson()})
audit(actor, 'liaison.deactivate', 'liaison:' .. a.id, '{"active":true}', after)
change('liaison', a.id, after)
return answer({id = a.id})
