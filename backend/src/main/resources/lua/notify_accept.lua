-- Accepts outbox notices (written by notify()): stores each in the recipient's inbox, buffers it
-- for the recipient's next push (digest, quiet hours) and acknowledges the outbox entry, all at
-- once, so a notice handled again after a crash is recognised by its inbox item and skipped.
-- KEYS[1] notify:outbox, KEYS[2] notify:due, then per notice k four keys from KEYS[3 + 4(k-1)]: its
--   recipient's notify:item:{TO}, notify:inbox:{TO}, notify:buf:{TO}, and its policy's funnel set
--   notify:f:{p:ID}:pushed
-- ARGV: now ms, then per notice 8 values: entryId, to, uscc, policy, version, kind, payload json,
--       push due at ms
-- Answers ok with the number of notices accepted (not seen before).
--- @include "include/result"
local now = tonumber(ARGV[1])
local accepted = 0
for i = 2, #ARGV, 8 do
  local entry, to, uscc, policy, version, kind = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3],
    ARGV[i + 4], ARGV[i + 5]
  local k = 3 + 4 * (i - 2) / 8
  local isPolicy = string.sub(kind, 1, 7) == 'policy.'
  local nid = policy .. '~' .. version .. '~' .. kind
  if string.sub(to, 1, 8) == 'liaison:' and not isPolicy then
    nid = nid .. '~' .. uscc
  end
  local ok, payload = pcall(cjson.decode, ARGV[i + 6])
  if not ok or type(payload) ~= 'table' then
    payload = {}
  end
  redis.call('XACK', KEYS[1], 'senders', entry)
  local item = cjson.encode({id = nid, policy = policy, version = version, kind = kind, uscc = uscc,
    at = now, payload = payload})
  if redis.call('HSETNX', KEYS[k], nid, item) == 1 then
    accepted = accepted + 1
    -- microsecond-like scores (ms * 1000 + position in the batch) keep an inbox's order strict, so
    -- paging by score never skips notices accepted in the same millisecond
    redis.call('ZADD', KEYS[k + 1], ARGV[1] .. string.format('%03d', (i - 2) / 8), nid)
    if isPolicy and string.sub(to, 1, 5) == 'firm:' then
      redis.call('SADD', KEYS[k + 3], uscc)
    end
    redis.call('HSET', KEYS[k + 2], nid, item)
    -- LT: a later notice never postpones a push already due earlier
    redis.call('ZADD', KEYS[2], 'LT', ARGV[i + 7], to)
  end
end
return ok(accepted)
