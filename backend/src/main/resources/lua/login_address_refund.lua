-- Gives back an address's reservation (login_address_reserve) of an attempt that did not fail: the
-- password was right, or the account's throttle refused the attempt before it was checked.
-- KEYS[1] login:ip:{ip:ADDRESS}
-- Answers ok(failures counted now).
--- @include "include/result"
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then
  n = redis.call('DECR', KEYS[1])
end
return ok(n)
