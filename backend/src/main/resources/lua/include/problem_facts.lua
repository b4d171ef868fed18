-- Report facts of a problem (docs/problems.md, "Reports"): one compact JSON per case in the hash of
-- its township and filing month, rewritten by the script that changes the case, so a report of one
-- county over a year reads a bounded set of hashes and never scans the cases; and the firm's open
-- and overdue counters the liaison and cell reports read. What a fact says is computed in Java
-- (problem.ReportFacts); the script only merges it atomically with the step that caused it.
-- Five keys from KEYS[base]: +0 problems:facts:TOWNSHIP:YYYY-MM, +1 problems:facts:townships,
--   +2 problems:facts:dept:DEPARTMENT (the townships where it has cases), +3 problems:firms
--   (fields o:USCC open, v:USCC overdue), +4 problems:overdue (read: is the case overdue now)
-- The argument (json): {id, uscc, township, department, open (1|0, absent = unchanged),
--   set {field: value}, once {field: value, kept when already set}, add {field: increment}}

-- The kinds of the BREACH events of a tick's due list not fired yet (read before the tick marks them).
local function facts_breaches(seen, eventsJson)
  local kinds = {}
  for _, e in ipairs(cjson.decode(eventsJson)) do
    if e.type == 'BREACH' and not seen[e.name] then
      kinds[#kinds + 1] = e.kind
    end
  end
  return kinds
end

-- Merges the argument into the case's fact, counts each breach once (a first missed deadline of a
-- kind decides "on time" as no), and moves the firm's counters by the difference from what the
-- fact last counted (flags p and v), so a retried or reordered script never counts twice.
local function facts(base, argJson, breaches)
  local a = cjson.decode(argJson)
  local f = cjson.decode(redis.call('HGET', KEYS[base], a.id) or '{}')
  for k, v in pairs(a.set or {}) do f[k] = v end
  for k, v in pairs(a.once or {}) do
    if f[k] == nil then f[k] = v end
  end
  for k, v in pairs(a.add or {}) do f[k] = (f[k] or 0) + v end
  for _, kind in ipairs(breaches or {}) do
    f.b = (f.b or 0) + 1
    if kind == 'ACCEPT' and f.a == nil then f.a = 0 end
    if kind == 'FIRST_REPORT' and f.r == nil then f.r = 0 end
  end
  if a.open ~= nil and a.open ~= (f.p or 0) then
    redis.call('HINCRBY', KEYS[base + 3], 'o:' .. a.uscc, a.open - (f.p or 0))
    f.p = a.open
  end
  local over = redis.call('ZSCORE', KEYS[base + 4], a.id) and 1 or 0
  if over ~= (f.v or 0) then
    redis.call('HINCRBY', KEYS[base + 3], 'v:' .. a.uscc, over - (f.v or 0))
    f.v = over
  end
  redis.call('HSET', KEYS[base], a.id, cjson.encode(f))
  redis.call('SADD', KEYS[base + 1], a.township)
  if a.department ~= '' then
    redis.call('SADD', KEYS[base + 2], a.township)
  end
end
