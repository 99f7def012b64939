#!/usr/bin/env bash
# rapport today: after the sale and the state of each deal (DESIGN.md section 4,
# payment-late, checkin-due, thank-you, verify-claim, qualify, no-next-step). Dated
# thresholds fall on Monday 2026-11-23: an invoice due the 22nd, a weekly check-in after
# contact on the 16th, a deal won on the 9th (14 days).
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# ---- payment-late ----------------------------------------------------------------------
on 2026-11-01
mk account add "Pay Later GmbH"; AP=$ID
mk invoice add --account $AP --amount 1,200 --due 2026-11-22 --number INV-7; INV7=$ID
mk invoice add --account $AP --amount 99.50 --currency EUR --due 2026-11-20; INV8=$ID
mk invoice add --account $AP --amount 500 --due 2026-11-10 --number INV-5; INV5=$ID
on 2026-11-12
ok invoice paid $INV5 --on 2026-11-12

# Late from the first working day after it was due: the invoice due on Friday the 20th
# first shows on Monday.
on 2026-11-21
agenda
items A$AP ""
on 2026-11-22
agenda
items A$AP ""
on 2026-11-23
agenda
items A$AP "payment-late payment-late"
check '[it["summary"] for it in items if it["account_id"] == '$AP'][0] ==
       "Invoice (no number) for 99.50 EUR is 3 days late (due 2026-11-20)"'
# The same kind for one account: the older debt first.
check '[it["due"] for it in items if it["account_id"] == '$AP'] == ["2026-11-20", "2026-11-22"]'
check '[it["summary"] for it in items if it["account_id"] == '$AP'][1] ==
       "Invoice INV-7 for 1,200.00 USD is 1 day late (due 2026-11-22)"'
check '[it["deal_id"] for it in items if it["account_id"] == '$AP'] == [None, None]'
check '[it["action"] for it in items if it["account_id"] == '$AP'][1] ==
       "Ask kindly about the payment, and check the invoice reached the right person (rapport invoice paid '$INV7' once it is in, or invoice promise '$INV7' --on DATE)"'
on 2026-11-24
agenda
items A$AP "payment-late payment-late"
check '[it["summary"] for it in items if it["account_id"] == '$AP'][1] ==
       "Invoice INV-7 for 1,200.00 USD is 2 days late (due 2026-11-22)"'
ok invoice paid $INV7
agenda
items A$AP "payment-late"
# Nothing nags: once asked (a touch), it rests for payment.retry-days working days.
ok log --account $AP --kind email --dir out "About invoice of the 20th"
agenda
items A$AP ""
for day in 2026-11-25 2026-11-30; do
    on $day; agenda; items A$AP ""
done
on 2026-12-01
agenda
items A$AP "payment-late"
check 'one("payment-late", account='$AP')["summary"].endswith("; last contact 2026-11-24")'
# A promise to pay by a day is waited for; then asked about again, saying so.
ok invoice promise $INV8 --on 2026-12-04 --json
is .promised_on 2026-12-04
agenda
items A$AP ""
on 2026-12-04
agenda
items A$AP ""
on 2026-12-07
agenda
items A$AP "payment-late"
check '"; promised by 2026-12-04" in one("payment-late", account='$AP')["summary"]'
same_db fails 4 invoice promise $INV8 --on 2026-12-01
has_err "a promise to pay by 2026-12-01 is in the past"
same_db fails 2 invoice promise $INV8
same_db fails 3 invoice promise 999 --on 2026-12-20
ok invoice paid $INV8
same_db fails 4 invoice promise $INV8 --on 2026-12-20

# ---- checkin-due: every 7 days after the last two-way contact -------------------------------
on 2026-11-02
mk account add "Check Point Ltd"; AC=$ID
ok account edit $AC --status customer
ok checkin --account $AC --every 7
mk deal add "Renewal" --account $AC; C1=$ID
mk agree --deal $C1 --on 2026-12-15
# A prospect gets no check-ins, whatever the cadence.
mk account add "Still A Prospect"; AQ=$ID
ok checkin --account $AQ --every 7
# A customer never spoken to: due at once.
mk account add "Fresh Customer"; AF=$ID
ok account edit $AF --status customer
ok checkin --account $AF --every 30
on 2026-11-16
ok log --account $AC --kind call --dir in "All good, growing fast"
on 2026-11-20
# A touch is not contact.
ok log --account $AC --kind email --dir out "Our new training dates"

on 2026-11-22
agenda
items A$AC ""
items A$AQ ""
items a$AF "checkin-due"
check 'one("checkin-due", account='$AF')["summary"] ==
       "Check-in due: no two-way contact yet (every 30 days)"'
check 'one("checkin-due", account='$AF')["due"] is None'
on 2026-11-23
agenda
items A$AC "checkin-due"
check 'one("checkin-due", account='$AC')["summary"] ==
       "Check-in due: no two-way contact for 7 days (every 7)"'
check 'one("checkin-due", account='$AC')["due"] == "2026-11-23"'
check 'one("checkin-due", account='$AC')["deal_id"] is None'
check 'one("checkin-due", account='$AC')["action"] ==
       "Check in: how is it going, what has changed, any new people or plans?"'
on 2026-11-24
agenda
items A$AC "checkin-due"
check 'one("checkin-due", account='$AC')["due"] == "2026-11-23"'
# The cadence is the account's: every 8 days moves it to the 24th.
on 2026-11-23
ok checkin --account $AC --every 8
agenda
items A$AC ""
ok checkin --account $AC --every 7
# A held meeting is contact too.
mk meet add --deal $C1 --at 2026-11-23T09:00:00Z --minutes 30 --kind support; MEET=$ID
ok meet held $MEET
on 2026-11-24
agenda
items A$AC ""
on 2026-11-30
agenda
items A$AC "checkin-due"
# Nothing nags: a small update once it is due rests it for checkin.retry-days working days;
# a two-way contact starts the cadence again.
ok log --account $AC --kind email --dir out "Our new release notes"
agenda
items A$AC ""
on 2026-12-04
agenda
items A$AC ""
on 2026-12-07
agenda
items A$AC "checkin-due"
ok log --account $AC --kind call --dir out --outcome connected "All fine"
on 2026-12-14
agenda
items A$AC "checkin-due"
on 2026-12-11
agenda
items A$AC ""

# ---- thank-you: 14 days after a win ---------------------------------------------------------
on 2026-11-02
mk account add "Won Over Inc"; AW=$ID
mk deal add "Main contract" --account $AW --stage negotiation; W1=$ID
mk claim add --deal $W1 "We always pay within 10 days"
mk account add "Carded AG"; AX=$ID
mk deal add "Carded" --account $AX --stage proposal; W2=$ID
on 2026-11-05
# A card before the win is not a thank-you for it.
ok log --account $AW --kind card --dir out "Season's greetings"
on 2026-11-09
ok won --deal $W1
ok won --deal $W2
on 2026-11-10
ok log --account $AX --kind card --dir out "Thank you for choosing us"

on 2026-11-22
agenda
# Won: a customer now, thanked once, and no more claims to chase or next steps to agree.
items A$AW "thank-you"
items A$AX ""
check 'one("thank-you", '$W1')["summary"] == "Won on 2026-11-09; no thank-you card yet"'
check 'one("thank-you", '$W1')["due"] == "2026-11-09"'
check 'one("thank-you", '$W1')["account_id"] == '$AW
check 'one("thank-you", '$W1')["action"] == "Send a thank-you card and offer coaching to get "
       "them started (log it with --kind card)"'
on 2026-11-23
agenda
items A$AW "thank-you"
on 2026-11-24
agenda
items A$AW ""
ok config set thankyou.days 13
on 2026-11-23
agenda
items A$AW ""
ok config set thankyou.days
ok log --account $AW --kind card --dir out "Thank you, and welcome"
agenda
items A$AW ""
ok account show $AW --json
is .status customer

# ---- verify-claim ----------------------------------------------------------------------------
on 2026-11-16
mk account add "Claimant Corp" --trigger contract-ending; AV=$ID
mk contact add "Vera Klug" --account $AV --role decision-maker; VERA=$ID
mk deal add "Claims" --account $AV --stage proposal --decision-by 2027-01-31; V1=$ID
mk claim add --deal $V1 --contact $VERA "We value local companies"; CL1=$ID
mk claim add --deal $V1 "Our contract binds us until June"; CL2=$ID
on 2026-11-23
agenda
items d$V1 "verify-claim verify-claim"
check '[it["summary"] for it in items if it["deal_id"] == '$V1'] ==
       ["They said: \"We value local companies\" (unverified)",
        "They said: \"Our contract binds us until June\" (unverified)"]'
check '[it["contact_id"] for it in items if it["deal_id"] == '$V1'] == ['$VERA', None]'
check '[it["action"] for it in items if it["deal_id"] == '$V1'][1] == "Ask for clarification '\
'and an example, then rapport claim verify|clarify|contradict '$CL2'"'
ok claim clarify $CL1 --note "They buy their coffee from the bakery next door"
agenda
items d$V1 "verify-claim"
ok claim contradict $CL2 --note "Contract seen: they may cancel any month"
agenda
items d$V1 "no-next-step"

# ---- qualify: from stage qualified on, until trigger, decision and deciders are known -------
on 2026-11-16
mk account add "Question Marks"; AM=$ID
mk deal add "Unqualified" --account $AM; Q1=$ID
on 2026-11-23
agenda
items d$Q1 "no-next-step"
ok deal stage $Q1 qualified
agenda
items d$Q1 "qualify"
check 'one("qualify", '$Q1')["summary"] == "At stage qualified without trigger, decision date, deciders"'
check 'one("qualify", '$Q1')["action"] == "Ask: Why are you looking at this now, what changed? "
       "When will you decide, and how (budget review, management meeting)? "
       "Who else decides with you, and does anyone have a veto?"'
ok account edit $AM --trigger new-staff
ok contact add "Ian Flux" --account $AM --role influencer
agenda
check 'one("qualify", '$Q1')["summary"] == "At stage qualified without decision date, deciders"'
ok contact add "Vic Toh" --account $AM --role veto
ok deal stage $Q1 proposal
agenda
check 'one("qualify", '$Q1')["summary"] == "At stage proposal without decision date"'
check 'one("qualify", '$Q1')["action"] ==
       "Ask: When will you decide, and how (budget review, management meeting)?"'
ok deal edit $Q1 --decision-process "The partners meet on the first Monday"
agenda
items d$Q1 "no-next-step"

# ---- no-next-step --------------------------------------------------------------------------
on 2026-11-16
mk account add "Next Step AG" --trigger referral; AN=$ID
mk contact add "Nele Sommer" --account $AN --role decision-maker
mk deal add "Needs a step" --account $AN --stage meeting --decision-by 2026-12-18; N1=$ID
mk deal add "Lost" --account $AN; N2=$ID
on 2026-11-23
agenda
items d$N1 "no-next-step"
items d$N2 "no-next-step"
check 'one("no-next-step", '$N1')["summary"] == "No next step agreed (stage meeting)"'
check 'one("no-next-step", '$N1')["action"] == "Agree the next step (rapport agree --deal '$N1' "
       "--on DATE) or book a meeting"'
check 'one("no-next-step", '$N1')["due"] is None'
ok agree --deal $N1 --on 2026-11-26
ok lost --deal $N2 --reason price --competitor "Cheapo Ltd"
agenda
items A$AN ""
# A call before the agreed day does not keep it; the call on the day does, and then the
# deal needs its next step again.
ok log --deal $N1 --kind call --dir out --outcome connected "Quick question on the quote"
agenda
items A$AN ""
on 2026-11-26
ok log --deal $N1 --kind call --dir out --outcome connected "Good call, sending the quote"
agenda
items A$AN "no-next-step"
mk meet add --deal $N1 --at 2026-12-01T10:00:00Z --minutes 45 --kind proposal
agenda
items A$AN ""

finish
