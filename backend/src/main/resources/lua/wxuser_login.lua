-- Records a WeChat login; the first one is audited.
-- KEYS[1] wxuser hash wxuser:{w:OPENID}, then the journal tail; ARGV: openid, unionid, session key, now
-- Answers ok with the user's binding json ('' when not bound yet).
--- @include "include/result"
--- @include "include/journal"
local new = redis.call('EXISTS', KEYS[1]) == 0
redis.call('HSET', KEYS[1], 'openid', ARGV[1], 'sessionKey', ARGV[3], 'lastLogin', ARGV[4])
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'unionid', ARGV[2])
end
if new then
  redis.call('HSET', KEYS[1], 'firstLogin', ARGV[4])
  audit('wx:' .. ARGV[1], 'wxuser.create', 'wxuser:' .. ARGV[1], '',
    cjson.encode({openid = ARGV[1], firstLogin = ARGV[4]}))
end
return ok(redis.call('HGET', KEYS[1], 'binding') or '')
