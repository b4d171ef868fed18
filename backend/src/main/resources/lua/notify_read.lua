-- Marks an inbox notification read and counts it "opened" in the funnel (first time only).
-- ARGV: to ('firm:USCC' / 'liaison:ID'), notification id
-- Returns 1 when newly read, 0 when read before, -1 when the notification is not in this inbox.
local to, nid = ARGV[1], ARGV[2]
local item = redis.call('HGET', 'notify:item:{' .. to .. '}', nid)
if not item then
  return -1
end
if redis.call('SADD', 'notify:read:{' .. to .. '}', nid) == 0 then
  return 0
end
local n = cjson.decode(item)
if string.sub(n.kind, 1, 7) == 'policy.' and string.sub(to, 1, 5) == 'firm:' then
  redis.call('SADD', 'notify:f:{p:' .. n.policy .. '}:opened', n.uscc)
end
return 1
