# deal add | list | show | edit | stage | hold | delete.
source "$TESTLIB"

ok account add "Kessler Bau" --json
ok account add "Lindqvist AB" --json
ok contact add "Karl Kessler" --account 1 --role decision-maker --json

ok deal add "New office fit-out" --account 1 --value 125,000.50 --currency eur --stage qualified \
    --decision-by 2027-01-15 --decision-process "board meets monthly" --competitor "BüroPlan" --json
is .id 1
is .account_id 1
is .title "New office fit-out"
is .value_cents 12500050
is .currency EUR
is .stage qualified
is .decision_by 2027-01-15
is .decision_process "board meets monthly"
is .competitor "BüroPlan"
is .close_reason null
is .closed_at null
is .hold_until null
is .opened_at 2026-11-23T12:00:00Z
ok deal add "Small repair" --account 1 --json --now 2026-11-20
is .value_cents 0
is .currency USD
is .stage lead
ok deal add "Warehouse" --account 2 --value 9000 --stage proposal --json --now 2026-11-21
is .value_cents 900000
ok deal add "Cafeteria" --account 2 --value 0.5
eq "$OUT" "added deal 4: Cafeteria" "text output"

# Amounts: "1,200.50" style, never negative, at most two decimals.
for v in "-1" "1.234" "1,00" "1e3" "12 000" "€5" "1." ".5" "1,0000" "99999999999999999999"; do
    same_db fails 4 deal add X --account 1 --value "$v"
done
has_err "invalid amount"
same_db fails 4 deal add X --account 1 --currency EURO
same_db fails 4 deal add X --account 1 --currency 12E
same_db fails 4 deal add X --account 1 --stage closing
same_db fails 4 deal add X --account 1 --decision-by 2026-02-30
same_db fails 4 deal add "" --account 1
same_db fails 2 deal add X
same_db fails 2 deal add --account 1
same_db fails 3 deal add X --account 9

# list: filters, sorting (age: oldest first; value: largest first).
ok deal list --json
is '[x["id"] for x in d]' '[2,3,1,4]'
ok deal list --sort age --json
is '[x["id"] for x in d]' '[2,3,1,4]'
ok deal list --sort value --json
is '[x["id"] for x in d]' '[1,3,4,2]'
ok deal list --stage proposal --json
is '[x["title"] for x in d]' '["Warehouse"]'
ok deal list --account 1 --json
is '[x["id"] for x in d]' '[2,1]'
ok deal list --account 2 --stage lead --json
is '[x["id"] for x in d]' '[4]'
ok deal list --stage won --json
is d '[]'
ok deal list
has "125,000.50"
same_db fails 4 deal list --sort colour
same_db fails 4 deal list --stage closing

# edit.
ok deal edit 2 --title "Roof repair" --value 1,500 --competitor "" --json --now 2026-11-24
is .title "Roof repair"
is .value_cents 150000
is .updated_at 2026-11-24T12:00:00Z
is .opened_at 2026-11-20T12:00:00Z
same_db fails 4 deal edit 2 --value abc
same_db fails 2 deal edit 2 --stage proposal
same_db fails 2 deal edit 2 --account 2

# stage: moves an open deal with history and the reason; same stage or a closed one refused.
ok deal stage 1 proposal --reason "sent the offer" --json --now 2026-11-25
is .stage proposal
is .updated_at 2026-11-25T12:00:00Z
ok deal stage 1 negotiation
eq "$OUT" "deal 1 moved" "text output of deal stage"
same_db fails 4 deal stage 1 negotiation
has_err "already at stage negotiation"
same_db fails 4 deal stage 1 won
has_err "close a deal with"
same_db fails 4 deal stage 1 closing
same_db fails 3 deal stage 99 lead
same_db fails 2 deal stage 1 lead extra
ok deal show 1 --json
is '[[h["field"], h["from"], h["to"], h["reason"], h["at"]] for h in d["history"]]' \
    '[["stage",null,"qualified","opened","2026-11-23T12:00:00Z"],["stage","qualified","proposal","sent the offer","2026-11-25T12:00:00Z"],["stage","proposal","negotiation",null,"2026-11-23T12:00:00Z"]]'
# Reopening a closed deal clears the close.
ok lost --deal 3 --reason price --note "too dear" --now 2026-11-26
same_db fails 4 agree --deal 3 --on 2026-12-01
has_err "deal 3 is closed"
same_db fails 4 deal stage 3 lost
ok deal stage 3 negotiation --reason "they called back" --json --now 2026-11-27
is '[d["stage"], d["close_reason"], d["close_note"], d["closed_at"]]' '["negotiation",null,null,null]'
ok deal show 3 --json
is '[[h["from"], h["to"], h["reason"], h["at"]] for h in d["history"]]' \
    '[[null,"proposal","opened","2026-11-21T12:00:00Z"],["proposal","lost","too dear","2026-11-26T12:00:00Z"],["lost","negotiation","they called back","2026-11-27T12:00:00Z"]]'

# hold: no outreach on the deal until a day after today; --clear lifts it; history.
ok deal hold 1 --until 2027-01-10 --reason "budget frozen until January" --json
is .hold_until 2027-01-10
is .hold_reason "budget frozen until January"
same_db fails 4 deal hold 1 --until 2026-11-23
has_err "hold date 2026-11-23 is not after today"
same_db fails 4 deal hold 1 --until 2026-11-01
same_db fails 4 deal hold 1 --until 2027-02-30
same_db fails 2 deal hold 1
same_db fails 2 deal hold 1 --until 2027-01-10 --clear
same_db fails 3 deal hold 99 --until 2027-01-10
ok deal hold 1 --clear --json --now 2026-12-01
is .hold_until null
is .updated_at 2026-12-01T12:00:00Z
is .hold_reason null
same_db fails 4 deal hold 1 --clear
has_err "no hold to lift"
ok deal show 1 --json
is '[[h["from"], h["to"], h["reason"]] for h in d["history"] if h["field"] == "hold"]' \
    '[[null,"2027-01-10","budget frozen until January"],["2027-01-10",null,null]]'

# show: the deal with its meetings (and attendees), agreements, claims, statements,
# activities and history.
ok meet add --deal 1 --at 2026-12-02T10:00Z --minutes 45 --kind proposal --contact 1
ok agree --deal 1 --on 2026-12-05 --note "decision call"
ok claim add --deal 1 "our board must approve anything over 100k"
ok said --deal 1 "installation takes three weeks"
ok log --deal 1 --kind email --dir out "sent the revised offer"
ok deal show 1 --json
is '[len(d[k]) for k in ("meetings", "agreements", "claims", "statements", "activities")]' \
    '[1,1,1,1,1]'
is .meetings[0].attendees '[1]'
is .agreements[0].due_on 2026-12-05
is .claims[0].status unverified
is .statements[0].text "installation takes three weeks"
is .activities[0].text "sent the revised offer"
ok deal show 1
has "What they claimed"
has "our board must approve anything over 100k"
fails 3 deal show 99

# delete: refused with dependents, --force takes them along.
ok deal delete 4 --json
is .deleted true
same_db fails 4 deal delete 1
has_err "deal 1 still has 1 activity, 1 agreement, 1 meeting, 1 claim, 1 statement"
ok deal delete 1 --force
eq "$(sql "SELECT (SELECT count(*) FROM meetings) + (SELECT count(*) FROM agreements) +
    (SELECT count(*) FROM claims) + (SELECT count(*) FROM statements) +
    (SELECT count(*) FROM activities) + (SELECT count(*) FROM meeting_attendees)")" 0 \
    "records left of deal 1"
ok account show 1 --json
is '[x["id"] for x in d["deals"]]' '[2]'
is 'len(d["contacts"])' 1

finish
