-- A firm's profile changed: brings the match sets of the live policies in line with its new
-- verdicts. Only policies whose match set is current for their live version are touched (a set
-- being computed will include the firm as it is now).
-- KEYS[1] the firm's verdict hash ent:{e:USCC}:matches; per live policy i (in ARGV[3]'s order)
--   KEYS[3i-1] its hash, KEYS[3i] its eligible set, KEYS[3i+1] its unknown set; then changes
-- ARGV[1] uscc, ARGV[2] json {policyId: "E" | "U"} (policies where the firm is not INELIGIBLE),
-- ARGV[3] json [[policyId, version], ...] of every live policy
-- Answers ok with the ids of the policies the firm became ELIGIBLE for.
--- @include "include/result"
--- @include "include/journal"
local uscc = ARGV[1]
local mk = KEYS[1]
local verdicts = cjson.decode(ARGV[2])
local newly = {}
for i, live in ipairs(cjson.decode(ARGV[3])) do
  local pid, v = live[1], live[2]
  local pk, ek, uk = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  if redis.call('HGET', pk, 'matchedVersion') == tostring(v) then
    local old = redis.call('HGET', mk, pid)
    local new = verdicts[pid]
    if old ~= new then
      if new == 'E' then
        redis.call('SADD', ek, uscc)
        redis.call('SREM', uk, uscc)
        redis.call('HSET', mk, pid, 'E')
        newly[#newly + 1] = pid
        change('policy.eligible', pid, cjson.encode({uscc = uscc, version = v, verdict = 'ELIGIBLE'}))
      elseif new == 'U' then
        redis.call('SADD', uk, uscc)
        redis.call('SREM', ek, uscc)
        redis.call('HSET', mk, pid, 'U')
      else
        redis.call('SREM', ek, uscc)
        redis.call('SREM', uk, uscc)
        redis.call('HDEL', mk, pid)
      end
      redis.call('HSET', pk, 'eligibleCount', redis.call('SCARD', ek), 'unknownCount', redis.call('SCARD', uk))
    end
  end
end
return ok(newly)
