-- Blind call-backs (盲盒式评价回访), sampling: marks each visit (never twice: HSETNX) and opens a
-- call-back for it.
-- KEYS[1] grid:seq:callback, KEYS[2] callbacks, KEYS[3] callbacks:pending, KEYS[3+i] visit:ID of
--   the i-th visit of the JSON's list, then the journal tail (target callbacks)
-- ARGV[1] actor, ARGV[2] now, ARGV[3] JSON {visits: [ids], days, size}
-- Answers ok {ids} of the call-backs opened.
--- @include "include/result"
--- @include "include/journal"
local actor, now = ARGV[1], ARGV[2]
local a = cjson.decode(ARGV[3])
local ids = {}
for i, v in ipairs(a.visits) do
  local vk = KEYS[3 + i]
  if redis.call('EXISTS', vk) == 1 and redis.call('HEXISTS', vk, 'callback') == 0 then
    local id = 'CB' .. redis.call('INCR', KEYS[1])
    redis.call('HSET', vk, 'callback', id)
    local h = redis.call('HMGET', vk, 'uscc', 'liaisonId', 'at', 'mode', 'cell', 'region')
    -- key built here: callback:ID, named by the counter just incremented (its id does not exist
    -- before the script runs)
    redis.call('HSET', 'callback:' .. id, 'id', id, 'visitId', v, 'uscc', h[1], 'liaisonId', h[2],
      'visitAt', h[3], 'mode', h[4], 'cell', h[5] or '', 'region', h[6] or '', 'status', 'PENDING',
      'sampledBy', actor, 'sampledAt', now)
    redis.call('ZADD', KEYS[2], now, id)
    redis.call('SADD', KEYS[3], id)
    ids[#ids + 1] = id
  end
end
if #ids > 0 then
  local after = cjson.encode({callbacks = ids, days = a.days, size = a.size})
  audit(actor, 'callback.sample', 'callbacks', '', after)
  change('callback', 'sample', after)
end
return ok({ids = ids})
