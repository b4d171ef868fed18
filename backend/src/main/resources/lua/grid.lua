-- Every mutation of the service grid (docs/grid.md), one operation per call, all or nothing.
-- ARGV[1] operation, ARGV[2] actor, ARGV[3] now (epoch ms), ARGV[4] JSON arguments; the bulk
-- operation `index` takes its firms as a flat list ARGV[5..] (or as "firms" in the JSON).
-- Answers a JSON document: the operation's result, or {"error": SLUG, "detail": ...} having
-- written nothing (every check runs before the first write).
--
-- Layout (docs/grid.md): grid:cells, grid:cell:ID, grid:prefix (region code -> cell),
-- grid:pin (uscc -> cell), grid:cf:CELL (firms), grid:cu:CELL (unassigned firms),
-- grid:cl:CELL (active liaisons), grid:nocell:COUNTY, grid:nocells, grid:l:ID, grid:lf:ID
-- (firms of a liaison; its load is the set's size), grid:liaisons, grid:liaisons:active,
-- grid:cellz and grid:lz (cells and active liaisons again, as sorted sets for paging),
-- grid:stats; on the firm hash ent:{e:USCC}: liaisonId (read by the enterprise package's access
-- checks), ga (assigned at), gc (indexed cell, '' = none), gk (key firm 1/0), gr (indexed region).
-- The invariant kept by every operation: a firm of a cell is unassigned only while every liaison
-- of that cell is at capacity; an assigned firm's liaison is active, serves its cell and holds it
-- in its set.

local op, actor, now = ARGV[1], ARGV[2], ARGV[3]
local a = cjson.decode(ARGV[4])

local log = {}          -- {uscc, liaison} pairs given in this call
local released = 0
local mutated = false

-- Write buffers, so that a bulk call issues few commands per firm (the cost of a script is its
-- redis.call count). All are flushed by finish(), which every writing operation ends with.
local dFirms, dAssigned = 0, 0   -- grid:stats increments
local pend = {}   -- uscc -> {gc, gk, gr} indexed in this call, written with the firm's next HSET
local ver = {}    -- uscc -> the firm's v as read in this call (nil: unknown, use HINCRBY)
local keyOf = {}  -- uscc -> key flag known in this call
local newCf = {}  -- cell -> {uscc = true}: firms to add to grid:cf:CELL
local newCu = {}  -- cell -> {uscc = true}: unassigned firms not yet in grid:cu:CELL (fill takes them)

local function many(cmd, key, list)
  for i = 1, #list, 1000 do
    redis.call(cmd, key, unpack(list, i, math.min(#list, i + 999)))
  end
end
local function members(set)
  local out = {}
  for u in pairs(set) do out[#out + 1] = u end
  return out
end
local function bufAdd(buf, cell, u)
  local b = buf[cell]
  if not b then b = {}; buf[cell] = b end
  b[u] = true
end
local function bufRem(buf, cell, u)
  if buf[cell] then buf[cell][u] = nil end
end
local function flushCf()
  for cell, set in pairs(newCf) do many('SADD', 'grid:cf:' .. cell, members(set)) end
  newCf = {}
end

local function ent(u) return 'ent:{e:' .. u .. '}' end
local function county(region)
  if #region >= 6 then return string.sub(region, 1, 6) end
  return region
end
local function fail(slug, detail, pointer)
  return cjson.encode({error = slug, detail = detail, pointer = pointer})
end

local keyTags = cjson.decode(redis.call('HGET', 'grid:config', 'keyTags') or '["重点企业","规上工业"]')
local function isKey(tagsJson)
  if not tagsJson then return false end
  for _, t in ipairs(keyTags) do
    if string.find(tagsJson, '"' .. t .. '"', 1, true) then return true end
  end
  return false
end

local hasPins = nil
local prefixOf = {}   -- region code -> cell or false, cached for the call (prefixes are written first)
local function resolve(u, region)
  if hasPins == nil then hasPins = redis.call('HLEN', 'grid:pin') > 0 end
  if hasPins then
    local pin = redis.call('HGET', 'grid:pin', u)
    if pin and redis.call('EXISTS', 'grid:cell:' .. pin) == 1 then return pin end
  end
  for _, len in ipairs({12, 9, 6}) do
    if #region >= len then
      local p = string.sub(region, 1, len)
      local c = prefixOf[p]
      if c == nil then
        c = redis.call('HGET', 'grid:prefix', p) or false
        prefixOf[p] = c
      end
      if c then return c end
    end
  end
  return ''
end

local function liaisonCells(l)
  return cjson.decode(redis.call('HGET', 'grid:l:' .. l, 'cells') or '[]')
end
local function touchLiaison(l, touched)
  for _, c in ipairs(liaisonCells(l)) do touched[c] = true end
end

-- Writes a firm's pending index fields (if any).
local function flushFirm(u)
  local p = pend[u]
  if p then
    redis.call('HSET', ent(u), 'gc', p[1], 'gk', p[2], 'gr', p[3])
    pend[u] = nil
  end
end

-- The firm's side of an assignment (one HSET with its pending index fields, bumping v); the
-- caller adds the firm to grid:lf:L and takes it out of grid:cu:CELL.
local function give(u, l)
  local p, v = pend[u], ver[u]
  if p and v then
    redis.call('HSET', ent(u), 'gc', p[1], 'gk', p[2], 'gr', p[3], 'liaisonId', l, 'ga', now, 'v', v + 1)
    ver[u] = v + 1
  elseif p then
    redis.call('HSET', ent(u), 'gc', p[1], 'gk', p[2], 'gr', p[3], 'liaisonId', l, 'ga', now)
    redis.call('HINCRBY', ent(u), 'v', 1)
  else
    redis.call('HSET', ent(u), 'liaisonId', l, 'ga', now)
    redis.call('HINCRBY', ent(u), 'v', 1)
    ver[u] = nil
  end
  pend[u] = nil
  dAssigned = dAssigned + 1
  log[#log + 1] = {u, l}
  mutated = true
end

local function release(u, l, cell)
  redis.call('HDEL', ent(u), 'liaisonId', 'ga')
  redis.call('HINCRBY', ent(u), 'v', 1)
  ver[u] = nil
  redis.call('SREM', 'grid:lf:' .. l, u)
  if cell ~= '' then redis.call('SADD', 'grid:cu:' .. cell, u) end
  dAssigned = dAssigned - 1
  released = released + 1
  mutated = true
end

-- Gives the cell's unassigned firms to its liaisons with spare capacity: key firms first and to
-- senior liaisons where one has room, other firms to the rest first (seniors keep room for key
-- firms); within a group the liaison with the lowest load/capacity ratio, ties by id. The cell's
-- unassigned firms are those of grid:cu:CELL and those indexed into it in this call (newCu), which
-- go to the set only if they stay unassigned.
local function fill(cell)
  local fresh = newCu[cell] or {}
  newCu[cell] = nil
  local function keep()
    local rest = members(fresh)
    if #rest > 0 then many('SADD', 'grid:cu:' .. cell, rest) end
  end
  local stored = redis.call('SCARD', 'grid:cu:' .. cell)
  if stored == 0 and next(fresh) == nil then return end
  local ids = redis.call('SMEMBERS', 'grid:cl:' .. cell)
  if #ids == 0 then return keep() end
  table.sort(ids)
  local ls, free = {}, 0
  for _, id in ipairs(ids) do
    local h = redis.call('HMGET', 'grid:l:' .. id, 'capacity', 'senior')
    local c = tonumber(h[1] or '0')
    local n = redis.call('SCARD', 'grid:lf:' .. id)
    if n < c then free = free + (c - n) end
    ls[#ls + 1] = {id = id, cap = c, n = n, senior = (h[2] == '1'), got = {}}
  end
  if free == 0 then return keep() end
  local keyFirms, others = {}, {}
  local function sortIn(u, k)
    if k == '1' then keyFirms[#keyFirms + 1] = u else others[#others + 1] = u end
  end
  if stored > 0 then
    for _, u in ipairs(redis.call('SMEMBERS', 'grid:cu:' .. cell)) do
      local k = keyOf[u]
      if k == nil then k = redis.call('HGET', ent(u), 'gk') end
      sortIn(u, k)
    end
  end
  for u in pairs(fresh) do sortIn(u, keyOf[u]) end
  table.sort(keyFirms)
  table.sort(others)
  local function pick(wantSenior)
    for pass = 1, 2 do
      local best, bestR = nil, nil
      for _, l in ipairs(ls) do
        if l.n < l.cap and (pass == 2 or l.senior == wantSenior) then
          local r = l.n / l.cap
          if best == nil or r < bestR then best, bestR = l, r end
        end
      end
      if best then return best end
    end
    return nil
  end
  local taken = {}   -- given firms that were in grid:cu:CELL
  for _, group in ipairs({{keyFirms, true}, {others, false}}) do
    for _, u in ipairs(group[1]) do
      if free == 0 then break end
      local l = pick(group[2])
      give(u, l.id)
      l.got[#l.got + 1] = u
      l.n = l.n + 1
      free = free - 1
      if fresh[u] then fresh[u] = nil else taken[#taken + 1] = u end
    end
  end
  for _, l in ipairs(ls) do
    if #l.got > 0 then many('SADD', 'grid:lf:' .. l.id, l.got) end
  end
  if #taken > 0 then many('SREM', 'grid:cu:' .. cell, taken) end
  keep()
end

-- Fills the touched cells, then writes every buffer: every writing operation ends here.
local function finish(touched)
  local cells = {}
  for c in pairs(touched) do if c ~= '' then cells[#cells + 1] = c end end
  for c in pairs(newCu) do if not touched[c] then cells[#cells + 1] = c end end
  table.sort(cells)
  for _, c in ipairs(cells) do fill(c) end
  flushCf()
  for u in pairs(pend) do flushFirm(u) end
  if dFirms ~= 0 then redis.call('HINCRBY', 'grid:stats', 'firms', dFirms) end
  if dAssigned ~= 0 then redis.call('HINCRBY', 'grid:stats', 'assigned', dAssigned) end
  dFirms, dAssigned = 0, 0
end

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
      local capacity = tonumber(redis.call('HGET', 'grid:l:' .. lid, 'capacity') or '0')
      if new ~= '' and redis.call('SISMEMBER', 'grid:cl:' .. new, lid) == 1
          and redis.call('SCARD', 'grid:lf:' .. lid) < capacity then
        redis.call('SADD', 'grid:lf:' .. lid, u)
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
      redis.call('SREM', 'grid:nocell:' .. county(oldRegion), u)
    else
      redis.call('SREM', 'grid:cf:' .. old, u)
      redis.call('SREM', 'grid:cu:' .. old, u)
      bufRem(newCf, old, u)
      bufRem(newCu, old, u)
    end
    if lid and redis.call('SISMEMBER', 'grid:lf:' .. lid, u) == 1 then
      if new == '' or redis.call('SISMEMBER', 'grid:cl:' .. new, lid) == 0 then
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
    redis.call('SADD', 'grid:nocell:' .. county(region), u)
    redis.call('SADD', 'grid:nocells', county(region))
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
        local anc = redis.call('HGET', 'grid:prefix', string.sub(code, 1, len))
        if anc then sources[anc] = true end
      end
    end
    counties[county(code)] = true
  end
  for c in pairs(sources) do
    flushCf()
    for _, u in ipairs(redis.call('SMEMBERS', 'grid:cf:' .. c)) do index(u, touched) end
  end
  for c in pairs(counties) do
    for _, u in ipairs(redis.call('SMEMBERS', 'grid:nocell:' .. c)) do index(u, touched) end
  end
end

local function logJson()
  local pairsOut = {}
  for i, p in ipairs(log) do pairsOut[i] = p[1] .. ':' .. p[2] end
  return pairsOut
end

local function result(extra)
  extra.assigned = #log
  extra.released = released
  return cjson.encode(extra)
end

if op == 'build' then
  local created, skipped, codes = 0, 0, {}
  for _, d in ipairs(a.cells) do
    if redis.call('EXISTS', 'grid:cell:' .. d.code) == 1 or redis.call('HEXISTS', 'grid:prefix', d.code) == 1 then
      skipped = skipped + 1
    else
      redis.call('HSET', 'grid:cell:' .. d.code, 'id', d.code, 'name', d.name, 'kind', 'DIVISION',
        'level', a.level, 'region', d.code, 'codes', cjson.encode({d.code}), 'createdAt', now)
      redis.call('SADD', 'grid:cells', d.code)
      redis.call('ZADD', 'grid:cellz', 0, d.code)
      redis.call('HSET', 'grid:prefix', d.code, d.code)
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
  return result({created = created, skipped = skipped})

elseif op == 'cell' then
  if redis.call('EXISTS', 'grid:cell:' .. a.id) == 1 then return fail('cell-exists', 'cell ' .. a.id .. ' exists') end
  for i, code in ipairs(a.codes) do
    local holder = redis.call('HGET', 'grid:prefix', code)
    if holder then
      return fail('region-taken', 'region ' .. code .. ' already makes cell ' .. holder, '/regionCodes/' .. (i - 1))
    end
  end
  for i, u in ipairs(a.firms) do
    if redis.call('EXISTS', ent(u)) == 0 then
      return fail('unknown-firm', 'no enterprise ' .. u)
    end
    local holder = redis.call('HGET', 'grid:pin', u)
    if holder and redis.call('EXISTS', 'grid:cell:' .. holder) == 1 then
      return fail('firm-taken', 'firm ' .. u .. ' is already listed by cell ' .. holder)
    end
  end
  redis.call('HSET', 'grid:cell:' .. a.id, 'id', a.id, 'name', a.name, 'kind', 'CUSTOM', 'level', 'CUSTOM',
    'region', a.region, 'codes', cjson.encode(a.codes), 'firms', #a.firms, 'createdAt', now)
  redis.call('SADD', 'grid:cells', a.id)
  redis.call('ZADD', 'grid:cellz', 0, a.id)
  for _, code in ipairs(a.codes) do redis.call('HSET', 'grid:prefix', code, a.id) end
  for _, u in ipairs(a.firms) do redis.call('HSET', 'grid:pin', u, a.id) end
  local touched = {}
  if #a.codes > 0 then reindexUnder(a.codes, touched) end
  for _, u in ipairs(a.firms) do index(u, touched) end
  finish(touched)
  local after = cjson.encode({name = a.name, region = a.region, codes = a.codes, firms = a.firms, assigned = logJson()})
  audit(actor, 'grid.cell.create', 'cell:' .. a.id, '', after)
  change('grid', a.id, after)
  return result({id = a.id})

elseif op == 'liaison_create' then
  if redis.call('EXISTS', 'grid:l:' .. a.id) == 1 then return fail('liaison-exists', 'liaison ' .. a.id .. ' exists') end
  for _, c in ipairs(a.cells) do
    if redis.call('EXISTS', 'grid:cell:' .. c) == 0 then return fail('unknown-cell', 'no cell ' .. c) end
  end
  redis.call('HSET', 'grid:l:' .. a.id, 'id', a.id, 'name', a.name, 'phone', a.phone, 'unit', a.unit,
    'rank', a.rank, 'senior', a.senior and '1' or '0', 'capacity', a.capacity, 'cells', cjson.encode(a.cells),
    'region', a.region, 'username', a.username, 'active', '1', 'createdAt', now)
  redis.call('SADD', 'grid:liaisons', a.id)
  redis.call('SADD', 'grid:liaisons:active', a.id)
  redis.call('ZADD', 'grid:lz', 0, a.id)
  local touched = {}
  for _, c in ipairs(a.cells) do
    redis.call('SADD', 'grid:cl:' .. c, a.id)
    touched[c] = true
  end
  finish(touched)
  local after = cjson.encode({name = a.name, unit = a.unit, rank = a.rank, capacity = a.capacity,
    cells = a.cells, username = a.username, assigned = #log})
  audit(actor, 'liaison.create', 'liaison:' .. a.id, '', after)
  change('liaison', a.id, after)
  return result({id = a.id})

elseif op == 'liaison_update' then
  local lk = 'grid:l:' .. a.id
  if redis.call('HGET', lk, 'active') ~= '1' then return fail('not-found', 'no active liaison ' .. a.id) end
  if a.cells then
    for _, c in ipairs(a.cells) do
      if redis.call('EXISTS', 'grid:cell:' .. c) == 0 then return fail('unknown-cell', 'no cell ' .. c) end
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
        redis.call('SREM', 'grid:cl:' .. c, a.id)
      end
    end
    local firms = redis.call('SMEMBERS', 'grid:lf:' .. a.id)
    table.sort(firms)
    for _, u in ipairs(firms) do
      local gc = redis.call('HGET', ent(u), 'gc') or ''
      if removed[gc] then
        release(u, a.id, gc)
        touched[gc] = true
      end
    end
    for _, c in ipairs(a.cells) do redis.call('SADD', 'grid:cl:' .. c, a.id) end
    redis.call('HSET', lk, 'cells', cjson.encode(a.cells))
    if a.regionAfter then redis.call('HSET', lk, 'region', a.regionAfter) end
  end
  if a.capacity then
    redis.call('HSET', lk, 'capacity', a.capacity)
    local firms = redis.call('SMEMBERS', 'grid:lf:' .. a.id)
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
  return result({id = a.id})

elseif op == 'liaison_deactivate' then
  local lk = 'grid:l:' .. a.id
  if redis.call('HGET', lk, 'active') ~= '1' then return fail('not-found', 'no active liaison ' .. a.id) end
  local reason = type(a.reason) == 'string' and a.reason or ''
  redis.call('HSET', lk, 'active', '0', 'deactivatedAt', now, 'deactivationReason', reason)
  redis.call('SREM', 'grid:liaisons:active', a.id)
  redis.call('ZREM', 'grid:lz', a.id)
  local touched = {}
  for _, c in ipairs(liaisonCells(a.id)) do
    redis.call('SREM', 'grid:cl:' .. c, a.id)
  end
  local firms = redis.call('SMEMBERS', 'grid:lf:' .. a.id)
  table.sort(firms)
  for _, u in ipairs(firms) do
    local gc = redis.call('HGET', ent(u), 'gc') or ''
    release(u, a.id, gc)
    touched[gc] = true
  end
  finish(touched)
  local after = cjson.encode({active = false, reason = a.reason, released = released, assigned = logJson()})
  audit(actor, 'liaison.deactivate', 'liaison:' .. a.id, '{"active":true}', after)
  change('liaison', a.id, after)
  return result({id = a.id})

elseif op == 'index' then
  -- the sorted sets for paging the coverage date from after the first cells and liaisons: repair
  if redis.call('ZCARD', 'grid:cellz') ~= redis.call('SCARD', 'grid:cells') then
    for _, c in ipairs(redis.call('SMEMBERS', 'grid:cells')) do redis.call('ZADD', 'grid:cellz', 0, c) end
  end
  if redis.call('ZCARD', 'grid:lz') ~= redis.call('SCARD', 'grid:liaisons:active') then
    redis.call('DEL', 'grid:lz')
    for _, l in ipairs(redis.call('SMEMBERS', 'grid:liaisons:active')) do redis.call('ZADD', 'grid:lz', 0, l) end
  end
  local firms = a.firms or {}
  if #ARGV > 4 then
    firms = {}
    for i = 5, #ARGV do firms[#firms + 1] = ARGV[i] end
  end
  local touched, seen = {}, {}
  for _, u in ipairs(firms) do
    if not seen[u] then
      seen[u] = true
      index(u, touched)
    end
  end
  finish(touched)
  if mutated then
    local after = cjson.encode({indexed = #firms, assigned = logJson(), released = released})
    audit(actor, 'grid.assign', 'grid', '', after)
    change('grid', 'assign', after)
  end
  return result({indexed = #firms})

elseif op == 'reassign' then
  local h = redis.call('HMGET', ent(a.uscc), 'gc', 'liaisonId')
  if not h[1] then return fail('not-indexed', 'the grid does not know firm ' .. a.uscc .. ' yet (run assign)') end
  local cell, old = h[1], h[2]
  if cell == '' then return fail('no-cell', 'firm ' .. a.uscc .. ' lies in no cell') end
  if old == a.liaisonId then return fail('unchanged', 'the firm already has liaison ' .. old) end
  if redis.call('SISMEMBER', 'grid:liaisons:active', a.liaisonId) == 0 then
    return fail('unknown-liaison', 'no active liaison ' .. a.liaisonId)
  end
  if redis.call('SISMEMBER', 'grid:cl:' .. cell, a.liaisonId) == 0 then
    return fail('not-in-cell', 'liaison ' .. a.liaisonId .. ' does not serve cell ' .. cell)
  end
  local capacity = tonumber(redis.call('HGET', 'grid:l:' .. a.liaisonId, 'capacity'))
  if redis.call('SCARD', 'grid:lf:' .. a.liaisonId) >= capacity then
    return fail('no-capacity', 'liaison ' .. a.liaisonId .. ' is at capacity')
  end
  local touched = {}
  if old then
    release(a.uscc, old, cell)
    touchLiaison(old, touched)
  end
  give(a.uscc, a.liaisonId)
  redis.call('SADD', 'grid:lf:' .. a.liaisonId, a.uscc)
  redis.call('SREM', 'grid:cu:' .. cell, a.uscc)
  finish(touched)
  local after = cjson.encode({liaisonId = a.liaisonId, reason = a.reason, assigned = logJson()})
  audit(actor, 'grid.reassign', 'enterprise:' .. a.uscc, cjson.encode({liaisonId = old or cjson.null}), after)
  change('assignment', a.uscc, after)
  return result({uscc = a.uscc, from = old or '', to = a.liaisonId})

elseif op == 'config' then
  local before = cjson.encode(redis.call('HGETALL', 'grid:config'))
  for k, v in pairs(a) do redis.call('HSET', 'grid:config', k, v) end
  local after = cjson.encode(redis.call('HGETALL', 'grid:config'))
  audit(actor, 'grid.config', 'grid:config', before, after)
  change('grid', 'config', after)
  return result({})
end
return fail('unknown-op', op)
