-- Issues a one-time binding invitation.
-- KEYS[1] invitation key inv:{e:USCC}:SHA256 (expires with the invitation), then the journal tail
-- ARGV: issuer, uscc, ttl ms, expiresAt, audit after json
-- Answers ok true when issued, ok false when the key exists (a nonce drawn twice).
--- @include "include/result"
--- @include "include/journal"
if redis.call('SET', KEYS[1], cjson.encode({issuer = ARGV[1], uscc = ARGV[2], expiresAt = ARGV[4]}),
    'PX', ARGV[3], 'NX') == false then
  return ok(false)
end
audit(ARGV[1], 'enterprise.invitation.issue', 'enterprise:' .. ARGV[2], '', ARGV[5])
return ok(true)
