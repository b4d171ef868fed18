-- Accepts outbox notices (written by notify()): stores each in the recipient's inbox, buffers it
-- for the recipient's next push (digest, quiet hours) and acknowledges the outbox entry, all at
-- once, so a notice handled again after a crash is recognised by its inbox item and skipped.
-- ARGV: now ms, then per notice 8 values: entryId, to, uscc, policy, version, kind, payload json,
--       push due at ms
-- Returns the number of notices accepted (not seen before).
local now = tonumber(ARGV[1])
local accepted = 0
for i = 2, #ARGV, 8 do
  local entry, to, uscc, policy, version, kind = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3],
    ARGV[i + 4], ARGV[i + 5]
  local isPolicy = string.sub(kind, 1, 7) == 'policy.'
  local nid = policy .. '~' .. version .. '~' .. kind
  if string.sub(to, 1, 8) == 'liaison:' and not isPolicy then
    nid = nid .. '~' .. uscc
  end
  local ok, payload = pcall(cjson.decode, ARGV[i + 6])
  if not ok or type(payload) ~= 'table' then
    payload = {}
  end
  redis.call('XACK', 'notify:outbox', 'senders', entry)
  local item = cjson.encode({id = nid, policy = policy, version = version, kind = kind, uscc = uscc,
    at = now, payload = payload})
  if redis.call('HSETNX', 'notify:item:{' .. to .. '}', nid, item) == 1 then
    accepted = accepted + 1
    -- microsecond-like scores (ms * 1000 + position in the batch) keep an inbox's order strict, so
    -- paging by score never skips notices accepted in the same millisecond
    redis.call('ZADD', 'notify:inbox:{' .. to .. '}', ARGV[1] .. string.format('%03d', (i - 2) / 8), nid)
    if isPolicy and string.sub(to, 1, 5) == 'firm:' then
      redis.call('SADD', 'notify:f:{p:' .. policy .. '}:pushed', uscc)
    end
    redis.call('HSET', 'notify:buf:{' .. to .. '}', nid, item)
    -- LT: a later notice never postpones a push already due earlier
    redis.call('ZADD', 'notify:due', 'LT', ARGV[i + 7], to)
  end
end
return accepted
