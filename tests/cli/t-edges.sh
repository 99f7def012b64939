# Values at the edges of their domains: money near its bound and sums of it in reports,
# instants near the first and last years a date can be written in.
source "$TESTLIB"

ok account add Acme
# Money: under 10^15 minor units is accepted, anything at or past it refused, unchanged.
ok deal add Biggest --account 1 --value 9,999,999,999,999.99 --json
is .value_cents 999999999999999
same_db fails 4 deal add X --account 1 --value 10,000,000,000,000
has_err "invalid amount"
same_db fails 4 deal add X --account 1 --value 92233720368547758.07
same_db fails 4 deal edit 1 --value 10000000000000.00

# Thirteen deals at the largest value: the weighted pipeline stays positive and exact.
for i in $(seq 2 13); do
    ok deal add "Big $i" --account 1 --value 9,999,999,999,999.99 --stage negotiation
done
ok deal stage 1 negotiation
ok report pipeline --json
is '.forecast[0].value_cents' 12999999999999987
is '.forecast[0].deals' 13

# Amounts stored before they were bounded must not make a report fail (or go negative) for
# anyone: the sum is held at the largest 64-bit integer.
sql "UPDATE deals SET value_cents = 9223372036854775807"
ok report pipeline --json
is '.forecast[0].value_cents' 9223372036854775807
ok report winloss --json
# Every report, and over a range (whose bounds take other queries than an open one); two
# deals won at the largest value add up past 64 bits.
ok won --deal 2
ok won --deal 4
ok lost --deal 3 --reason price
for r in winloss push pipeline activity; do
    ok report "$r" --json
    ok report "$r" --since 2020-01-01 --until 2030-12-31 --json
    ok report "$r" --since 2020-01-01 --json
done
ok report winloss --since 2020-01-01 --json
is '.outcomes[0].values[0].value_cents' 9223372036854775807

# Instants: an offset that carries a time past 9999-12-31 or before 1900-01-01 is invalid
# input, refused before anything is stored.
ok contact add Kim --account 1
for at in 9999-12-31T23:00:00-05:00 1900-01-01T00:30:00+01:00 9999-12-31T23:59:59-00:01; do
    same_db fails 4 meet add --deal 1 --at "$at" --minutes 60 --kind intro --contact 1
    has_err "cannot parse time"
done
ok meet add --deal 1 --at 9999-12-31T18:00:00-05:00 --minutes 60 --kind intro --contact 1 --json
is .at 9999-12-31T23:00:00Z

# The agenda refuses to run past the last day a date can name.
same_db fails 4 today --now 9999-12-31 --days 2
has_err "past 9999-12-31"
ok today --now 9999-12-31
finish
