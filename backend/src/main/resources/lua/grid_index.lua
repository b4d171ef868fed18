-- Grid operation (bulk): indexes a batch of firms into cells and assigns the unassigned ones.
-- KEYS and ARGV: include/grid_state, the batch in ARGV[4..] and its hashes in KEYS; the journal
-- tail audits target grid. JSON {} (unused). Answers ok {indexed, assigned, released}.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_reindex"

-- the sorted sets for paging the coverage date from after the first cells and liaisons: repair
if redis.call('ZCARD', K_CELLZ) ~= redis.call('SCARD', K_CELLS) then
  for _, c in ipairs(redis.call('SMEMBERS', K_CELLS)) do redis.call('ZADD', K_CELLZ, 0, c) end
end
if redis.call('ZCARD', K_LZ) ~= redis.call('SCARD', K_ACTIVE) then
  redis.call('DEL', K_LZ)
  for _, l in ipairs(redis.call('SMEMBERS', K_ACTIVE)) do redis.call('ZADD', K_LZ, 0, l) end
end
local touched, seen = {}, {}
for _, u in ipairs(named) do
  if not seen[u] then
    seen[u] = true
    index(u, touched)
  end
end
finish(touched)
if mutated then
  local after = cjson.encode({indexed = #named, assigned = logJson(), released = released})
  audit(actor, 'grid.assign', 'grid', '', after)
  change('grid', 'assign', after)
end
return answer({indexed = #named})
