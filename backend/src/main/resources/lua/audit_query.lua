-- Newest-first page of audit entries.
-- KEYS[1] the stream paged: audit, or an index audit:target:TARGET / audit:actor:ACTOR; KEYS[2] audit
-- ARGV: upper bound id (exclusive when it starts with '('), lower bound id, limit, actor filter
-- ('' = any; used when paging a target index)
-- Answers ok [[id, [field, value, ...]], ...].
--- @include "include/result"
local hi, lo, limit, actor = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local out = {}
local source = KEYS[1]
local indexed = KEYS[1] ~= KEYS[2]
local scanned = 0
while #out < limit do
  local batch = redis.call('XREVRANGE', source, hi, lo, 'COUNT', limit * 2)
  if #batch == 0 then break end
  for _, e in ipairs(batch) do
    local id = e[1]
    local fields = e[2]
    if indexed then
      local full = redis.call('XRANGE', KEYS[2], id, id)
      fields = full[1] and full[1][2] or nil
    end
    if fields then
      local keep = true
      if actor ~= '' then
        keep = false
        for i = 1, #fields, 2 do
          if fields[i] == 'actor' and fields[i + 1] == actor then keep = true end
        end
      end
      if keep then
        table.insert(out, {id, fields})
        if #out >= limit then break end
      end
    end
    hi = '(' .. id
  end
  scanned = scanned + #batch
  if scanned > 100000 then break end
end
return ok(out)
