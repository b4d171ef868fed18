-- The application statuses that hold a firm's place in a policy (and block the policies that
-- cannot be stacked with it). The Java twin is redemption.Applications.isLive: change both.
local LIVE = {PENDING_REVIEW = true, GRANTED = true, PAID = true}

local function is_live(status)
  return status ~= nil and status ~= false and LIVE[status] == true
end
