-- A firm's profile changed: brings the match sets of the live policies in line with its new
-- verdicts. Only policies whose match set is current for their live version are touched (a set
-- being computed will include the firm as it is now).
-- ARGV[1] uscc, ARGV[2] json {policyId: "E" | "U"} (policies where the firm is not INELIGIBLE),
-- ARGV[3] json {policyId: version} of every live policy
-- Returns the ids of the policies the firm became ELIGIBLE for.
local uscc = ARGV[1]
local mk = 'ent:{e:' .. uscc .. '}:matches'
local verdicts = cjson.decode(ARGV[2])
local newly = {}
for pid, v in pairs(cjson.decode(ARGV[3])) do
  local pk = 'policy:{p:' .. pid .. '}'
  if redis.call('HGET', pk, 'matchedVersion') == tostring(v) then
    local old = redis.call('HGET', mk, pid)
    local new = verdicts[pid]
    if old ~= new then
      if new == 'E' then
        redis.call('SADD', pk .. ':eligible', uscc)
        redis.call('SREM', pk .. ':unknown', uscc)
        redis.call('HSET', mk, pid, 'E')
        newly[#newly + 1] = pid
        change('policy.eligible', pid, cjson.encode({uscc = uscc, version = v, verdict = 'ELIGIBLE'}))
      elseif new == 'U' then
        redis.call('SADD', pk .. ':unknown', uscc)
        redis.call('SREM', pk .. ':eligible', uscc)
        redis.call('HSET', mk, pid, 'U')
      else
        redis.call('SREM', pk .. ':eligible', uscc)
        redis.call('SREM', pk .. ':unknown', uscc)
        redis.call('HDEL', mk, pid)
      end
      redis.call('HSET', pk, 'eligibleCount', redis.call('SCARD', pk .. ':eligible'),
        'unknownCount', redis.call('SCARD', pk .. ':unknown'))
    end
  end
end
return newly
