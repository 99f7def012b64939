# Writers take the book's write lock one at a time. A write that another program keeps
# waiting for more than 5 s fails with exit 1 ("database is busy") and changes nothing;
# reads go on meanwhile; once the lock is let go, writes go through again. On PostgreSQL
# the lock is the book's, not the database's: a book in another schema of the same
# database does not wait (docs/deploy.md, "Transactions and their isolation").
source "$TESTLIB"

ok account add Before

# hold SECONDS: another program holds the book's write lock for SECONDS, from when this
# returns (it waits until the lock is held).
hold()
{
    : >"$T_DIR/held"
    if on_sqlite; then
        "$PY" -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")' "$RAPPORT_DB" "$1" >"$T_DIR/held" &
    else
        psql -X -q -A -t -v ON_ERROR_STOP=1 "$RAPPORT_DB" -c "BEGIN;
            SELECT pg_advisory_xact_lock(72425569, hashtext(current_schema()));
            SELECT pg_sleep($1); ROLLBACK" >/dev/null &
    fi
    HOLDER=$!
    for ((i = 0; i < 200; i++)); do
        if on_sqlite; then
            [[ $(<"$T_DIR/held") == *held* ]] && return 0
        else
            # psql prints when it ends; the server's table of locks says at once.
            (($(sql "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
                     AND classid = 72425569 AND objid::bigint =
                     hashtext(current_schema())::bigint & 4294967295"))) && return 0
        fi
        sleep 0.05
    done
    false
    t_check "the other program did not get the write lock within 10 s"
}

hold 9
t0=$(date +%s%N)
same_db fails 1 account add During
waited=$((($(date +%s%N) - t0) / 1000000))
has_err "database is busy"
((waited >= 4000))
t_check "the write gave up after $waited ms, before its 5 s"
ok account list
has Before

if [[ -n $T_PG_URL ]]; then
    # Another book in the same database, in a schema of its own, writes at once.
    other=$("${RAPPORT_PGTMP:?}" createdb "$RAPPORT_TEST_PG_STATE")
    t0=$(date +%s%N)
    ok --db "$other" account add Elsewhere
    took=$((($(date +%s%N) - t0) / 1000000))
    ((took < 4000))
    t_check "the other schema's book waited $took ms for this book's write lock"
fi

wait "$HOLDER"
ok account add After
ok account list --json
eq "$(json_get '",".join(sorted(a["name"] for a in d))')" "After,Before" "the book's accounts"

if [[ -n $T_PG_URL ]]; then
    # A seed holds the lock a second at a time; a write waiting for it gets it at the next
    # commit, the seed not pausing between its transactions as on SQLite (t-seed.sh):
    # PostgreSQL grants the lock in the order it was asked for.
    big=$("${RAPPORT_PGTMP:?}" createdb "$RAPPORT_TEST_PG_STATE")
    "$RAPPORT_BIN" --db "$big" seed --accounts 2500 >/dev/null 2>"$T_DIR/seed-err" &
    seeding=$!
    for ((i = 0; i < 300; i++)); do
        n=$(psql -X -q -A -t "$big" -c "SELECT COUNT(*) FROM accounts" 2>/dev/null) || n=0
        ((n > 0)) && break
        sleep 0.1
    done
    writes_beside "$seeding" "$big"
    wait "$seeding"
    t_check "the seed with writers beside it: $(<"$T_DIR/seed-err")"
    eq "$failed" 0 "writes refused during a seed: $(cat "$T_DIR/add-err" 2>/dev/null)"
    ((slowest < 3000))
    t_check "the slowest write beside the seed waited $slowest ms (under 3 s)"
    ((writes >= 2))
    t_check "$writes writes were tried while the seed ran"
    eq "$(psql -X -q -A -t "$big" -c "SELECT COUNT(*) FROM accounts")" $((2500 + writes)) \
        "the seed's accounts and every write beside it"
fi

finish
