-- KEYS[1] account hash; ARGV: username, role, scope json, hash, createdAt, actor, audit "after" json
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'username', ARGV[1], 'role', ARGV[2], 'scope', ARGV[3], 'hash', ARGV[4],
  'createdAt', ARGV[5], 'createdBy', ARGV[6])
redis.call('SADD', 'accounts', ARGV[1])
audit(ARGV[6], 'account.create', 'account:' .. ARGV[1], '', ARGV[7])
return 1
