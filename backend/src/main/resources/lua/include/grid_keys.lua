-- The grid's keys (docs/grid.md): the fixed ones from KEYS[1..10] (grid.GridKeys.fixed(), this
-- order), and the functions that build the keys of cells, liaisons and firms found in the grid.
local K_CONFIG, K_PIN, K_PREFIX, K_STATS = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local K_CELLS, K_CELLZ, K_LIAISONS, K_ACTIVE = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local K_LZ, K_NOCELLS = KEYS[9], KEYS[10]

-- Keys of cells, liaisons and of firms the script finds itself (a cell's firms, a liaison's
-- firms) are reached through data read in the script: a firm's resolved cell, a liaison's cells,
-- a cell's liaisons. They are built by these functions only (the convention's exception, named in
-- docs/lua.md); no grid key has a hash tag yet: Redis Cluster will put the grid under one.
-- key built here: ent:{e:USCC} of a firm found in a grid set
local function firmKey(u) return 'ent:{e:' .. u .. '}' end
-- key built here: grid:cell:ID, a cell's hash
local function cellKey(c) return 'grid:cell:' .. c end
-- key built here: grid:cf:CELL (firms), grid:cu:CELL (unassigned firms), grid:cl:CELL (liaisons)
local function cfKey(c) return 'grid:cf:' .. c end
local function cuKey(c) return 'grid:cu:' .. c end
local function clKey(c) return 'grid:cl:' .. c end
-- key built here: grid:l:ID (a liaison's hash), grid:lf:ID (its firms)
local function lKey(l) return 'grid:l:' .. l end
local function lfKey(l) return 'grid:lf:' .. l end
-- key built here: grid:nocell:COUNTY, a county's firms without a cell
local function nocellKey(county) return 'grid:nocell:' .. county end

-- key built here: grid:score:l:ID / grid:score:c:CELL, call-back scores of a liaison or a cell
local function scoreKey(kind, id) return 'grid:score:' .. kind .. ':' .. id end
-- key built here: visits:f:USCC, a firm's visits by time
local function firmVisitsKey(u) return 'visits:f:' .. u end
