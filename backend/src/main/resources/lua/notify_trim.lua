-- Trims outbox entries that every consumer has acknowledged: everything older than both the oldest
-- pending entry and the group's last delivered id (XTRIM MINID keeps ids >= the bound).
-- KEYS[1] notify:outbox. Answers ok with the number of entries removed.
--- @include "include/result"
local found, groups = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1])
if not found then
  return ok(0)
end
local last
for _, g in ipairs(groups) do
  for i = 1, #g, 2 do
    if g[i] == 'name' and g[i + 1] ~= 'senders' then
      break
    end
    if g[i] == 'last-delivered-id' then
      last = g[i + 1]
    end
  end
end
if not last then
  return ok(0)
end
local pending = redis.call('XPENDING', KEYS[1], 'senders')
local bound = last
if pending[2] then
  bound = pending[2]
end
return ok(redis.call('XTRIM', KEYS[1], 'MINID', bound))
