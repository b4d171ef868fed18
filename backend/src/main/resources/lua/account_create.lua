-- Creates a console account with its audit entry, indexed by role (and a handler by department,
-- so that the notifications find a case's handlers without a scan).
-- KEYS[1] account hash account:{a:USERNAME}, KEYS[2] accounts set, KEYS[3] the role's set
--   accounts:role:ROLE, KEYS[4] the department's handlers accounts:dept:DEPT (any key for other
--   roles: written only when ARGV[10] is '1'), then the journal tail
-- ARGV: username, role, scope json, hash, createdAt, actor, audit "after" json, phone ('' = none),
--   head ('1'/'0'), '1' when the account is a department's handler
-- Answers ok true when created, ok false when the username is taken.
--- @include "include/result"
--- @include "include/journal"
if redis.call('EXISTS', KEYS[1]) == 1 then
  return ok(false)
end
redis.call('HSET', KEYS[1], 'username', ARGV[1], 'role', ARGV[2], 'scope', ARGV[3], 'hash', ARGV[4],
  'createdAt', ARGV[5], 'createdBy', ARGV[6], 'head', ARGV[9])
if ARGV[8] ~= '' then
  redis.call('HSET', KEYS[1], 'phone', ARGV[8])
end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
if ARGV[10] == '1' then
  redis.call('SADD', KEYS[4], ARGV[1])
end
audit(ARGV[6], 'account.create', 'account:' .. ARGV[1], '', ARGV[7])
return ok(true)
