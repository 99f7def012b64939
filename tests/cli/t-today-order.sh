#!/usr/bin/env bash
# rapport today: the shape of the agenda. Every kind of DESIGN.md section 4 on one day, in
# its priority order; within a kind by deal score (computed here by hand), then by the
# day concerned, then by deal; --days N with each item on the first day it applies; the
# text output; and the rejected --now and --days values.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# ---- an empty book ------------------------------------------------------------------------
agenda
is d '{"date":"2026-11-23","items":[]}'
ok today
eq "$OUT" "Monday 2026-11-23: 0 things to do
  Nothing due. A good day to prospect." "empty agenda"

# ---- one item of every kind, created in reverse priority order ------------------------------
on 2026-11-02
mk account add "N Co"; A_NN=$ID
mk deal add "Next step" --account $A_NN; NN=$ID
mk account add "T Co"; A_TY=$ID
mk deal add "Thanks" --account $A_TY --stage negotiation; TY=$ID
mk account add "C Co"; A_CK=$ID
ok account edit $A_CK --status customer
ok checkin --account $A_CK --every 7
mk account add "Q Co"; A_QU=$ID
mk deal add "Qualify" --account $A_QU --stage qualified; QU=$ID
mk account add "V Co"; A_VC=$ID
mk deal add "Verify" --account $A_VC; VC=$ID
mk claim add --deal $VC "We never pay list price"
mk account add "S Co"; A_NS=$ID
mk deal add "No-show" --account $A_NS; NS=$ID
mk meet add --deal $NS --at 2026-11-20T10:00:00Z --minutes 60 --kind intro; MNS=$ID
# Qualified in full: trigger, decision process, someone who decides.
mk account add "P Co" --trigger moving; A_P=$ID
ok contact add "Pat Decider" --account $A_P --role decision-maker --email pat@p.test --primary
mk deal add "Push" --account $A_P --stage proposal --decision-process "CFO signs"; PS=$ID
mk deal add "Pushed" --account $A_P --stage proposal --decision-process "CFO signs"; PI=$ID
for d in 2026-11-02 2026-11-05 2026-11-09; do
    ok log --force --deal $PS --kind email --dir out --at "${d}T08:00:00Z" "Any questions?"
done
on 2026-11-09
ok push record --deal $PI
on 2026-11-02
mk account add "L Co"; A_PL=$ID
mk invoice add --account $A_PL --amount 300 --due 2026-11-20
mk account add "H Co"; A_HE=$ID
mk account add "D Co"; A_FD=$ID
mk deal add "Due" --account $A_FD; FD=$ID
mk account add "M Co"; A_FM=$ID
mk deal add "Missed" --account $A_FM; FM=$ID
mk account add "Z Co"; A_TS=$ID
mk deal add "Too short" --account $A_TS; TS=$ID
mk meet add --deal $TS --at 2026-11-25T10:00:00Z --minutes 30 --kind intro
mk account add "A Co"; A_MT=$ID
mk deal add "Meeting" --account $A_MT; MT=$ID
mk meet add --deal $MT --at 2026-11-23T16:00:00Z --minutes 60 --kind intro
on 2026-11-16
ok won --deal $TY
ok agree --deal $FM --on 2026-11-19
ok agree --deal $FD --on 2026-11-23
on 2026-11-20
ok meet no-show $MNS
ok hold --account $A_HE --until 2026-11-23

on 2026-11-23
agenda
items '*' "meeting:d$MT meeting-too-short:d$TS followup-missed:d$FM followup-due:d$FD
           hold-ends:a$A_HE payment-late:a$A_PL push-ignored:d$PI push-suggested:d$PS
           no-show:d$NS verify-claim:d$VC qualify:d$QU checkin-due:a$A_CK thank-you:d$TY
           no-next-step:d$NN"
check '[it["rank"] for it in items] == list(range(1, 15))'
check 'all(it["date"] == "2026-11-23" for it in items)'
check '[it["kind"] for it in items if "draft" in it] == ["meeting-too-short", "followup-missed",
       "payment-late", "push-suggested", "no-show", "checkin-due", "thank-you"]'
check 'one("push-suggested", '$PS')["draft"]["to"] == ["pat@p.test"]'
# The same for people: a title per kind, in the same order.
ok today
has "Monday 2026-11-23: 14 things to do"
eq "$($PY -c 'import sys; print("|".join(l for l in sys.stdin.read().split("\n")
      if l and not l.startswith(" ")))' <<<"$OUT")" \
   "Monday 2026-11-23: 14 things to do|Meetings today (1)|Meetings too short (1)|Missed follow-ups (1)|Follow-ups due (1)|Holds ending (1)|Late payments (1)|Pushes ignored (1)|Time for a push (1)|No-shows (1)|Claims to verify (1)|To qualify (1)|Check-ins due (1)|Thank-you cards (1)|No next step (1)" \
   "text headings"
has "  * A Co: Meeting  [deal $MT, score 0]"
has "    intro meeting at 16:00 (60 min): Meeting"
has "    -> Remind them of exactly that agreement (draft below)"
has "    | Subject: Our call, as agreed on Monday, November 16"
has "  * H Co  [account $A_HE]"

# ---- within a kind: by score ------------------------------------------------------------------
# score = trigger + urgency + decision date within 90 days + a decider known + value rank
on 2026-11-16
mk account add "Cold Calls Inc" --trigger cold-call --urgency none; A_S1=$ID
mk deal add "Score 0" --account $A_S1; S1=$ID
# 25 referral + 20 medium + 20 (2027-02-21 is D+90) + 10 decision maker + 10 (the largest
# open deal) = 85
mk account add "Referred Ltd" --trigger referral --urgency medium; A_S2=$ID
ok contact add "Rolf Ref" --account $A_S2 --role decision-maker
mk deal add "Score 85" --account $A_S2 --value 100,000 --decision-by 2027-02-21; S2=$ID
# 30 new office + 10 low + 0 (2027-02-22 is D+91) + 10 co-decider
# + round(10 ln(1+100000) / ln(1+10000000)) = 7: 57
mk account add "New Office SA" --trigger new-office --urgency low; A_S3=$ID
ok contact add "Nina Neu" --account $A_S3 --role co-decider
mk deal add "Score 57" --account $A_S3 --value 1,000 --decision-by 2027-02-22; S3=$ID
for deal in $S1 $S3 $S2; do
    ok claim add --deal $deal "They said something about deal $deal"
done
on 2026-11-23
agenda
# Highest score first; equal scores (0): the older deal first.
check '[it["deal_id"] for it in items if it["kind"] == "verify-claim"] == ['$S2', '$S3', '$VC', '$S1']'
check '[it["score"] for it in items if it["kind"] == "verify-claim"] == [85, 57, 0, 0]'
check 'one("verify-claim", '$S2')["account"] == "Referred Ltd" and
       one("verify-claim", '$S2')["deal"] == "Score 85"'
# The decision window around its threshold: D+91 the day before, D+89 the day after.
on 2026-11-22
agenda
check 'one("verify-claim", '$S2')["score"] == 65 and one("verify-claim", '$S3')["score"] == 57'
on 2026-11-24
agenda
check 'one("verify-claim", '$S2')["score"] == 85 and one("verify-claim", '$S3')["score"] == 77'
# ... and it is a setting.
on 2026-11-23
ok config set decision.window-days 91
agenda
check 'one("verify-claim", '$S2')["score"] == 85 and one("verify-claim", '$S3')["score"] == 77'
ok config set decision.window-days 89
agenda
check 'one("verify-claim", '$S2')["score"] == 65 and one("verify-claim", '$S3')["score"] == 57'
ok config set decision.window-days
# Urgency moves it too: high is 30.
ok account edit $A_S3 --urgency high
agenda
check '[it["score"] for it in items if it["kind"] == "verify-claim"] == [85, 77, 0, 0]'

# ---- --days N: the coming days, each item on the first day it applies -----------------------
on 2026-11-22
agenda --days 4
check 'd["from"] == "2026-11-22" and d["days"] == 4 and "date" not in d'
check '[it["date"] for it in items] == sorted(it["date"] for it in items)'
# On Sunday the 22nd the agreement of Thursday the 19th is still within its grace (one
# working day: Monday), and the invoice due on Friday is late from Monday.
items "*@2026-11-22" "meeting-too-short:d$TS followup-due:d$FM
                      push-suggested:d$PS no-show:d$NS verify-claim:d$S3 verify-claim:d$S2
                      verify-claim:d$VC verify-claim:d$S1 qualify:d$QU checkin-due:a$A_CK
                      thank-you:d$TY no-next-step:d$NN"
items "*@2026-11-23" "meeting:d$MT followup-missed:d$FM followup-due:d$FD hold-ends:a$A_HE
                      payment-late:a$A_PL push-ignored:d$PI"
# Monday's meeting, never marked, asks how it went.
items "*@2026-11-24" "meeting-outcome:d$MT"
# The agreement of the 23rd, missed once grace has passed (standard: 1 day).
items "*@2026-11-25" "meeting:d$TS followup-missed:d$FD"
check '[(it["date"], it["due"]) for it in items if it["kind"] == "payment-late"] ==
       [("2026-11-23", "2026-11-20")]'
# --days 1 is today's agenda.
agenda --days 1
check 'd["date"] == "2026-11-22" and "from" not in d'
ok today --days 2
has "Sunday 2026-11-22: 12 things to do"
has "Monday 2026-11-23: 6 things to do"

# ---- rejected values ---------------------------------------------------------------------------
same_db fails 4 today --now 2026-13-45
has_err "cannot parse --now '2026-13-45'"
same_db fails 4 today --now yesterday
has_err "cannot parse --now 'yesterday' (expected YYYY-MM-DD or an RFC 3339 instant)"
fails 4 today --now 2026-02-29
fails 4 today --json --now "2026-11-23 25:00"
RAPPORT_NOW=tomorrow fails 4 today
has_err "cannot parse --now 'tomorrow'"
same_db fails 4 today --days 0
has_err "invalid --days '0' (expected 1 to 366)"
fails 4 today --days 367
fails 4 today --days -1
fails 4 today --days three
fails 2 today --days
# An instant is read in the user's zone: 23:30 UTC is already tomorrow in Berlin.
ok today --json --now 2026-11-23T23:30:00Z
is .date 2026-11-23
ok today --json --now 2026-11-23T23:30:00Z --tz Europe/Berlin
is .date 2026-11-24
ok today --json --now 2028-02-29
is .date 2028-02-29

finish
