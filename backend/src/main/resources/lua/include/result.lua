-- The one result shape of every script (docs/lua.md), decoded by store.ScriptResult:
--   {'ok', JSON payload}                      the operation's answer
--   {SLUG, JSON {detail, pointer?, ...}}      refused, having written nothing
-- cjson writes an empty list as {}: ScriptResult.list() reads {} as an empty list.
local function ok(payload)
  if payload == nil then payload = cjson.null end
  return {'ok', cjson.encode(payload)}
end

-- An answer already encoded as JSON.
local function ok_json(json)
  return {'ok', json}
end

local function fail(slug, detail, pointer, extra)
  local body = extra or {}
  body.detail = detail
  body.pointer = pointer
  return {slug, cjson.encode(body)}
end
