-- Updates the contact fields of a console account (its SMS phone, whether a handler heads its
-- department) with its audit entry; the caller checked the role and the values.
-- KEYS[1] account hash account:{a:USERNAME}, then the journal tail
-- ARGV: username, actor, phone ('' = unchanged, '-' = removed, else the number), head ('' =
--   unchanged, '1' / '0'), audit "before" json, audit "after" json
-- Answers ok true when updated, or not-found when there is no such account.
--- @include "include/result"
--- @include "include/journal"
if redis.call('EXISTS', KEYS[1]) == 0 then
  return fail('not-found', 'no account ' .. ARGV[1])
end
if ARGV[3] == '-' then
  redis.call('HDEL', KEYS[1], 'phone')
elseif ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'phone', ARGV[3])
end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'head', ARGV[4])
end
audit(ARGV[2], 'account.update', 'account:' .. ARGV[1], ARGV[5], ARGV[6])
return ok(true)
