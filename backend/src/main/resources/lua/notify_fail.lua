-- A push entry (or a notice) that failed: scheduled again with backoff, or moved to the
-- dead-letter stream when the failure is permanent or the attempts are used up. Acknowledged
-- either way, atomically with the move.
-- KEYS[1] notify:outbox, KEYS[2] notify:claim:ENTRY, KEYS[3] notify:dead, KEYS[4] notify:retry,
--   KEYS[5] notify:stats
-- ARGV: entryId, fields json (the entry's fields), attempt (the one that failed), max attempts,
--       retry at ms, reason, permanent ('1'/'0'), now ms
-- Answers ok 1 when scheduled again, ok 0 when dead.
--- @include "include/result"
local entry = ARGV[1]
local fields = cjson.decode(ARGV[2])
local attempt = tonumber(ARGV[3]) + 1
redis.call('XACK', KEYS[1], 'senders', entry)
redis.call('DEL', KEYS[2])
if ARGV[7] == '1' or attempt >= tonumber(ARGV[4]) then
  local args = {'XADD', KEYS[3], '*'}
  for k, v in pairs(fields) do
    if k ~= 'attempt' then
      table.insert(args, k)
      table.insert(args, v)
    end
  end
  for _, kv in ipairs({{'attempts', tostring(attempt)}, {'reason', ARGV[6]}, {'failedAt', ARGV[8]},
      {'entry', entry}}) do
    table.insert(args, kv[1])
    table.insert(args, kv[2])
  end
  redis.call(unpack(args))
  redis.call('HINCRBY', KEYS[5], 'dead', 1)
  return ok(0)
end
fields['attempt'] = tostring(attempt)
redis.call('ZADD', KEYS[4], tonumber(ARGV[5]), cjson.encode(fields))
redis.call('HINCRBY', KEYS[5], 'retried', 1)
return ok(1)
