#!/usr/bin/env bash
# A command that acts on one record takes its id either way: "won 3" or "won --deal 3",
# like "meet held 3".
. "$TESTLIB"

ok account add Acme
ok contact add Eva --account 1 --email eva@acme.example --primary
for i in 1 2 3 4 5 6; do ok deal add "Deal $i" --account 1; done

ok won 1 --note "they loved the demo"
has "deal 1 won"
ok deal show 1 --json
is .stage won
ok won --deal 2
has "deal 2 won"
ok lost 3 --reason price --competitor Cheapo
ok deal show 3 --json
is .stage lost
ok no-decision 4
ok deal show 4 --json
is .stage no-decision

ok push draft 5
has "Subject:"
ok push record 5
ok push outcome 5 ignored
has "push on deal 5: ignored"
ok push record --deal 6
ok push outcome --deal 6 informed --competitor Cheapo --reason price
has "push on deal 6: informed"
ok checkin 1 --every 30
has "account 1 will get check-ins"

# Missing, twice given, or not a number: a clear error, and nothing changes.
same_db fails 2 won
has_err "missing --deal ID (or the id alone, after the command)"
same_db fails 2 no-decision 5 --deal 5
has_err "unexpected argument '5'"
same_db fails 4 lost x --reason price
has_err "invalid --deal 'x'"
same_db fails 2 push outcome 5
has_err "missing the outcome"
same_db fails 3 won 99
finish
