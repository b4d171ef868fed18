-- Records one visit with its problems, all or nothing; only the firm's current liaison may.
-- ARGV[1] actor, ARGV[2] now (epoch ms), ARGV[3] JSON {uscc, liaisonId, mode, at (epoch ms),
-- location, distance, flagged, notes, problems: [{text, category}], corrections, policiesExplained}
local actor, now = ARGV[1], ARGV[2]
local a = cjson.decode(ARGV[3])
local ek = 'ent:{e:' .. a.uscc .. '}'
if redis.call('HGET', ek, 'liaisonId') ~= a.liaisonId then
  return cjson.encode({error = 'forbidden'})
end
local id = 'V' .. redis.call('INCR', 'grid:seq:visit')
local pids = {}
for _, p in ipairs(a.problems) do
  local pid = 'Q' .. redis.call('INCR', 'grid:seq:problem')
  redis.call('HSET', 'problem:' .. pid, 'id', pid, 'uscc', a.uscc, 'text', p.text, 'category', p.category or '',
    'status', 'OPEN', 'source', 'VISIT', 'visitId', id, 'reportedBy', actor, 'createdAt', now)
  redis.call('SADD', 'problems:open:f:' .. a.uscc, pid)
  redis.call('ZADD', 'problems', now, pid)
  pids[#pids + 1] = pid
end
local h = redis.call('HMGET', ek, 'gc', 'region')
redis.call('HSET', 'visit:' .. id, 'id', id, 'uscc', a.uscc, 'liaisonId', a.liaisonId, 'mode', a.mode,
  'at', a.at, 'location', a.location or '', 'distance', a.distance or '', 'flagged', a.flagged and '1' or '0',
  'notes', a.notes or '', 'problems', cjson.encode(pids), 'corrections', a.corrections or '[]',
  'cell', h[1] or '', 'region', h[2] or '', 'recordedBy', actor, 'recordedAt', now)
for _, pid in ipairs(a.policiesExplained or {}) do
  redis.call('SADD', ek .. ':explained', pid)
end
redis.call('ZADD', 'visits', a.at, id)
redis.call('ZADD', 'visits:f:' .. a.uscc, a.at, id)
redis.call('ZADD', 'visits:l:' .. a.liaisonId, a.at, id)
local after = cjson.encode({id = id, mode = a.mode, at = a.at, distance = a.distance, flagged = a.flagged,
  problems = pids})
audit(actor, 'visit.record', 'enterprise:' .. a.uscc, '', after)
change('visit', id, after)
return cjson.encode({id = id, problems = pids})
