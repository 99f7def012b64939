# user token | user tokens: API tokens can expire, be listed (never shown again) and be
# revoked; disabling a user revokes theirs for good.
source "$TESTLIB"

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
ok user token rita@example.com --json
is .user_id 2
ok user token rita@example.com --expires 2026-12-01 --json
ok user tokens rita@example.com --json
is 'len(d)' 2
is '[t["active"] for t in d]' '[true,true]'
is '[1].expires_at' 2026-12-01T00:00:00Z
is '[0].expires_at' null
has '"revoked_at": null'
[[ $OUT != *rpt_* ]]
t_check "the list shows no token"

same_db fails 4 user token rita@example.com --expires 2026-11-01
has_err "must be in the future"
same_db fails 4 user token rita@example.com --expires tomorrow
same_db fails 2 user token rita@example.com --revoke 1
same_db fails 3 user token --revoke 99
has_err "no API token 99"
same_db fails 4 user token --revoke x

ok user token --revoke 1 --json
is .revoked true
ok user tokens rita@example.com --json
is '[0].active' false
is '[0].revoked_at' 2026-11-23T12:00:00Z
ok user token --revoke 1
ok user tokens rita@example.com
has "revoked 2026-11-23T12:00:00Z"

# After the expiry, the list says so.
ok user tokens rita@example.com --json --now 2026-12-02
is '[1].active' false

# Disabling revokes every token; enabling again does not bring them back.
ok user edit 2 --disabled
sql "UPDATE users SET disabled = 0 WHERE id = 2"
ok user tokens rita@example.com --json
is '[t["active"] for t in d]' '[false,false]'
ok user tokens --help
finish
