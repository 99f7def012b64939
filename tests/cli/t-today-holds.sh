#!/usr/bin/env bash
# rapport today: holds (DESIGN.md section 4, "Holds", and hold-ends). While a hold runs
# (D < until) no outreach for the account or deal, but meetings, too-short meetings and
# late payments still show; on the until day hold-ends tells you to pick up again and
# everything returns. An inbound activity lifts an --unless-inbound hold that very day;
# an outbound one does not, nor does an inbound one lift a plain hold.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# ---- an account hold over every kind of item --------------------------------------------
on 2026-11-16
mk account add "Hollow Pines"; AH=$ID
ok account edit $AH --status customer
ok checkin --account $AH --every 7
mk contact add "Hanna Kiefer" --account $AH --email hanna@pines.test; HANNA=$ID
mk deal add "Agreed for the 24th" --account $AH; H1=$ID
mk agree --deal $H1 --on 2026-11-24 --contact $HANNA
mk deal add "They claimed" --account $AH; H2=$ID
mk claim add --deal $H2 --contact $HANNA "We never pay for support"
mk deal add "Meetings" --account $AH; H3=$ID
mk meet add --deal $H3 --at 2026-11-23T10:00:00Z --minutes 60 --kind intro
mk meet add --deal $H3 --at 2026-11-27T10:00:00Z --minutes 30 --kind demo
mk deal add "Half qualified" --account $AH --stage qualified; H4=$ID
mk deal add "Idle" --account $AH; H5=$ID
mk invoice add --account $AH --amount 480 --due 2026-11-20 --number INV-12

# Another account is not affected.
mk account add "Open Fields"; AO=$ID
mk deal add "Elsewhere" --account $AO; O1=$ID
mk claim add --deal $O1 "We switch providers every year"

on 2026-11-20
ok hold --account $AH --until 2026-11-26 --reason "Year-end freeze"

on 2026-11-23
agenda
items A$AH "meeting meeting-too-short payment-late"
items d$O1 "verify-claim"
# The meeting of the 23rd was never marked: how did it go? (asked even during a hold)
on 2026-11-25
agenda
items A$AH "meeting-too-short meeting-outcome payment-late"
# The hold ends: the deals' own items are back, and the account-level hold-ends and
# check-in give way to them (one situation, one item).
on 2026-11-26
agenda
items A$AH "meeting-too-short meeting-outcome followup-missed payment-late verify-claim qualify
            no-next-step"
items a$AH "payment-late"
items d$H1 "followup-missed"
items d$H5 "no-next-step"
# On its own day a too-short meeting is one item: the meeting, with the warning.
on 2026-11-27
agenda
items A$AH "meeting meeting-outcome followup-missed payment-late verify-claim qualify
            no-next-step"
check 'one("meeting", '$H3')["summary"].endswith("; 30 minutes short of the 60 it needs")'

# ---- an account hold with nothing else to do: hold-ends --------------------------------
on 2026-11-16
mk account add "Quiet Customer"; AQ=$ID
ok account edit $AQ --status customer
on 2026-11-20
ok hold --account $AQ --until 2026-11-26 --reason "Year-end freeze"
on 2026-11-26
agenda
items a$AQ "hold-ends"
check 'one("hold-ends", account='$AQ')["summary"] == "Hold on the account ends today (Year-end freeze)"'
check 'one("hold-ends", account='$AQ')["due"] == "2026-11-26"'
check 'one("hold-ends", account='$AQ')["deal_id"] is None'
check 'one("hold-ends", account='$AQ')["id"] == "hold-ends:a'$AQ'"'
check 'one("hold-ends", account='$AQ')["action"] ==
       "You may reach out again: pick up where you left off"'
# Once you have spoken (or reached out), it goes.
ok log --account $AQ --kind call --dir out --outcome connected "Happy new year plans"
agenda
items a$AQ ""

# ---- a deal hold --------------------------------------------------------------------------
on 2026-11-16
mk account add "Keel Marine"; AK=$ID
mk deal add "Budget frozen" --account $AK; K1=$ID
mk claim add --deal $K1 "Budget opens in December"
mk deal add "Not held" --account $AK; K2=$ID
mk meet add --deal $K1 --at 2026-11-25T09:00:00Z --minutes 45 --kind proposal
on 2026-11-20
ok deal hold $K1 --until 2026-11-26 --reason "Budget frozen until the 26th"
on 2026-11-25
agenda
items d$K1 "meeting"
items d$K2 "no-next-step"
on 2026-11-26
agenda
items d$K1 "meeting-outcome hold-ends verify-claim"
check 'one("hold-ends", '$K1')["summary"] == "Hold on the deal ends today (Budget frozen until the 26th)"'
check 'one("hold-ends", '$K1')["account_id"] == '$AK
on 2026-11-27
agenda
items d$K1 "meeting-outcome verify-claim"

# ---- lifted by their own call ------------------------------------------------------------
on 2026-11-16
mk account add "Inbound Ltd"; AU=$ID
mk deal add "Claimed" --account $AU; U1=$ID
mk claim add --deal $U1 "Our IT department decides alone"
mk deal add "Idle too" --account $AU; U2=$ID
mk account add "Firm Hold AG"; AF=$ID
mk deal add "Claimed as well" --account $AF; F1=$ID
mk claim add --deal $F1 "We have a binding contract"
mk account add "Asked For Room"; AR=$ID
mk deal add "Room" --account $AR; R1=$ID
on 2026-11-20
ok hold --account $AU --until 2026-11-30 --unless-inbound --reason "Asked for room until the 30th"
ok hold --account $AF --until 2026-11-30 --reason "Not before the 30th, whatever happens"
# The call in which they asked for room, logged after the hold (or dated before it), does
# not lift it: only their contact on a later day does.
ok hold --account $AR --until 2026-11-30 --unless-inbound --reason "Not before the 30th"
ok log --deal $R1 --kind call --dir in --outcome connected "Asked for room until the 30th"
ok log --account $AR --kind email --dir in --at 2026-11-19T16:00:00Z "Yesterday's mail"
ok account show $AR --json
is .hold_until 2026-11-30
is 'len(d["history"])' 1

on 2026-11-22
agenda
items A$AU ""
items A$AF ""
items A$AR ""
# We wrote: that does not lift it.
ok log --deal $U1 --kind email --dir out "A short update on the pricing"
agenda
items A$AU ""
on 2026-11-23
agenda
items A$AU ""
# They called: the hold is lifted and everything is back today.
mk log --deal $U2 --kind call --dir in --outcome connected "Can we talk about the offer?"
CALL=$ID
ok log --account $AF --kind call --dir in "Just a quick question"
agenda
# U2 is back; U1's claim and next step rest after our e-mail of the 22nd.
items A$AU "no-next-step"
items d$U2 "no-next-step"
items A$AF ""
ok account show $AU --json
is .hold_until null
is '.history[-1].field' hold
is '.history[-1].from' 2026-11-30
is '.history[-1].reason' "lifted by inbound call on 2026-11-23 (activity $CALL)"
ok account show $AF --json
is .hold_until 2026-11-30
on 2026-11-30
agenda
items A$AU "verify-claim no-next-step"
items A$AF "hold-ends verify-claim"

finish
