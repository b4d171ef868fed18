-- Settles a login attempt reserved by login_account_reserve whose password was right: the pair
-- (address, account) starts again from nothing, the account's count gives back this attempt (the
-- failures from elsewhere stay), and the address becomes one the account is known to log in from.
-- KEYS[1] login:acct:{a:USERNAME} hash {n, next}, KEYS[2] login:pair:{a:USERNAME}:ADDRESS,
--   KEYS[3] login:known:{a:USERNAME} sorted set address -> last success (ms)
-- ARGV[1] address, ARGV[2] now (ms), ARGV[3] the most known addresses kept, ARGV[4] how long the
--   known set is kept after the last success (s)
-- Answers ok(1).
--- @include "include/result"
redis.call('DEL', KEYS[2])
if tonumber(redis.call('HGET', KEYS[1], 'n') or '0') > 0 then
  redis.call('HINCRBY', KEYS[1], 'n', -1)
end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
-- bounded: the oldest addresses go first
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[3]) + 1))
redis.call('EXPIRE', KEYS[3], ARGV[4])
return ok(1)
