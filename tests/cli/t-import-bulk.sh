# import csv at scale: files larger than a batch (new records wait and are written many rows
# a statement), merges into records already written or still waiting, rows without an
# e-mail matched by name, full-text search and agenda facts as if typed in, and a file
# refused at its end leaving nothing behind.
source "$TESTLIB"
D=$T_DIR
N=5000

# A book with an account that has a deal: contacts joining it change the deal's facts.
ok account add "Old Corp"
ok deal add "Renewal" --account 1 --stage qualified
eq "$(sql "SELECT decision_contacts FROM deal_facts WHERE deal_id = 1")" 0 \
    "the deal has no decision maker"

# N people at N/5 companies; every 1000th row repeats an earlier e-mail in another case with
# a title to fill; a decision maker joins Old Corp; two people without an e-mail share a
# name at one company (the second is merged by name).
csv_rows "Name,Email,Company,Title,Role" $N '
    if (i % 1000 == 0)
        printf "Person %d,P%d@EXAMPLE.com,Company %d,Engineer,\n", i - 999, i - 999, (i - 999) % (n / 5)
    else
        printf "Person %d,p%d@example.com,company  %d,,\n", i, i, i % (n / 5)' \
    "Dora Decider,dora@old.example,OLD CORP,Head of IT,decision-maker" "No Mail,,Phone Co,," \
    "no  mail,,phone co,Buyer," >"$D/big.csv"
ok import csv "$D/big.csv" --kind contacts --json
is .rows $((N + 3))
# Companies 1 to N/5 - 1 (every N/5th row is a repeat) and Phone Co.
is .added "{\"accounts\":$((N / 5)),\"contacts\":$((N - N / 1000 + 2)),\"deals\":0}"
is .merged $((N / 1000 + 1))
is .rejected 0
eq "$(sql "SELECT COUNT(*) FROM contacts")" $((N - N / 1000 + 2)) "every person once"
# Batches hold 2048 records: person 1 still waits at row 1000, person 2001 was written by
# row 3000.
eq "$(sql "SELECT title FROM contacts WHERE email = 'p1@example.com'")" Engineer \
    "a merge into a record still waiting fills its empty field"
eq "$(sql "SELECT title FROM contacts WHERE email = 'p2001@example.com'")" Engineer \
    "a merge into a record already written fills its empty field"
eq "$(sql "SELECT name, title FROM contacts WHERE account_id = (SELECT id FROM accounts WHERE name = 'Phone Co')")" \
    "No Mail|Buyer" "without an e-mail, a person is matched by name at the company"
eq "$(sql "SELECT COUNT(*) FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.name = 'Dora Decider' AND a.name = 'Old Corp'")" 1 \
    "an account of the book is found by its folded name"
eq "$(sql "SELECT decision_contacts FROM deal_facts WHERE deal_id = 1")" 1 \
    "the deal's facts know its new decision maker"
eq "$(sql "SELECT COUNT(*) FROM contacts WHERE created_at IS NULL OR role IS NULL")" 0 \
    "defaults and timestamps as rp_create gives them"
if on_sqlite; then
    eq "$(sql "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fulltext_insert'")" 7 \
        "the full-text triggers are back"
    eq "$(sql "INSERT INTO fulltext (fulltext) VALUES ('integrity-check'); PRAGMA integrity_check; PRAGMA foreign_key_check; PRAGMA journal_mode")" \
        $'ok\nwal' "the full-text index, the file and its references are whole; WAL again"
fi
eq "$(sql "SELECT COUNT(*) FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id WHERE a.id IS NULL")" 0 \
    "every contact's account is there"
ok search "Person 4321" --json
eq "$(jq -r '[.[] | select(.type == "contact")] | length' <<<"$OUT")" 1 "an imported contact is found"
ok search "Phone Co" --json
eq "$(jq -r '[.[] | select(.type == "account")] | length' <<<"$OUT")" 1 "an imported account is found"

# The same file again: nothing added, nothing changed.
same_db ok import csv "$D/big.csv" --kind contacts --json
is .added '{"accounts":0,"contacts":0,"deals":0}'

# A refusal on the last line under --strict, after batches were written: nothing changed.
{ sed 1d "$D/big.csv" | sed 's/@example.com/@new.example/; s/^Person /New /'; echo 'Bad,not-an-email,X,,'; } |
    sed '1i Name,Email,Company,Title,Role' >"$D/strict.csv"
same_db fails 4 import csv "$D/strict.csv" --kind contacts --strict
has_err "line $((N + 5)): invalid e-mail address 'not-an-email'"
same_db ok import csv "$D/strict.csv" --kind contacts --dry-run --json
is .added.contacts $((N - N / 1000))
# And in the middle, with batches written before it and rows after it (on PostgreSQL,
# COPY streams that the refusal abandons): nothing changed either.
{ sed -n 1,3001p "$D/strict.csv"; echo 'Bad,not-an-email,X,,'; sed -n '3002,$p' "$D/strict.csv" | sed '$d'; } \
    >"$D/middle.csv"
same_db fails 4 import csv "$D/middle.csv" --kind contacts --strict
has_err "line 3002: invalid e-mail address 'not-an-email'"

# Killed mid-import: the whole file or nothing, the file whole, and WAL again at the next
# open (the import ran with a rollback journal).
csv_rows "Name,Email,Company" 40000 'printf "K %d,k%d@kill.example,Kill Co %d\n", i, i, i % 500' \
    >"$D/kill.csv"
before=$(sql "SELECT COUNT(*) FROM contacts")
"$RAPPORT_BIN" import csv "$D/kill.csv" --kind contacts >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
ok account list --json
after=$(sql "SELECT COUNT(*) FROM contacts")
eq "$((after == before || after == before + 40000))" 1 "all or nothing after a kill ($before, then $after)"
if on_sqlite; then
    eq "$(sql "PRAGMA integrity_check; PRAGMA journal_mode")" $'ok\nwal' "the file whole, in WAL"
fi

# Accounts in bulk: a later row fills the need of one written earlier, which the full-text
# index follows.
csv_rows "Company,Need" 3000 'printf "Firm %d,\n", i' "FIRM 7,faster onboarding" \
    >"$D/accounts.csv"
ok import csv "$D/accounts.csv" --kind accounts --json
is .merged 1
eq "$(sql "SELECT need FROM accounts WHERE name = 'Firm 7'")" "faster onboarding" "the need filled"
if on_sqlite; then
    eq "$(sql "INSERT INTO fulltext (fulltext) VALUES ('integrity-check'); SELECT 1")" 1 \
        "the full-text index whole"
fi
ok search onboarding --json
eq "$(jq -r '.[0].account' <<<"$OUT")" "Firm 7" "and found by it"

# Deals in bulk: history and facts for each, closed ones closed after they are written.
csv_rows "Deal Name,Company,Stage,Amount" 3000 \
    'printf "Deal %d,Deal Co %d,%s,%d\n", i, i % 300, i % 3 == 0 ? "Closed Won" : "qualified", i' \
    >"$D/deals.csv"
ok import csv "$D/deals.csv" --kind deals --json
is .added '{"accounts":300,"contacts":0,"deals":3000}'
eq "$(sql "SELECT COUNT(*) FROM deal_facts")" 3001 "every deal has its facts"
eq "$(sql "SELECT COUNT(*) FROM history WHERE entity = 'deal' AND reason = 'opened'")" 3001 \
    "every deal was opened"
eq "$(sql "SELECT COUNT(*) FROM deals WHERE stage = 'won'")" 1000 "closed deals are closed"
eq "$(sql "SELECT COUNT(*) FROM deal_facts WHERE is_open = 0")" 1000 "and their facts say so"

# The agenda change counters (migration 22) count each record a load writes for its owner,
# as their row triggers would: SQLite's load sets those triggers aside and counts once at
# commit, PostgreSQL's count once per COPY (migration 29); on both engines alike. As an
# admin, 3000 people, a third at a rep's account and the rest at 700 new companies: the
# admin's counter counts the 700 accounts and 2000 people, the rep's the 1000 people and
# the update of her account's facts (old and new owner), and everyone's the load.
echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
ok account add "Rita Co" --user rita@example.com
ADA=$(sql "SELECT id FROM users WHERE email = 'ada@example.com'")
RITA=$(sql "SELECT id FROM users WHERE email = 'rita@example.com'")
mark() { sql "SELECT COALESCE(MAX(n), 0) FROM agenda_marks WHERE owner_id = $1"; }
ada=$(mark "$ADA") rita=$(mark "$RITA") everyone=$(mark 0)
csv_rows "Name,Email,Company" 3000 \
    'printf "M %d,m%d@marks.example,%s\n", i, i, i % 3 == 0 ? "RITA CO" : "Mark Co " i % 700' \
    >"$D/marks.csv"
ok import csv "$D/marks.csv" --kind contacts --user ada@example.com --json
is .added '{"accounts":700,"contacts":3000,"deals":0}'
eq "$(mark "$ADA")" $((ada + 2700)) "the admin's counter counts her new records"
eq "$(mark "$RITA")" $((rita + 1002)) "the rep's counter counts the people at her account"
eq "$(mark 0)" $((everyone + 1)) "everyone's counter counts the load once"
if on_sqlite; then
    eq "$(sql "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('accounts_agenda_insert', 'contacts_agenda_insert', 'deals_agenda_insert')")" \
        3 "the counters' triggers are back"
fi
finish
