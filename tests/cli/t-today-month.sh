#!/usr/bin/env bash
# rapport today: a month replayed. A small book (a dental practice moving, an accountancy
# whose IT contract ends, a cold-called logistics firm, a bakery that is already a
# customer), and a salesperson's November 2026 entered working day by working day. Each
# morning the whole agenda is checked against what a sales manager would say: nothing
# missing, nothing nagging during a hold or after a touch, the push on exactly the day it
# becomes due.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# morning DATE KIND:REF...: the whole agenda of DATE is exactly these items, in order.
morning()
{
    on "$1"
    agenda
    items '*' "$2"
}

# ---- Monday 2 November: the book ----------------------------------------------------------
on 2026-11-02
mk account add "Alpine Dental Group" --trigger moving --urgency high --style direct \
    --need "Phones for the new practice on Seestrasse"; A=$ID
mk contact add "Dr. Lena Berger" --account $A --role decision-maker --primary \
    --email lena@alpine.test; LENA=$ID
mk contact add "Marco Rossi" --account $A --role influencer --email marco@alpine.test
mk contact add "Sue Park" --account $A --role gatekeeper --phone "+41 44 555 01 01"
mk deal add "Phone system for the new practice" --account $A --stage qualified \
    --value 18,000 --decision-by 2026-12-15; A1=$ID

mk account add "Birch & Co Accountants" --trigger contract-ending --urgency medium \
    --contract-ends 2027-01-31 --binding unknown; B=$ID
mk contact add "Peter Birch" --account $B --role veto --primary --email peter@birch.test
mk contact add "Anna Koch" --account $B --role co-decider --email anna@birch.test; ANNA=$ID
mk deal add "Managed IT for 25 seats" --account $B --stage proposal --value 42,000 \
    --decision-process "Partners' meeting, first Monday of the month"; B1=$ID
ok log --deal $B1 --kind email --dir out --at 2026-10-26T10:00:00Z "Proposal sent"
ok log --deal $B1 --kind call --dir out --outcome connected --at 2026-10-27T15:00:00Z \
    "Peter: they will review it"
mk claim add --deal $B1 "We have a binding contract with our provider until January"; BCLAIM=$ID

mk account add "Cedar Logistics" --trigger cold-call --urgency low --style gentle; C=$ID
mk contact add "Tom Weiss" --account $C --role decision-maker --email tom@cedar.test; TOM=$ID
mk deal add "Fleet telematics pilot" --account $C --value 6,000; C1=$ID
ok log --deal $C1 --kind call --dir out --outcome connected --contact $TOM \
    --at 2026-11-02T09:30:00Z "Cold call: interested, busy this week"
ok agree --deal $C1 --on 2026-11-06 --contact $TOM --note "call back on Friday"

mk account add "Dune Bakery" --trigger referral; D=$ID
ok account edit $D --status customer
ok checkin --account $D --every 30
ok log --account $D --kind call --dir in --at 2026-10-20T08:00:00Z "Happy with the tills"
mk invoice add --account $D --amount 1,450 --due 2026-11-13 --number INV-1042; INV=$ID

# Lena only has 30 minutes for the introduction.
mk meet add --deal $A1 --at 2026-11-04T10:00:00Z --minutes 30 --kind intro --contact $LENA
INTRO=$ID

morning 2026-11-02 "meeting-too-short:d$A1 verify-claim:d$B1"
check 'one("meeting-too-short", '$A1')["summary"] ==
       "intro meeting on 2026-11-04 has 30 of the 60 minutes it needs"'
# You call her: she makes an hour.
ok log --deal $A1 --kind call --dir out --outcome connected --contact $LENA "Moved to an hour"
ok meet reschedule $INTRO --at 2026-11-04T10:00:00Z --minutes 60

morning 2026-11-03 "verify-claim:d$B1"
ok log --deal $B1 --kind email --dir out "Could you send us the clause of that contract?"

# Asked about the clause yesterday: the claim rests (standard, 3 working days).
morning 2026-11-04 "meeting:d$A1"
ok meet list --deal $A1 --status planned --json
INTRO=$(json_get '[0].id')
ok meet held $INTRO
ok said --deal $A1 --contact $LENA "Installation takes two weeks, no downtime"
mk claim add --deal $A1 --contact $LENA "Our provider charges us 400 a month"; ACLAIM=$ID
ok deal stage $A1 proposal
ok agree --deal $A1 --on 2026-11-11 --contact $LENA --note "walk through the proposal"

# Lena's claim waits for the call agreed for the 11th; Birch's still rests.
morning 2026-11-05 ""
ok log --deal $B1 --kind email --dir in --contact $ANNA "The clause: 3 months' notice, ends 31 Jan"
ok claim clarify $BCLAIM --note "3 months' notice to 31 January: they can switch on 1 February"

# Friday: Cedar is due; Birch has no next step since Anna's mail.
morning 2026-11-06 "followup-due:d$C1 no-next-step:d$B1"
check 'one("followup-due", '$C1')["summary"] == "Agreed to speak today: call back on Friday"'
ok log --deal $C1 --kind call --dir out --outcome no-answer --contact $TOM
ok log --deal $B1 --kind call --dir out --outcome no-answer "Peter: no answer"

# Gentle style: three working days of grace, and we tried on the day. Birch rests after
# Friday's unanswered call.
morning 2026-11-09 ""

morning 2026-11-10 ""

morning 2026-11-11 "followup-due:d$A1 verify-claim:d$A1 no-next-step:d$B1"
ok log --deal $A1 --kind call --dir out --outcome connected --contact $LENA \
    "Went through the proposal; she showed me the provider's invoice"
ok claim verify $ACLAIM --note "Invoice seen: 412 a month"
ok hold --account $A --until 2026-11-20 --unless-inbound \
    --reason "Dental conference; not before the 20th unless she calls"

# During the hold Alpine is left alone, even without a next step. Cedar's grace is over.
morning 2026-11-12 "followup-missed:d$C1 no-next-step:d$B1"
check 'one("followup-missed", '$C1')["draft"]["to"] == ["tom@cedar.test"]'
check 'one("followup-missed", '$C1')["draft"]["subject"] == "Following up on our conversation of Monday, November 2"'
check '"we agreed to talk again on Friday, November 6" in one("followup-missed", '$C1')["draft"]["body"]'
ok log --deal $C1 --kind email --dir out --contact $TOM "As agreed on the 2nd: a short call?"
ok log --deal $B1 --kind email --dir out "Any questions on the proposal?"
ok log --deal $C1 --kind email --dir in --contact $TOM "Sorry! Can we meet on the 18th?"
ok meet add --deal $C1 --at 2026-11-18T10:00:00Z --minutes 45 --kind discovery --contact $TOM

# Birch was written to yesterday: it rests until Tuesday.
morning 2026-11-13 ""

morning 2026-11-16 "payment-late:a$D"
check 'one("payment-late", account='$D')["summary"] ==
       "Invoice INV-1042 for 1,450.00 USD is 3 days late (due 2026-11-13)"'
ok log --deal $B1 --kind voicemail --dir out --outcome left-message "Peter: left a message"
ok invoice paid $INV --on 2026-11-16

# Lena writes back early: the hold is lifted that morning, and Alpine is back.
morning 2026-11-17 ""
ok log --account $A --kind email --dir in "Back early from the conference, let's talk"
morning 2026-11-17 "no-next-step:d$A1"
ok account show $A --json
is .hold_until null
is '.history[-1].reason[:46]' "lifted by inbound email on 2026-11-17 (activit"
ok log --deal $A1 --kind call --dir out --outcome connected --contact $LENA --at 2026-11-17T15:00:00Z
ok meet add --deal $A1 --at 2026-11-19T14:00:00Z --minutes 45 --kind proposal --contact $LENA

morning 2026-11-18 "meeting:d$C1"
ok meet list --deal $C1 --status planned --json
ok meet no-show "$(json_get '[0].id')"

# Check-in every 30 days: last spoke on 20 October. Birch has had no conversation for ten
# working days since Anna's mail: it has gone quiet (the safety net).
morning 2026-11-19 "meeting:d$A1 no-show:d$C1 checkin-due:a$D stale:d$B1"
check 'one("stale", '$B1')["summary"] ==
       "No two-way contact for 14 days (since 2026-11-05; stage proposal)"'
check 'one("checkin-due", account='$D')["summary"] == "Check-in due: no two-way contact for 30 days (every 30)"'
ok meet list --deal $A1 --status planned --json
ok meet held "$(json_get '[0].id')"
ok deal stage $A1 negotiation
ok agree --deal $A1 --on 2026-11-26 --contact $LENA --note "her decision after the partners' review"
ok log --deal $C1 --kind email --dir out --contact $TOM "We missed you yesterday"
ok log --account $D --kind call --dir out --outcome connected "Check-in: opening a second shop"

# Three touches since Anna's mail of the 5th, the first on the 6th: the push is due today,
# and not a day earlier. No hold-ends for Alpine: Lena lifted it. Cedar's no-show rests
# after yesterday's "we missed you".
morning 2026-11-20 "push-suggested:d$B1"
check 'one("push-suggested", '$B1')["summary"] ==
       "Silent after 3 touches since 2026-11-06; everything answered"'
check 'one("push-suggested", '$B1')["draft"]["to"] == ["peter@birch.test"]'
check 'one("push-suggested", '$B1')["draft"]["cc"] == ["anna@birch.test"]'
check 'one("push-suggested", '$B1')["draft"]["subject"] ==
       "Managed IT for 25 seats: may I close the file?"'
ok push record --deal $B1

# Pushed: Birch is left alone. Tom calls: the no-show is forgiven.
morning 2026-11-23 ""
ok log --deal $C1 --kind call --dir in --contact $TOM "Family emergency, so sorry; Wednesday?"
ok meet add --deal $C1 --at 2026-11-25T10:00:00Z --minutes 45 --kind discovery --contact $TOM

morning 2026-11-24 ""
ok today
has "Nothing due. A good day to prospect."

morning 2026-11-25 "meeting:d$C1"
ok meet list --deal $C1 --status planned --json
ok meet held "$(json_get '[0].id')"
ok deal stage $C1 qualified
ok agree --deal $C1 --on 2026-12-02 --contact $TOM --note "pilot scope"
# The push is answered: on the agenda that very day.
ok log --deal $B1 --kind call --dir in --contact $ANNA "Wait, we're not done: partners meet on 7 Dec"
agenda
items '*' "push-answered:d$B1"
check 'one("push-answered", '$B1')["summary"] == "They answered your push of 2026-11-20 on 2026-11-25"'
ok push outcome --deal $B1 revived --note "Partners decide on 7 December"
ok agree --deal $B1 --on 2026-12-08 --contact $ANNA
agenda
items '*' ""

# Qualified, but when do they decide? Asked on the call agreed for 2 December.
morning 2026-11-26 "followup-due:d$A1"

# Direct style: no grace. Remind her of exactly what was agreed.
morning 2026-11-27 "followup-missed:d$A1"
check 'one("followup-missed", '$A1')["summary"] ==
       "On 2026-11-19 you agreed to speak again on 2026-11-26; nothing since"'
check 'one("followup-missed", '$A1')["draft"]["to"] == ["lena@alpine.test"]'
check 'one("followup-missed", '$A1')["draft"]["subject"] == "Our call"'
check '"On Thursday, November 19 we agreed" in one("followup-missed", '$A1')["draft"]["body"]'
check '"we agreed to talk again on Thursday, November 26" in one("followup-missed", '$A1')["draft"]["body"]'
# The note is hers alone: never in the message.
check '"partners" not in json.dumps(one("followup-missed", '$A1')["draft"])'
ok log --deal $A1 --kind email --dir out --contact $LENA "As agreed on the 19th..."
ok log --deal $A1 --kind email --dir in --contact $LENA "Yes! Please send the contract."
ok won --deal $A1 --note "Local support and the two-week installation"

morning 2026-11-30 "thank-you:d$A1"
check 'one("thank-you", '$A1')["summary"] == "Won on 2026-11-27; no thank-you card yet"'
ok account show $A --json
is .status customer
ok log --account $A --kind card --dir out "Thank you, and welcome"
morning 2026-11-30 ""
# The week ahead: Cedar on Wednesday (with the questions to ask), nothing else until Birch
# on the 8th; and if Wednesday passes in silence, Cedar's reminder that day too.
agenda --days 9
items '*' "followup-due:d$C1 qualify:d$C1 followup-missed:d$C1 followup-due:d$B1"
check '[it["date"] for it in items] == ["2026-12-02", "2026-12-02", "2026-12-08", "2026-12-08"]'
check 'one("qualify", '$C1')["summary"] == "At stage qualified without decision date"'

finish
