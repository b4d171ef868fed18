-- Moves retries whose backoff has passed back into the outbox stream. Atomic, so any node may run it.
-- KEYS[1] notify:retry, KEYS[2] notify:outbox
-- ARGV: now ms, max entries. Answers ok with the number moved.
--- @include "include/result"
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
for _, json in ipairs(due) do
  redis.call('ZREM', KEYS[1], json)
  local fields = cjson.decode(json)
  local args = {'XADD', KEYS[2], '*'}
  for k, v in pairs(fields) do
    table.insert(args, k)
    table.insert(args, v)
  end
  redis.call(unpack(args))
end
return ok(#due)
