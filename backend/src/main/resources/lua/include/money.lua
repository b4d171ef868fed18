-- An amount in 分 as a decimal string of 万元 (1 万元 = 1,000,000 分), exact.
local function wan(fen)
  local s = string.format('%d.%06d', math.floor(fen / 1000000), fen % 1000000)
  s = s:gsub('0+$', ''):gsub('%.$', '')
  return s
end
