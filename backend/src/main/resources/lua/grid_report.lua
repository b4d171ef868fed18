-- Read-only: measured figures per active liaison and per cell inside a region prefix.
-- KEYS[1..10] the grid's fixed keys (include/grid_keys), KEYS[11] problems:firms (per firm its open
--   problems o:USCC and those overdue now v:USCC, kept by the problem scripts).
-- ARGV[1] JSON {region, now, windowMs, keyCadenceMs, cadenceMs}. Per firm: due = (last visit, or
-- the assignment when never visited) + cadence; overdue when due < now; required visits in the
-- window = max(1, floor(window / cadence)); done = min(visits in the window, required); a row's
-- openProblems and overdueProblems add up its firms' counters.
-- Answers ok {liaisons, cells}.
--- @include "include/result"
--- @include "include/grid_keys"
local a = cjson.decode(ARGV[1])
local region, now = a.region or '', tonumber(a.now)
local function inside(code) return region == '' or string.sub(code, 1, #region) == region end
local cells = {}
local function cellRow(c)
  if not cells[c] then cells[c] = {firms = 0, overdue = 0, required = 0, done = 0, open = 0, late = 0} end
  return cells[c]
end
local liaisons = {}
for _, l in ipairs(redis.call('SMEMBERS', K_ACTIVE)) do
  local lh = redis.call('HMGET', lKey(l), 'region', 'name', 'unit')
  if inside(lh[1] or '') then
    local row = {l, lh[2], lh[3], 0, 0, 0, 0, 0, 0, 0, 0, 0}
    for _, u in ipairs(redis.call('SMEMBERS', lfKey(l))) do
      local h = redis.call('HMGET', firmKey(u), 'gk', 'ga', 'gc')
      local cadence = (h[1] == '1') and tonumber(a.keyCadenceMs) or tonumber(a.cadenceMs)
      local last = redis.call('ZREVRANGE', firmVisitsKey(u), 0, 0, 'WITHSCORES')
      local base = tonumber(last[2] or h[2] or now)
      local overdue = (base + cadence < now) and 1 or 0
      local required = math.max(1, math.floor(tonumber(a.windowMs) / cadence))
      local n = redis.call('ZCOUNT', firmVisitsKey(u), now - tonumber(a.windowMs), now)
      local done = math.min(n, required)
      local p = redis.call('HMGET', KEYS[11], 'o:' .. u, 'v:' .. u)
      local open, late = tonumber(p[1] or '0'), tonumber(p[2] or '0')
      row[11] = row[11] + open
      row[12] = row[12] + late
      row[4] = row[4] + 1
      row[5] = row[5] + overdue
      row[6] = row[6] + required
      row[7] = row[7] + done
      local c = cellRow(h[3] or '')
      c.firms = c.firms + 1
      c.overdue = c.overdue + overdue
      c.required = c.required + required
      c.done = c.done + done
      c.open = c.open + open
      c.late = c.late + late
    end
    local s = redis.call('HMGET', scoreKey('l', l), 'callbacks', 'confirmed', 'satisfactionSum')
    row[8] = tonumber(s[1] or '0')
    row[9] = tonumber(s[2] or '0')
    row[10] = tonumber(s[3] or '0')
    liaisons[#liaisons + 1] = row
  end
end
local cellRows = {}
for _, c in ipairs(redis.call('SMEMBERS', K_CELLS)) do
  local r = c
  if not string.match(c, '^%d+$') then r = redis.call('HGET', cellKey(c), 'region') or '' end
  if inside(r) then
    local row = cellRow(c)
    local s = redis.call('HMGET', scoreKey('c', c), 'callbacks', 'confirmed', 'satisfactionSum')
    cellRows[#cellRows + 1] = {c, redis.call('HGET', cellKey(c), 'name') or '',
      redis.call('SCARD', cfKey(c)), redis.call('SCARD', cuKey(c)),
      row.overdue, row.required, row.done, tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0'),
      row.open, row.late}
  end
end
return ok({liaisons = liaisons, cells = cellRows})
