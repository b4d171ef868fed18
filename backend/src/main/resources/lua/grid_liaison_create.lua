-- Grid operation: creates a liaison serving some cells, who takes their unassigned firms up to
-- capacity. KEYS and ARGV: include/grid_state; the journal tail audits target liaison:ID.
-- JSON {id, name, phone, unit, rank, senior, capacity, cells, region, username}.
-- Answers ok {id, assigned, released}, or liaison-exists, unknown-cell.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_fill"

if redis.call('EXISTS', lKey(a.id)) == 1 then return fail('liaison-exists', 'liaison ' .. a.id .. ' exists') end
for _, c in ipairs(a.cells) do
  if redis.call('EXISTS', cellKey(c)) == 0 then return fail('unknown-cell', 'no cell ' .. c) end
end
redis.call('HSET', lKey(a.id), 'id', a.id, 'name', a.name, 'phone', a.phone, 'unit', a.unit,
  'rank', a.rank, 'senior', a.senior and '1' or '0', 'capacity', a.capacity, 'cells', cjson.encode(a.cells),
  'region', a.region, 'username', a.username, 'active', '1', 'createdAt', now)
redis.call('SADD', K_LIAISONS, a.id)
redis.call('SADD', K_ACTIVE, a.id)
redis.call('ZADD', K_LZ, 0, a.id)
local touched = {}
for _, c in ipairs(a.cells) do
  redis.call('SADD', clKey(c), a.id)
  touched[c] = true
end
finish(touched)
local after = cjson.encode({name = a.name, unit = a.unit, rank = a.rank, capacity = a.capacity,
  cells = a.cells, username = a.username, assigned = #log})
audit(actor, 'liaison.create', 'liaison:' .. a.id, '', after)
change('liaison', a.id, after)
return answer({id = a.id})
