-- Records the outcome of a push entry and acknowledges it.
-- ARGV: entryId, outcome ('wechat', 'fcm', 'sms', 'inbox', 'unsubscribed', 'uncertain'), to,
--       policy ids of the pushed policy notices (for the funnel's "delivered")...
redis.call('XACK', 'notify:outbox', 'senders', ARGV[1])
redis.call('SET', 'notify:claim:' .. ARGV[1], 'done', 'PX', 2592000000)
redis.call('HINCRBY', 'notify:stats', 'push.' .. ARGV[2], 1)
local to = ARGV[3]
if (ARGV[2] == 'wechat' or ARGV[2] == 'fcm' or ARGV[2] == 'sms') and string.sub(to, 1, 5) == 'firm:' then
  for i = 4, #ARGV do
    redis.call('SADD', 'notify:f:{p:' .. ARGV[i] .. '}:delivered', string.sub(to, 6))
  end
end
return 1
