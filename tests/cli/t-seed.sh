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
# Indexes and triggers set aside for the load are all back, exactly as a new database has them.
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
