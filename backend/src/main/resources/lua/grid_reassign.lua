-- Grid operation: gives one firm to another liaison of its cell, by hand.
-- KEYS and ARGV: include/grid_state, the firm in ARGV[4] and its hash in KEYS[11]; the journal
-- tail audits target enterprise:USCC.
-- JSON {uscc, liaisonId, reason}. Answers ok {uscc, from, to, assigned, released}, or
-- not-indexed, no-cell, unchanged, unknown-liaison, not-in-cell, no-capacity.
--- @include "include/result"
--- @include "include/journal"
--- @include "include/grid_fill"

local h = redis.call('HMGET', ent(a.uscc), 'gc', 'liaisonId')
if not h[1] then return fail('not-indexed', 'the grid does not know firm ' .. a.uscc .. ' yet (run assign)') end
local cell, old = h[1], h[2]
if cell == '' then return fail('no-cell', 'firm ' .. a.uscc .. ' lies in no cell') end
if old == a.liaisonId then return fail('unchanged', 'the firm already has liaison ' .. old) end
if redis.call('SISMEMBER', K_ACTIVE, a.liaisonId) == 0 then
  return fail('unknown-liaison', 'no active liaison ' .. a.liaisonId)
end
if redis.call('SISMEMBER', clKey(cell), a.liaisonId) == 0 then
  return fail('not-in-cell', 'liaison ' .. a.liaisonId .. ' does not serve cell ' .. cell)
end
local capacity = tonumber(redis.call('HGET', lKey(a.liaisonId), 'capacity'))
if redis.call('SCARD', lfKey(a.liaisonId)) >= capacity then
  return fail('no-capacity', 'liaison ' .. a.liaisonId .. ' is at capacity')
end
local touched = {}
if old then
  release(a.uscc, old, cell)
  touchLiaison(old, touched)
end
give(a.uscc, a.liaisonId)
redis.call('SADD', lfKey(a.liaisonId), a.uscc)
redis.call('SREM', cuKey(cell), a.uscc)
finish(touched)
local after = cjson.encode({liaisonId = a.liaisonId, reason = a.reason, assigned = logJson()})
audit(actor, 'grid.reassign', 'enterprise:' .. a.uscc, cjson.encode({liaisonId = old or cjson.null}), after)
change('assignment', a.uscc, after)
return answer({uscc = a.uscc, from = old or '', to = a.liaisonId})
