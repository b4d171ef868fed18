-- Newest-first page of audit entries.
-- ARGV: index key ('' = the main stream), upper bound id (exclusive when it starts with '('), lower
-- bound id, limit, actor filter ('' = any; used when paging a target index)
local index, hi, lo, limit, actor = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local out = {}
local source = index ~= '' and index or 'audit'
local scanned = 0
while #out < limit do
  local batch = redis.call('XREVRANGE', source, hi, lo, 'COUNT', limit * 2)
  if #batch == 0 then break end
  for _, e in ipairs(batch) do
    local id = e[1]
    local fields = e[2]
    if index ~= '' then
      local full = redis.call('XRANGE', 'audit', id, id)
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
return out
