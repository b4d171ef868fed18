-- Grid operation: builds a county's division cells, one per region code of the level; codes that
-- already make a cell are skipped. Re-indexes the firms the new prefixes take.
-- KEYS and ARGV: include/grid_state; the journal tail audits target grid:COUNTY.
-- JSON {county, level, cells: [{code, name}]}. Answers ok {created, skipped, assigned, released}.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_reindex"

local created, skipped, codes = 0, 0, {}
for _, d in ipairs(a.cells) do
  if redis.call('EXISTS', cellKey(d.code)) == 1 or redis.call('HEXISTS', K_PREFIX, d.code) == 1 then
    skipped = skipped + 1
  else
    redis.call('HSET', cellKey(d.code), 'id', d.code, 'name', d.name, 'kind', 'DIVISION',
      'level', a.level, 'region', d.code, 'codes', cjson.encode({d.code}), 'createdAt', now)
    redis.call('SADD', K_CELLS, d.code)
    redis.call('ZADD', K_CELLZ, 0, d.code)
    redis.call('HSET', K_PREFIX, d.code, d.code)
    created = created + 1
    codes[#codes + 1] = d.code
  end
end
local touched = {}
if created > 0 then reindexUnder(codes, touched) end
finish(touched)
if created > 0 or mutated then
  local after = cjson.encode({level = a.level, created = created, assigned = logJson()})
  audit(actor, 'grid.build', 'grid:' .. a.county, '', after)
  change('grid', a.county, after)
end
return answer({created = created, skipped = skipped})
