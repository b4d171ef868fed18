-- Claims a push entry before its first channel is tried and reads the receiver's preferences, in
-- one round trip.
-- ARGV: entryId, claim ttl ms, openid ('' for a liaison)
-- Returns {state, prefs...}: state 'new' (claimed now), 'done' (handled before) or 'sending'
-- (claimed by a node that stopped while sending it); prefs the flat preference hash.
local key = 'notify:claim:' .. ARGV[1]
local state = 'new'
if not redis.call('SET', key, 'sending', 'NX', 'PX', ARGV[2]) then
  state = redis.call('GET', key) or 'sending'
end
local out = {state}
if state == 'new' and ARGV[3] ~= '' then
  for _, v in ipairs(redis.call('HGETALL', 'notify:prefs:{w:' .. ARGV[3] .. '}')) do
    table.insert(out, v)
  end
end
return out
