#!/usr/bin/env bash
# An account or a contact entered twice becomes one: `account merge`, `contact merge` and
# `add --merge-into` move what the duplicate had onto the record kept, fill its empty
# fields, keep the history, and change nothing when an id is wrong.
. "$TESTLIB"

ok account add Acme --industry dental
ok account add Acme --need "faster billing" --trigger referral
has_err "'rapport account merge 2 --into 1'; next time, add with --merge-into 1"
ok contact add Bob --account 1 --email bob@acme.example --primary
ok contact add Robert --account 2 --email bob@acme.example --phone 555-0100 \
    --role decision-maker --primary
has_err "'rapport contact merge 2 --into 1'"
ok contact add Eve --account 2
ok deal add Renewal --account 2 --value 1200
ok log --deal 1 --kind call --dir out --outcome connected --contact 2 "they want to renew"
ok agree --deal 1 --on 2026-11-24 --contact 2
ok meet add --deal 1 --at 2026-11-25T10:00 --minutes 60 --kind demo --contact 2 --contact 3
ok account edit 2 --status customer
t_check "a book with a duplicate account"

# Wrong ids, a record into itself, two contacts of different accounts: nothing changes.
same_db fails 3 account merge 9 --into 1
has_err "account 9 not found"
same_db fails 3 account merge 2 --into 99
same_db fails 4 account merge 2 --into 2
eq "$ERR" "rapport: cannot merge account 2 into itself" "merging into itself"
same_db fails 2 account merge 2
has_err "missing --into"
same_db fails 4 account merge 2 --into abc
has_err "invalid --into id 'abc'"
same_db fails 4 contact merge 2 --into 1
eq "$ERR" "rapport: contact 2 is of account 2 and contact 1 of account 1 (merge the accounts first)" \
    "contacts of two accounts"
same_db fails 3 contact merge 2 --into 42

ok --now 2026-11-24 today --json
is ".items[0].account_id" 2
ok account merge 2 --into 1
eq "$OUT" "merged account 2 into 1: Acme" "the confirmation"
fails 3 account show 2
ok account show 1 --json
is "[c['id'] for c in d['contacts']]" "[1,2,3]"
is "[x['id'] for x in d['deals']]" "[1]"
is .need "faster billing"
is .trigger referral
is .industry dental
is .status customer
is "[c['id'] for c in d['contacts'] if c['primary']]" "[1]"
is "[h['reason'] for h in d['history']]" '["edited","edited","merged"]'
is ".history[-1].from" "account 2: Acme"
ok --now 2026-11-24 today --json
is ".items[0].account_id" 1
is ".items[0].account" Acme
is ".items[0].contact_id" 2
ok deal show 1 --json
is .account_id 1
ok account list --json
is "len(d)" 1

# The contacts now share an account: Robert is Bob.
ok contact merge 2 --into 1 --json
is .id 1
is .phone 555-0100
is .role decision-maker
is .email bob@acme.example
is .primary true
fails 3 contact show 2
ok activity show 1 --json
is .contact_id 1
ok agreement show 1 --json
is .contact_id 1
ok meet show 1 --json
is ".attendees" "[1,3]"
ok account show 1 --json
is "[c['id'] for c in d['contacts']]" "[1,3]"
is ".history[-1].from" "contact 2: Robert <bob@acme.example>"
is ".history[-1].to" "contact 1"
ok --now 2026-11-24 today --json
is ".items[0].contact_id" 1

# A meeting both attended keeps one attendee.
ok contact add Evelyn --account 1 --email eve@acme.example
ok meet edit 1 --contact 1 --contact 3 --contact 4
ok contact merge 4 --into 3
ok meet show 1 --json
is ".attendees" "[1,3]"

# add --merge-into: nothing is added, the existing record's empty fields are filled.
same_db fails 3 account add Acme --merge-into 77
same_db fails 4 account add Acme --merge-into x
ok account add Acme --risk low --industry retail --merge-into 1
eq "$OUT" "nothing added: merged into account 1: Acme" "the confirmation"
ok account list --json
is "len(d)" 1
is "[0].risk" low
is "[0].industry" dental
ok account add Other
ok contact add Bobby --account 1 --title CEO --email other@acme.example --merge-into 1 --json
is .title CEO
is .email bob@acme.example
same_db fails 4 contact add Bobby --account 2 --merge-into 1
eq "$ERR" "rapport: contact 1 is of account 1, not of account 2" "another account"
ok contact list --json
is "len(d)" 2

# Owners: a rep does not see another rep's account (not found, as for any id), and what
# moves onto an account becomes its owner's.
echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
echo "correct horse battery" | ok user add Ron --email ron@example.com --role rep
ok account add Globex --user rita@example.com --json
RITAS=$(json_get .id)
ok account add Globex --user ron@example.com --json
RONS=$(json_get .id)
ok deal add Pilot --account "$RONS" --user ron@example.com --json
PILOT=$(json_get .id)
same_db fails 3 account merge "$RONS" --into "$RITAS" --user rita@example.com
same_db fails 3 account merge "$RITAS" --into "$RONS" --user rita@example.com
ok account merge "$RONS" --into "$RITAS" --user ada@example.com
ok deal show "$PILOT" --user rita@example.com --json
is .owner_id 2
is .account_id "$RITAS"
fails 3 deal show "$PILOT" --user ron@example.com
finish
