-- One write to one firm, all or nothing, only if nobody wrote it since it was read.
-- KEYS[1] firm hash ent:{e:USCC}, KEYS[2] its history list, KEYS[3] the enterprises set, then the
--   journal tail
-- ARGV: expected version, actor, action, uscc, members to set (json array name,value,...),
--       members to delete (json array), history entry ('' = none), audit before, audit after,
--       change payload
-- Answers ok with the new version, or 'version-conflict' with the current version as detail.
--- @include "include/result"
--- @include "include/journal"
local v = redis.call('HGET', KEYS[1], 'v') or '0'
if v ~= ARGV[1] then
  return fail('version-conflict', v)
end
local nv = tostring(tonumber(v) + 1)
local dels = cjson.decode(ARGV[6])
if #dels > 0 then
  redis.call('HDEL', KEYS[1], unpack(dels))
end
local sets = cjson.decode(ARGV[5])
if #sets > 0 then
  redis.call('HSET', KEYS[1], unpack(sets))
end
redis.call('HSET', KEYS[1], 'v', nv)
if ARGV[7] ~= '' then
  redis.call('LPUSH', KEYS[2], ARGV[7])
end
if v == '0' then
  redis.call('SADD', KEYS[3], ARGV[4])
end
audit(ARGV[2], ARGV[3], 'enterprise:' .. ARGV[4], ARGV[8], ARGV[9])
change('enterprise', ARGV[4], ARGV[10])
return ok(tonumber(nv))
