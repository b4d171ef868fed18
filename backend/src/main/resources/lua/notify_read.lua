-- Marks an inbox notification read and counts it "opened" in the funnel (first time only).
-- KEYS[1] notify:item:{TO}, KEYS[2] notify:read:{TO}
-- ARGV: to ('firm:USCC' / 'liaison:ID'), notification id
-- Answers ok 1 when newly read, 0 when read before, -1 when the notification is not in this inbox.
--- @include "include/result"
local to, nid = ARGV[1], ARGV[2]
local item = redis.call('HGET', KEYS[1], nid)
if not item then
  return ok(-1)
end
if redis.call('SADD', KEYS[2], nid) == 0 then
  return ok(0)
end
local n = cjson.decode(item)
if string.sub(n.kind, 1, 7) == 'policy.' and string.sub(to, 1, 5) == 'firm:' then
  -- key built here: notify:f:{p:ID}:opened of the policy named by the item read above (known only
  -- once it is read); the policy's slot
  redis.call('SADD', 'notify:f:{p:' .. n.policy .. '}:opened', n.uscc)
end
return ok(1)
