-- Records one visit, all or nothing; only the firm's current liaison may. Its problems were filed
-- as cases before (problem_file.lua, one per case): the visit keeps their ids.
-- ARGV[1] actor, ARGV[2] now (epoch ms), ARGV[3] JSON {uscc, liaisonId, mode, at (epoch ms),
-- location, distance, flagged, notes, problems: [case id], corrections, policiesExplained}
-- KEYS[1] the firm's hash ent:{e:USCC}, KEYS[2] grid:seq:visit, KEYS[3] ent:{e:USCC}:explained,
--   KEYS[4] visits, KEYS[5] visits:f:USCC, KEYS[6] visits:l:LIAISON, then the journal tail
--   (target enterprise:USCC)
-- Answers ok {id, problems}, or forbidden.
--- @include "include/result"
--- @include "include/journal"
local actor, now = ARGV[1], ARGV[2]
local a = cjson.decode(ARGV[3])
local ek = KEYS[1]
if redis.call('HGET', ek, 'liaisonId') ~= a.liaisonId then
  return fail('forbidden', "only the firm's assigned liaison may record its visit")
end
local id = 'V' .. redis.call('INCR', KEYS[2])
local pids = a.problems or {}
local h = redis.call('HMGET', ek, 'gc', 'region')
-- key built here: visit:ID, named by the counter just incremented
redis.call('HSET', 'visit:' .. id, 'id', id, 'uscc', a.uscc, 'liaisonId', a.liaisonId, 'mode', a.mode,
  'at', a.at, 'location', a.location or '', 'distance', a.distance or '', 'flagged', a.flagged and '1' or '0',
  'notes', a.notes or '', 'problems', cjson.encode(pids), 'corrections', a.corrections or '[]',
  'cell', h[1] or '', 'region', h[2] or '', 'recordedBy', actor, 'recordedAt', now)
for _, pid in ipairs(a.policiesExplained or {}) do
  redis.call('SADD', KEYS[3], pid)
end
redis.call('ZADD', KEYS[4], a.at, id)
redis.call('ZADD', KEYS[5], a.at, id)
redis.call('ZADD', KEYS[6], a.at, id)
local after = cjson.encode({id = id, mode = a.mode, at = a.at, distance = a.distance, flagged = a.flagged,
  problems = pids})
audit(actor, 'visit.record', 'enterprise:' .. a.uscc, '', after)
change('visit', id, after)
return ok({id = id, problems = pids})
