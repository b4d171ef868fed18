-- Accepts one outbox notice (written by notify()): stores it in the recipient's inbox, buffers it
-- for the next push to the recipient (digest, quiet hours) and acknowledges the outbox entry, all
-- at once, so a notice handled again after a crash is recognised by its inbox item and skipped.
-- ARGV: entryId, to, uscc, policy, version, kind, payload json, now ms, push due at ms
-- Returns 1 when accepted, 0 when it had been accepted before.
local entry, to, uscc, policy, version, kind = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local now = tonumber(ARGV[8])
local isPolicy = string.sub(kind, 1, 7) == 'policy.'
local nid = policy .. '~' .. version .. '~' .. kind
if string.sub(to, 1, 8) == 'liaison:' and not isPolicy then
  nid = nid .. '~' .. uscc
end
local ok, payload = pcall(cjson.decode, ARGV[7])
if not ok or type(payload) ~= 'table' then
  payload = {}
end
local item = cjson.encode({id = nid, policy = policy, version = version, kind = kind, uscc = uscc,
  at = now, payload = payload})
redis.call('XACK', 'notify:outbox', 'senders', entry)
if redis.call('HSETNX', 'notify:item:{' .. to .. '}', nid, item) == 0 then
  return 0
end
redis.call('ZADD', 'notify:inbox:{' .. to .. '}', now, nid)
if isPolicy and string.sub(to, 1, 5) == 'firm:' then
  redis.call('SADD', 'notify:f:{p:' .. policy .. '}:pushed', uscc)
end
redis.call('HSET', 'notify:buf:{' .. to .. '}', nid, item)
-- LT: a later notice never postpones a push already due earlier
redis.call('ZADD', 'notify:due', 'LT', ARGV[9], to)
return 1
