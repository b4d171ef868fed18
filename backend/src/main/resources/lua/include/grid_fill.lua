-- Assignment primitives of the grid operations: give and release a firm, fill a cell's
-- unassigned firms, finish a call (write every buffer). Needs include/grid_state.
--- @include "include/grid_state"

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
  redis.call('SREM', lfKey(l), u)
  if cell ~= '' then redis.call('SADD', cuKey(cell), u) end
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
    if #rest > 0 then many('SADD', cuKey(cell), rest) end
  end
  local stored = redis.call('SCARD', cuKey(cell))
  if stored == 0 and next(fresh) == nil then return end
  local ids = redis.call('SMEMBERS', clKey(cell))
  if #ids == 0 then return keep() end
  table.sort(ids)
  local ls, free = {}, 0
  for _, id in ipairs(ids) do
    local h = redis.call('HMGET', lKey(id), 'capacity', 'senior')
    local c = tonumber(h[1] or '0')
    local n = redis.call('SCARD', lfKey(id))
    if n < c then free = free + (c - n) end
    ls[#ls + 1] = {id = id, cap = c, n = n, senior = (h[2] == '1'), got = {}}
  end
  if free == 0 then return keep() end
  local keyFirms, others = {}, {}
  local function sortIn(u, k)
    if k == '1' then keyFirms[#keyFirms + 1] = u else others[#others + 1] = u end
  end
  if stored > 0 then
    for _, u in ipairs(redis.call('SMEMBERS', cuKey(cell))) do
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
    if #l.got > 0 then many('SADD', lfKey(l.id), l.got) end
  end
  if #taken > 0 then many('SREM', cuKey(cell), taken) end
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
  if dFirms ~= 0 then redis.call('HINCRBY', K_STATS, 'firms', dFirms) end
  if dAssigned ~= 0 then redis.call('HINCRBY', K_STATS, 'assigned', dAssigned) end
  dFirms, dAssigned = 0, 0
end
