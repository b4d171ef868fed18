-- Records, on each firm of a chunk, its verdict for a policy (E or U): the firm side of a match set,
-- which lets a later profile change tell what changed for the firm.
-- KEYS[i] the verdict hash ent:{e:USCC}:matches of each firm of the chunk
-- ARGV[1] policy id, ARGV[2] verdict letter
-- Answers ok with the number of firms written.
--- @include "include/result"
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], ARGV[1], ARGV[2])
end
return ok(#KEYS)
