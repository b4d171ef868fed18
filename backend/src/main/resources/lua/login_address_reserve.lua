-- Reserves a login attempt of a client address before its password is checked (docs/login.md): the
-- address's failed logins across every account (password spraying) are counted in a window; at the
-- limit the address waits for the window to end. The reservation counts as a failure until the
-- caller refunds it (login_address_refund: the attempt succeeded, or the account's throttle refused it).
-- KEYS[1] login:ip:{ip:ADDRESS}
-- ARGV[1] the most failures per window, ARGV[2] the window (seconds)
-- Answers ok(failures counted, this one included), or address-throttled {retryAfter (seconds)}.
--- @include "include/result"
local max, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= max then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 1 then
    -- a counter without its expiry would throttle the address for ever
    redis.call('EXPIRE', KEYS[1], window)
    ttl = window
  end
  return fail('address-throttled', 'too many failed logins from this address', nil, {retryAfter = ttl})
end
n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], window)
end
return ok(n)
