-- Grid operation: updates an active liaison; firms of cells it no longer serves, and firms over a
-- lowered capacity (ordinary firms before key firms), are released and given to others.
-- KEYS and ARGV: include/grid_state; the journal tail audits target liaison:ID. The liaison's firms
-- are found in grid:lf:ID by the script (include/grid_state, the exception of docs/lua.md).
-- JSON {id, name?, phone?, unit?, rank?, senior?, capacity?, cells?, regionAfter?}.
-- Answers ok {id, assigned, released}, or not-found, unknown-cell.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_fill"

local lk = lKey(a.id)
if redis.call('HGET', lk, 'active') ~= '1' then return fail('not-found', 'no active liaison ' .. a.id) end
if a.cells then
  for _, c in ipairs(a.cells) do
    if redis.call('EXISTS', cellKey(c)) == 0 then return fail('unknown-cell', 'no cell ' .. c) end
  end
end
local before = redis.call('HMGET', lk, 'name', 'phone', 'unit', 'rank', 'capacity', 'cells')
local touched = {}
for _, f in ipairs({'name', 'phone', 'unit', 'rank'}) do
  if a[f] then redis.call('HSET', lk, f, a[f]) end
end
if a.senior ~= nil then redis.call('HSET', lk, 'senior', a.senior and '1' or '0') end
if a.cells then
  local keep = {}
  for _, c in ipairs(a.cells) do keep[c] = true end
  local removed = {}
  for _, c in ipairs(liaisonCells(a.id)) do
    if not keep[c] then
      removed[c] = true
      redis.call('SREM', clKey(c), a.id)
    end
  end
  local firms = redis.call('SMEMBERS', lfKey(a.id))
  table.sort(firms)
  for _, u in ipairs(firms) do
    local gc = redis.call('HGET', ent(u), 'gc') or ''
    if removed[gc] then
      release(u, a.id, gc)
      touched[gc] = true
    end
  end
  for _, c in ipairs(a.cells) do redis.call('SADD', clKey(c), a.id) end
  redis.call('HSET', lk, 'cells', cjson.encode(a.cells))
  if a.regionAfter then redis.call('HSET', lk, 'region', a.regionAfter) end
end
if a.capacity then
  redis.call('HSET', lk, 'capacity', a.capacity)
  local firms = redis.call('SMEMBERS', lfKey(a.id))
  local over = #firms - a.capacity
  if over > 0 then
    -- hand back ordinary firms before key firms, so the senior keeps the firms that need one
    local ordered = {}
    for _, u in ipairs(firms) do
      local h = redis.call('HMGET', ent(u), 'gk', 'gc')
      ordered[#ordered + 1] = {u = u, k = h[1] or '0', c = h[2] or ''}
    end
    table.sort(ordered, function(x, y)
      if x.k ~= y.k then return x.k < y.k end
      return x.u > y.u
    end)
    for i = 1, over do
      release(ordered[i].u, a.id, ordered[i].c)
      touched[ordered[i].c] = true
    end
  end
end
touchLiaison(a.id, touched)
finish(touched)
local after = redis.call('HMGET', lk, 'name', 'phone', 'unit', 'rank', 'capacity', 'cells')
audit(actor, 'liaison.update', 'liaison:' .. a.id, cjson.encode(before),
  cjson.encode({fields = after, released = released, assigned = logJson()}))
change('liaison', a.id, cjson.encode({released = released, assigned = #log}))
return answer({id = a.id})
