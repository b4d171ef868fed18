-- Records the outcome of a push entry and acknowledges it.
-- KEYS[1] notify:outbox, KEYS[2] notify:claim:ENTRY, KEYS[3] notify:stats, KEYS[3+i] the funnel set
--   notify:f:{p:ID}:delivered of the i-th policy id of ARGV[4..]
-- ARGV: entryId, outcome ('wechat', 'fcm', 'sms', 'inbox', 'unsubscribed', 'uncertain'), to,
--       policy ids of the pushed policy notices (for the funnel's "delivered")...
--- @include "include/result"
redis.call('XACK', KEYS[1], 'senders', ARGV[1])
redis.call('SET', KEYS[2], 'done', 'PX', 2592000000)
redis.call('HINCRBY', KEYS[3], 'push.' .. ARGV[2], 1)
local to = ARGV[3]
if (ARGV[2] == 'wechat' or ARGV[2] == 'fcm' or ARGV[2] == 'sms') and string.sub(to, 1, 5) == 'firm:' then
  for i = 4, #ARGV do
    redis.call('SADD', KEYS[i], string.sub(to, 6))
  end
end
return ok(1)
