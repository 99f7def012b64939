-- wrk script: durable creates, each request a new account (POST /api/v1/accounts).
-- The token comes from the environment (BENCH_TOKEN); each connection numbers its own.
local counter = 0
local token = os.getenv("BENCH_TOKEN")

function request()
    counter = counter + 1
    local body = string.format('{"name":"Bench account %d-%d"}', math.random(1000000000), counter)
    return wrk.format("POST", "/api/v1/accounts", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }, body)
end
