-- Claims a push entry before its first channel is tried and reads the receiver's preferences, in
-- one round trip.
-- KEYS[1] notify:claim:ENTRY, KEYS[2] notify:prefs:{w:OPENID} (any key when there is no openid)
-- ARGV: entryId, claim ttl ms, openid ('' for a liaison)
-- Answers ok {state, prefs}: state 'new' (claimed now), 'done' (handled before) or 'sending'
-- (claimed by a node that stopped while sending it); prefs the preference hash as an object.
--- @include "include/result"
local key = KEYS[1]
local state = 'new'
if not redis.call('SET', key, 'sending', 'NX', 'PX', ARGV[2]) then
  state = redis.call('GET', key) or 'sending'
end
local prefs = {}
if state == 'new' and ARGV[3] ~= '' then
  local flat = redis.call('HGETALL', KEYS[2])
  for i = 1, #flat, 2 do prefs[flat[i]] = flat[i + 1] end
end
return ok({state = state, prefs = prefs})
