-- Creates a console account with its audit entry.
-- KEYS[1] account hash account:{a:USERNAME}, KEYS[2] accounts set, then the journal tail
-- ARGV: username, role, scope json, hash, createdAt, actor, audit "after" json
-- Answers ok true when created, ok false when the username is taken.
--- @include "include/result"
--- @include "include/journal"
if redis.call('EXISTS', KEYS[1]) == 1 then
  return ok(false)
end
redis.call('HSET', KEYS[1], 'username', ARGV[1], 'role', ARGV[2], 'scope', ARGV[3], 'hash', ARGV[4],
  'createdAt', ARGV[5], 'createdBy', ARGV[6])
redis.call('SADD', KEYS[2], ARGV[1])
audit(ARGV[6], 'account.create', 'account:' .. ARGV[1], '', ARGV[7])
return ok(true)
