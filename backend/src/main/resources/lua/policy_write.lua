-- One step of a policy's lifecycle, all or nothing, with its audit entry and change event.
-- KEYS[1] policy hash policy:{p:ID}, KEYS[2] its versions list, KEYS[3] its pool hash, KEYS[4]
--   the policies set, then the journal tail
-- ARGV[1] op: create | update | submit | return | publish | close
-- ARGV[2] policy id, ARGV[3] actor, ARGV[4] now (ISO instant)
-- create/update: ARGV[5] draft json, ARGV[6] department (create), ARGV[7] title
-- return: ARGV[5] reason
-- publish: ARGV[5] the draft json the caller validated, ARGV[6] pool total in 分, ARGV[7] mode,
--          ARGV[8] opensOn, ARGV[9] closesOn, ARGV[10] title
-- Answers ok {version, status} or a refusal (not-found, closed, in-review, not-draft, ...).
--- @include "include/result"
--- @include "include/journal"
local op, id, actor, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local p = KEYS[1]

local function event(status, version)
  local dept = redis.call('HGET', p, 'department') or ''
  local title = redis.call('HGET', p, 'title') or ''
  change('policy', id, cjson.encode({status = status, version = tonumber(version), department = dept,
    title = title, amendment = redis.call('HGET', p, 'amendment') or cjson.null}))
end

if op == 'create' then
  if redis.call('EXISTS', p) == 1 then return fail('exists', 'policy ' .. id .. ' exists') end
  redis.call('HSET', p, 'id', id, 'status', 'DRAFT', 'version', '0', 'department', ARGV[6], 'title', ARGV[7],
    'draft', ARGV[5], 'drafter', actor, 'createdBy', actor, 'createdAt', now, 'updatedAt', now)
  redis.call('SADD', KEYS[4], id)
  audit(actor, 'policy.create', 'policy:' .. id, '', ARGV[5])
  event('DRAFT', '0')
  return ok({version = 0, status = 'DRAFT'})
end

local status = redis.call('HGET', p, 'status')
if not status then return fail('not-found', 'no policy ' .. id) end
local version = redis.call('HGET', p, 'version')
local amendment = redis.call('HGET', p, 'amendment')

if op == 'update' then
  if status == 'CLOSED' then return fail('closed', 'a closed policy cannot be edited') end
  if status == 'IN_REVIEW' or amendment == 'IN_REVIEW' then
    return fail('in-review', 'the draft is in review; return it to draft before editing')
  end
  local before = redis.call('HGET', p, 'draft') or redis.call('HGET', p, 'published') or ''
  redis.call('HSET', p, 'draft', ARGV[5], 'drafter', actor, 'updatedAt', now)
  if status == 'PUBLISHED' then
    redis.call('HSET', p, 'amendment', 'DRAFT')
  else
    redis.call('HSET', p, 'title', ARGV[7])
  end
  audit(actor, 'policy.update', 'policy:' .. id, before, ARGV[5])
  event(status, version)
  return ok({version = tonumber(version), status = status})
end

if op == 'submit' then
  if status == 'DRAFT' then
    redis.call('HSET', p, 'status', 'IN_REVIEW', 'submittedBy', actor, 'updatedAt', now)
    status = 'IN_REVIEW'
  elseif status == 'PUBLISHED' and amendment == 'DRAFT' then
    redis.call('HSET', p, 'amendment', 'IN_REVIEW', 'submittedBy', actor, 'updatedAt', now)
  else
    return fail('not-draft', 'only a draft can be submitted (status ' .. status .. ')')
  end
  audit(actor, 'policy.submit', 'policy:' .. id, '', '')
  event(status, version)
  return ok({version = tonumber(version), status = status})
end

if op == 'return' then
  if status == 'IN_REVIEW' then
    redis.call('HSET', p, 'status', 'DRAFT', 'returnedBy', actor, 'returnReason', ARGV[5], 'updatedAt', now)
    status = 'DRAFT'
  elseif amendment == 'IN_REVIEW' then
    redis.call('HSET', p, 'amendment', 'DRAFT', 'returnedBy', actor, 'returnReason', ARGV[5], 'updatedAt', now)
  else
    return fail('not-in-review', 'nothing of this policy is in review')
  end
  audit(actor, 'policy.return', 'policy:' .. id, '', ARGV[5])
  event(status, version)
  return ok({version = tonumber(version), status = status})
end

if op == 'publish' then
  if not (status == 'IN_REVIEW' or amendment == 'IN_REVIEW') then
    return fail('not-in-review', 'only a submitted draft can be published')
  end
  if redis.call('HGET', p, 'drafter') == actor then
    return fail('same-author', 'publication must be approved by an author other than the drafter')
  end
  if redis.call('HGET', p, 'draft') ~= ARGV[5] then
    return fail('changed', 'the draft changed while it was being checked; try again')
  end
  local committed = tonumber(redis.call('HGET', KEYS[3], 'reserved') or '0')
      + tonumber(redis.call('HGET', KEYS[3], 'paid') or '0')
  if tonumber(ARGV[6]) < committed then
    return fail('pool-below-committed', 'the fund pool cannot be less than what is already reserved and paid')
  end
  local before = redis.call('HGET', p, 'published') or ''
  local nv = tostring(tonumber(version) + 1)
  local drafter = redis.call('HGET', p, 'drafter')
  redis.call('RPUSH', KEYS[2], cjson.encode({version = tonumber(nv), publishedAt = now, publishedBy = actor,
    drafter = drafter, policy = cjson.decode(ARGV[5])}))
  redis.call('HSET', p, 'status', 'PUBLISHED', 'version', nv, 'published', ARGV[5], 'publishedBy', actor,
    'publishedAt', now, 'updatedAt', now, 'mode', ARGV[7], 'opensOn', ARGV[8], 'closesOn', ARGV[9],
    'title', ARGV[10])
  redis.call('HDEL', p, 'draft', 'amendment', 'returnedBy', 'returnReason')
  redis.call('HSET', KEYS[3], 'total', ARGV[6])
  redis.call('HSETNX', KEYS[3], 'reserved', '0')
  redis.call('HSETNX', KEYS[3], 'paid', '0')
  audit(actor, 'policy.publish', 'policy:' .. id, before, ARGV[5])
  event('PUBLISHED', nv)
  return ok({version = tonumber(nv), status = 'PUBLISHED'})
end

if op == 'close' then
  if status ~= 'PUBLISHED' then return fail('not-published', 'only a published policy can be closed') end
  redis.call('HSET', p, 'status', 'CLOSED', 'closedBy', actor, 'closedAt', now, 'updatedAt', now)
  redis.call('HDEL', p, 'draft', 'amendment')
  audit(actor, 'policy.close', 'policy:' .. id, 'PUBLISHED', 'CLOSED')
  event('CLOSED', version)
  return ok({version = tonumber(version), status = 'CLOSED'})
end

return fail('bad-op', 'unknown operation ' .. op)
