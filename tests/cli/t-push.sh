# The push (practice 6) and closing deals (practice 7): draft, send through a real SMTP
# server, record, outcomes, won/lost/no-decision, and the agenda going quiet after a push.
source "$TESTLIB"

SINK_OUT=$T_DIR/mail.jsonl
start_sink()
{
    rm -f "$T_DIR/port"
    /usr/bin/python3 "$(dirname "$TESTLIB")/smtp_sink.py" "$SINK_OUT" "$1" >"$T_DIR/port" &
    SINK_PID=$!
    for _ in $(seq 100); do
        [[ -s $T_DIR/port ]] && break
        sleep 0.05
    done
    SINK_PORT=$(<"$T_DIR/port")
}
stop_sink()
{
    kill "$SINK_PID" 2>/dev/null
    wait "$SINK_PID" 2>/dev/null
}

# A proposal that went silent after three touches, the first 20 days ago.
ok account add "Müller & Söhne" --trigger moving --urgency high
ok contact add "Eva Roth" --account 1 --role decision-maker --email eva@mueller.example
ok contact add "Hans Müller" --account 1 --role veto --email hans@mueller.example --primary
ok contact add "Jan Klein" --account 1 --role co-decider
ok contact add "Ida Weiß" --account 1 --role user --email ida@mueller.example
ok deal add "Lab suite" --account 1 --value 24,000 --stage proposal --decision-by 2027-01-15
for d in 2026-11-03 2026-11-10 2026-11-17; do
    ok log --deal 1 --kind email --dir out --at "$d" "following up on the proposal"
done

ok today --json
is 'list(i["kind"] for i in d["items"])' '["push-suggested"]'
is '.items[0].draft.to' '["hans@mueller.example"]'
is '.items[0].draft.cc' '["eva@mueller.example","ida@mueller.example"]'

# The draft: to the primary contact, copied to everyone else with an address.
ok push draft --deal 1 --json
is .to '["hans@mueller.example"]'
is .cc '["eva@mueller.example","ida@mueller.example"]'
has '"subject": "Lab suite: may I close the file?"'
is '"whom you chose" in d["body"]' true
is '"advantage" in d["body"]' true
ok push draft --deal 1
has 'To: hans@mueller.example'
has 'Cc: eva@mueller.example, ida@mueller.example'

# Without a mail server configured: a clear error, nothing recorded.
same_db fails 4 push send --deal 1
has_err 'smtp.url'

# The mail server refuses: one clear error (exit 1), nothing recorded.
start_sink refuse
ok config set smtp.url "smtp://127.0.0.1:$SINK_PORT"
ok config set smtp.from rep@rapport.example
same_db fails 1 push send --deal 1
has_err 'cannot send the message'
stop_sink

# The mail server is down: the same.
same_db fails 1 push send --deal 1

# It accepts: every recipient gets one proper message, and the push is recorded.
start_sink accept
ok config set smtp.url "smtp://127.0.0.1:$SINK_PORT"
ok push send --deal 1 --json
is .mode send
is .outcome pending
is .to hans@mueller.example
is .cc 'eva@mueller.example, ida@mueller.example'
stop_sink
eq "$(wc -l <"$SINK_OUT")" 1 "messages received"
OUT=$(head -1 "$SINK_OUT")
is .mail_from rep@rapport.example
is 'sorted(d["rcpt_tos"])' '["eva@mueller.example","hans@mueller.example","ida@mueller.example"]'
is '"\nTo: hans@mueller.example\n" in d["data"].replace("\r", "")' true
is '"\nCc: eva@mueller.example, ida@mueller.example\n" in d["data"].replace("\r", "")' true
is '"\nFrom: rep@rapport.example\n" in d["data"].replace("\r", "")' true
is '"\nSubject: Lab suite: may I close the file?\n" in d["data"].replace("\r", "")' true
is '"Date: Mon, 23 Nov 2026 12:00:00 +0000" in d["data"]' true
is 'bool(__import__("re").search(r"\nMessage-ID: <[0-9a-f]{32}@rapport\.example>", d["data"].replace("\r", "")))' true
is '"Content-Type: text/plain; charset=UTF-8" in d["data"]' true
is '"I believe our proposal for Lab suite answered everything" in d["data"]' true

# After the push: no outreach for the deal; a second push is refused.
ok today --json
is 'd["items"]' '[]'
same_db fails 4 push record --deal 1
# 14 days without an answer: push-ignored.
ok --now 2026-12-06 today --json
is 'd["items"]' '[]'
ok --now 2026-12-07 today --json
is 'list(i["kind"] for i in d["items"])' '["push-ignored"]'

# Outcomes: bad words are refused and change nothing.
same_db fails 4 push outcome --deal 1 maybe
same_db fails 2 push outcome --deal 1 informed
same_db fails 4 push outcome --deal 1 informed --reason cheaper
same_db fails 2 push outcome --deal 1

# Revived: the deal stays open and the agenda speaks of it again.
ok push outcome --deal 1 revived --note "wait, we're not done" --json
is .outcome revived
is .note "wait, we're not done"
ok deal show 1 --json
is .stage proposal
same_db fails 4 push outcome --deal 1 ignored

# A second deal pushed by hand, then informed: closed lost with competitor and reason.
ok deal add "Second site" --account 1 --stage negotiation
ok push record --deal 2 --json
is .mode record
ok push outcome --deal 2 informed --competitor LabWare --reason price --note "20% cheaper" --json
is .competitor LabWare
is .reason price
ok deal show 2 --json
is .stage lost
is .close_reason price
is .competitor LabWare
is .history[-1].to lost

# A third pushed and ignored: closed as no-decision.
ok deal add "Third site" --account 1 --stage proposal
ok push record --deal 3
ok push outcome --deal 3 ignored
ok deal show 3 --json
is .stage no-decision

# won / lost / no-decision.
ok deal add "Fourth" --account 1 --stage qualified
same_db fails 2 lost --deal 4
same_db fails 4 lost --deal 4 --reason cheaper
same_db fails 4 lost --deal 4 --reason other
same_db fails 3 won --deal 99
ok lost --deal 4 --reason other --note "their cousin sells it" --competitor "Cousin Ltd" --json
is .stage lost
is .close_reason other
is .close_note "their cousin sells it"
same_db fails 4 won --deal 4
ok deal stage 4 qualified --reason "they came back"
ok deal show 4 --json
is .stage qualified
is .close_reason null
is .closed_at null
ok agree --deal 4 --on 2026-12-01
ok no-decision --deal 4 --note "budget frozen"
ok agreement list --deal 4 --json
is '[0].status' cancelled

# The revived deal gets a next step, so only the win speaks below.
ok agree --deal 1 --on 2026-12-10 --note "they review the proposal again"
ok deal add "Fifth" --account 1 --stage negotiation
ok account show 1 --json
is .status prospect
ok won --deal 5 --note "signed" --json
is .stage won
ok account show 1 --json
is .status customer
is 'list(h["to"] for h in d["history"] if h["field"] == "status")' '["customer"]'
ok today --json
is 'list(i["kind"] for i in d["items"])' '["thank-you"]'
ok log --account 1 --kind card --dir out "thank-you card"
ok today --json
is 'd["items"]' '[]'
finish
