#!/usr/bin/env bash
# What a command costs PostgreSQL in round trips (docs/deploy.md, "What a request costs
# PostgreSQL"), counted on the wire by tests/pg/pgtrips, a relay in front of the test
# server, each command on a new connection as the command line opens it: an agenda made
# afresh and kept (its reads, then its BEGIN, then its writes with the COMMIT, each write
# prepared in that round trip where the connection had not prepared it), a kept one read
# again, a manager's, and writes. A count that rises fails.
. "${TESTLIB:?}"

PGTRIPS=$(dirname "${BASH_SOURCE[0]}")/pgtrips
REP=rep1@team.example

# trips MOST WHAT ARGS...: rapport ARGS through the relay succeeds in MOST round trips or
# fewer, its connection's opening and a read's COMMIT counted.
trips()
{
    local most=$1 what=$2 n
    shift 2
    n=$("$PGTRIPS" "$RAPPORT_DB" "$RAPPORT_BIN" --db @URL@ "$@")
    t_check "$what: rapport $* (exit $?)"
    echo "$what: $n round trips"
    ((n <= most))
    t_check "$what: $n round trips, want $most at most"
}

ok seed --accounts 300 --reps 3 --seed 2
echo "correct horse battery" | ok user add "Manager 1" --email manager1@team.example \
    --role manager --team team-1
DEAL=$(sql "SELECT MIN(id) FROM deals WHERE owner_id = 1 AND stage IN ('lead', 'qualified', \
    'meeting', 'proposal', 'negotiation')")

# Rep 1's agenda made afresh: the opening (the settings, the schema's version, every
# setting and the user), the agenda's stamp with its BEGIN, its first reads, the day's
# candidates, what fills in its items, the read's COMMIT; then it is kept: the write
# transaction's BEGIN, and its writes with its COMMIT (12 when each write's first run was
# a round trip of its own).
trips 8 "rep 1's agenda made afresh and kept" --user "$REP" today
trips 3 "rep 1's agenda kept" --user "$REP" today
trips 8 "a manager's agenda made afresh and kept" --user manager1@team.example today
# Writes: the commit's count and what it changed go out with the COMMIT, and so do the
# audit line and the facts derived again (17, 17 and 12 when the first run of each of those
# statements had a round trip of its own).
trips 11 "a call logged" --user "$REP" log --deal "$DEAL" --kind call --dir out \
    --outcome connected talked
trips 11 "a next step agreed" --user "$REP" agree --deal "$DEAL" --on 2026-12-01 --topic pricing
trips 7 "an account added" --user "$REP" account add Acme
trips 8 "rep 1's agenda made afresh after a write" --user "$REP" today
finish
