# The "done when" of issue 2: a prospect with three contacts (one a senior partner with a
# veto), a deal, a call, an agreed date, a hold until that date unless he calls, a 30-minute
# intro meeting (too short: warned), a claim to verify and something said; all of it read
# back as tables and as JSON. Monday 23 November 2026.
source "$TESTLIB"

ok account add "Berger & Söhne Steuerberatung" --trigger new-office --urgency medium \
    --need "phones and network for the new office" --style standard --risk low --json
acc=$(json_get .id)
ok contact add "Lena Berger" --account "$acc" --title "Office manager" --role decision-maker \
    --email lena@berger-soehne.de --primary --json
lena=$(json_get .id)
ok contact add "Dr. Thomas Berger" --account "$acc" --title "Senior partner" --role veto \
    --email thomas@berger-soehne.de --phone "+49 89 555 0101" --json
thomas=$(json_get .id)
ok contact add "Kai Ott" --account "$acc" --title "IT" --role influencer --json
kai=$(json_get .id)
ok deal add "Phones and network, new office" --account "$acc" --value 18,500 --currency EUR \
    --stage qualified --decision-by 2026-12-18 --decision-process "partners decide together" \
    --json
deal=$(json_get .id)
ok log --deal "$deal" --contact "$lena" --kind call --dir out --outcome connected \
    --at 2026-11-23T09:30:00Z "Lena: the partners meet Thursday; Thomas decides on anything over 10k" --json
call=$(json_get .id)
ok agree --deal "$deal" --contact "$thomas" --on 2026-12-01 \
    --note "speak again on Tuesday 1 December, after the partners' meeting" --json
agreement=$(json_get .id)
ok hold --account "$acc" --until 2026-12-01 --unless-inbound \
    --reason "Thomas: not before the 1st unless I call you" --json
ok meet add --deal "$deal" --at 2026-11-26T15:00:00Z --minutes 30 --kind intro \
    --contact "$thomas" --contact "$lena" --json
meeting=$(json_get .id)
is .warnings[0] "meeting is too short: intro meetings need 60 minutes, this one has 30 (30 short); offer to reschedule, or a quick call if the need is immediate"
has_err "rapport: warning: meeting is too short"
ok claim add --deal "$deal" --contact "$thomas" "We have a binding contract with our provider until March" \
    --json
claim=$(json_get .id)
ok said --deal "$deal" --contact "$lena" "Installation takes two weeks and can be done over a weekend" \
    --json
said=$(json_get .id)

# As tables.
ok account show "$acc"
has "Berger & Söhne Steuerberatung"
has "hold-until           2026-12-01"
has "hold-unless-inbound  yes"
for name in "Lena Berger" "Dr. Thomas Berger" "Kai Ott" "Phones and network, new office" \
    "18,500.00" "Installation takes two weeks" "Thomas: not before the 1st unless I call you"; do
    has "$name"
done
ok deal show "$deal"
for section in Meetings "Agreed next steps" "What they claimed" "What you told them" \
    "Activity, newest first" History; do
    has "$section"
done
has "2026-11-26 15:00       30  intro"
has "2026-12-01"
has "We have a binding contract with our"
has "unverified"
ok contact list --account "$acc"
[[ $OUT == *"Dr. Thomas Berger"*"veto"* ]]
t_check "the contact table shows Thomas with his veto"

# As JSON.
ok account show "$acc" --json
is '[d["name"], d["trigger"], d["urgency"], d["status"], d["hold_until"], d["hold_unless_inbound"], d["hold_reason"]]' \
    '["Berger & Söhne Steuerberatung","new-office","medium","prospect","2026-12-01",true,"Thomas: not before the 1st unless I call you"]'
is '[[c["id"], c["name"], c["role"], c["primary"]] for c in d["contacts"]]' \
    "[[$lena,\"Lena Berger\",\"decision-maker\",true],[$thomas,\"Dr. Thomas Berger\",\"veto\",false],[$kai,\"Kai Ott\",\"influencer\",false]]"
is '[[x["id"], x["title"], x["value_cents"], x["currency"], x["stage"], x["decision_by"]] for x in d["deals"]]' \
    "[[$deal,\"Phones and network, new office\",1850000,\"EUR\",\"qualified\",\"2026-12-18\"]]"
is '[[a["id"], a["kind"], a["direction"], a["outcome"], a["contact_id"], a["at"]] for a in d["activities"]]' \
    "[[$call,\"call\",\"out\",\"connected\",$lena,\"2026-11-23T09:30:00Z\"]]"
is '[[s["id"], s["contact_id"]] for s in d["statements"]]' "[[$said,$lena]]"
is '[[h["field"], h["to"]] for h in d["history"]]' '[["hold","2026-12-01"]]'

ok deal show "$deal" --json
is '[d["stage"], d["account_id"], d["decision_process"]]' "[\"qualified\",$acc,\"partners decide together\"]"
is '[[m["id"], m["kind"], m["minutes"], m["at"], m["status"], m["attendees"]] for m in d["meetings"]]' \
    "[[$meeting,\"intro\",30,\"2026-11-26T15:00:00Z\",\"planned\",[$lena,$thomas]]]"
is '[[a["id"], a["contact_id"], a["made_on"], a["due_on"], a["status"], a["note"]] for a in d["agreements"]]' \
    "[[$agreement,$thomas,\"2026-11-23\",\"2026-12-01\",\"open\",\"speak again on Tuesday 1 December, after the partners' meeting\"]]"
is '[[c["id"], c["contact_id"], c["text"], c["status"]] for c in d["claims"]]' \
    "[[$claim,$thomas,\"We have a binding contract with our provider until March\",\"unverified\"]]"
is '[[s["text"], s["at"]] for s in d["statements"]]' \
    '[["Installation takes two weeks and can be done over a weekend","2026-11-23T12:00:00Z"]]'
is '[a["text"] for a in d["activities"]]' \
    '["Lena: the partners meet Thursday; Thomas decides on anything over 10k"]'
is '[[h["field"], h["from"], h["to"], h["reason"]] for h in d["history"]]' \
    '[["stage",null,"qualified","opened"]]'

# And then Thomas calls on Wednesday: the hold is lifted at once and the history says so;
# the agreement for the 1st stays open (the call came before it was due).
ok log --deal "$deal" --contact "$thomas" --kind call --dir in --now 2026-11-25T10:00:00Z \
    "Thomas: can we do the full hour on Thursday?" --json
ok account show "$acc" --json
is '[d["hold_until"], d["history"][-1]["reason"]]' \
    "[null,\"lifted by inbound call on 2026-11-25 (activity $(( call + 1 )))\"]"
ok meet reschedule "$meeting" --at 2026-11-26T15:00:00Z --minutes 60 --json
is '[d["minutes"], d["status"], "warnings" in d]' '[60,"planned",false]'
ok agreement list --deal "$deal" --json
is '[a["status"] for a in d]' '["open"]'

finish
