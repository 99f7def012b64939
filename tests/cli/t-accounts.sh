# account add | list | show | edit | delete.
source "$TESTLIB"

# Every flag of account add, read back as JSON.
ok account add "Nordwind Logistik GmbH" --industry Logistics --trigger contract-ending \
    --need "a cheaper fleet contract" --urgency high --style direct --risk low \
    --provider "FleetCo" --contract-ends 2027-03-31 --binding yes --json
is .id 1
is .name "Nordwind Logistik GmbH"
is .industry Logistics
is .trigger contract-ending
is .need "a cheaper fleet contract"
is .urgency high
is .style direct
is .risk low
is .provider FleetCo
is .contract_ends 2027-03-31
is .binding yes
is .status prospect
is .hold_until null
is .hold_unless_inbound false
is .checkin_days null
is .created_at 2026-11-23T12:00:00Z
is .updated_at 2026-11-23T12:00:00Z
# Defaults: standard style, prospect, nulls for what was not given.
ok account add "Bare" --json
is .id 2
is .style standard
is .status prospect
is .trigger null
is .binding null
ok account add "Third" --trigger cold-call --urgency low
eq "$OUT" "added account 3: Third" "text output of a create"

# Invalid input: exit 4, a one-line reason, nothing written.
same_db fails 4 account add X --trigger moved
has_err "invalid --trigger 'moved' (expected one of moving, new-office, growth, new-staff, contract-ending, referral, inbound, cold-call, other)"
same_db fails 4 account add X --urgency urgent
same_db fails 4 account add X --style pushy
same_db fails 4 account add X --risk none
same_db fails 4 account add X --binding maybe
same_db fails 4 account add X --contract-ends 2026-02-30
has_err "cannot parse date '2026-02-30'"
same_db fails 4 account add X --contract-ends 2026-13-01
same_db fails 4 account add X --contract-ends 31.03.2027
same_db fails 4 account add ""
has_err "NAME must not be empty"
same_db fails 4 account add "   "
same_db fails 4 account add $'bell\a'
same_db fails 4 account add $'\xff\xfe'
same_db fails 4 account add "$(printf 'x%.0s' {1..501})"
has_err "too long"
ok account add "$(printf 'y%.0s' {1..500})" --json
is 'len(d["name"])' 500
same_db fails 2 account add X --status former

# Text is stored and returned byte for byte.
nasty=$'O\'Brien & "Söhne" \'); DROP TABLE accounts;-- <script>alert(1)</script>\nZweite Zeile\tTab 東京 🚀 '
ok account add "$nasty" --need "$nasty" --provider "$nasty" --json
id=$(json_get .id)
is .name "$nasty"
is .need "$nasty"
ok account show "$id" --json
is .name "$nasty"
is .provider "$nasty"
ok account list --json
is "[-1].name" "$nasty"
eq "$(sql "SELECT count(*) FROM accounts")" 5 "accounts after the injection attempt"
# In a table, a newline in a cell does not break the row.
ok account list
eq "$(grep -c . <<<"$OUT")" 6 "lines of the account table"

# list: a table, or a JSON array; filters, --limit, --after.
ok account list
[[ ${OUT%%$'\n'*} == "id"*"name"*"trigger"*"urgency"*"status"* ]]
t_check "the table has a header line"
has "Nordwind Logistik GmbH"
ok account list --trigger contract-ending --json
is 'len(d)' 1
is '[0].id' 1
ok account list --urgency low --json
is '[d[i]["name"] for i in range(len(d))]' '["Third"]'
ok account list --status prospect --json
is 'len(d)' 5
ok account list --status former --json
is d '[]'
ok account list --limit 2 --json
is '[x["id"] for x in d]' '[1,2]'
ok account list --after 2 --limit 2 --json
is '[x["id"] for x in d]' '[3,4]'
same_db fails 4 account list --trigger nope
same_db fails 4 account list --limit 0
same_db fails 4 account list --after x

# show: the account with its contacts, deals, activities, statements, invoices, history.
ok contact add "Ines" --account 1 --json
ok deal add "Fleet contract" --account 1 --value 48,000 --json
deal=$(json_get .id)
ok log --deal "$deal" --kind call --dir out --outcome connected "first call"
ok said --deal "$deal" "we can start in March"
ok invoice add --account 1 --amount 100 --due 2026-12-31
ok account show 1 --json
is .name "Nordwind Logistik GmbH"
is '[len(d[k]) for k in ("contacts", "deals", "activities", "statements", "invoices")]' \
    '[1,1,1,1,1]'
is .contacts[0].name Ines
is .deals[0].value_cents 4800000
is .activities[0].text "first call"
is .statements[0].text "we can start in March"
is .history '[]'
ok account show 1
has "Contacts"
has "Fleet contract"
has "48,000.00"
fails 3 account show 999
has_err "account 999 not found"
fails 4 account show abc
fails 4 account show 0

# edit: changes only what is given; status changes keep history; "" clears a field.
ok account edit 1 --urgency medium --industry "" --json
is .urgency medium
is .industry null
is .trigger contract-ending
is .name "Nordwind Logistik GmbH"
ok account edit 1 --name "Nordwind" --status customer --json --now 2026-11-24
is .name Nordwind
is .status customer
is .updated_at 2026-11-24T12:00:00Z
is .created_at 2026-11-23T12:00:00Z
ok account show 1 --json
is '[[h["field"], h["from"], h["to"]] for h in d["history"]]' '[["status","prospect","customer"]]'
same_db fails 2 account edit 1
has_err "nothing to change"
same_db fails 3 account edit 999 --name X
same_db fails 4 account edit 1 --status lost
same_db fails 4 account edit 1 --name ""
same_db fails 4 account edit 1 --contract-ends 2026-02-29
same_db fails 2 account edit 1 --checkin-days 3

# delete: refused while it has dependents, --force takes them with it.
ok meet add --deal "$deal" --at 2026-11-30T10:00Z --minutes 60 --kind discovery --contact 1
ok agree --deal "$deal" --on 2026-12-01
ok claim add --deal "$deal" "we must decide by Christmas"
same_db fails 4 account delete 1
has_err "account 1 still has 1 contact, 1 deal, 1 activity, 1 invoice (use --force"
ok account delete 3 --json
is . '{"id":3,"deleted":true}'
ok account delete 2
eq "$OUT" "deleted account 2" "text output of a delete"
same_db fails 3 account delete 3
ok account delete 1 --force --json
is .deleted true
for t in accounts contacts deals activities agreements meetings meeting_attendees claims \
    statements invoices; do
    eq "$(sql "SELECT count(*) FROM $t WHERE $( [[ $t == accounts ]] && echo id ||
        { [[ $t == meeting_attendees ]] && echo 1 || echo account_id; } ) = 1")" 0 \
        "$t left after account delete --force"
done
ok account list --json
is 'len(d)' 2

# A deleted record's history goes with it: a new record that gets its id starts clean.
# (SQLite gives the freed ids again; PostgreSQL never does.)
ok hold --account 5 --until 2027-01-01 --reason "theirs, not the next one's"
ok account delete 5
ok account add "Next" --json
[[ -n $T_PG_URL ]] || is .id 5
next=$(json_get .id)
ok account show "$next" --json
is .history '[]'
ok deal add "Next deal" --account "$next" --json
[[ -n $T_PG_URL ]] || is .id 1
deal=$(json_get .id)
ok deal show "$deal" --json
is '[[h["from"], h["to"], h["reason"]] for h in d["history"]]' '[[null,"lead","opened"]]'

finish
