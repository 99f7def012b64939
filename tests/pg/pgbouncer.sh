#!/usr/bin/env bash
# pgbouncer in front of the test PostgreSQL, with contrib/pgbouncer-rapport.ini changed only
# in its addresses, paths and authentication (tests/pg/pgbtmp; docs/deploy.md): commands
# work through its socket and its port, and one after the other they share one server
# connection; under transaction pooling, which rapport cannot use, a command says so.
. "${TESTLIB:?}"

PGB=/usr/sbin/pgbouncer
if [[ ! -x $PGB ]]; then
    echo "pgbouncer is not installed (scripts/deps --pg or --bench): skipped"
    T_DONE=1
    exit 77
fi

PGBTMP=$(dirname "${BASH_SOURCE[0]}")/pgbtmp
# postgresql://rapport@127.0.0.1:PORT
SERVER=$("${RAPPORT_PGTMP:?}" url "${RAPPORT_TEST_PG_STATE:?}")
DB=rt_pgb_$$_$RANDOM
DIRS=()

# pgb_start MODE: a pgbouncer with pool_mode MODE in front of the test's database, in a
# directory of its own ($PGB_DIR), listening on $PGB_PORT and on a socket in $PGB_DIR.
pgb_start()
{
    PGB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rapport-pgb.XXXXXX")
    DIRS+=("$PGB_DIR")
    PGB_PORT=$("$PGBTMP" start "$PGB_DIR" "$SERVER" "$DB" "$1")
}

cleanup()
{
    local rc=$? dir
    for dir in "${DIRS[@]}"; do
        "$PGBTMP" stop "$dir"
    done
    psql -q -X "$SERVER/rapport" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
    rm -rf "${DIRS[@]}"
    (exit $rc)
    t_exit
}
trap cleanup EXIT

psql -q -X -v ON_ERROR_STOP=1 "$SERVER/rapport" -c "CREATE DATABASE $DB" >/dev/null
t_check "a database of the test's own"

# Session pooling, as the file says.
pgb_start session
t_check "pgbouncer starts in session mode"
SOCKET_URL="postgresql://rapport@${PGB_DIR//\//%2F}:$PGB_PORT/rapport"
TCP_URL="postgresql://rapport@127.0.0.1:$PGB_PORT/rapport"
export RAPPORT_DB=$SOCKET_URL
ok migrate
has "applied migrations 1 to"
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
ok --user rita@example.com account add Acme --json
is .name Acme
ok --user rita@example.com deal add "Acme renewal" --account 1 --value 5000 --json
is .stage lead
ok --user rita@example.com today
RAPPORT_DB=$TCP_URL ok --user rita@example.com account list --json
is "[r['name'] for r in d]" '["Acme"]'
RAPPORT_DB=$TCP_URL ok --user rita@example.com today --json
eq "$(json_get '.date')" 2026-11-23
# Each command hands its server connection back in a state pgbouncer keeps (every answer
# read, the last read's COMMIT too): the next one has it, and PostgreSQL started one backend
# for all of them. (A kept agenda's read ends in that COMMIT; a command that left before
# its answer came made pgbouncer close the connection, some of the time.)
for _ in $(seq 20); do
    run --user rita@example.com today
    ((RC == 0)) || break
done
t_check "rapport today through pgbouncer, 20 times"
eq "$(grep -c 'new connection to server' "$PGB_DIR/pgbouncer.log")" 1

# Transaction pooling: the second command finds the first one's statements on its
# connection, and says what rapport needs.
pgb_start transaction
t_check "pgbouncer starts in transaction mode"
export RAPPORT_DB="postgresql://rapport@127.0.0.1:$PGB_PORT/rapport"
ok --user rita@example.com account list
fails 1 --user rita@example.com account list
has_err "needs session pooling"

finish
