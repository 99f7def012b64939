#!/usr/bin/env bash
# rapport today: the stories of the follow-up engine's second pass, replayed. He signs a
# week early while on hold: the next days bring only the thank-you, then the after-sale
# check-ins. Won closes what the sale left open; two no-shows are one item and a new
# meeting answers them; the day's meetings come in order of time.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# ---- he signs a week early, while on hold ---------------------------------------------------
on 2026-11-02
mk account add "Early Signer GmbH" --style direct --trigger growth; A=$ID
mk contact add "Jo Early" --account $A --email jo@early.test --primary --role decision-maker
mk deal add "Fleet" --account $A --stage negotiation --decision-process "Jo signs"; D=$ID
mk agree --deal $D --on 2026-11-16 --note "after the board"; G=$ID
ok deal hold $D --until 2026-11-16 --reason "board on the 13th"
ok hold --account $A --until 2026-11-16 --unless-inbound --reason "not before the board"
on 2026-11-05
agenda
items A$A ""
# He calls on the 9th and signs.
on 2026-11-09
ok log --deal $D --kind call --dir in --outcome connected "We signed early!"
ok won --deal $D
# The agreement for the 16th is no longer needed: cancelled by the win.
ok agreement show $G --json
is .status cancelled
ok deal show $D --json
is .hold_until null
ok account show $A --json
is .hold_until null
is .status customer
ok checkin --account $A --every 30
# The next days: only the thank-you (no reminder of the pre-sale agreement, no hold-ends).
for day in 2026-11-10 2026-11-16 2026-11-17 2026-11-23; do
    on $day
    agenda
    items A$A "thank-you"
done
ok log --account $A --kind card --dir out "Thank you, and welcome"
on 2026-11-24
agenda
items A$A ""
# After the sale: a training meeting on the won deal, a next step with the account.
mk meet add --deal $D --at 2026-11-26T10:00:00Z --minutes 60 --kind training; T=$ID
mk agree --account $A --on 2026-12-01 --topic "the first month"; GA=$ID
same_db fails 4 meet add --deal $D --at 2026-11-27T10:00:00Z --minutes 45 --kind proposal
same_db fails 4 agree --deal $D --on 2026-12-02
on 2026-11-26
agenda
items A$A "meeting"
ok meet held $T
on 2026-12-01
agenda
items a$A "followup-due"
check 'one("followup-due", account='$A')["id"] == "followup-due:'$GA'"'
check 'one("followup-due", account='$A')["contact"]["name"] == "Jo Early"'
# Nobody answered: the reminder, then the cadence of check-ins (30 days after the training).
on 2026-12-02
agenda
items a$A "followup-missed"
ok log --account $A --kind call --dir in --outcome connected "All good"
agenda
items A$A ""
on 2026-12-31
agenda
items A$A ""
on 2027-01-01
agenda
items a$A "checkin-due"

# ---- won keeps what was due and cancels what was not ----------------------------------------
on 2026-11-02
mk account add "Closer Ltd"; C=$ID
mk deal add "Due today" --account $C --stage negotiation; CD=$ID
mk agree --deal $CD --on 2026-11-04; G1=$ID
mk deal add "Due later" --account $C --stage negotiation; CE=$ID
mk agree --deal $CE --on 2026-11-20; G2=$ID
on 2026-11-04
ok won --deal $CD
ok won --deal $CE
ok agreement show $G1 --json
is .status kept
ok agreement show $G2 --json
is .status cancelled

# ---- no-shows: one item per deal, answered by a new meeting ---------------------------------
on 2026-11-16
mk account add "Absent AG"; N=$ID
mk deal add "Twice absent" --account $N; ND=$ID
mk meet add --deal $ND --at 2026-11-17T09:00:00Z --minutes 60 --kind intro; M1=$ID
mk meet add --deal $ND --at 2026-11-18T09:00:00Z --minutes 60 --kind intro; M2=$ID
on 2026-11-18
ok meet no-show $M1
ok meet no-show $M2
on 2026-11-19
agenda
items d$ND "no-show"
ok meet reschedule $M2 --at 2026-11-25T09:00:00Z --json
agenda
items d$ND ""
ok meet show $M2 --json
is .status no-show
is '.history[-1].field' rescheduled

# ---- the day's meetings, in order of time ------------------------------------------------------
on 2026-11-20
mk account add "Early Bird"; E=$ID
mk deal add "Afternoon" --account $E; E1=$ID
mk meet add --deal $E1 --at 2026-11-23T15:00:00Z --minutes 30 --kind follow-up
mk account add "Zebra Corp" --trigger growth --urgency high; Z=$ID
mk deal add "Morning" --account $Z --value 90,000; Z1=$ID
mk meet add --deal $Z1 --at 2026-11-23T08:00:00Z --minutes 30 --kind follow-up
mk deal add "Noon" --account $E; E2=$ID
mk meet add --deal $E2 --at 2026-11-23T12:00:00Z --minutes 30 --kind follow-up
on 2026-11-23
agenda
check '[it["deal_id"] for it in items if it["kind"] == "meeting"][-3:] == ['$Z1', '$E2', '$E1']'

finish
