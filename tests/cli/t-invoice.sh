# invoice add | list | paid, and checkin (practice 8: after the sale).
source "$TESTLIB"

ok account add "Fischer GmbH" --json
ok account add "Second" --json

ok invoice add --account 1 --amount 1,200.50 --due 2026-12-15 --number "RE-2026-0042" --json
is .id 1
is .account_id 1
is .number RE-2026-0042
is .amount_cents 120050
is .currency USD
is .due_on 2026-12-15
is .paid_on null
is .created_at 2026-11-23T12:00:00Z
ok invoice add --account 1 --amount 99 --due 2026-11-30 --currency chf --json
is '[d["amount_cents"], d["currency"], d["number"]]' '[9900,"CHF",null]'
ok invoice add --account 2 --amount 0.07 --due 2027-01-31 --number "R-3"
eq "$OUT" "added invoice 3: R-3" "text output"

same_db fails 2 invoice add --amount 10 --due 2026-12-01
same_db fails 2 invoice add --account 1 --due 2026-12-01
same_db fails 2 invoice add --account 1 --amount 10
same_db fails 3 invoice add --account 9 --amount 10 --due 2026-12-01
same_db fails 4 invoice add --account 1 --amount -10 --due 2026-12-01
same_db fails 4 invoice add --account 1 --amount 10.999 --due 2026-12-01
same_db fails 4 invoice add --account 1 --amount "1 200" --due 2026-12-01
same_db fails 4 invoice add --account 1 --amount 10 --due 2026-11-31
same_db fails 4 invoice add --account 1 --amount 10 --due 2026-12-01 --currency euro
same_db fails 2 invoice add --account 1 --amount 10 --due 2026-12-01 --paid-on 2026-12-01

ok invoice list --account 1 --json
is '[x["id"] for x in d]' '[1,2]'
ok invoice list
has "1,200.50"
has "RE-2026-0042"

# paid: on a day (default today), once.
ok invoice paid 1 --on 2026-12-20 --json
is .paid_on 2026-12-20
ok invoice paid 2
eq "$OUT" "invoice 2 paid" "text output"
ok invoice list --json
is '[x["paid_on"] for x in d]' '["2026-12-20","2026-11-23",null]'
same_db fails 4 invoice paid 1
has_err "invoice 1 was already paid on 2026-12-20"
same_db fails 4 invoice paid 2 --on 2026-12-01
same_db fails 3 invoice paid 99
same_db fails 2 invoice paid
same_db fails 4 invoice paid 3 --on 2026-02-30
same_db fails 4 invoice paid 3 --on yesterday

# checkin: how often a customer wants to hear from us; 0 stops it.
ok checkin --account 1 --every 30 --json
is .checkin_days 30
is .name "Fischer GmbH"
ok checkin --account 1 --every 90
eq "$OUT" "account 1 will get check-ins" "text output"
ok account show 1 --json
is .checkin_days 90
ok checkin --account 1 --every 0 --json
is .checkin_days null
same_db fails 2 checkin --account 1
same_db fails 2 checkin --every 30
same_db fails 3 checkin --account 99 --every 30
same_db fails 4 checkin --account 1 --every -5
same_db fails 4 checkin --account 1 --every monthly
same_db fails 4 checkin --account 1 --every 3651

finish
