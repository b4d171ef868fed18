-- Issues a one-time binding invitation.
-- KEYS[1] invitation key inv:{e:USCC}:SHA256 (expires with the invitation)
-- ARGV: issuer, uscc, ttl ms, expiresAt, audit after json
if redis.call('SET', KEYS[1], cjson.encode({issuer = ARGV[1], uscc = ARGV[2], expiresAt = ARGV[4]}),
    'PX', ARGV[3], 'NX') == false then
  return 0
end
audit(ARGV[1], 'enterprise.invitation.issue', 'enterprise:' .. ARGV[2], '', ARGV[5])
return 1
