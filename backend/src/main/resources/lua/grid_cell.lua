-- Grid operation: creates a custom cell from region codes and listed firms (pinned to it).
-- KEYS and ARGV: include/grid_state, the listed firms in ARGV[4..] and their hashes in KEYS; the
-- journal tail audits target cell:ID.
-- JSON {id, name, region, codes, firms}. Answers ok {id, assigned, released}, or cell-exists,
-- region-taken, unknown-firm, firm-taken.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_reindex"

if redis.call('EXISTS', cellKey(a.id)) == 1 then return fail('cell-exists', 'cell ' .. a.id .. ' exists') end
for i, code in ipairs(a.codes) do
  local holder = redis.call('HGET', K_PREFIX, code)
  if holder then
    return fail('region-taken', 'region ' .. code .. ' already makes cell ' .. holder, '/regionCodes/' .. (i - 1))
  end
end
for _, u in ipairs(named) do
  if redis.call('EXISTS', ent(u)) == 0 then
    return fail('unknown-firm', 'no enterprise ' .. u)
  end
  local holder = redis.call('HGET', K_PIN, u)
  if holder and redis.call('EXISTS', cellKey(holder)) == 1 then
    return fail('firm-taken', 'firm ' .. u .. ' is already listed by cell ' .. holder)
  end
end
redis.call('HSET', cellKey(a.id), 'id', a.id, 'name', a.name, 'kind', 'CUSTOM', 'level', 'CUSTOM',
  'region', a.region, 'codes', cjson.encode(a.codes), 'firms', #named, 'createdAt', now)
redis.call('SADD', K_CELLS, a.id)
redis.call('ZADD', K_CELLZ, 0, a.id)
for _, code in ipairs(a.codes) do redis.call('HSET', K_PREFIX, code, a.id) end
for _, u in ipairs(named) do redis.call('HSET', K_PIN, u, a.id) end
local touched = {}
if #a.codes > 0 then reindexUnder(a.codes, touched) end
for _, u in ipairs(named) do index(u, touched) end
finish(touched)
local after = cjson.encode({name = a.name, region = a.region, codes = a.codes, firms = a.firms, assigned = logJson()})
audit(actor, 'grid.cell.create', 'cell:' .. a.id, '', after)
change('grid', a.id, after)
return answer({id = a.id})
