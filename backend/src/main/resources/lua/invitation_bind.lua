-- Consumes a binding invitation and binds the WeChat user to the firm, atomically: an invitation
-- binds at most one user, ever.
-- KEYS[1] invitation key, KEYS[2] wxuser hash wxuser:{w:OPENID}, KEYS[3] firm hash
-- ARGV: openid, uscc, binding json, now
-- Returns 1 when bound, 0 when the invitation is unknown, used or expired, -1 when the firm is gone.
local inv = redis.call('GET', KEYS[1])
if not inv then
  return 0
end
if redis.call('EXISTS', KEYS[3]) == 0 then
  return -1
end
redis.call('DEL', KEYS[1])
local before = redis.call('HGET', KEYS[2], 'binding') or ''
redis.call('HSET', KEYS[2], 'openid', ARGV[1], 'binding', ARGV[3], 'boundAt', ARGV[4])
-- the firm's WeChat users are the recipients of its notifications (notify); a user bound anew
-- stops receiving the previous firm's
if before ~= '' then
  local ok, prev = pcall(cjson.decode, before)
  if ok and type(prev) == 'table' and type(prev.scope) == 'table' and type(prev.scope.uscc) == 'string' then
    redis.call('SREM', 'ent:{e:' .. prev.scope.uscc .. '}:wx', ARGV[1])
  end
end
redis.call('SADD', 'ent:{e:' .. ARGV[2] .. '}:wx', ARGV[1])
audit('wx:' .. ARGV[1], 'enterprise.bind', 'enterprise:' .. ARGV[2], before, ARGV[3])
change('binding', ARGV[2], ARGV[3])
return 1
