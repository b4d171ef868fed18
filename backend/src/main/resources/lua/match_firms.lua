-- Records, on each firm of a chunk, its verdict for a policy (E or U): the firm side of a match set,
-- which lets a later profile change tell what changed for the firm.
-- ARGV[1] policy id, ARGV[2] verdict letter, ARGV[3..] USCCs
for i = 3, #ARGV do
  redis.call('HSET', 'ent:{e:' .. ARGV[i] .. '}:matches', ARGV[1], ARGV[2])
end
return #ARGV - 2
