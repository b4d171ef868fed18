-- Enqueues the notices of one problem event (a step, a warning, a breach), each recipient at most
-- once per event: the recipients were resolved by the fan-out (notify.ProblemRecipients), so an
-- event handled again after a crash finds them in the dedupe set and enqueues nothing twice.
-- KEYS[1] notify:outbox, KEYS[2] the event's dedupe set notify:dedupe:{c:ID}:TAG
-- ARGV[1] the notices' subject (problem:ID), [2] the event tag (vVERSION, w-KIND-DUE, b-KIND-DUE),
--   [3] the firm's USCC, then per notice three values: recipient (firm:USCC, account:USERNAME,
--   liaison:ID), kind, payload json
-- Answers ok with the number of notices enqueued.
--- @include "include/result"
local added = 0
for i = 4, #ARGV, 3 do
  local to = ARGV[i]
  if redis.call('SADD', KEYS[2], to) == 1 then
    redis.call('XADD', KEYS[1], '*', 'to', to, 'uscc', ARGV[3], 'policy', ARGV[1], 'version', ARGV[2],
      'kind', ARGV[i + 1], 'payload', ARGV[i + 2])
    added = added + 1
  end
end
return ok(added)
