# Correcting mistakes: agree cancel|edit, meet edit, activity edit|delete, claim edit,
# statement edit|delete, deal hold --unless-inbound, hold cancel; typo'd dates; the
# contact's track record. Every change leaves history; bad input changes nothing.
source "$TESTLIB"

ok account add "Maier Praxis" --style direct --trigger moving
ok contact add "Dr. Maier" --account 1 --role decision-maker --email maier@praxis.test
ok contact add "Frau Berg" --account 1 --role influencer
ok account add "Elsewhere"
ok contact add "Not theirs" --account 2
ok deal add "Scheduling software" --account 1 --stage proposal --decision-process "partners decide"
ok deal add "Other deal" --account 2

# ---- agree edit / agree cancel -------------------------------------------------------------
ok agree --deal 1 --on 2026-11-26 --contact 1 --note "call Thursday"
ok today --json
is '[it["kind"] for it in d["items"] if it.get("deal_id") == 1]' '[]'
same_db fails 4 agree edit 1 --on 2026-11-20
has_err "before the day it was agreed"
same_db fails 4 agree edit 1 --on 2026-13-01
has_err "'2026-13-01'"
same_db fails 4 agree edit 1 --contact 3
has_err "contact 3 belongs to another account"
same_db fails 2 agree edit 1
has_err "nothing to change"
same_db fails 2 agree edit 1 --status kept
has_err "unknown option '--status'"
same_db fails 3 agree edit 99 --on 2026-11-30
same_db fails 4 agree edit x --on 2026-11-30
ok agree edit 1 --on 2026-11-27 --contact 2 --note "call Friday" --json
is '[d["due_on"], d["contact_id"], d["note"], d["status"]]' '["2026-11-27",2,"call Friday","open"]'
ok agreement show 1 --json
is '[[h["field"], h["from"], h["to"], h["reason"]] for h in d["history"]]' \
    '[["contact_id","1","2","edited"],["due_on","2026-11-26","2026-11-27","edited"],["note","call Thursday","call Friday","edited"]]'
ok today --json --now 2026-11-30
is '[it["kind"] for it in d["items"] if it.get("deal_id") == 1]' '["followup-missed"]'

ok agree cancel 1 --note "they went quiet" --json
is '[d["status"], d["closed_at"]]' '["cancelled","2026-11-23T12:00:00Z"]'
ok agreement show 1 --json
is '[d["history"][-1]["field"], d["history"][-1]["from"], d["history"][-1]["to"], d["history"][-1]["reason"]]' \
    '["status","open","cancelled","they went quiet"]'
# Without an agreement the deal needs a next step again, today.
ok today --json
is '[it["kind"] for it in d["items"] if it.get("deal_id") == 1]' '["no-next-step"]'
same_db fails 4 agree cancel 1
has_err "agreement 1 is cancelled, not open"
same_db fails 4 agree edit 1 --on 2026-12-01
has_err "not open"
same_db fails 3 agree cancel 42
same_db fails 2 agree cancel
ok agree cancel --help
has "usage: rapport agree cancel ID"

# ---- activity edit / delete, the future typo -------------------------------------------------
same_db fails 4 log --deal 1 --kind call --dir out --at 2062-11-23T09:00Z
has_err "activity time '2062-11-23T09:00:00Z' is more than a day in the future"
has_err "--force"
ok log --deal 1 --kind call --dir out --outcome no-answer --contact 1 --at 2026-11-24T11:00Z
ok log --force --deal 1 --kind call --dir out --outcome no-answer --at 2026-12-24T09:00Z --json
is .at 2026-12-24T09:00:00Z
ok activity delete 2
ok deal show 1 --json
is '[d["history"][-1]["field"], d["history"][-1]["from"], d["history"][-1]["reason"]]' \
    '["activity","activity 2: call out no-answer at 2026-12-24T09:00:00Z","deleted"]'
same_db fails 3 activity delete 2
same_db fails 3 activity edit 2 --outcome connected
same_db fails 4 activity edit 1 --at 2062-01-01T10:00Z
has_err "2062-01-01T10:00:00Z"
same_db fails 4 activity edit 1 --outcome perhaps
has_err "outcome"
same_db fails 4 activity edit 1 --dir sideways
same_db fails 4 activity edit 1 --contact 3
same_db fails 2 activity edit 1 --deal 2
has_err "unknown option '--deal'"
same_db fails 2 activity edit 1 "one" "two"

# A new agreement, then the call that was logged as unanswered turns out to have connected:
# the corrected call keeps the agreement, as logging it so would have.
ok agree --deal 1 --on 2026-11-24
ok activity edit 1 --outcome connected "she picked up after all" --json
is '[d["outcome"], d["text"]]' '["connected","she picked up after all"]'
ok agreement list --deal 1 --json
is '[x["status"] for x in d]' '["cancelled","kept"]'
ok activity show 1 --json
is '[[h["field"], h["from"], h["to"]] for h in d["history"]]' \
    '[["outcome","no-answer","connected"],["text",null,"she picked up after all"]]'
ok activity edit 1 --at 2026-11-22T10:00Z --json
is .at 2026-11-22T10:00:00Z

# Three unanswered touches call for a push; the agenda follows their corrections and deletions.
ok account add "Push Co" --trigger moving
ok contact add "Pat" --account 3 --role decision-maker --email pat@push.test --primary
for title in "Quiet one" "Quiet two"; do
    ok deal add "$title" --account 3 --stage proposal --decision-process "CFO signs" --json
    deal=$(json_get .id)
    for day in 02 05 09; do
        ok log --deal $deal --kind email --dir out --at "2026-11-${day}T08:00:00Z" --json
    done
done
ok today --json
is '[it["kind"] for it in d["items"] if it.get("account_id") == 3]' '["push-suggested","push-suggested"]'
ok activity list --deal 3 --json
last=$(json_get 'd[-1]["id"]')
ok activity edit $last --kind call --outcome connected
ok activity list --deal 4 --json
ok activity delete "$(json_get 'd[0]["id"]')"
# One answered, the other down to two touches: neither calls for a push. The answered one
# has had no conversation for ten working days since (stale); the other needs a next step.
ok today --json
is '[it["kind"] for it in d["items"] if it.get("account_id") == 3]' '["stale","no-next-step"]'

# ---- meet edit, the past typo, reschedule --by --------------------------------------------------
same_db fails 4 meet add --deal 1 --at 2020-11-24T10:00Z --minutes 60 --kind demo
has_err "meeting time '2020-11-24T10:00:00Z' is in the past (today is 2026-11-23"
ok meet add --deal 1 --at 2026-11-25T10:00Z --minutes 60 --kind demo --contact 1 --json
M=$(json_get .id)
same_db fails 4 meet edit $M --at 2020-11-25T10:00Z
same_db fails 4 meet edit $M --minutes 0
same_db fails 4 meet edit $M --minutes lots
same_db fails 4 meet edit $M --kind party
same_db fails 4 meet edit $M --contact 3
has_err "contact 3 belongs to another account"
same_db fails 4 meet edit $M --contact nobody
has_err "--contact"
same_db fails 3 meet edit $M --contact 99
same_db fails 3 meet edit 99 --minutes 30
ok meet edit $M --minutes 30 --kind intro --contact 2 --contact 1 --contact 2 --json
is '[d["minutes"], d["kind"], d["warnings"]]' \
    '[30,"intro",["meeting is too short: intro meetings need 60 minutes, this one has 30 (30 short); offer to reschedule, or a quick call if the need is immediate"]]'
ok meet show $M --json
is .attendees '[1,2]'
is '[[h["field"], h["from"], h["to"]] for h in d["history"]]' \
    '[["minutes","60","30"],["kind","demo","intro"],["attendees","1","1, 2"]]'
ok today --json --now 2026-11-25
is '[it["kind"] for it in d["items"] if it.get("deal_id") == 1]' '["meeting"]'
ok today --json --now 2026-11-24
is '[it["kind"] for it in d["items"] if it.get("deal_id") == 1]' '["meeting-too-short"]'
ok meet edit $M --minutes 60 --at 2026-11-26T10:00Z
ok today --json --now 2026-11-25
is '[it["kind"] for it in d["items"] if it.get("deal_id") == 1]' '[]'
ok meet edit $M --at 2026-11-20T10:00Z --force --json
is .at 2026-11-20T10:00:00Z
ok meet edit $M --at 2026-11-26T10:00Z
same_db fails 4 meet reschedule $M --at 2026-11-27T10:00Z --by boss
has_err "invalid --by 'boss'"
same_db fails 4 meet reschedule $M --at 2020-11-27T10:00Z --by them
ok meet reschedule $M --at 2026-11-27T10:00Z --by them --json
M2=$(json_get .id)
ok meet show $M --json
is '[d["status"], d["rescheduled_by"], d["history"][-1]["reason"]]' \
    "[\"rescheduled\",\"them\",\"moved to meeting $M2 at their request\"]"
ok meet no-show $M2 --now 2026-11-27T12:00Z

# ---- the contact's track record ---------------------------------------------------------------
ok log --deal 1 --kind call --dir out --outcome no-answer --contact 2 --at 2026-11-23T08:00Z
ok log --deal 1 --kind voicemail --dir out --outcome left-message --contact 2 --at 2026-11-23T09:00Z
ok contact show 2 --json
is '[d["name"], d["track_record"]["meetings_held"], d["track_record"]["no_shows"], d["track_record"]["reschedules"], d["track_record"]["rescheduled_by_them"], d["track_record"]["calls_unanswered"], d["track_record"]["calls_unanswered_since_reply"], d["track_record"]["last_reply"]]' \
    '["Frau Berg",0,1,1,1,2,2,null]'
ok contact show 1 --json
is '[d["track_record"]["calls_unanswered"], d["track_record"]["last_two_way_at"], d["track_record"]["last_reply"]["what"], d["track_record"]["last_reply"]["activity_id"]]' \
    '[0,"2026-11-22T10:00:00Z","call out",1]'
ok contact show 2
has "Track record"
has "no-shows 1, rescheduled 1 (asked by them 1, by us 0)"
has "calls unanswered 2 (2 since the last reply)"
has "last reply: none yet"
same_db fails 3 contact show 99

# ---- claim edit, statement edit / delete ---------------------------------------------------------
ok claim add --deal 1 "we have a binding contract"
ok claim edit 1 "a binding contract until 2027" --contact 1 --json
is '[d["text"], d["contact_id"], d["status"]]' '["a binding contract until 2027",1,"unverified"]'
ok claim show 1 --json
is '[[h["field"], h["to"]] for h in d["history"]]' \
    '[["contact_id","1"],["text","a binding contract until 2027"]]'
same_db fails 4 claim edit 1 ""
same_db fails 4 claim edit 1 --contact 3
same_db fails 3 claim edit 7 "x"
ok said --deal 1 "delivery within five days"
ok statement edit 1 "delivery within a week" --json
is .text "delivery within a week"
ok statement show 1 --json
is '[[h["field"], h["from"], h["to"]] for h in d["history"]]' \
    '[["text","delivery within five days","delivery within a week"]]'
same_db fails 2 statement edit 1
same_db fails 3 statement delete 9
ok statement delete 1 --json
is . '{"id":1,"deleted":true}'
eq "$(sql "SELECT count(*) FROM history WHERE entity = 'statement' AND entity_id = 1")" 0 \
    "a deleted statement's history goes with it"
ok deal show 1 --json
is '[d["history"][-1]["from"], d["history"][-1]["reason"]]' \
    '["statement 1: delivery within a week","deleted"]'

# ---- deal hold --unless-inbound, hold cancel ----------------------------------------------------
same_db fails 4 deal hold 1 --until 2026-11-20 --unless-inbound
same_db fails 3 deal hold 9 --until 2026-12-20 --unless-inbound
ok deal hold 1 --until 2026-12-20 --unless-inbound --reason "budget frozen" --json
is '[d["hold_until"], d["hold_unless_inbound"], d["hold_reason"]]' '["2026-12-20",true,"budget frozen"]'
# Their reply the day the hold was set was the one asking for room: it does not lift it.
ok log --deal 1 --kind email --dir in --at 2026-11-23T13:00Z
ok deal show 1 --json
is .hold_until 2026-12-20
ok log --deal 1 --kind call --dir in --at 2026-11-25T09:00Z --now 2026-11-25T10:00Z --json
CALL=$(json_get .id)
ok deal show 1 --json
is '[d["hold_until"], d["hold_unless_inbound"], d["history"][-1]["reason"]]' \
    "[null,false,\"lifted by inbound call on 2026-11-25 (activity $CALL)\"]"
# A plain deal hold is not lifted by their call.
ok deal hold 1 --until 2026-12-20
ok log --deal 1 --kind call --dir in --at 2026-11-26T09:00Z --now 2026-11-26T10:00Z
ok deal show 1 --json
is .hold_until 2026-12-20
ok hold cancel --deal 1 --json
is .hold_until null
ok deal show 1 --json
is '[d["history"][-1]["field"], d["history"][-1]["from"], d["history"][-1]["to"], d["history"][-1]["reason"]]' \
    '["hold","2026-12-20",null,"cancelled"]'
same_db fails 4 hold cancel --deal 1
has_err "deal 1 has no hold to lift"
ok hold --account 1 --until 2026-12-01
ok hold cancel --account 1 --reason "they called back" --json
is .hold_until null
ok account show 1 --json
is '[d["history"][-1]["field"], d["history"][-1]["reason"]]' '["hold","they called back"]'
same_db fails 2 hold cancel
has_err "--account ID or --deal ID"
same_db fails 2 hold cancel --account 1 --deal 1
same_db fails 4 hold cancel --account one
has_err "--account"
same_db fails 3 hold cancel --account 77
same_db fails 2 hold cancel --account 1 --until 2026-12-01
ok hold cancel --help
has "--deal ID"

finish
