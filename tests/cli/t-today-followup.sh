#!/usr/bin/env bash
# rapport today: agreements (DESIGN.md section 4, followup-due and followup-missed). Each
# style's grace is checked the day before, the day of and the day after both of its
# thresholds (the agreed day, and the first day past grace), all falling on Monday
# 2026-11-23; then the rules that keep a missed follow-up off the agenda, and its draft.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# ---- grace by style: direct 0, standard 1, gentle 3 -------------------------------------
# Grace counts working days; a seven-day week makes every day one, so the thresholds fall
# on the days named (working weeks are tested further down).
on 2026-11-16
ok config set workdays mon-sun
mk account add "Direkt GmbH" --style direct; AD=$ID
mk account add "Standard Ltd"; AS=$ID
mk account add "Gentle & Sons" --style gentle; AG=$ID
# For each style, one deal agreed for the 23rd (followup-due begins) and one whose grace
# runs out on the 22nd (followup-missed begins on the 23rd).
mk deal add "Direct, due on D" --account $AD; DD=$ID
mk agree --deal $DD --on 2026-11-23 --note "price check"
mk deal add "Direct, missed from D" --account $AD; DM=$ID
mk agree --deal $DM --on 2026-11-22
mk deal add "Standard, due on D" --account $AS; SD=$ID
mk agree --deal $SD --on 2026-11-23
mk deal add "Standard, missed from D" --account $AS; SM=$ID
mk agree --deal $SM --on 2026-11-21 --note "second opinion"
mk deal add "Gentle, due on D" --account $AG; GD=$ID
mk agree --deal $GD --on 2026-11-23
mk deal add "Gentle, missed from D" --account $AG; GM=$ID
mk agree --deal $GM --on 2026-11-19

on 2026-11-22
agenda
items d$DD ""
items d$DM "followup-due"
items d$SD ""
items d$SM "followup-due"
items d$GD ""
items d$GM "followup-due"
# Within grace: the agreed day is named, it is not "today".
check 'one("followup-due", '$SM')["due"] == "2026-11-21"'
check 'one("followup-due", '$SM')["summary"] == "Agreed to speak on 2026-11-21: second opinion"'
check 'one("followup-due", '$GM')["summary"] == "Agreed to speak on 2026-11-19"'
check 'one("followup-due", '$DM')["summary"] == "Agreed to speak today"'
check 'one("followup-due", '$DM')["action"] == "Contact them today, as you agreed on 2026-11-16"'
check '"draft" not in one("followup-due", '$DM')'

on 2026-11-23
agenda
items d$DD "followup-due"
items d$DM "followup-missed"
items d$SD "followup-due"
items d$SM "followup-missed"
items d$GD "followup-due"
items d$GM "followup-missed"
check 'one("followup-due", '$DD')["summary"] == "Agreed to speak today: price check"'
check 'one("followup-due", '$DD')["due"] == "2026-11-23"'
check 'one("followup-due", '$DD')["account_id"] == '$AD
check 'one("followup-missed", '$SM')["due"] == "2026-11-21"'
check 'one("followup-missed", '$SM')["date"] == "2026-11-23"'
check 'one("followup-missed", '$SM')["summary"] ==
       "On 2026-11-16 you agreed to speak again on 2026-11-21; nothing since"'
check 'one("followup-missed", '$GM')["summary"] ==
       "On 2026-11-16 you agreed to speak again on 2026-11-19; nothing since"'

on 2026-11-24
agenda
items d$DD "followup-missed"
items d$DM "followup-missed"
items d$SD "followup-due"
items d$SM "followup-missed"
items d$GD "followup-due"
items d$GM "followup-missed"
check 'one("followup-due", '$SD')["summary"] == "Agreed to speak on 2026-11-23"'

# Grace is a setting: standard 2 and gentle 0 move both boundaries by a day.
ok config set grace.standard 2
ok config set grace.gentle 0
on 2026-11-23
agenda
items d$SM "followup-due"
items d$GD "followup-due"
items d$GM "followup-missed"
on 2026-11-24
agenda
items d$SM "followup-missed"
items d$SD "followup-due"
items d$GD "followup-missed"
items d$DD "followup-missed"
ok config set grace.standard
ok config set grace.gentle
ok config set workdays

# ---- what keeps a missed follow-up off the agenda, and its draft -------------------------
# Agreed on Tuesday the 17th to speak again on Thursday the 19th (standard style: missed
# from Saturday the 21st).
on 2026-11-17
mk account add "Tessin AG"; AT=$ID
mk contact add "Pia Primus" --account $AT --email pia@tessin.test --primary; PIA=$ID
mk contact add "Carl Weber" --account $AT --email carl@tessin.test; CARL=$ID
mk contact add "Nora Ohnemail" --account $AT --phone "+41 1 234"; NORA=$ID
mk deal add "Touched on the agreed day" --account $AT; T1=$ID
mk agree --deal $T1 --on 2026-11-19 --contact $CARL --note "the new floor plan"
mk deal add "Touched after the agreed day" --account $AT; T2=$ID
mk agree --deal $T2 --on 2026-11-19
mk deal add "Agreed with someone without e-mail" --account $AT; T3=$ID
mk agree --deal $T3 --on 2026-11-19 --contact $NORA
mk deal add "Reached them" --account $AT; T4=$ID
mk agree --deal $T4 --on 2026-11-19
mk deal add "Agreed again" --account $AT; T5=$ID
mk agree --deal $T5 --on 2026-11-19
mk account add "Umbra SA"; AU=$ID
mk deal add "They wrote to the account" --account $AU; U1=$ID
mk agree --deal $U1 --on 2026-11-19

# On the agreed day a call nobody answered is a follow-up made: not due any more today.
on 2026-11-19
ok log --deal $T1 --kind call --dir out --outcome no-answer --at 2026-11-19T09:00:00Z
agenda
items d$T1 ""
items d$T2 "followup-due"
check 'one("followup-due", '$T3')["contact_id"] == '$NORA

on 2026-11-20
ok log --deal $T2 --kind email --dir out "Following up on Thursday"
ok log --deal $T4 --kind call --dir out --outcome connected "Spoke, all fine"
ok log --account $AU --kind email --dir in "Sorry, busy week"
ok agree --deal $T5 --on 2026-11-30

on 2026-11-23
agenda
# A call on the agreed day that did not reach them: remind them of the agreement.
items d$T1 "followup-missed"
# A touch after the agreed day is the reminder already sent.
items d$T2 ""
items d$T3 "followup-missed"
# Two-way contact kept the agreement: the deal needs a new next step.
items d$T4 "no-next-step"
# They wrote since (to the account): the agreement is kept, and the deal needs a next step.
items d$U1 "no-next-step"
# Superseded by the new agreement for the 30th.
items d$T5 ""
check 'one("followup-missed", '$T1')["contact_id"] == '$CARL
check 'one("followup-missed", '$T1')["draft"]["to"] == ["carl@tessin.test"]'
check 'one("followup-missed", '$T1')["draft"]["cc"] == []'
check 'one("followup-missed", '$T1')["draft"]["subject"] ==
       "Our call, as agreed on Tuesday, November 17"'
check 'one("followup-missed", '$T1')["draft"]["body"].startswith("Hello Carl,\n\n")'
check '"When we spoke on Tuesday, November 17, we agreed to talk again on Thursday, November 19."
       in one("followup-missed", '$T1')["draft"]["body"]'
# The note is private: never in the message. The call that went unanswered may be named.
check '"floor plan" not in json.dumps(one("followup-missed", '$T1')["draft"])'
check '"I haven'"'"'t been able to reach you since" in one("followup-missed", '$T1')["draft"]["body"]'
check '"reach you" not in one("followup-missed", '$T3')["draft"]["body"]'
check 'one("followup-missed", '$T1')["summary"] ==
       "On 2026-11-17 you agreed to speak again on 2026-11-19; nothing since"'
# Nora has no address: the reminder goes to the account'"'"'s primary contact.
check 'one("followup-missed", '$T3')["contact_id"] == '$NORA
check 'one("followup-missed", '$T3')["draft"]["to"] == ["pia@tessin.test"]'
check 'one("followup-missed", '$T3')["draft"]["body"].startswith("Hello Pia,")'

on 2026-11-30
agenda
items d$T5 "followup-due"
check 'one("followup-due", '$T5')["action"] == "Contact them today, as you agreed on 2026-11-20"'

# ---- nothing slips: the reminder repeats until they answer -----------------------------
# T2 was reminded on Friday the 20th (standard: every 3 working days): back on Wednesday.
on 2026-11-24
agenda
items d$T2 ""
on 2026-11-25
agenda
items d$T2 "followup-missed"
check 'one("followup-missed", '$T2')["summary"] ==
       "On 2026-11-17 you agreed to speak again on 2026-11-19; reminded on 2026-11-20, no answer yet"'
# Reminded again (a voicemail): quiet until the next interval, then back, for weeks.
ok log --deal $T2 --kind voicemail --dir out --outcome left-message
for day in 2026-11-26 2026-11-27; do
    on $day; agenda; items d$T2 ""
done
on 2026-11-30
agenda
items d$T2 "followup-missed"
on 2027-01-15
agenda
items d$T2 "followup-missed"
# They answer: the agreement is kept and the deal asks for its next step.
ok log --deal $T2 --kind call --dir in "Sorry, we were at a trade fair"
agenda
items d$T2 "no-next-step"

# Contact between the day it was made and the agreed day does not keep it: an e-mail of
# theirs on the 2nd, the 7th passes in silence, and on the 8th it is missed (direct).
on 2026-12-01
mk account add "Zwischen KG" --style direct; AZ=$ID
mk deal add "Mail before the day" --account $AZ; Z1=$ID
mk agree --deal $Z1 --on 2026-12-07
on 2026-12-02
ok log --deal $Z1 --kind email --dir in "Looking forward to Monday"
on 2026-12-08
agenda
items d$Z1 "followup-missed"

# A missed call of theirs is not a conversation: it keeps nothing and asks to be returned.
on 2026-12-01
mk deal add "He called, I missed it" --account $AZ; Z2=$ID
mk agree --deal $Z2 --on 2026-12-03
on 2026-12-04
ok log --deal $Z2 --kind call --dir in --outcome no-answer
agenda
items d$Z2 "call-back"
check 'one("call-back", '$Z2')["summary"].startswith("They tried to reach you (call on 2026-12-04")'
# Calling back (even into voicemail) answers it; the agreement is still missed.
ok log --deal $Z2 --kind call --dir out --outcome left-message
agenda
items d$Z2 ""
on 2026-12-07
agenda
items d$Z2 ""
on 2026-12-08
agenda
items d$Z2 "followup-missed"

# ---- working days -----------------------------------------------------------------------
# A Friday agreement with a direct customer is missed on Monday, not on Saturday; a standard
# one on Tuesday. Holidays are not working days either.
on 2026-12-04
mk account add "Freitag GmbH" --style direct; AF=$ID
mk deal add "Friday, direct" --account $AF; F1=$ID
mk agree --deal $F1 --on 2026-12-04
mk account add "Freitag Ltd"; AFS=$ID
mk deal add "Friday, standard" --account $AFS; F2=$ID
mk agree --deal $F2 --on 2026-12-04
for day in 2026-12-05 2026-12-06; do
    on $day; agenda; items d$F1 "followup-due"; items d$F2 "followup-due"
done
on 2026-12-07
agenda
items d$F1 "followup-missed"
items d$F2 "followup-due"
on 2026-12-08
agenda
items d$F2 "followup-missed"
ok config set holidays 2026-12-07
on 2026-12-07
agenda
items d$F1 "followup-due"
on 2026-12-08
agenda
items d$F1 "followup-missed"
items d$F2 "followup-due"
ok config set holidays "2026-12-07, 2026-12-24"
ok config get holidays
eq "$OUT" "2026-12-07, 2026-12-24" "holidays are kept as written"
same_db fails 4 config set holidays 2026-13-01
has_err "invalid holidays: not a date (YYYY-MM-DD) '2026-13-01'"
same_db fails 4 config set workdays "mon-fry"
has_err "invalid workdays: unknown weekday 'mon-fry'"
ok config set workdays "tue-sat"
ok config set holidays
on 2026-12-07
agenda
items d$F1 "followup-missed"

finish
