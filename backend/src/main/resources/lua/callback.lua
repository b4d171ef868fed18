-- Blind call-backs (盲盒式评价回访). ARGV[1] op, ARGV[2] actor, ARGV[3] now, ARGV[4] JSON.
-- sample {visits: [ids]}: marks each visit (never twice: HSETNX) and opens a call-back for it.
-- record {id, confirmed, satisfaction, comment}: records the outcome once and feeds the scores
-- of the visit's liaison and cell.
local op, actor, now = ARGV[1], ARGV[2], ARGV[3]
local a = cjson.decode(ARGV[4])
if op == 'sample' then
  local ids = {}
  for _, v in ipairs(a.visits) do
    local vk = 'visit:' .. v
    if redis.call('EXISTS', vk) == 1 and redis.call('HEXISTS', vk, 'callback') == 0 then
      local id = 'CB' .. redis.call('INCR', 'grid:seq:callback')
      redis.call('HSET', vk, 'callback', id)
      local h = redis.call('HMGET', vk, 'uscc', 'liaisonId', 'at', 'mode', 'cell', 'region')
      redis.call('HSET', 'callback:' .. id, 'id', id, 'visitId', v, 'uscc', h[1], 'liaisonId', h[2],
        'visitAt', h[3], 'mode', h[4], 'cell', h[5] or '', 'region', h[6] or '', 'status', 'PENDING',
        'sampledBy', actor, 'sampledAt', now)
      redis.call('ZADD', 'callbacks', now, id)
      redis.call('SADD', 'callbacks:pending', id)
      ids[#ids + 1] = id
    end
  end
  if #ids > 0 then
    local after = cjson.encode({callbacks = ids, days = a.days, size = a.size})
    audit(actor, 'callback.sample', 'callbacks', '', after)
    change('callback', 'sample', after)
  end
  return cjson.encode({ids = ids})
elseif op == 'record' then
  local ck = 'callback:' .. a.id
  local status = redis.call('HGET', ck, 'status')
  if not status then return cjson.encode({error = 'not-found'}) end
  if status ~= 'PENDING' then return cjson.encode({error = 'already-recorded'}) end
  local h = redis.call('HMGET', ck, 'liaisonId', 'cell', 'visitId')
  redis.call('HSET', ck, 'status', 'DONE', 'confirmed', a.confirmed and '1' or '0',
    'satisfaction', a.satisfaction, 'comment', a.comment or '', 'recordedBy', actor, 'recordedAt', now)
  redis.call('SREM', 'callbacks:pending', a.id)
  local ok = a.confirmed and 1 or 0
  for _, sk in ipairs({'grid:score:l:' .. h[1], 'grid:score:c:' .. (h[2] or '')}) do
    redis.call('HINCRBY', sk, 'callbacks', 1)
    redis.call('HINCRBY', sk, 'confirmed', ok)
    redis.call('HINCRBY', sk, 'satisfactionSum', a.satisfaction)
  end
  redis.call('HSET', 'visit:' .. h[3], 'callbackConfirmed', ok)
  local after = cjson.encode({confirmed = a.confirmed, satisfaction = a.satisfaction, comment = a.comment})
  audit(actor, 'callback.record', 'callback:' .. a.id, '{"status":"PENDING"}', after)
  change('callback', a.id, after)
  return cjson.encode({id = a.id})
end
return cjson.encode({error = 'unknown-op'})
