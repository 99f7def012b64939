# import csv of more new contacts than the book held (past 16,384, when an import builds the
# contacts' account index once at the end instead of growing it row by row): the same
# records, merges, summary and facts as a small file, duplicates on both sides of a batch
# boundary, merges into records written after the index was set aside, rows matched by
# name, and --strict and --dry-run leaving the book, its schema and its indexes as they were.
source "$TESTLIB"
D=$T_DIR
N=20000

ok account add "Old Corp"
ok deal add "Renewal" --account 1 --stage qualified

# N people at N/10 companies. Row 2049 repeats person 2048, the last of the first batch of
# 2,048 (written when it filled), and row 2050 person 2047: merges into written records,
# either side of the boundary. A decision maker joins Old Corp near the end.
csv_rows "Name,Email,Company,Title,Role" $N '
    printf "Person %d,p%d@example.com,Company %d,,\n", i, i, i % (n / 10)
    if (i == 2048) {
        print "Person 2048,P2048@Example.COM,company  2048,Buyer,"
        print "Person 2047,p2047@example.com,Company 2047,Engineer,"
    }' "Dora Decider,dora@old.example,OLD CORP,Head of IT,decision-maker" >"$D/first.csv"
ok import csv "$D/first.csv" --kind contacts --json
is .rows $((N + 3))
is .added "{\"accounts\":$((N / 10)),\"contacts\":$((N + 1)),\"deals\":0}"
is .merged 2
is .unchanged 0
is .rejected 0
eq "$(sql "SELECT COUNT(*) FROM contacts")" $((N + 1)) "every person once"
eq "$(sql "SELECT title FROM contacts WHERE email IN ('p2047@example.com', 'p2048@example.com') ORDER BY id")" \
    $'Engineer\nBuyer' "merges on both sides of a batch boundary fill the empty fields"
eq "$(sql "SELECT COUNT(*) FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE a.name = 'Company 7'")" \
    10 "each company has its people"
eq "$(sql "SELECT decision_contacts FROM deal_facts WHERE deal_id = 1")" 1 \
    "the deal's facts know its new decision maker"
if on_sqlite; then
    eq "$(sql "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' ORDER BY name")" \
        $'contacts_account\ncontacts_owner' "the contacts' indexes are there"
    eq "$(sql "PRAGMA integrity_check; INSERT INTO fulltext (fulltext) VALUES ('integrity-check'); PRAGMA journal_mode")" \
        $'ok\nwal' "the file, its indexes and the full-text index are whole; WAL again"
fi
ok search "Person 19999" --json
eq "$(jq -r '[.[] | select(.type == "contact")] | length' <<<"$OUT")" 1 "an imported contact is found"

# More new people than the book now holds, and late in the file (past the point where the
# index is set aside) merges into records written earlier in this file and in the book,
# and people without an e-mail matched by name.
M=$((N + 5000))
csv_rows "Name,Email,Company,Title,Role" $M \
    'printf "New %d,n%d@example.com,Firm %d,,\n", i, i, i % 1000' \
    "New 3,N3@EXAMPLE.COM,Firm 3,Director," "Person 5,p5@example.com,Company 5,Founder," \
    "Person 6,p6@example.com,Company 6,," "No Mail,,Firm 1,," "no  mail,,FIRM 1,Buyer," \
    "Person 8,,Company 8,Owner," >"$D/second.csv"
ok import csv "$D/second.csv" --kind contacts --json
is .rows $((M + 6))
is .added "{\"accounts\":1000,\"contacts\":$((M + 1)),\"deals\":0}"
is .merged 4
is .unchanged 1
eq "$(sql "SELECT title FROM contacts WHERE email IN ('n3@example.com', 'p5@example.com') ORDER BY id")" \
    $'Founder\nDirector' "late merges into written records fill their empty fields"
eq "$(sql "SELECT name || '|' || title FROM contacts WHERE email IS NULL")" "No Mail|Buyer" \
    "a person without an e-mail is matched by name at the company"
eq "$(sql "SELECT title FROM contacts WHERE name = 'Person 8'")" Owner \
    "and a person of the book by name at theirs"
eq "$(sql "SELECT COUNT(*) FROM contacts")" $((N + 1 + M + 1)) "every person once"
if on_sqlite; then
    eq "$(sql "PRAGMA integrity_check; INSERT INTO fulltext (fulltext) VALUES ('integrity-check'); SELECT 1")" \
        $'ok\n1' "the file, its indexes and the full-text index are whole"
fi
ok search "New 24999" --json
eq "$(jq -r '[.[] | select(.type == "contact")] | length' <<<"$OUT")" 1 \
    "a contact written after the merges is found"

# A book the size of the file: the same file again changes nothing.
same_db ok import csv "$D/second.csv" --kind contacts --json
is .added '{"accounts":0,"contacts":0,"deals":0}'
is .unchanged $((M + 6))

# A larger file refused on its last line, and the same as a dry run: nothing changed, the
# schema and indexes included (the dump holds them).
csv_rows "Name,Email,Company" $((2 * M + 10)) \
    'printf "Big %d,b%d@example.com,Big Co %d\n", i, i, i % 3000' "Bad,not-an-email,X" \
    >"$D/strict.csv"
same_db fails 4 import csv "$D/strict.csv" --kind contacts --strict
has_err "line $((2 * M + 12)): invalid e-mail address 'not-an-email'"
same_db ok import csv "$D/strict.csv" --kind contacts --dry-run --json
is .added.contacts $((2 * M + 10))
is .rejected 1
finish
