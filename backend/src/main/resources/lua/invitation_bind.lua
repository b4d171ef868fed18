-- Consumes a binding invitation and binds the WeChat user to the firm, atomically: an invitation
-- binds at most one user, ever.
-- KEYS[1] invitation key, KEYS[2] wxuser hash wxuser:{w:OPENID}, KEYS[3] firm hash, KEYS[4] the
--   firm's WeChat users ent:{e:USCC}:wx, then the journal tail
-- ARGV: openid, uscc, binding json, now
-- Answers ok 1 when bound, ok 0 when the invitation is unknown, used or expired, ok -1 when the
-- firm is gone.
--- @include "include/result"
--- @include "include/journal"
local inv = redis.call('GET', KEYS[1])
if not inv then
  return ok(0)
end
if redis.call('EXISTS', KEYS[3]) == 0 then
  return ok(-1)
end
redis.call('DEL', KEYS[1])
local before = redis.call('HGET', KEYS[2], 'binding') or ''
redis.call('HSET', KEYS[2], 'openid', ARGV[1], 'binding', ARGV[3], 'boundAt', ARGV[4])
-- the firm's WeChat users are the recipients of its notifications (notify); a user bound anew
-- stops receiving the previous firm's
if before ~= '' then
  local okd, prev = pcall(cjson.decode, before)
  if okd and type(prev) == 'table' and type(prev.scope) == 'table' and type(prev.scope.uscc) == 'string' then
    -- key built here: ent:{e:PREVIOUS}:wx of the firm named by the binding read above, known only
    -- inside the script (reading it first would race another bind); another firm's slot
    redis.call('SREM', 'ent:{e:' .. prev.scope.uscc .. '}:wx', ARGV[1])
  end
end
redis.call('SADD', KEYS[4], ARGV[1])
audit('wx:' .. ARGV[1], 'enterprise.bind', 'enterprise:' .. ARGV[2], before, ARGV[3])
change('binding', ARGV[2], ARGV[3])
return ok(1)
