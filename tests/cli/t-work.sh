#!/usr/bin/env bash
# Working the agenda (rapport done, snooze, send, --from ITEM): each item of `rapport today`
# is acted on by its id, the list shrinks to nothing, and tomorrow shows only what is due
# then; the errors of each command; snoozes kept, listed and cancelled by their call.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

SINK_OUT=$T_DIR/mail.jsonl
rm -f "$T_DIR/port"
/usr/bin/python3 "$(dirname "$TESTLIB")/smtp_sink.py" "$SINK_OUT" accept >"$T_DIR/port" &
SINK_PID=$!
for _ in $(seq 100); do [[ -s $T_DIR/port ]] && break; sleep 0.05; done
ok config set smtp.url "smtp://127.0.0.1:$(<"$T_DIR/port")"
ok config set smtp.from rep@rapport.example

# ---- one item, by hand -------------------------------------------------------------------
on 2026-11-16
mk account add "Acme" --style direct --trigger growth; A=$ID
mk contact add "Ann Smith" --account $A --email ann@acme.test --primary --role decision-maker
ANN=$ID
mk contact add "Bob Phone" --account $A --phone "+1 555 0100"; BOB=$ID
mk deal add "Fleet" --account $A --stage proposal --decision-process "board" \
    --decision-by 2026-12-15; D=$ID
mk agree --deal $D --on 2026-11-18 --contact $ANN --topic "the pilot"; G=$ID
mk deal add "Phone only" --account $A; P=$ID
mk agree --deal $P --on 2026-11-18 --contact $BOB --note "call him"; GP=$ID
on 2026-11-19
agenda
check 'one("followup-missed", '$D')["id"] == "followup-missed:'$G'"'
# Ids name what they are about; unknown ones exit 3, those not on today's agenda 4.
same_db fails 3 done nonsense:1
has_err "no agenda item 'nonsense:1' (expected KIND:ID"
same_db fails 3 done followup-missed:999
same_db fails 3 done followup-missed
same_db fails 2 done
same_db fails 4 done stale:$D
has_err "'stale:$D' is not on today's agenda"
same_db fails 2 done followup-missed:$G --dir in
same_db fails 4 done followup-missed:$G --log shout
same_db fails 4 snooze followup-missed:$G --until 2026-11-19
has_err "cannot snooze until 2026-11-19 (expected a day after today)"
same_db fails 2 snooze followup-missed:$G
same_db fails 4 snooze followup-missed:$G --days 0
same_db fails 4 send stale:$D

# Send: the draft goes to Ann through the mail server and is recorded as a touch with its
# recipients; the item is dealt with.
ok send followup-missed:$G --json
is .kind email
is .direction out
is .deal_id $D
is .contact_id $ANN
is 'd["text"].startswith("To: ann@acme.test\nSubject: Our call about the pilot\n\n")' true
eq "$(wc -l <"$SINK_OUT")" 1 "one message sent"
OUT=$(head -1 "$SINK_OUT")
is 'd["rcpt_tos"]' '["ann@acme.test"]'
agenda
items d$D ""
# Bob has a phone and no address: the reminder goes to Ann, the primary contact.
check 'one("followup-missed", '$P')["draft"]["to"] == ["ann@acme.test"]'
same_db fails 4 send followup-missed:$G
has_err "'followup-missed:$G' is dealt with until 2026-11-23"

# Done with a log: the call is recorded on the item's deal and contact.
ok done followup-missed:$GP --log call --outcome no-answer "Rang Bob, no answer" --json
is .until 2026-11-23
is .activity.kind call
is .activity.deal_id $P
is .activity.contact_id $BOB
is .activity.outcome no-answer
is .activity.text "Rang Bob, no answer"
agenda
items d$P ""
ok snooze list --json
is '[s["item"] for s in d]' '["followup-missed:'$G'","followup-missed:'$GP'"]'
is '[s["reason"] for s in d]' '["done","done"]'
# Not tomorrow (the 20th): it comes back after the direct style's retry (2 working days).
on 2026-11-20
agenda
items A$A ""
on 2026-11-23
agenda
items d$D "followup-missed"
items d$P "followup-missed"

# Snooze: kept off until the day asked, listed, and cancelled by their own call.
ok snooze followup-missed:$G --until 2026-11-30 --json
is .until 2026-11-30
ok snooze followup-missed:$GP --days 3
ok snooze list
has "followup-missed:$G"
has "until 2026-11-30"
agenda
items A$A ""
on 2026-11-26
agenda
items d$P "followup-missed"
items d$D ""
ok log --deal $D --kind call --dir in --outcome connected "Ann: sorry, back from leave"
ok snooze list --json
is 'd' '[]'
# Her call kept the agreement: the deal needs its next step, answered from the item.
agenda
items d$D "no-next-step"
ok agree --from no-next-step:$D --on 2026-12-02 --json
is .deal_id $D
is .due_on 2026-12-02
agenda
items d$D ""
# hold --from: the item's account.
ok hold --from followup-missed:$GP --until 2026-12-10 --reason "budget freeze" --json
is .id $A
is .hold_until 2026-12-10
agenda
items A$A ""

# ---- a seeded morning, worked to nothing ---------------------------------------------------
# Each item: its draft sent when it has one with an address, else a call logged; the list
# empties, and tomorrow shows none of today's items again but for the items of a day.
export RAPPORT_DB=$T_DIR/seeded.db
ok seed --accounts 200 --seed 11
ok config set smtp.url "smtp://127.0.0.1:$(<"$T_DIR/port")"
ok config set smtp.from rep@rapport.example
on 2026-11-23
$PY - "$RAPPORT_BIN" >"$T_DIR/work.out" 2>&1 <<'PYEOF'
import json, subprocess, sys
rapport = sys.argv[1]

def run(*args):
    p = subprocess.run([rapport, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def agenda(day):
    rc, out, err = run("today", "--json", "--now", day)
    assert rc == 0, err
    return json.loads(out)["items"]

start = agenda("2026-11-23")
assert len(start) >= 10, "a seeded morning has work: %d items" % len(start)
dealt = []
for rounds in range(4):
    items = agenda("2026-11-23")
    if not items:
        break
    for it in items:
        if it.get("draft", {}).get("to"):
            rc, out, err = run("send", it["id"], "--now", "2026-11-23")
        else:
            rc, out, err = run("done", it["id"], "--log", "call", "--outcome", "no-answer",
                               "--now", "2026-11-23")
        # An earlier action may have answered this item too (one call for the deal).
        assert rc in (0, 4), (it["id"], rc, err)
        if rc == 0:
            dealt.append(it["id"])
left = agenda("2026-11-23")
assert not left, "items left after working the morning: %s" % [i["id"] for i in left]
of_the_day = ("meeting:", "followup-due:", "hold-ends:")
again = [i["id"] for i in agenda("2026-11-24") if i["id"] in dealt and
         not i["id"].startswith(of_the_day)]
assert not again, "dealt with today, back tomorrow: %s" % again
print("worked %d items in %d rounds" % (len(dealt), rounds + 1))
PYEOF
RC=$?
OUT=$(<"$T_DIR/work.out") ERR=
((RC == 0))
t_check "a seeded morning is worked to nothing"
has "worked "

kill "$SINK_PID" 2>/dev/null
wait "$SINK_PID" 2>/dev/null
finish
