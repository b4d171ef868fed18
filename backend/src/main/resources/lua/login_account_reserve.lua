-- Reserves a login attempt on an account from a client address before its password is checked
-- (docs/login.md). Two throttles, on keys of the account's one slot {a:USERNAME}:
--  * the pair (this address, this account): a few free failures, then exponential backoff, each
--    attempt waiting longer since the previous one; the real user elsewhere is not affected;
--  * the account across addresses: past a high count of failures, addresses the account never
--    logged in from may try only one at a time, a few seconds apart (a delay, never a lock); the
--    addresses it did log in from recently are exempt.
-- The reservation counts as a failure until login_account_success settles it.
-- KEYS[1] login:acct:{a:USERNAME} hash {n, next}, KEYS[2] login:pair:{a:USERNAME}:ADDRESS hash
--   {n, next}, KEYS[3] login:known:{a:USERNAME} sorted set address -> last success (ms)
-- ARGV[1] address, ARGV[2] now (ms), ARGV[3] pair's free failures, ARGV[4] pair's first wait (ms),
--   ARGV[5] pair's longest wait (ms), ARGV[6] pair's memory (s), ARGV[7] account's failures before
--   it slows, ARGV[8] account's spacing (ms), ARGV[9] account's memory (s), ARGV[10] how long a
--   success makes an address known (ms)
-- Answers ok {pair, account} (failures counted, this one included), or pair-throttled /
--   account-throttled {retryAfter (seconds)}, having written nothing.
--- @include "include/result"
local now = tonumber(ARGV[2])
local free, first, longest = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local pairMemory, slowAfter, spacing = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local accountMemory, knownFor = tonumber(ARGV[9]), tonumber(ARGV[10])

local function seconds(untilMs)
  return math.max(1, math.ceil((untilMs - now) / 1000))
end

local p = redis.call('HMGET', KEYS[2], 'n', 'next')
local pn, pnext = tonumber(p[1] or '0'), tonumber(p[2] or '0')
if now < pnext then
  return fail('pair-throttled', 'too many failed logins of this account from this address', nil,
    {retryAfter = seconds(pnext)})
end

local a = redis.call('HMGET', KEYS[1], 'n', 'next')
local an, anext = tonumber(a[1] or '0'), tonumber(a[2] or '0')
local last = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[1]) or '0')
local known = last > 0 and now - last < knownFor
if an >= slowAfter and not known and now < anext then
  return fail('account-throttled', 'too many failed logins of this account', nil, {retryAfter = seconds(anext)})
end

pn = pn + 1
local wait = 0
if pn >= free then
  wait = math.min(first * 2 ^ (pn - free), longest)
end
redis.call('HSET', KEYS[2], 'n', pn, 'next', string.format('%d', now + wait))
-- the pair is forgotten a while after its last failure, never before its wait is over
redis.call('EXPIRE', KEYS[2], math.max(pairMemory, math.ceil(wait / 1000)))

an = redis.call('HINCRBY', KEYS[1], 'n', 1)
if an > slowAfter and not known then
  redis.call('HSET', KEYS[1], 'next', string.format('%d', now + spacing))
end
-- sliding: an account under a steady attack stays slowed for unknown addresses
redis.call('EXPIRE', KEYS[1], accountMemory)
return ok({pair = pn, account = an})
