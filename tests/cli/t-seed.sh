# seed: a deterministic demo book, only into an empty database, usable at once.
source "$TESTLIB"

ok seed --accounts 40 --json
is .accounts 40
is .seed 1
eq "$ERR" "" "stderr without a terminal (no progress bar)"
eq "$(json_get 'd["activities"] > 250 and d["contacts"] >= 80 and d["deals"] >= 40 and d["history"] > 0')" true \
    "a book of 40 accounts has activities, contacts, deals and history"
eq "$(sql 'SELECT COUNT(*) FROM accounts')" 40 "accounts"
eq "$(sql 'PRAGMA journal_mode')" wal "journal mode after a seed"
eq "$(sql 'PRAGMA foreign_key_check')" "" "foreign keys"
# The schema after a seed is exactly a new database's: every index and trigger in place.
run --db "$T_DIR/empty.db" config get
schema="SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
eq "$(sql "$schema")" "$(sqlite3 "$T_DIR/empty.db" "$schema")" "the schema after a seed"

# The book is there for every command: lists, the agenda, full-text search.
ok account list --json
is "len(d)" 40
ok today --json
eq "$(json_get 'len(d["items"]) > 0')" true "things to do today"
ok search voicemail --json
eq "$(json_get 'len(d) > 0')" true "search finds seeded activities"

# Only into an empty database, and then nothing changes.
same_db fails 4 seed --accounts 5
has_err "already has accounts"

# The same seed, clock and zone write the same book; another seed another.
tables="accounts contacts deals activities agreements meetings meeting_attendees claims
        statements invoices pushes history deal_facts"
dump()
{
    for t in $tables; do sqlite3 "$1" "SELECT * FROM $t ORDER BY 1, 2"; done
}
ok seed --accounts 40 --db "$T_DIR/again.db"
eq "$(dump "$T_DIR/again.db" | md5sum)" "$(dump "$RAPPORT_DB" | md5sum)" "the same seed's book"
ok seed --accounts 40 --seed 2 --db "$T_DIR/other.db"
[[ $(dump "$T_DIR/other.db" | md5sum) != $(dump "$RAPPORT_DB" | md5sum) ]]
t_check "seed 2 wrote the same book as seed 1"
ok seed --accounts 3 --seed 2 --db "$T_DIR/small.db"
has "seeded 3 accounts"

# A seed commits as it goes: another program's write waits for one batch (about a second),
# not for the whole load, which would outlast its 5 s busy timeout.
big=$T_DIR/big.db
"$RAPPORT_BIN" --db "$big" seed --accounts 2500 >/dev/null 2>"$T_DIR/seed-err" &
seeding=$!
# Writes start once the seed has committed its first batch (a busy machine may take a while
# to get there; a write before the schema exists would only measure the migration).
for ((i = 0; i < 300; i++)); do
    n=$(sqlite3 -cmd ".timeout 5000" "$big" "SELECT COUNT(*) FROM accounts" 2>/dev/null) || n=0
    ((n > 0)) && break
    sleep 0.1
done
((n > 0))
t_check "the seed committed its first batch within 30 s"
started=$(date +%s%N)
writes_beside "$seeding" "$big"
wait "$seeding"
t_check "the seed with writers beside it: $(<"$T_DIR/seed-err")"
seconds=$((($(date +%s%N) - started) / 1000000000))
eq "$failed" 0 "writes refused during a seed of $seconds s: $(<"$T_DIR/add-err")"
((slowest < 3000))
t_check "the slowest write beside the seed waited $slowest ms (under 3 s)"
((writes >= 3))
t_check "$writes writes were tried while the seed ran"
eq "$(sqlite3 "$big" "SELECT COUNT(*) FROM accounts WHERE name LIKE 'Meanwhile %';
                     SELECT COUNT(*) FROM accounts; PRAGMA integrity_check")" \
    "$writes
$((2500 + writes))
ok" "every account: the seed's and those added beside it"

# Bad input changes nothing.
same_db fails 2 seed --db "$T_DIR/new.db"
has_err "missing --accounts"
for n in 0 -3 x 1.5 10000001; do
    fails 4 seed --accounts "$n" --db "$T_DIR/new.db"
    has_err "invalid --accounts"
done
fails 4 seed --accounts 3 --seed -1 --db "$T_DIR/new.db"
has_err "invalid --seed"
eq "$(sqlite3 "$T_DIR/new.db" 'SELECT COUNT(*) FROM accounts' 2>/dev/null || echo 0)" 0 \
    "accounts after refused seeds"

finish
