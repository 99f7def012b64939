# said and statement list (practice 4: be consistent); claim add | list | verify | clarify |
# contradict (practice 5: verify, don't assume).
source "$TESTLIB"

ok account add "Roth Immobilien" --json
ok account add "Elsewhere" --json
ok contact add "Herr Roth" --account 1 --role decision-maker --json
ok contact add "Not theirs" --account 2 --json
ok deal add "Cleaning contract" --account 1 --json
ok deal add "Other" --account 2 --json

# said: what I told them, byte for byte, with when.
ok said --deal 1 --contact 1 "Price holds until 31 March; installation in 3 weeks" --json
is .id 1
is .account_id 1
is .deal_id 1
is .contact_id 1
is .text "Price holds until 31 March; installation in 3 weeks"
is .at 2026-11-23T12:00:00Z
nasty=$'We said: "no setup fee" \'); DELETE FROM statements;-- <i>x</i>\n€ 1.200,– — 約束 ✅'
ok said --deal 1 "$nasty" --json --now 2026-11-24T08:00:00Z
is .text "$nasty"
ok said --deal 1 "Support answers within 4 hours"
eq "$OUT" "added statement 3: Support answers within 4 hours" "text output"
ok statement list --deal 1 --json
is '[x["text"] for x in d][1]' "$nasty"
is '[x["at"] for x in d]' '["2026-11-23T12:00:00Z","2026-11-24T08:00:00Z","2026-11-23T12:00:00Z"]'
ok statement list --account 1
has "Price holds until 31 March"
ok account show 1 --json
is '[x["id"] for x in d["statements"]]' '[3,2,1]'
same_db fails 2 said --deal 1
has_err "missing TEXT"
same_db fails 4 said --deal 1 ""
same_db fails 4 said --deal 1 "   "
same_db fails 2 said "no deal"
same_db fails 3 said --deal 99 "x"
same_db fails 4 said --deal 1 --contact 2 "x"
same_db fails 2 said --deal 1 one two

# claim add: what they told me, to verify; unverified until shown otherwise.
ok claim add --deal 1 --contact 1 "We have a binding contract with CleanCo until 2028" --json
is .id 1
is .contact_id 1
is .status unverified
is .note null
claim=$(json_get .id)
ok claim add --deal 1 "We value local companies" --json
ok claim add --deal 1 "Our current provider is cheaper" --json
ok claim add --deal 1 "$nasty" --json
is .text "$nasty"
same_db fails 2 claim add --deal 1
same_db fails 4 claim add --deal 1 ""
same_db fails 3 claim add --deal 99 "x"
same_db fails 4 claim add --deal 1 --contact 2 "x"
same_db fails 2 claim add --deal 1 "x" --status verified

# verify | clarify | contradict: the status, the note, and history with the note as reason.
ok claim clarify "$claim" --note "contract ends 30 June 2027, notice 3 months" --json \
    --now 2026-11-25T09:00:00Z
is .status clarified
is .note "contract ends 30 June 2027, notice 3 months"
is .updated_at 2026-11-25T09:00:00Z
ok claim verify "$claim" --note "saw the contract" --json --now 2026-11-26T09:00:00Z
is .status verified
is .note "saw the contract"
ok claim contradict 2 --note "they chose the cheapest regional bidder last year"
eq "$OUT" "claim 2 contradicted" "text output"
ok claim verify 3
ok claim list --deal 1 --json
is '[[x["status"], x["note"]] for x in d]' \
    "[[\"verified\",\"saw the contract\"],[\"contradicted\",\"they chose the cheapest regional bidder last year\"],[\"verified\",null],[\"unverified\",null]]"
ok claim list --status unverified --json
is '[x["id"] for x in d]' '[4]'
eq "$(sql "SELECT entity_id || ' ' || \"from\" || '>' || \"to\" || ' ' ||
    coalesce(reason, '-') || ' ' || at FROM history WHERE entity = 'claim' ORDER BY id" |
    paste -sd '|')" \
    "1 unverified>clarified contract ends 30 June 2027, notice 3 months 2026-11-25T09:00:00Z|1 clarified>verified saw the contract 2026-11-26T09:00:00Z|2 unverified>contradicted they chose the cheapest regional bidder last year 2026-11-23T12:00:00Z|3 unverified>verified - 2026-11-23T12:00:00Z" \
    "claim history"
same_db fails 3 claim verify 99
same_db fails 2 claim verify
same_db fails 4 claim verify x
same_db fails 4 claim verify 4 --note $'bad\x01note'
same_db fails 4 claim list --status true
ok deal show 1 --json
is '[x["status"] for x in d["claims"]]' '["verified","contradicted","verified","unverified"]'
ok claim contradict 4 --json
is '[d["id"], d["status"], d["note"]]' '[4,"contradicted",null]'

finish
