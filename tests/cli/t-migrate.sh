# rapport migrate: the schema brought up to date and reported, on either engine; a schema
# newer than this rapport is refused by every command and by the server.
source "$TESTLIB"

engine=sqlite
[[ -n $T_PG_URL ]] && engine=postgresql
ok migrate --json
is '[d["engine"], d["version"] == d["known"], d["applied"] == d["known"], d["known"] >= 13]' \
    "[\"$engine\",true,true,true]"
known=$(json_get .known)
ok migrate
eq "$OUT" "$engine schema $known is up to date" "migrate again"
ok migrate --json
is .applied 0
ok migrate --help
has "usage: rapport migrate"
fails 2 migrate extra

# database.url: only a PostgreSQL URL.
ok config set database.url postgresql://rapport@db.example.com:5432/team --json
is . '{"database.url":"postgresql://rapport@db.example.com:5432/team"}'
same_db fails 4 config set database.url /var/lib/rapport.db
has_err "invalid value '/var/lib/rapport.db' for database.url"
ok config set database.url

# A database migrated by a newer rapport: nothing opens it, nothing changes.
sql "INSERT INTO rp_migrations (version, applied_at) VALUES ($((known + 1)), '2030-01-01T00:00:00Z')" >/dev/null
fails 1 migrate
has_err "database schema version $((known + 1)) is newer than this rapport's $known (upgrade rapport)"
fails 1 account list
fails 1 serve --listen 127.0.0.1:0
has_err "newer than this rapport"
finish
