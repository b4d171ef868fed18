-- Shared state and helpers of the grid operations (docs/grid.md, docs/lua.md); every grid_*.lua
-- script includes it. ARGV[1] actor, ARGV[2] now (epoch ms), ARGV[3] JSON arguments, ARGV[4..]
-- the firms named by the call (USCCs, as many as FIRST_FIRM_KEY's run of firm keys).
-- KEYS[1..10] the grid's fixed keys (grid.GridKeys.fixed()): grid:config, grid:pin, grid:prefix,
-- grid:stats, grid:cells, grid:cellz, grid:liaisons, grid:liaisons:active, grid:lz, grid:nocells;
-- KEYS[11..] the hashes ent:{e:USCC} of the firms in ARGV[4..] (same order); then the journal tail.
--
-- The invariant kept by every operation: a firm of a cell is unassigned only while every liaison
-- of that cell is at capacity; an assigned firm's liaison is active, serves its cell and holds it
-- in its set.

local actor, now = ARGV[1], ARGV[2]
local a = cjson.decode(ARGV[3])

--- @include "include/grid_keys"
local FIRST_FIRM_KEY = 11

-- The firms named by the call, in order, and their keys from KEYS.
local named, entKey = {}, {}
for i = 4, #ARGV do
  local u = ARGV[i]
  named[#named + 1] = u
  entKey[u] = KEYS[FIRST_FIRM_KEY + i - 4]
end
-- a firm's hash: from KEYS when the call names the firm, else found in a grid set
local function ent(u) return entKey[u] or firmKey(u) end

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
  for cell, set in pairs(newCf) do many('SADD', cfKey(cell), members(set)) end
  newCf = {}
end

local function county(region)
  if #region >= 6 then return string.sub(region, 1, 6) end
  return region
end

local keyTags = cjson.decode(redis.call('HGET', K_CONFIG, 'keyTags') or '["重点企业","规上工业"]')
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
  if hasPins == nil then hasPins = redis.call('HLEN', K_PIN) > 0 end
  if hasPins then
    local pin = redis.call('HGET', K_PIN, u)
    if pin and redis.call('EXISTS', cellKey(pin)) == 1 then return pin end
  end
  for _, len in ipairs({12, 9, 6}) do
    if #region >= len then
      local p = string.sub(region, 1, len)
      local c = prefixOf[p]
      if c == nil then
        c = redis.call('HGET', K_PREFIX, p) or false
        prefixOf[p] = c
      end
      if c then return c end
    end
  end
  return ''
end

local function liaisonCells(l)
  return cjson.decode(redis.call('HGET', lKey(l), 'cells') or '[]')
end
local function touchLiaison(l, touched)
  for _, c in ipairs(liaisonCells(l)) do touched[c] = true end
end

local function logJson()
  local pairsOut = {}
  for i, p in ipairs(log) do pairsOut[i] = p[1] .. ':' .. p[2] end
  return pairsOut
end

-- The operation's answer (include/result shape), with the assignment counts every caller reads.
local function answer(extra)
  extra.assigned = #log
  extra.released = released
  return ok(extra)
end
