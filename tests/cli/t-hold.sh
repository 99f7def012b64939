# hold: "do not follow up before the 14th unless he contacts me first" (practice 3).
source "$TESTLIB"

ok account add "Vogel Steuerberatung" --json
ok account add "Plain hold" --json
ok account add "Third" --json
ok deal add "Payroll" --account 1 --json

ok hold --account 1 --until 2026-12-14 --unless-inbound --reason "asked for room until the 14th" \
    --json
is .hold_until 2026-12-14
is .hold_unless_inbound true
is .hold_reason "asked for room until the 14th"
ok hold --account 2 --until 2026-12-14
eq "$OUT" "account 2 on hold" "text output"
ok account show 2 --json
is '[d["hold_until"], d["hold_unless_inbound"], d["hold_reason"]]' '["2026-12-14",false,null]'

same_db fails 2 hold --until 2026-12-14
same_db fails 2 hold --account 3
same_db fails 2 hold --account 3 --until 2026-12-14 --clear
same_db fails 3 hold --account 99 --until 2026-12-14
same_db fails 4 hold --account 3 --until 2026-11-23
has_err "hold date 2026-11-23 is not after today"
same_db fails 4 hold --account 3 --until 2026-11-01
same_db fails 4 hold --account 3 --until 2026-12-32
same_db fails 4 hold --account 3 --until 14.12.2026
same_db fails 4 hold --account 3 --clear
has_err "no hold to lift"

# Outbound contact, even when it reached them, does not lift the hold.
ok log --deal 1 --kind email --dir out --outcome no-answer "just checking in" --json
ok log --deal 1 --kind call --dir out --outcome connected --json
ok account show 1 --json
is .hold_until 2026-12-14
is 'len(d["history"])' 1
# Their own call lifts it at once, and the history says so.
ok log --deal 1 --kind call --dir in "He called: ready to talk" --json --now 2026-11-30T15:00:00Z
act=$(json_get .id)
ok account show 1 --json
is '[d["hold_until"], d["hold_unless_inbound"], d["hold_reason"]]' '[null,false,null]'
is '[[h["field"], h["from"], h["to"], h["reason"], h["at"]] for h in d["history"]]' \
    "[[\"hold\",null,\"2026-12-14\",\"asked for room until the 14th\",\"2026-11-23T12:00:00Z\"],[\"hold\",\"2026-12-14\",null,\"lifted by inbound call on 2026-11-30 (activity $act)\",\"2026-11-30T15:00:00Z\"]]"
ok account show 1
has "lifted by inbound call on 2026-11-30"
# A hold without --unless-inbound stays, whatever they do.
ok log --account 2 --kind email --dir in "we will come back to you" --json
ok account show 2 --json
is .hold_until 2026-12-14
is 'len(d["history"])' 1

# An inbound activity on an account without a hold changes nothing.
ok log --account 3 --kind call --dir in --json
ok account show 3 --json
is .history '[]'

# --clear lifts a hold by hand; a new hold replaces the old one.
ok hold --account 2 --until 2027-01-31 --unless-inbound --json
is '[d["hold_until"], d["hold_unless_inbound"]]' '["2027-01-31",true]'
ok hold --account 2 --clear --json --now 2026-11-24
is '[d["hold_until"], d["hold_unless_inbound"], d["hold_reason"]]' '[null,false,null]'
is .updated_at 2026-11-24T12:00:00Z
ok account show 2 --json
is '[[h["from"], h["to"]] for h in d["history"]]' \
    '[[null,"2026-12-14"],["2026-12-14","2027-01-31"],["2027-01-31",null]]'
ok account list --json
is '[x["hold_until"] for x in d]' '[null,null,null]'

finish
