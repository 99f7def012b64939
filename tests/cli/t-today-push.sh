#!/usr/bin/env bash
# rapport today: the push (DESIGN.md section 4, push-suggested and the push draft). A deal
# in proposal or negotiation, silent after 3+ touches since the last two-way contact, the
# first of them 14+ days ago, with nothing else pending, gets one push. The 14 days run
# out on Monday 2026-11-23 (first touch on the 9th). After a push the deal is left alone
# until they answer; 14+ days without an answer (a push recorded on the 9th), and it is
# time to close it as no-decision (push-ignored).
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# touches DEAL DAY...: one outbound touch on each day (no answer), varying the kind.
touches()
{
    local deal=$1 day i=0
    shift
    for day; do
        case $((i++ % 3)) in
        0) ok log --force --deal "$deal" --kind call --dir out --outcome no-answer --at "${day}T09:00:00Z" ;;
        1) ok log --force --deal "$deal" --kind email --dir out --at "${day}T10:00:00Z" "Any questions?" ;;
        2) ok log --force --deal "$deal" --kind voicemail --dir out --outcome left-message \
               --at "${day}T11:00:00Z" ;;
        esac
    done
}

on 2026-11-02
# Fully qualified (trigger, decision process, a decision maker), so qualify stays quiet.
mk account add "Northwind Traders" --trigger moving --urgency medium; AN=$ID
mk contact add "Eva Stone" --account $AN --email eva@northwind.test --primary; EVA=$ID
mk contact add "Max Ruiz" --account $AN --email max@northwind.test --role decision-maker
mk contact add "Ola Berg" --account $AN --role influencer --phone "+47 555 0101"
mk contact add "Kim Lee" --account $AN --email kim@northwind.test --role user
deal()
{
    mk deal add "$1" --account $AN --stage "${2:-proposal}" --decision-process "board, monthly"
}
deal "Fleet tracking"; P1=$ID
touches $P1 2026-11-09 2026-11-12 2026-11-16
deal "Two touches only"; P2=$ID
touches $P2 2026-11-09 2026-11-12
ok log --force --deal $P2 --kind note --dir none --at 2026-11-16T09:00:00Z "Internal: pricing sheet"
deal "Four touches" negotiation; P3=$ID
touches $P3 2026-11-09 2026-11-12 2026-11-16 2026-11-20
deal "They answered in between"; P4=$ID
touches $P4 2026-11-05 2026-11-09
ok log --force --deal $P4 --kind email --dir in --at 2026-11-10T08:00:00Z "Looking at it"
touches $P4 2026-11-12 2026-11-16
deal "Agreed to speak on Tuesday"; P5=$ID
touches $P5 2026-11-09 2026-11-12 2026-11-16
deal "Agreed to speak on Sunday"; P6=$ID
touches $P6 2026-11-09 2026-11-12 2026-11-16
deal "Meeting booked"; P7=$ID
touches $P7 2026-11-09 2026-11-12 2026-11-16
mk meet add --deal $P7 --at 2026-11-30T10:00:00Z --minutes 45 --kind proposal
deal "They claimed something"; P8=$ID
touches $P8 2026-11-09 2026-11-12 2026-11-16
mk claim add --deal $P8 "We are bound to our provider until March"; CLAIM=$ID
on 2026-11-20
ok agree --deal $P5 --on 2026-11-24
ok agree --deal $P6 --on 2026-11-22

# Touched but never spoken with since the deal opened on the 2nd: gone quiet (proposal:
# 10 working days), and no longer resting after the touch of the 16th. P3 was touched on
# the 20th: it rests.
on 2026-11-22
agenda
items d$P1 "stale"
items d$P3 ""

on 2026-11-23
agenda
items d$P1 "push-suggested"
items d$P2 "stale"
items d$P3 "push-suggested"
items d$P4 "no-next-step"
items d$P5 ""
# Due today: contact them as agreed; one item for the deal.
items d$P6 "followup-due"
items d$P7 ""
items d$P8 "verify-claim"
check 'one("push-suggested", '$P1')["summary"] ==
       "Silent after 3 touches since 2026-11-09; everything answered"'
check 'one("push-suggested", '$P3')["summary"] ==
       "Silent after 4 touches since 2026-11-09; everything answered"'
check 'one("push-suggested", '$P1')["action"] == "Send one push to everyone involved "
       "(rapport push send --deal '$P1'), then leave them alone"'
check 'one("push-suggested", '$P1')["account_id"] == '$AN
check 'one("push-suggested", '$P1')["due"] is None'
# The draft: to the primary contact, copied to everyone else with an address.
check 'one("push-suggested", '$P1')["draft"]["to"] == ["eva@northwind.test"]'
check 'one("push-suggested", '$P1')["draft"]["cc"] == ["max@northwind.test", "kim@northwind.test"]'
check 'one("push-suggested", '$P1')["draft"]["subject"] == "Fleet tracking: may I close the file?"'
check 'one("push-suggested", '$P1')["draft"]["body"].startswith("Hello Eva,\n\n")'
check '"our proposal for Fleet tracking answered everything you needed"
       in one("push-suggested", '$P1')["draft"]["body"]'
check '"I assume you have chosen another provider" in one("push-suggested", '$P1')["draft"]["body"]'
check '"whom you chose, and where their offer had the advantage"
       in one("push-suggested", '$P1')["draft"]["body"]'

on 2026-11-24
agenda
items d$P1 "push-suggested"
# Due today: the agreement is the next step, not a push.
items d$P5 "followup-due"

# The thresholds are settings.
ok config set push.touches 4
on 2026-11-23
agenda
items d$P1 "stale"
items d$P3 "push-suggested"
ok config set push.touches
ok config set push.silence-days 15
agenda
items d$P1 "stale"
on 2026-11-24
agenda
items d$P1 "push-suggested"
ok config set push.silence-days

# Once the claim is verified, nothing is left to answer.
on 2026-11-23
ok claim verify $CLAIM --note "Contract seen: ends in March, no renewal clause"
agenda
items d$P8 "push-suggested"
# Back to the meeting stage: too early for a push.
ok deal stage $P1 meeting
agenda
items d$P1 "stale"

# ---- recipients -----------------------------------------------------------------------
# No primary contact: to the decision maker (before a co-decider), copied to the rest.
on 2026-11-02
mk account add "Orbit Freight" --trigger growth; AO=$ID
mk contact add "Carla Diaz" --account $AO --email carla@orbit.test --role co-decider
mk contact add "Otto Kern" --account $AO --email otto@orbit.test --role user
mk contact add "Dora Lind" --account $AO --email dora@orbit.test --role decision-maker
mk contact add "Zed Ng" --account $AO --role veto
mk deal add "Orbit depots" --account $AO --stage negotiation --decision-by 2027-01-15; Q1=$ID
touches $Q1 2026-11-02 2026-11-06 2026-11-13
# A primary contact without an address: to a decision maker.
mk account add "Pine Legal" --trigger referral; AP=$ID
mk contact add "Paul Adler" --account $AP --primary --role decision-maker
mk contact add "Rita Sommer" --account $AP --email rita@pine.test --role co-decider
mk contact add "Sam Ortiz" --account $AP --email sam@pine.test --role influencer
mk deal add "Pine archive" --account $AP --stage proposal --decision-by 2027-01-15; R1=$ID
touches $R1 2026-11-02 2026-11-06 2026-11-13

on 2026-11-23
agenda
items d$Q1 "push-suggested"
items d$R1 "push-suggested"
check 'one("push-suggested", '$Q1')["draft"]["to"] == ["dora@orbit.test"]'
check 'one("push-suggested", '$Q1')["draft"]["cc"] == ["carla@orbit.test", "otto@orbit.test"]'
check 'one("push-suggested", '$Q1')["draft"]["body"].startswith("Hello Dora,")'
check 'one("push-suggested", '$R1')["draft"]["to"] == ["rita@pine.test"]'
check 'one("push-suggested", '$R1')["draft"]["cc"] == ["sam@pine.test"]'
check 'one("push-suggested", '$R1')["draft"]["body"].startswith("Hello Rita,")'

# ---- after the push -------------------------------------------------------------------
on 2026-11-02
mk account add "Quiet Harbour" --trigger new-office; AQ=$ID
mk contact add "Hugo Hafen" --account $AQ --email hugo@harbour.test --role decision-maker
deal2()
{
    mk deal add "$1" --account $AQ --stage proposal --decision-by 2027-02-01
}
deal2 "Pushed, no answer"; X1=$ID
deal2 "Pushed, they wrote back"; X2=$ID
deal2 "Pushed, revived"; X3=$ID
deal2 "Pushed, meeting booked"; X4=$ID
on 2026-11-09
for deal in $X1 $X2 $X3 $X4; do
    ok push record --deal $deal
done
mk claim add --deal $X1 "Our board has to sign off anything over 10k"
mk meet add --deal $X4 --at 2026-11-23T15:00:00Z --minutes 45 --kind proposal
on 2026-11-10
ok push outcome --deal $X3 revived --note "Wait, we are not done!"
# Revived, then silent again for weeks: a deal is pushed once, never twice.
touches $X3 2026-11-10 2026-11-11 2026-11-12
on 2026-11-15
ok log --force --deal $X2 --kind email --dir in "Sorry, we are still comparing"

on 2026-11-22
agenda
# 13 days: still waiting; the pending push silences the deal (no claim, no next step).
# X2 answered the push on the 15th: that is on the agenda until the outcome is recorded.
items d$X1 ""
items d$X2 "push-answered"
items d$X3 "stale"
items d$X4 ""
on 2026-11-23
agenda
items d$X1 "push-ignored"
items d$X2 "push-answered"
items d$X3 "stale"
# A meeting is not outreach: it still shows.
items d$X4 "meeting push-ignored"
check 'one("push-ignored", '$X1')["summary"] == "No answer 14 days after the push of 2026-11-09"'
check 'one("push-ignored", '$X1')["due"] == "2026-11-09"'
check 'one("push-ignored", '$X1')["action"] == "Close it as no-decision (rapport push outcome "
       "--deal '$X1' ignored) and leave them alone"'
check '"draft" not in one("push-ignored", '$X1')'
on 2026-11-24
agenda
items d$X1 "push-ignored"
items d$X3 "stale"
check 'one("push-ignored", '$X1')["summary"] == "No answer 15 days after the push of 2026-11-09"'
ok config set push.ignored-days 15
on 2026-11-23
agenda
items d$X1 ""
on 2026-11-24
agenda
items d$X1 "push-ignored"
ok config set push.ignored-days

# Closed as no-decision: nothing more, ever.
ok push outcome --deal $X1 ignored
agenda
items d$X1 ""
items A$AQ "meeting-outcome push-answered push-ignored stale"

# The push answered is dealt with by recording what they said; the deal then asks for its
# next step like any other.
ok push outcome --deal $X2 informed --competitor "Acme" --reason price
agenda
items d$X2 ""
check 'len([it for it in items if it["deal_id"] == '$X2']) == 0'

# A missed agreement is reminded until the push is due; then the push, not another reminder.
on 2026-11-02
mk account add "Remind Then Push" --trigger growth; AR=$ID
ok contact add "Rita Remind" --account $AR --email rita@remind.test --primary \
    --role decision-maker
mk deal add "Reminded" --account $AR --stage proposal --decision-process "Rita signs"; RP=$ID
ok agree --deal $RP --on 2026-11-03
for d in 2026-11-05 2026-11-10 2026-11-13; do
    on $d
    agenda
    items d$RP "followup-missed"
    ok log --deal $RP --kind email --dir out "Reminder"
done
on 2026-11-18
agenda
items d$RP "followup-missed"
ok log --deal $RP --kind call --dir out --outcome no-answer
on 2026-11-19
agenda
items d$RP "push-suggested"
check '"draft" in one("push-suggested", '$RP')'

finish
