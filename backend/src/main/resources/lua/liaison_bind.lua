-- Binds a WeChat user to a liaison's account (the liaison proved it with the account's password):
-- the user's logins speak for the liaison from now on, and the liaison's notifications reach it by
-- subscribe message (its openid joins the liaison's recipients notify:wx:{liaison:ID}).
-- KEYS[1] wxuser hash wxuser:{w:OPENID}, KEYS[2] the liaison's WeChat users notify:wx:{liaison:ID},
--   then the journal tail (target account:USERNAME)
-- ARGV: openid, liaison id, binding json, now, username
-- Answers ok 1 when bound (or bound already), or bound-to-firm when the user speaks for a firm.
--- @include "include/result"
--- @include "include/journal"
local before = redis.call('HGET', KEYS[1], 'binding') or ''
local prev = nil
if before ~= '' then
  local okd, b = pcall(cjson.decode, before)
  if okd and type(b) == 'table' then prev = b end
end
if prev and prev.role == 'ENTERPRISE' then
  return fail('bound-to-firm', 'this WeChat user is bound to a firm')
end
if prev and type(prev.scope) == 'table' and type(prev.scope.liaisonId) == 'string'
    and prev.scope.liaisonId ~= ARGV[2] then
  -- key built here: notify:wx:{liaison:PREVIOUS} of the liaison named by the binding read above,
  -- known only inside the script (reading it first would race another bind); that liaison's slot
  redis.call('SREM', 'notify:wx:{liaison:' .. prev.scope.liaisonId .. '}', ARGV[1])
end
redis.call('HSET', KEYS[1], 'openid', ARGV[1], 'binding', ARGV[3], 'boundAt', ARGV[4])
redis.call('SADD', KEYS[2], ARGV[1])
audit('wx:' .. ARGV[1], 'liaison.bind', 'account:' .. ARGV[5], before, ARGV[3])
return ok(1)
