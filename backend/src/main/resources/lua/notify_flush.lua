-- Turns the buffered notices of recipients whose push is due into push entries of the outbox, one
-- per address (each bound WeChat user of a firm or a liaison; the liaison or console account
-- itself, for SMS): every application and problem notice alone, all
-- policy notices as one push (a digest when several), unless the recipient's frequency cap on
-- policy pushes is reached (then they stay in the inbox only). Atomic, so any node may run it.
-- KEYS[1] notify:due, KEYS[2] notify:outbox, KEYS[3] notify:stats
-- ARGV: now ms, max recipients, cap (0 = none), cap window ms
-- Answers ok with the number of recipients flushed.
-- The recipients are found in notify:due by this script, so their keys are built here (below).
--- @include "include/result"
local now = tonumber(ARGV[1])
local cap = tonumber(ARGV[3])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local pushes = 0
for _, to in ipairs(due) do
  redis.call('ZREM', KEYS[1], to)
  -- key built here: notify:buf:{TO} of a recipient just read from notify:due (the recipient's slot)
  local buf = 'notify:buf:{' .. to .. '}'
  local flat = redis.call('HGETALL', buf)
  redis.call('DEL', buf)
  local addrs = {}
  if string.sub(to, 1, 5) == 'firm:' then
    -- key built here: ent:{e:USCC}:wx of a firm recipient read from notify:due (the firm's slot)
    for _, openid in ipairs(redis.call('SMEMBERS', 'ent:{e:' .. string.sub(to, 6) .. '}:wx')) do
      table.insert(addrs, 'wx:' .. openid)
    end
  else
    -- key built here: notify:wx:{TO}, the WeChat users bound to a liaison read from notify:due
    -- (the recipient's slot, beside notify:buf:{TO})
    for _, openid in ipairs(redis.call('SMEMBERS', 'notify:wx:{' .. to .. '}')) do
      table.insert(addrs, 'wx:' .. openid)
    end
    -- the recipient itself: a liaison's or an account's SMS (Delivery texts only what has an SMS
    -- template: deadline warnings and escalations)
    table.insert(addrs, to)
  end
  if #addrs > 0 then
    local groups, policies = {}, {}
    for i = 2, #flat, 2 do
      local item = flat[i]
      if string.find(item, '"kind":"policy.', 1, true) then
        table.insert(policies, item)
      else
        table.insert(groups, '[' .. item .. ']')
      end
    end
    if #policies > 0 then
      -- key built here: notify:cap:{TO}, beside notify:buf:{TO} (same recipient tag)
      local capKey = 'notify:cap:{' .. to .. '}'
      redis.call('ZREMRANGEBYSCORE', capKey, '-inf', now - tonumber(ARGV[4]))
      if cap <= 0 or redis.call('ZCARD', capKey) < cap then
        redis.call('ZADD', capKey, now, now .. ':' .. #policies .. ':' .. flat[1])
        table.insert(groups, '[' .. table.concat(policies, ',') .. ']')
      else
        redis.call('HINCRBY', KEYS[3], 'capped', #policies)
      end
    end
    for _, items in ipairs(groups) do
      for _, addr in ipairs(addrs) do
        redis.call('XADD', KEYS[2], '*', 'push', addr, 'to', to, 'items', items, 'attempt', '0')
        pushes = pushes + 1
      end
    end
  end
end
return ok(#due)
