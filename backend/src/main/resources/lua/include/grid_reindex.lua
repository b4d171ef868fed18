-- (Re-)indexing firms into cells, for the operations that create cells and for the bulk index.
--- @include "include/grid_fill"

-- (Re-)indexes one firm from its record: resolves its cell, moves it when the cell changed
-- (keeping its liaison only if that liaison serves the new cell), records cells to fill.
local function index(u, touched)
  flushFirm(u)
  local h = redis.call('HMGET', ent(u), 'v', 'region', 'f:tags', 'gc', 'liaisonId', 'gr', 'gk')
  if not h[1] then return end
  local region = h[2] or ''
  local new = resolve(u, region)
  local key = isKey(h[3]) and '1' or '0'
  local old, lid, oldRegion = h[4], h[5], h[6] or ''
  local v = tonumber(h[1])
  keyOf[u] = key
  ver[u] = nil
  if old == false then
    dFirms = dFirms + 1
    mutated = true
    if lid then
      -- a liaison written outside the grid is adopted only where it may hold the firm
      local capacity = tonumber(redis.call('HGET', lKey(lid), 'capacity') or '0')
      if new ~= '' and redis.call('SISMEMBER', clKey(new), lid) == 1
          and redis.call('SCARD', lfKey(lid)) < capacity then
        redis.call('SADD', lfKey(lid), u)
        redis.call('HSET', ent(u), 'ga', now)
        dAssigned = dAssigned + 1
        log[#log + 1] = {u, lid}
      else
        redis.call('HDEL', ent(u), 'liaisonId')
        redis.call('HINCRBY', ent(u), 'v', 1)
        if v then v = v + 1 end
        lid = nil
      end
    end
  else
    if old == new and (new ~= '' or county(oldRegion) == county(region)) then
      if h[7] ~= key then
        redis.call('HSET', ent(u), 'gk', key)
        mutated = true
      end
      if oldRegion ~= region then redis.call('HSET', ent(u), 'gr', region) end
      return
    end
    mutated = true
    if old == '' then
      redis.call('SREM', nocellKey(county(oldRegion)), u)
    else
      redis.call('SREM', cfKey(old), u)
      redis.call('SREM', cuKey(old), u)
      bufRem(newCf, old, u)
      bufRem(newCu, old, u)
    end
    if lid and redis.call('SISMEMBER', lfKey(lid), u) == 1 then
      if new == '' or redis.call('SISMEMBER', clKey(new), lid) == 0 then
        release(u, lid, '')
        touchLiaison(lid, touched)
        lid = nil
        v = nil
      end
    elseif lid then
      redis.call('HDEL', ent(u), 'liaisonId', 'ga')
      lid = nil
    end
  end
  pend[u] = {new, key, region}
  ver[u] = v
  if new == '' then
    redis.call('SADD', nocellKey(county(region)), u)
    redis.call('SADD', K_NOCELLS, county(region))
  else
    bufAdd(newCf, new, u)
    if not lid then
      bufAdd(newCu, new, u)
      touched[new] = true
    end
  end
end

-- Re-indexes the firms an added prefix may take: those of the cells at shorter prefixes and
-- those of the county without a cell.
local function reindexUnder(codes, touched)
  local sources, counties = {}, {}
  for _, code in ipairs(codes) do
    for _, len in ipairs({9, 6}) do
      if #code > len then
        local anc = redis.call('HGET', K_PREFIX, string.sub(code, 1, len))
        if anc then sources[anc] = true end
      end
    end
    counties[county(code)] = true
  end
  for c in pairs(sources) do
    flushCf()
    for _, u in ipairs(redis.call('SMEMBERS', cfKey(c))) do index(u, touched) end
  end
  for c in pairs(counties) do
    for _, u in ipairs(redis.call('SMEMBERS', nocellKey(c))) do index(u, touched) end
  end
end
