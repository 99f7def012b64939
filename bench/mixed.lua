-- wrk script: a team's day on the server. Several reps (one API token each, in
-- BENCH_TOKENS, rep k owning accounts (k-1)*1000+1 .. k*1000 as `rapport seed --reps`
-- makes them) read and write at once: 90% reads (pages of accounts, deals and contacts,
-- one account, the agenda) and 10% writes (new accounts, changes to their own accounts).
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "%S+") do
    tokens[#tokens + 1] = t
end
local today = os.getenv("BENCH_TODAY") or "2026-11-23"
local counter = 0

local reads = {
    {28, function(rep) return "/api/v1/accounts?limit=50" end},
    {22, function(rep) return "/api/v1/deals?limit=50" end},
    {20, function(rep) return "/api/v1/contacts?limit=50" end},
    {10, function(rep) return "/api/v1/accounts/" .. ((rep - 1) * 1000 + math.random(1000)) end},
    {10, function(rep) return "/api/v1/agenda?date=" .. today end},
}

local function headers(rep, body)
    local h = {["Authorization"] = "Bearer " .. tokens[rep]}
    if body then
        h["Content-Type"] = "application/json"
    end
    return h
end

function request()
    counter = counter + 1
    local rep = math.random(#tokens)
    local dice = math.random(100)
    if dice <= 5 then
        local body = string.format('{"name":"Mixed %d-%d"}', math.random(1000000000), counter)
        return wrk.format("POST", "/api/v1/accounts", headers(rep, true), body)
    elseif dice <= 10 then
        local id = (rep - 1) * 1000 + math.random(1000)
        local body = string.format('{"need":"update %d"}', counter)
        return wrk.format("PATCH", "/api/v1/accounts/" .. id, headers(rep, true), body)
    end
    local pick = math.random(90)
    for _, r in ipairs(reads) do
        if pick <= r[1] then
            return wrk.format("GET", r[2](rep), headers(rep))
        end
        pick = pick - r[1]
    end
end
