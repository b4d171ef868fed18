-- One-time subscribe-message consent per user x template.
-- KEYS[1] notify:consent:{w:OPENID}; ARGV: op, template id[, n]
--   'take'   consumes one; returns 1 when there was one, else 0
--   'refund' gives one back (the send failed before WeChat consumed it)
--   'zero'   WeChat answered 43101: none left
--   'add'    adds n accepts (POST /mp/v1/subscriptions); returns the new balance
-- Answers ok with the number described.
--- @include "include/result"
local op, tpl = ARGV[1], ARGV[2]
if op == 'take' then
  local n = tonumber(redis.call('HGET', KEYS[1], tpl) or '0')
  if n <= 0 then
    return ok(0)
  end
  redis.call('HINCRBY', KEYS[1], tpl, -1)
  return ok(1)
elseif op == 'refund' then
  return ok(redis.call('HINCRBY', KEYS[1], tpl, 1))
elseif op == 'zero' then
  redis.call('HSET', KEYS[1], tpl, 0)
  return ok(0)
elseif op == 'add' then
  return ok(redis.call('HINCRBY', KEYS[1], tpl, tonumber(ARGV[3])))
end
return fail('bad-op', 'unknown op ' .. op)
