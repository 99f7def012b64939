# export csv and export/import json: what goes out comes back in; spreadsheets are safe.
source "$TESTLIB"
D=$T_DIR

ok account add "Müller & Söhne GmbH" --industry Labs
ok contact add "Hans Müller" --account 1 --email hans@mueller.example --phone "+49 30 1234" \
    --title "=HYPERLINK(\"http://evil\",\"x\")"
ok contact add "Eva, \"the boss\"" --account 1 --email eva@mueller.example --role decision-maker
ok deal add "Lab suite" --account 1 --value 24,000.50 --currency EUR --stage proposal \
    --decision-by 2027-01-15
ok log --deal 1 --kind call --dir out --outcome connected --contact 1 "First call"

ok export csv --kind contacts
eq "$(head -1 <<<"$OUT")" $'Name,Job Title,Email,Phone,Role,Primary,Company,Created,Rapport ID\r' "the header"
has $'Hans Müller,"\'=HYPERLINK(""http://evil"",""x"")",hans@mueller.example,"\'+49 30 1234",unknown,no,Müller & Söhne GmbH,2026-11-23 12:00,1\r'
has '"Eva, ""the boss""",'
ok export csv --kind deals
has $'Lab suite,Müller & Söhne GmbH,"24,000.50",EUR,proposal,2027-01-15,,,,2026-11-23 12:00,,1\r'
ok export csv --kind activities
has "First call"
ok export csv --kind accounts --output "$D/accounts.csv" --json
is .rows 1
same_db fails 2 export csv --kind meetings
same_db fails 2 export csv

# Round trip: accounts, contacts and deals exported and imported into a new book are the same.
for k in accounts contacts deals; do
    "$RAPPORT_BIN" export csv --kind $k >"$D/$k.csv"
    ok --db "$D/copy.db" import csv "$D/$k.csv" --kind $k --json
    is .rejected 0
done
for k in accounts contacts deals; do
    ok --db "$D/copy.db" export csv --kind $k
    eq "$OUT" "$(<"$D/$k.csv")" "$k exported again from the imported copy"
done
eq "$(sqlite3 "$D/copy.db" "SELECT title FROM contacts WHERE id = 1")" '=HYPERLINK("http://evil","x")' \
    "the text behind the spreadsheet guard is kept"

# The whole book as JSON restores identically into an empty database.
ok seed --accounts 30 --db "$D/seed.db"
ok --db "$D/seed.db" export json --output "$D/backup.json" --json
is .accounts 30
ok --db "$D/restored.db" import json "$D/backup.json" --json
is .accounts 30
"$RAPPORT_BIN" --db "$D/restored.db" export json >"$D/again.json"
eq "$(md5sum <"$D/again.json")" "$(md5sum <"$D/backup.json")" "the backup of the restored book"
tables="accounts contacts deals activities agreements meetings meeting_attendees claims
        statements invoices pushes history deal_facts settings"
dump()
{
    for t in $tables; do sqlite3 "$1" "SELECT * FROM $t ORDER BY 1, 2"; done
}
eq "$(dump "$D/restored.db" | md5sum)" "$(dump "$D/seed.db" | md5sum)" "every table, facts included"
ok --db "$D/restored.db" today --json
restored_today=$OUT
ok --db "$D/seed.db" today --json
eq "$restored_today" "$OUT" "the same agenda"
# Only into an empty database; a file that is not a backup is refused; nothing changes.
same_db fails 4 import json "$D/backup.json"
has_err "already has"
printf '{"format": "other"}' >"$D/other.json"
fails 4 --db "$D/empty.db" import json "$D/other.json"
has_err "not a backup"
printf '{"format": "rapport-backup", "accounts": [{"id": 1}' >"$D/cut.json"
fails 4 --db "$D/empty2.db" import json "$D/cut.json"
has_err "cannot restore the backup"
printf '{"format": "rapport-backup", "accounts": [{"id": 1, "name": ""}]}' >"$D/bad.json"
fails 4 --db "$D/empty3.db" import json "$D/bad.json"
has_err "cannot restore accounts[0] (name must not be empty)"
eq "$(sqlite3 "$D/empty3.db" 'SELECT COUNT(*) FROM accounts')" 0 "nothing restored from a bad backup"
fails 3 import json "$D/missing.json"
ok export json --help

finish
