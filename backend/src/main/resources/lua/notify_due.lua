-- Moves retries whose backoff has passed back into the outbox stream. Atomic, so any node may run it.
-- ARGV: now ms, max entries. Returns the number moved.
local due = redis.call('ZRANGEBYSCORE', 'notify:retry', '-inf', tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
for _, json in ipairs(due) do
  redis.call('ZREM', 'notify:retry', json)
  local fields = cjson.decode(json)
  local args = {'XADD', 'notify:outbox', '*'}
  for k, v in pairs(fields) do
    table.insert(args, k)
    table.insert(args, v)
  end
  redis.call(unpack(args))
end
return #due
