#!/usr/bin/env bash
# rapport today: the days on which a rested, quiet or waiting deal comes back, exactly. The
# store reads only the deals that may be on the day's agenda (store_agenda.c: no touch
# resting them in any style, quiet long enough for their stage, no conversation set up
# ahead, no hold or pending push); these are the edges of those bounds, each a day early
# and on the day, with holidays and settings that move them.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

on 2026-11-02
ok config set holidays 2026-11-11

# ---- a touch rests a claim to verify for the style's retry interval ---------------------
mk account add "Direct Lines" --style direct; AD=$ID
mk deal add "Direct claim" --account $AD; DD=$ID
mk claim add --deal $DD "We never had an outage"
mk account add "Gentle Hills" --style gentle; AG=$ID
mk deal add "Gentle claim" --account $AG; DG=$ID
mk claim add --deal $DG "Our team is twice the size"
on 2026-11-19
ok log --deal $DD --kind email --dir out "Checking the outage report"
ok log --deal $DG --kind email --dir out "Checking the team size"
# Direct: two working days (Friday 20th, Monday 23rd); gentle: five (Thursday 26th).
on 2026-11-20
agenda
items d$DD ""
on 2026-11-23
agenda
items d$DD "verify-claim"
items d$DG ""
on 2026-11-25
agenda
items d$DG ""
on 2026-11-26
agenda
items d$DG "verify-claim"

# ---- a qualification question waits for the conversation agreed ------------------------
on 2026-11-02
mk account add "Waiting Rooms"; AW=$ID
mk deal add "Half known" --account $AW --stage qualified; DW=$ID
mk agree --deal $DW --on 2026-11-25
on 2026-11-24
agenda
items d$DW ""
# On the agreed day the conversation is today: the question is asked with it.
on 2026-11-25
agenda
items d$DW "followup-due qualify"

# ---- quiet for the stage's working days, a holiday not counted --------------------------
on 2026-11-02
mk account add "Steady State" --trigger growth; AS=$ID
mk contact add "Sam Boss" --account $AS --role decision-maker --email sam@steady.test
mk deal add "Quiet proposal" --account $AS --stage proposal --decision-by 2027-03-01 \
    --decision-process "board review"; DS=$ID
mk agree --deal $DS --on 2027-02-01
# Ten working days after Monday the 2nd, Wednesday the 11th a holiday: Tuesday the 17th.
on 2026-11-16
agenda
items d$DS ""
on 2026-11-17
agenda
items d$DS "stale"

# ---- a hold ending on the day lets the account's deals' outreach back -----------------
on 2026-11-02
mk account add "Paused Inc"; AP=$ID
mk deal add "Paused deal" --account $AP; DP=$ID
ok hold --account $AP --until 2026-11-20
on 2026-11-19
agenda
items A$AP ""
# The account's hold-ends gives way to its deal's own reach-out.
on 2026-11-20
agenda
items A$AP "no-next-step"

# ---- a thank-you on the day of the win, not before ------------------------------------
on 2026-11-23T09:00:00Z
mk account add "Winning Co"; AT=$ID
mk deal add "Signed today" --account $AT --stage negotiation; DT=$ID
ok won $DT
on 2026-11-22
agenda
items d$DT ""
on 2026-11-23
agenda
items d$DT "thank-you"

# ---- a touch before the deal went quiet rests nothing, however long the retry ----------
on 2026-11-02
mk account add "Long Memory" --trigger growth; AL=$ID
mk contact add "Lea Head" --account $AL --role decision-maker --email lea@memory.test
mk deal add "Touched, then answered" --account $AL --stage proposal --decision-by 2027-03-01 \
    --decision-process "board review"; DL=$ID
mk agree --deal $DL --on 2027-02-01
on 2026-11-03
ok log --deal $DL --kind email --dir out "The proposal, as promised"
on 2026-11-04
ok log --deal $DL --kind call --dir in --outcome connected "They read it"
for style in direct standard gentle; do
    ok config set retry.$style 30
done
# Quiet since the 4th: ten working days with the holiday, Thursday the 19th.
on 2026-11-18
agenda
items d$DL ""
on 2026-11-19
agenda
items d$DL "stale"

# ---- a push is ignored after its days to wait, counted from its local day -------------
# Sent on Saturday the 28th in Auckland (Friday in UTC): fourteen days fall on Saturday
# the 12th, so it is ignored on Monday the 14th, not on the Sunday before; one answered
# since shows at once, however recently it was sent.
ok config set tz Pacific/Auckland
on 2026-11-02
mk account add "Far Away"; AF=$ID
mk deal add "Pushed far away" --account $AF --stage proposal --decision-by 2027-03-01; DF=$ID
mk deal add "Pushed and answered" --account $AF --stage proposal --decision-by 2027-03-01; DA=$ID
on 2026-11-27T20:00:00Z
ok push record --deal $DF
on 2026-12-10T20:00:00Z
ok push record --deal $DA
on 2026-12-11T20:00:00Z
ok log --force --deal $DA --kind email --dir in "Give us another week"
on 2026-12-12T20:00:00Z
agenda
items d$DF ""
items d$DA "push-answered"
on 2026-12-13T20:00:00Z
agenda
items d$DF "push-ignored"

finish
