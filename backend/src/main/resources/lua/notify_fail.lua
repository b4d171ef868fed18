-- A push entry (or a notice) that failed: scheduled again with backoff, or moved to the
-- dead-letter stream when the failure is permanent or the attempts are used up. Acknowledged
-- either way, atomically with the move.
-- ARGV: entryId, fields json (the entry's fields), attempt (the one that failed), max attempts,
--       retry at ms, reason, permanent ('1'/'0'), now ms
local entry = ARGV[1]
local fields = cjson.decode(ARGV[2])
local attempt = tonumber(ARGV[3]) + 1
redis.call('XACK', 'notify:outbox', 'senders', entry)
redis.call('DEL', 'notify:claim:' .. entry)
if ARGV[7] == '1' or attempt >= tonumber(ARGV[4]) then
  local args = {'XADD', 'notify:dead', '*'}
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
  redis.call('HINCRBY', 'notify:stats', 'dead', 1)
  return 0
end
fields['attempt'] = tostring(attempt)
redis.call('ZADD', 'notify:retry', tonumber(ARGV[5]), cjson.encode(fields))
redis.call('HINCRBY', 'notify:stats', 'retried', 1)
return 1
