-- Read-only: the coverage report from the maintained sets and counters (no scan of firms).
-- ARGV[1] JSON {region ('' = all), limit}: cells and liaisons inside the region prefix, totals,
-- and up to limit unassigned firms with their reason (NO_CELL, NO_CAPACITY).
local a = cjson.decode(ARGV[1])
local region, limit = a.region or '', a.limit or 100
local function inside(code) return region == '' or string.sub(code, 1, #region) == region end

local cells, liaisons, unassigned = {}, {}, {}
local firms, noCapacity, noCell = 0, 0, 0
for _, c in ipairs(redis.call('SMEMBERS', 'grid:cells')) do
  local r = c
  if not string.match(c, '^%d+$') then r = redis.call('HGET', 'grid:cell:' .. c, 'region') or '' end
  if inside(r) then
    local n = redis.call('SCARD', 'grid:cf:' .. c)
    local u = redis.call('SCARD', 'grid:cu:' .. c)
    cells[#cells + 1] = {c, n, n - u, u, redis.call('SCARD', 'grid:cl:' .. c)}
    firms = firms + n
    noCapacity = noCapacity + u
    if u > 0 and #unassigned < limit then
      for _, f in ipairs(redis.call('SRANDMEMBER', 'grid:cu:' .. c, limit - #unassigned)) do
        unassigned[#unassigned + 1] = {f, 'NO_CAPACITY', c}
      end
    end
  end
end
for _, county in ipairs(redis.call('SMEMBERS', 'grid:nocells')) do
  if inside(county) or string.sub(region, 1, #county) == county then
    local whole = inside(county)
    for _, f in ipairs(redis.call('SMEMBERS', 'grid:nocell:' .. county)) do
      if whole or inside(redis.call('HGET', 'ent:{e:' .. f .. '}', 'gr') or '') then
        noCell = noCell + 1
        firms = firms + 1
        if #unassigned < limit then unassigned[#unassigned + 1] = {f, 'NO_CELL', ''} end
      end
    end
  end
end
for _, l in ipairs(redis.call('SMEMBERS', 'grid:liaisons:active')) do
  local h = redis.call('HMGET', 'grid:l:' .. l, 'region', 'capacity', 'senior')
  if inside(h[1] or '') then
    liaisons[#liaisons + 1] = {l, redis.call('SCARD', 'grid:lf:' .. l), tonumber(h[2] or '0'), h[3] == '1'}
  end
end
return cjson.encode({firms = firms, noCell = noCell, noCapacity = noCapacity, cells = cells,
  liaisons = liaisons, unassigned = unassigned})
