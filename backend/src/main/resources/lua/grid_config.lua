-- Grid operation: sets members of the grid's policy hash grid:config.
-- KEYS and ARGV: include/grid_state; the journal tail audits target grid:config.
-- JSON {member: value, ...}. Answers ok {assigned, released}.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_state"

local before = cjson.encode(redis.call('HGETALL', K_CONFIG))
for k, v in pairs(a) do redis.call('HSET', K_CONFIG, k, v) end
local after = cjson.encode(redis.call('HGETALL', K_CONFIG))
audit(actor, 'grid.config', 'grid:config', before, after)
change('grid', 'config', after)
return answer({})
