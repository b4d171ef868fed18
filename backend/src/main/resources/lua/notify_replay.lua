-- Replays a dead letter: its original fields go back into the outbox with a fresh attempt count,
-- and the dead letter is removed, atomically. Audited.
-- KEYS[1] notify:dead, KEYS[2] notify:outbox, then the journal tail
-- ARGV: dead-letter id, actor. Answers ok with the new outbox id, or not-found.
--- @include "include/result"
--- @include "include/journal"
local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #found == 0 then
  return fail('not-found', 'no dead letter ' .. ARGV[1])
end
local f = found[1][2]
local args = {'XADD', KEYS[2], '*'}
local skip = {attempts = true, reason = true, failedAt = true, entry = true}
for i = 1, #f, 2 do
  if not skip[f[i]] then
    table.insert(args, f[i])
    table.insert(args, f[i + 1])
  end
end
table.insert(args, 'attempt')
table.insert(args, '0')
local id = redis.call(unpack(args))
redis.call('XDEL', KEYS[1], ARGV[1])
audit(ARGV[2], 'notification.replay', 'notification:dead:' .. ARGV[1], '', id)
return ok(id)
