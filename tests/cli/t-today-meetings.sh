#!/usr/bin/env bash
# rapport today: meetings (DESIGN.md section 4, meeting, meeting-too-short, no-show). A
# meeting shows on its day only, in the user's zone; a meeting shorter than its kind needs
# shows from booking to its day; a no-show stays 7 days (noshow.days) unless they speak
# to us again. Thresholds fall on Monday 2026-11-23 unless said otherwise.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

on 2026-11-12
mk account add "Meridian Works"; AM=$ID
mk contact add "Ann Bauer" --account $AM --email ann@meridian.test; ANN=$ID
mk contact add "Ben Frei" --account $AM; BEN=$ID

# A meeting on D: the day before, the day of, the day after.
mk deal add "Intro on D" --account $AM; M1=$ID
mk meet add --deal $M1 --at 2026-11-23T10:00:00Z --minutes 60 --kind intro --contact $BEN \
    --contact $ANN; MEET1=$ID
# 23:30 UTC on the 23rd is already the 24th in Berlin.
mk deal add "Late call" --account $AM; M2=$ID
mk meet add --deal $M2 --at 2026-11-23T23:30:00Z --minutes 30 --kind follow-up

# Too short: an intro needs 60 minutes; 59, 60 and 61 on Wednesday the 25th.
mk deal add "Intro, 59 minutes" --account $AM; S59=$ID
mk meet add --deal $S59 --at 2026-11-25T09:00:00Z --minutes 59 --kind intro --contact $ANN
SHORT=$ID
has_err "meeting is too short"
mk deal add "Intro, 60 minutes" --account $AM; S60=$ID
mk meet add --deal $S60 --at 2026-11-25T11:00:00Z --minutes 60 --kind intro
mk deal add "Intro, 61 minutes" --account $AM; S61=$ID
mk meet add --deal $S61 --at 2026-11-25T14:00:00Z --minutes 61 --kind intro
# Each kind its own need: discovery 45, follow-up 30, training 60.
mk deal add "Several kinds" --account $AM; SK=$ID
mk meet add --deal $SK --at 2026-11-26T09:00:00Z --minutes 44 --kind discovery
mk meet add --deal $SK --at 2026-11-27T09:00:00Z --minutes 45 --kind discovery
mk meet add --deal $SK --at 2026-11-28T09:00:00Z --minutes 29 --kind follow-up
mk meet add --deal $SK --at 2026-11-29T09:00:00Z --minutes 30 --kind follow-up
mk meet add --deal $SK --at 2026-11-30T09:00:00Z --minutes 59 --kind training
mk meet add --deal $SK --at 2026-12-01T09:00:00Z --minutes 30 --kind signing

# No-shows on Monday the 16th: on the agenda through the 23rd.
mk account add "Nobody Home Inc"; AN=$ID
mk contact add "Nils Abwesend" --account $AN --email nils@nobody.test; NILS=$ID
mk deal add "No-show" --account $AN; N1=$ID
mk meet add --deal $N1 --at 2026-11-16T10:00:00Z --minutes 60 --kind intro --contact $NILS
NS1=$ID
mk deal add "No-show, then they wrote" --account $AN; N2=$ID
mk meet add --deal $N2 --at 2026-11-16T14:00:00Z --minutes 45 --kind demo; NS2=$ID
mk deal add "No-show, then we wrote" --account $AN; N3=$ID
ok log --deal $N3 --kind call --dir out --outcome connected --at 2026-11-13T09:00:00Z
mk meet add --deal $N3 --at 2026-11-16T16:00:00Z --minutes 45 --kind proposal; NS3=$ID
# A held meeting is two-way contact: it keeps the agreement due by its day.
mk deal add "Met as agreed" --account $AN; H1=$ID
mk agree --deal $H1 --on 2026-11-19
mk meet add --deal $H1 --at 2026-11-20T10:00:00Z --minutes 45 --kind discovery; HELD=$ID
# A cancelled meeting is no meeting.
mk deal add "Called off" --account $AN; C1=$ID
mk meet add --deal $C1 --at 2026-11-23T15:00:00Z --minutes 60 --kind demo; CANCEL=$ID

on 2026-11-16
ok meet no-show $NS1
ok meet no-show $NS2
ok meet no-show $NS3
on 2026-11-18
ok log --deal $N2 --kind email --dir in "So sorry, my daughter was ill"
ok log --deal $N3 --kind email --dir out "We missed you on Monday"
on 2026-11-20
ok meet held $HELD
ok meet cancel $CANCEL

on 2026-11-22
agenda
items d$M1 ""
items d$M2 ""
items d$S59 "meeting-too-short"
items d$S60 ""
items d$S61 ""
items d$SK "meeting-too-short meeting-too-short meeting-too-short"
check '[it["due"] for it in items if it["deal_id"] == '$SK'] ==
       ["2026-11-26", "2026-11-28", "2026-11-30"]'
check 'one("meeting-too-short", '$S59')["summary"] ==
       "intro meeting on 2026-11-25 has 59 of the 60 minutes it needs"'
check 'one("meeting-too-short", '$S59')["due"] == "2026-11-25"'
check 'one("meeting-too-short", '$S59')["contact_id"] == '$ANN
items d$N1 "no-show"
items d$N2 "no-next-step"
# "We missed you on Monday" (a touch) answers it for the retry interval.
items d$N3 ""
items d$H1 "no-next-step"
items d$C1 "no-next-step"
check 'one("no-show", '$N1')["summary"] ==
       "No-show without notice at the intro meeting of 2026-11-16"'
check 'one("no-show", '$N1')["due"] == "2026-11-16"'
check 'one("no-show", '$N1')["contact_id"] == '$NILS
check 'one("no-show", '$N1')["account_id"] == '$AN

on 2026-11-23
agenda
items d$M1 "meeting"
items d$M2 "meeting"
items d$C1 "no-next-step"
items d$N1 "no-show"
items d$N3 "no-show"
items d$S59 "meeting-too-short"
check 'one("meeting", '$M1')["summary"] == "intro meeting at 10:00 (60 min): Intro on D"'
check 'one("meeting", '$M1')["due"] == "2026-11-23"'
check 'one("meeting", '$M1')["contact_id"] == '$ANN
check 'one("meeting", '$M1')["action"] ==
       "Prepare: reread what you told them and what they claimed (rapport deal show '$M1')"'
check '"draft" not in one("meeting", '$M1')'
# In Berlin the late call is tomorrow's.
agenda --tz Europe/Berlin
items d$M1 "meeting"
items d$M2 ""

# Nobody marked yesterday's meetings: how did they go?
on 2026-11-24
agenda
items d$M1 "meeting-outcome"
items d$M2 "meeting-outcome"
check 'one("meeting-outcome", '$M1')["summary"] ==
       "How did the intro meeting of 2026-11-23 go? It is still marked planned"'
check 'one("meeting-outcome", '$M1')["id"] == "meeting-outcome:'$MEET1'"'
items d$N1 "no-next-step"
items d$N3 "no-next-step"
agenda --tz Europe/Berlin
items d$M2 "meeting"
check 'one("meeting", '$M2')["summary"] == "follow-up meeting at 00:30 (30 min): Late call"'
check 'd["date"] == "2026-11-24"'
# noshow.days is a setting.
ok config set noshow.days 8
agenda
items d$N1 "no-show"
ok config set noshow.days
# Marked held, it goes (and the deal asks for its next step).
ok meet held $MEET1
agenda
items d$M1 "no-next-step"

# On its day a too-short meeting is one item: the meeting, with the warning.
on 2026-11-25
agenda
items d$S59 "meeting"
check 'one("meeting", '$S59')["summary"].endswith("; 1 minute short of the 60 it needs")'
items d$S60 "meeting"
items d$S61 "meeting"

on 2026-11-26
agenda
items d$S59 "meeting-outcome"
items d$SK "meeting meeting-too-short meeting-too-short"

# The day of a meeting is the user's day, across the end of summer time (Berlin, 25 October
# 2026: 01:00 UTC).
on 2026-10-20
mk deal add "Around the clock change" --account $AM; TZD=$ID
mk meet add --deal $TZD --at 2026-10-24T22:30:00Z --minutes 30 --kind follow-up
mk meet add --deal $TZD --at 2026-10-25T22:30:00Z --minutes 30 --kind follow-up
mk meet add --deal $TZD --at 2026-10-25T23:30:00Z --minutes 30 --kind follow-up
on 2026-10-25
agenda --tz Europe/Berlin
check '[it["summary"][:28] for it in items if it["deal_id"] == '$TZD' and it["kind"] == "meeting"]
       == ["follow-up meeting at 00:30 (", "follow-up meeting at 23:30 ("]'
on 2026-10-26
agenda --tz Europe/Berlin
check '[it["summary"][:28] for it in items if it["deal_id"] == '$TZD' and it["kind"] == "meeting"]
       == ["follow-up meeting at 00:30 ("]'

# Rescheduled to the hour it needs: no longer too short.
on 2026-11-22
ok meet reschedule $SHORT --at 2026-11-27T09:00:00Z --minutes 60
agenda
items d$S59 ""
on 2026-11-27
agenda
items d$S59 "meeting"

finish
