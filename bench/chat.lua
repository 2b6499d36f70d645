-- wrk script: POST a chat message. Paced by `delay()` so the offered load is roughly
-- RATE requests/s across all connections (wrk itself is closed-loop; see README).
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
local messages = {
  '{"message":"add a task to buy milk"}',
  '{"message":"mark task 1 as done"}',
  '{"message":"what have I completed?"}',
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
                    messages[(n % #messages) + 1])
end
if rate > 0 then
  delay = function()
    return math.floor(1000 * connections / rate)
  end
end
