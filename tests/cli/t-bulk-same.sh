# Bulk loads write the same book whichever way the engine takes the rows: against
# PostgreSQL (cli-pg) the seed, a restore and an import send their batches by COPY, and the
# result must equal an SQLite file's, loaded by INSERT statements, record for record; text
# with the characters COPY escapes included.
source "$TESTLIB"
D=$T_DIR
NOW=(--now 2026-11-23T12:00:00Z)
REF=$D/ref.db
ADMIN=(--user admin@example.invalid)

# The seed: the whole book (with history), the agenda and a search alike.
ok "${NOW[@]}" seed --accounts 30 --reps 1
run --db "$REF" "${NOW[@]}" seed --accounts 30 --reps 1
for db in "$RAPPORT_DB" "$REF"; do
    echo "admin-password-1" | "$RAPPORT_BIN" --db "$db" "${NOW[@]}" user add Admin \
        --email admin@example.invalid --role admin >/dev/null
done
ok --db "$REF" "${NOW[@]}" "${ADMIN[@]}" export json
is 'len(d["accounts"]) == 30 and len(d["activities"]) > 100 and len(d["users"]) == 2' true
ref=$OUT
ok "${NOW[@]}" "${ADMIN[@]}" export json
eq "$OUT" "$ref" "the seeded book, against an SQLite seed of the same book"
ok --user rep1@team.example "${NOW[@]}" today --json
mine=$OUT
ok --db "$REF" --user rep1@team.example "${NOW[@]}" today --json
eq "$mine" "$OUT" "rep 1's agenda on the seeded book"
ok "${NOW[@]}" search kitchen --json
mine=$(json_get 'sorted((r["type"], r["id"]) for r in d)')
ok --db "$REF" "${NOW[@]}" search kitchen --json
is 'len(d) > 0' true
eq "$mine" "$(json_get 'sorted((r["type"], r["id"]) for r in d)')" "a search of the seeded book"

# An import of people whose fields hold a tab, a backslash, a quote, a line break and
# non-ASCII text, many rows at once.
{
    echo "Name,Email,Company,Title"
    for i in $(seq 40); do
        printf '"Tab\there %d",t%d@example.com,"Back\\slash & Co",\\N\n' "$i" "$i"
        printf '"Line\nbreak %d",l%d@example.com,"Zoë ""Quoted"" AG","tail\\"\n' "$i" "$i"
    done
} >"$D/odd.csv"
ok "${NOW[@]}" import csv "$D/odd.csv" --kind contacts --json
is .rejected 0
run --db "$REF" "${NOW[@]}" import csv "$D/odd.csv" --kind contacts
ok "${NOW[@]}" "${ADMIN[@]}" export json
mine=$OUT
ok --db "$REF" "${NOW[@]}" "${ADMIN[@]}" export json
eq "$mine" "$OUT" "the book after an import of odd text"
eq "$(sql "SELECT COUNT(*) FROM contacts WHERE name LIKE 'Tab_here %'")" 40 \
    "names with a tab, read back from the database"
eq "$(sql "SELECT COUNT(*) FROM accounts WHERE name = 'Back\\slash & Co'")" 1 \
    "a company with a backslash"

# A restore of that backup into a new database: the same book again.
if [[ -n $T_PG_URL ]]; then
    other=$("$RAPPORT_PGTMP" createdb "$RAPPORT_TEST_PG_STATE")
else
    other=$D/other.db
fi
printf '%s\n' "$mine" >"$D/backup.json"
ok --db "$other" "${NOW[@]}" import json "$D/backup.json"
ok --db "$other" "${NOW[@]}" "${ADMIN[@]}" export json
eq "$OUT" "$mine" "the book restored from its backup"

finish
