-- Read-only: the coverage report from the maintained sets and counters (no scan of firms).
-- KEYS[1..10] the grid's fixed keys (include/grid_keys).
-- ARGV[1] JSON {region ('' = all), limit, cellsAfter, cellsLimit, liaisonsAfter, liaisonsLimit}:
-- totals of the cells and liaisons inside the region prefix, up to limit unassigned firms with
-- their reason (NO_CELL, NO_CAPACITY), and one page of the per-cell and per-liaison rows, ordered
-- by id, starting after the given ids; nextCells / nextLiaisons are the ids to continue after
-- ('' when the page is the last).
-- The whole territory's totals come from grid:stats (firms, assigned) and the no-cell sets; a
-- region's from its cells' sets. Answers ok with the report.
--- @include "include/result"
--- @include "include/grid_keys"
local a = cjson.decode(ARGV[1])
local region, limit = a.region or '', a.limit or 100
local cellsAfter, cellsLimit = a.cellsAfter or '', a.cellsLimit or 500
local liaisonsAfter, liaisonsLimit = a.liaisonsAfter or '', a.liaisonsLimit or 500
local whole = region == ''
local function inside(code) return whole or string.sub(code, 1, #region) == region end

-- the smallest n ids greater than `after`, sorted, and whether more remain
local function page(ids, after, n)
  local cand = {}
  for _, id in ipairs(ids) do
    if id > after then cand[#cand + 1] = id end
  end
  table.sort(cand)
  local out = {}
  for i = 1, math.min(n, #cand) do out[i] = cand[i] end
  return out, #cand > n
end

-- The whole territory pages through the sorted sets grid:cellz / grid:lz (kept by the grid_*.lua operations) when
-- they are complete; otherwise (data written before they existed, or a region) ids are sorted here.
local function lexPage(zkey, after, n)
  local from = after == '' and '-' or '(' .. after
  local ids = redis.call('ZRANGEBYLEX', zkey, from, '+', 'LIMIT', 0, n + 1)
  local more = #ids > n
  if more then ids[#ids] = nil end
  return ids, more
end
local cellCount = redis.call('SCARD', K_CELLS)
local cellsIndexed = whole and redis.call('ZCARD', K_CELLZ) == cellCount

-- cells inside the region (not needed for the whole territory's pages when indexed)
local cellIdsRead = false
local cellIds = {}
local function readCellIds()
  if cellIdsRead then return end
  cellIdsRead = true
  for _, c in ipairs(redis.call('SMEMBERS', K_CELLS)) do
    if whole then
      cellIds[#cellIds + 1] = c
    else
      local r = c
      if not string.match(c, '^%d+$') then r = redis.call('HGET', cellKey(c), 'region') or '' end
      if inside(r) then cellIds[#cellIds + 1] = c end
    end
  end
end
if not cellsIndexed then
  readCellIds()
  cellCount = #cellIds
end

local unassigned = {}
local firms, noCapacity, noCell = 0, 0, 0

-- firms in no cell (by county; a region finer than a county checks each firm's region)
local noCellRows = {}
for _, county in ipairs(redis.call('SMEMBERS', K_NOCELLS)) do
  if inside(county) then
    local n = redis.call('SCARD', nocellKey(county))
    noCell = noCell + n
    if n > 0 and #noCellRows < limit then
      for _, f in ipairs(redis.call('SRANDMEMBER', nocellKey(county), limit - #noCellRows)) do
        noCellRows[#noCellRows + 1] = f
      end
    end
  elseif string.sub(region, 1, #county) == county then
    for _, f in ipairs(redis.call('SMEMBERS', nocellKey(county))) do
      if inside(redis.call('HGET', firmKey(f), 'gr') or '') then
        noCell = noCell + 1
        if #noCellRows < limit then noCellRows[#noCellRows + 1] = f end
      end
    end
  end
end

if whole then
  local s = redis.call('HMGET', K_STATS, 'firms', 'assigned')
  firms = tonumber(s[1] or '0')
  noCapacity = firms - tonumber(s[2] or '0') - noCell
  -- list unassigned firms of cells until the limit, or until all of them were found
  local found = 0
  if limit > 0 and noCapacity > 0 then
    readCellIds()
    for _, c in ipairs(cellIds) do
      local u = redis.call('SCARD', cuKey(c))
      if u > 0 then
        found = found + u
        for _, f in ipairs(redis.call('SRANDMEMBER', cuKey(c), limit - #unassigned)) do
          unassigned[#unassigned + 1] = {f, 'NO_CAPACITY', c}
        end
        if #unassigned >= limit or found >= noCapacity then break end
      end
    end
  end
else
  for _, c in ipairs(cellIds) do
    local u = redis.call('SCARD', cuKey(c))
    firms = firms + redis.call('SCARD', cfKey(c))
    noCapacity = noCapacity + u
    if u > 0 and #unassigned < limit then
      for _, f in ipairs(redis.call('SRANDMEMBER', cuKey(c), limit - #unassigned)) do
        unassigned[#unassigned + 1] = {f, 'NO_CAPACITY', c}
      end
    end
  end
  firms = firms + noCell
end
for _, f in ipairs(noCellRows) do
  if #unassigned < limit then unassigned[#unassigned + 1] = {f, 'NO_CELL', ''} end
end

-- one page of cell rows
local cells = {}
local cellPage, moreCells
if cellsIndexed then
  cellPage, moreCells = lexPage(K_CELLZ, cellsAfter, cellsLimit)
else
  cellPage, moreCells = page(cellIds, cellsAfter, cellsLimit)
end
for _, c in ipairs(cellPage) do
  local n = redis.call('SCARD', cfKey(c))
  local u = redis.call('SCARD', cuKey(c))
  cells[#cells + 1] = {c, n, n - u, u, redis.call('SCARD', clKey(c))}
end

-- active liaisons inside the region, one page of their rows
local liaisonCount = redis.call('SCARD', K_ACTIVE)
local liaisonPage, moreLiaisons
if whole and redis.call('ZCARD', K_LZ) == liaisonCount then
  liaisonPage, moreLiaisons = lexPage(K_LZ, liaisonsAfter, liaisonsLimit)
else
  local liaisonIds = {}
  for _, l in ipairs(redis.call('SMEMBERS', K_ACTIVE)) do
    if whole or inside(redis.call('HGET', lKey(l), 'region') or '') then
      liaisonIds[#liaisonIds + 1] = l
    end
  end
  liaisonCount = #liaisonIds
  liaisonPage, moreLiaisons = page(liaisonIds, liaisonsAfter, liaisonsLimit)
end
local liaisons = {}
for _, l in ipairs(liaisonPage) do
  local h = redis.call('HMGET', lKey(l), 'capacity', 'senior')
  liaisons[#liaisons + 1] = {l, redis.call('SCARD', lfKey(l)), tonumber(h[1] or '0'), h[2] == '1'}
end

return ok({firms = firms, noCell = noCell, noCapacity = noCapacity,
  cellCount = cellCount, liaisonCount = liaisonCount, cells = cells, liaisons = liaisons,
  unassigned = unassigned,
  nextCells = moreCells and cellPage[#cellPage] or '',
  nextLiaisons = moreLiaisons and liaisonPage[#liaisonPage] or ''})
