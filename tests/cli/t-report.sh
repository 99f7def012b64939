# rapport report: every figure of docs/reports.md checked against values computed by hand
# from the small history below, built through the command line day by day (all times are
# noon UTC of the day given with --now or --at).
source "$TESTLIB"

# on DATE ARGS...: rapport ARGS as if it were noon of DATE; exit 0 expected.
# ---- the history ---------------------------------------------------------------------
# account  name     trigger    style
# 1        Alpha    referral   direct
# 2        Beta     cold-call  standard
# 3        Gamma    growth     gentle
# 4        Delta    referral   standard
# 5        Epsilon  (none)     direct
on 2026-01-02 account add Alpha --trigger referral --style direct
on 2026-01-02 account add Beta --trigger cold-call --style standard
on 2026-01-02 account add Gamma --trigger growth --style gentle
on 2026-01-02 account add Delta --trigger referral --style standard
on 2026-01-02 account add Epsilon --style direct

# deal  account  value           stage then        opened      closed
# 1     Alpha    10,000.00 EUR   won               2026-01-05  2026-01-25  20 days
# 2     Beta      4,000.00 USD   lost (price)      2026-01-10  2026-02-09  30 days
# 3     Gamma     6,000.00 USD   no-decision       2026-02-01  2026-03-10  37 days (push ignored)
# 4     Delta     2,500.00 USD   won               2026-02-15  2026-03-01  14 days
# 5     Epsilon   1,000.00 EUR   lost (support)    2026-03-01  2026-03-08   7 days (push informed)
# 6     Alpha     3,000.00 EUR   proposal, open    2026-03-02  (push revived)
# 7     Beta      2,000.00 USD   lost (timing)     2026-03-03  2026-03-20  17 days
# 8     Gamma    20,000.00 USD   negotiation, open 2026-03-05  (agreement; push pending)
# 9     Delta     5,000.00 EUR   meeting, open     2026-03-06  (planned meeting)
# 10    Epsilon   1,234.56 USD   lead, open        2026-03-07
on 2026-01-05 deal add "Alpha fleet" --account 1 --value 10000 --currency EUR --stage proposal \
    --competitor Globex
on 2026-01-06 log --deal 1 --kind email --dir out "proposal sent"
on 2026-01-08 log --deal 1 --kind call --dir out --outcome no-answer
on 2026-01-10 deal add "Beta office" --account 2 --value 4000 --currency USD \
    --stage negotiation
on 2026-01-10 meet add --deal 1 --at 2026-01-10T10:00 --minutes 60 --kind intro
on 2026-01-10 meet held 1
on 2026-01-12 log --deal 1 --kind call --dir out --outcome connected "price talk"
on 2026-01-14 log --deal 1 --kind email --dir in "questions on the contract"
on 2026-01-15 log --deal 2 --kind call --dir out --outcome no-answer
on 2026-01-16 meet add --deal 2 --at 2026-01-18T10:00 --minutes 30 --kind intro
on 2026-01-18 meet no-show 2
on 2026-01-20 log --deal 2 --kind email --dir out "still interested?"
on 2026-01-25 won --deal 1
on 2026-01-30 log --deal 1 --kind card --dir out "thank you"
on 2026-02-01 deal add "Gamma move" --account 3 --value 6000 --currency USD --stage proposal
on 2026-02-05 log --deal 3 --kind email --dir out "the offer"
on 2026-02-08 meet add --deal 3 --at 2026-02-10T10:00 --minutes 30 --kind follow-up
on 2026-02-09 lost --deal 2 --reason price --competitor Globex
on 2026-02-10 meet no-show 3
on 2026-02-15 deal add "Delta lab" --account 4 --value 2500 --currency USD --stage qualified \
    --competitor "globex "
on 2026-02-16 log --deal 4 --kind call --dir out --outcome left-message
on 2026-02-16 meet add --deal 4 --at 2026-02-17T10:00 --minutes 45 --kind demo
on 2026-02-16 meet reschedule 4 --at 2026-02-19T10:00 --minutes 60
on 2026-02-18 log --deal 4 --kind note --dir none "they want it before the audit"
on 2026-02-19 meet held 5
on 2026-02-20 log --deal 4 --kind email --dir out --outcome replied
on 2026-02-20 push record --deal 3
on 2026-03-01 won --deal 4
on 2026-03-01 deal add "Epsilon deal" --account 5 --value 1000 --currency EUR \
    --stage negotiation
on 2026-03-02 deal add "Alpha extension" --account 1 --value 3000 --currency EUR \
    --stage proposal
on 2026-03-03 deal add "Beta again" --account 2 --value 2000 --currency USD --stage lead
on 2026-03-04 push record --deal 6
on 2026-03-05 deal add "Gamma phase 2" --account 3 --value 20000 --currency USD \
    --stage negotiation
on 2026-03-05 push record --deal 5
on 2026-03-05 agree --deal 8 --on 2026-04-01 --note "board decides"
on 2026-03-06 push outcome --deal 6 revived
on 2026-03-06 deal add "Delta renewal" --account 4 --value 5000 --currency EUR --stage meeting
on 2026-03-06 meet add --deal 9 --at 2026-03-20T10:00 --minutes 45 --kind discovery
on 2026-03-07 deal add "Epsilon pilot" --account 5 --value 1234.56 --currency USD --stage lead
on 2026-03-07 log --deal 10 --kind call --dir out --outcome connected
on 2026-03-08 push outcome --deal 5 informed --competitor Initech --reason support
on 2026-03-10 push outcome --deal 3 ignored
on 2026-03-12 log --deal 8 --kind call --dir in "asks for references"
on 2026-03-12 meet add --deal 8 --at 2026-03-14T10:00 --minutes 30 --kind proposal
on 2026-03-13 log --deal 8 --kind meeting --dir out --outcome held "site visit"
on 2026-03-13 meet cancel 7
on 2026-03-15 push record --deal 8
on 2026-03-20 lost --deal 7 --reason timing
export RAPPORT_NOW=2026-03-31

# ---- winloss ---------------------------------------------------------------------------
# Closed: won 1 and 4, lost 2, 5 and 7, no-decision 3: six deals.
ok report winloss --json
is .report winloss
is .since null
is .closed 6
is .win_pct 33.3                                    # 2 of 6
is '.outcomes[0]' '{"outcome":"won","deals":2,"pct":33.3,"values":[{"currency":"EUR","value_cents":1000000},{"currency":"USD","value_cents":250000}]}'
is '.outcomes[1]' '{"outcome":"lost","deals":3,"pct":50.0,"values":[{"currency":"EUR","value_cents":100000},{"currency":"USD","value_cents":600000}]}'
is '.outcomes[2]' '{"outcome":"no-decision","deals":1,"pct":16.7,"values":[{"currency":"USD","value_cents":600000}]}'
# Globex: 1 won, 2 lost, 4 won ("globex " is the same competitor); Initech: 5 lost (from
# the push's answer); not recorded: 3 and 7, listed last.
is .by_competitor '[{"competitor":"Globex","deals":3,"won":2,"lost":1,"no_decision":0},{"competitor":"Initech","deals":1,"won":0,"lost":1,"no_decision":0},{"competitor":null,"deals":2,"won":0,"lost":1,"no_decision":1}]'
is .lost 3
is .by_reason '[{"reason":"price","deals":1,"pct":33.3},{"reason":"support","deals":1,"pct":33.3},{"reason":"timing","deals":1,"pct":33.3}]'
# growth: 3 took 37 days; referral: 1 took 20, 4 took 14, both won: 17.0; cold-call: 2 took
# 30, 7 took 17: 23.5; no trigger: 5 took 7. In the order of the trigger vocabulary.
is .days_to_close '[{"trigger":"growth","deals":1,"average_days":37.0,"won":0,"won_average_days":null},{"trigger":"referral","deals":2,"average_days":17.0,"won":2,"won_average_days":17.0},{"trigger":"cold-call","deals":2,"average_days":23.5,"won":0,"won_average_days":null},{"trigger":null,"deals":1,"average_days":7.0,"won":0,"won_average_days":null}]'

# Both ends of a range are included: 4 closed on 03-01, 3 on 03-10; 7 (03-20) is out.
ok report winloss --since 2026-03-01 --until 2026-03-10 --json
is .since 2026-03-01
is .until 2026-03-10
is .closed 3
is 'list((o["outcome"], o["deals"]) for o in d["outcomes"])' '[["won",1],["lost",1],["no-decision",1]]'
is .by_reason '[{"reason":"support","deals":1,"pct":100.0}]'
ok report winloss --since 2026-03-11 --json
is .closed 1
ok report winloss --until 2026-01-24 --json
is .closed 0
is .win_pct null
is .by_competitor '[]'

ok report winloss
has "Win and loss, all time"
has "  won              2  33.3%  10,000.00 EUR
                              2,500.00 USD"
has "  no-decision      1  16.7%   6,000.00 USD"
has "Win rate: 33.3% of closed deals"
has "  (not recorded)      2    0     1            1"
has "  cold-call            2      23.5    0               -"

# ---- push ------------------------------------------------------------------------------
# Sent: 3 (02-20, ignored on 03-10), 6 (03-04, revived 03-06), 5 (03-05, informed 03-08),
# 8 (03-15, pending). Settled 3: a third each. Answers took 2 and 3 days: median 2.5.
ok report push --json
is .sent 4
is .pending 1
is .settled 3
is .outcomes '[{"outcome":"ignored","pushes":1,"pct":33.3},{"outcome":"informed","pushes":1,"pct":33.3},{"outcome":"revived","pushes":1,"pct":33.3}]'
is .revival_pct 33.3
is .answered 2
is .median_days_to_answer 2.5
ok report push --since 2026-03-01 --json                 # 6, 5 and 8
is '(d["sent"], d["settled"], d["revival_pct"], d["median_days_to_answer"])' '[3,2,50.0,2.5]'
ok report push --until 2026-02-28 --json                 # 3 alone: ignored, no answer
is '(d["sent"], d["revival_pct"], d["answered"], d["median_days_to_answer"])' '[1,0.0,0,null]'
ok report push
has "Revival rate: 33.3% of settled pushes (the practice expects about 30%)"
has "Median days to an answer: 2.5 (answered: 2)"

# ---- pipeline --------------------------------------------------------------------------
# Open: 10 lead 1,234.56 USD (10%: 123.456 -> 123.46), 9 meeting 5,000 EUR (40%: 2,000),
# 6 proposal 3,000 EUR (60%: 1,800), 8 negotiation 20,000 USD (80%: 16,000).
ok report pipeline --json
is .open 4
is 'list((s["stage"], s["probability_pct"], s["deals"]) for s in d["stages"])' '[["lead",10,1],["qualified",20,0],["meeting",40,1],["proposal",60,1],["negotiation",80,1]]'
is '.stages[0].values' '[{"currency":"USD","value_cents":123456,"weighted_cents":12346}]'
is '.stages[2].values' '[{"currency":"EUR","value_cents":500000,"weighted_cents":200000}]'
is .forecast '[{"currency":"EUR","deals":2,"value_cents":800000,"weighted_cents":380000},{"currency":"USD","deals":2,"value_cents":2123456,"weighted_cents":1612346}]'
# No next step: 6 (revived, nothing agreed) and 10; 8 has an agreement, 9 a meeting.
# Largest first.
is 'list((x["deal_id"], x["account"], x["stage"], x["value_cents"], x["currency"]) for x in d["no_next_step"])' '[[6,"Alpha","proposal",300000,"EUR"],[10,"Epsilon","lead",123456,"USD"]]'
is '.no_next_step[0].last_contact_at' null
is '.no_next_step[1].last_contact_at' 2026-03-07T12:00:00Z
# The stage probabilities are settings.
ok config set forecast.proposal 50
ok report pipeline --json
is '.forecast[0].weighted_cents' 350000                 # 2,000 + 1,500
fails 4 config set forecast.lead 101
ok config set forecast.proposal
# The range selects deals by the day they were opened: 9 and 10.
ok report pipeline --since 2026-03-06 --json
is '(d["open"], [x["deal_id"] for x in d["no_next_step"]])' '[2,[10]]'
ok report pipeline
has "  lead            10%      1   1,234.56 USD     123.46 USD"
has "  all open                 4   8,000.00 EUR   3,800.00 EUR
                              21,234.56 USD  16,123.46 USD"
has "     6  Alpha extension  Alpha    proposal  3,000.00 EUR  never"

# ---- activity --------------------------------------------------------------------------
# Won deals 1 and 4. Touches (outbound, up to the close): 1 had three (the card came
# after), 4 two: 5 touches, 2.5 per won deal.
ok report activity --json
is '(d["won_deals"], d["touches"], d["touches_per_won_deal"], d["median_touches_per_won_deal"])' '[2,5,2.5,2.5]'
# In and out activities by style. direct (Alpha, Epsilon): 6, two-way 3 (connected,
# inbound, connected); standard (Beta, Delta): 4, two-way 1 (replied); gentle (Gamma):
# 3, two-way 2 (inbound, meeting held). All: 6 of 13, 46.2%.
is .two_way_by_style '[{"style":"direct","contacts":6,"two_way":3,"pct":50.0},{"style":"standard","contacts":4,"two_way":1,"pct":25.0},{"style":"gentle","contacts":3,"two_way":2,"pct":66.7}]'
is '(d["contacts"], d["two_way"], d["two_way_pct"])' '[13,6,46.2]'
# Meetings: 1 intro 60 held; 2 intro 30 no-show (short); 3 follow-up 30 no-show; 4 demo
# 45 rescheduled (short) to 5 demo 60 held; 6 discovery 45 planned; 7 proposal 30
# cancelled (short). No-shows 2 of 4 attended or missed; 3 of 7 too short.
is .meetings '{"booked":7,"planned":1,"held":2,"no_show":2,"rescheduled":1,"cancelled":1,"no_show_pct":50.0,"rescheduled_pct":14.3,"too_short":3,"too_short_pct":42.9,"too_short_rescheduled":1}'
# February alone: no deal won; contacts 02-05 (gentle, touch), 02-16 and 02-20 (standard,
# one replied); meetings 3, 4 and 5.
ok report activity --since 2026-02-01 --until 2026-02-28 --json
is '(d["won_deals"], d["touches_per_won_deal"], d["contacts"], d["two_way_pct"])' '[0,null,3,33.3]'
is 'list(s["pct"] for s in d["two_way_by_style"])' '[null,50.0,0.0]'
is '(d["meetings"]["booked"], d["meetings"]["no_show_pct"], d["meetings"]["too_short"])' '[3,50.0,1]'
ok report activity
has "Touches per won deal: 2.5 (median 2.5; touches: 5, deals won: 2)"
has "  gentle           3        2  66.7%"
has "  too short               3  42.9%  of booked"

# ---- bad requests change nothing -------------------------------------------------------
same_db fails 2 report
has_err "missing report name (expected one of winloss, push, pipeline, activity)"
same_db fails 2 report forecast
has_err "unknown report 'forecast' (expected one of winloss, push, pipeline, activity)"
fails 4 report winloss --since 2026-02-30
has_err "cannot parse date '2026-02-30' for --since"
fails 4 report push --until yesterday
fails 4 report activity --since 2026-03-02 --until 2026-03-01
fails 2 report winloss push
finish
