-- Replays a dead letter: its original fields go back into the outbox with a fresh attempt count,
-- and the dead letter is removed, atomically. Audited.
-- ARGV: dead-letter id, actor. Returns the new outbox id, or false when the dead letter is unknown.
local found = redis.call('XRANGE', 'notify:dead', ARGV[1], ARGV[1])
if #found == 0 then
  return false
end
local f = found[1][2]
local args = {'XADD', 'notify:outbox', '*'}
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
redis.call('XDEL', 'notify:dead', ARGV[1])
audit(ARGV[2], 'notification.replay', 'notification:dead:' .. ARGV[1], '', id)
return id
