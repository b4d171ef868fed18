-- Keeps the open cases that may be the same as a new one (共性问题) on it, found by an indexer
-- after the filing: written once (every node's indexer proposes; the first one's list stays), not
-- a step (no version, history, audit or change: advisory, read by the admin who merges).
-- KEYS[1] case hash problem:{c:ID}
-- ARGV[1] the candidates (json [{id, overlap, sharedWords}])
-- Answers ok {written: true|false}.
--- @include "include/result"
if redis.call('EXISTS', KEYS[1]) == 0 then
  return ok({written = false})
end
return ok({written = redis.call('HSETNX', KEYS[1], 'similar', ARGV[1]) == 1})
