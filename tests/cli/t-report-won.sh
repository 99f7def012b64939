# The whole book's win/loss groups (outcomes, reasons, competitors) come from the closed
# deals counted per UTC day of closing, and the activity report's touches per won deal from
# each won deal's count, both kept by the database (migration 24: closed_days,
# won_touches); a rep's come from the deals and activities themselves. After every kind of
# write that changes them (commands, an import, a seed, another program writing the
# tables), both tables must hold what the records say, and both ways must give the same
# reports over several ranges and in several time zones.
source "$TESTLIB"

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
export RAPPORT_USER=rita@example.com # every account is Rita's

# The roll-ups as kept (groups that lost their deals show no deals and no value) and as
# computed again from the records.
CLOSED_KEPT="SELECT stage, currency, competitor, has_competitor, close_reason, has_reason, day,
    n, value_high, value_low FROM closed_days WHERE n <> 0 OR value_high <> 0 OR value_low <> 0
    ORDER BY stage, currency, competitor, has_competitor, close_reason, has_reason, day"
CLOSED_FRESH="SELECT stage, currency, COALESCE(competitor, ''), CASE WHEN competitor IS NULL
    THEN 0 ELSE 1 END, COALESCE(close_reason, ''), CASE WHEN close_reason IS NULL THEN 0
    ELSE 1 END, SUBSTR(closed_at, 1, 10) AS day, COUNT(*), SUM(value_cents / 1000000000),
    SUM(value_cents % 1000000000) FROM deals WHERE stage IN ('won', 'lost', 'no-decision')
    AND closed_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7"
TOUCHES_KEPT="SELECT deal_id, COALESCE(closed_at, '-'), touches FROM won_touches
    ORDER BY deal_id"
TOUCHES_FRESH="SELECT d.id, COALESCE(d.closed_at, '-'), (SELECT COUNT(*) FROM activities t
    WHERE t.deal_id = d.id AND t.direction = 'out' AND t.at <= d.closed_at) FROM deals d
    WHERE d.stage = 'won' ORDER BY d.id"

# kept_as_fresh WHAT: both roll-ups beside the same rows computed from the records.
kept_as_fresh()
{
    eq "$(sql "$CLOSED_KEPT")" "$(sql "$CLOSED_FRESH")" "closed_days as the deals say ($1)"
    eq "$(sql "$TOUCHES_KEPT")" "$(sql "$TOUCHES_FRESH")" "won_touches as the activities say ($1)"
}

# same WHAT: kept_as_fresh, and the whole book's reports (ada) beside the ones read from
# the records (rita): whole days, parts of days at either end, one day, open ends.
same()
{
    local range tz r a
    kept_as_fresh "$1"
    for tz in UTC America/St_Johns; do
        for range in "" "--since 2026-03-02" "--until 2026-03-02" \
            "--since 2026-03-01 --until 2026-03-03" "--since 2026-03-02 --until 2026-03-02"; do
            for r in winloss activity; do
                # shellcheck disable=SC2086
                ok report $r --json --tz "$tz" $range --user ada@example.com
                a=$OUT
                # shellcheck disable=SC2086
                ok report $r --json --tz "$tz" $range --user rita@example.com
                eq "$OUT" "$a" "the whole book's $r beside the records' ($1, $tz $range)"
            done
        done
    done
}

# touches WANT: "won_deals touches median" of the whole book's activity report, in UTC.
touches()
{
    ok report activity --json --tz UTC --user ada@example.com
    is "'%d %d %s' % (d['won_deals'], d['touches'], d['median_touches_per_won_deal'])" "$1"
}

# lost WANT: "lost [reason deals ...]" of the whole book's win/loss report, in UTC.
lost()
{
    ok report winloss --json --tz UTC --user ada@example.com
    is "' '.join([str(d['lost'])] + ['%s %d' % (r['reason'], r['deals']) for r in d['by_reason']])" "$1"
}

ok account add Alpha
ok account add Beta
ok account add Gamma

# Deals opened, worked and closed around midnight UTC.
on 2026-02-20T09:00:00Z deal add "A1" --account 1 --stage proposal --value 1000
on 2026-02-20T09:00:00Z deal add "A2" --account 1 --stage negotiation --value 2000
on 2026-02-21T09:00:00Z deal add "B1" --account 2 --stage qualified --value 300 --currency USD
on 2026-02-21T09:00:00Z deal add "G1" --account 3 --stage lead
ok log --deal 1 --kind call --dir out --outcome no-answer --at 2026-02-25T10:00:00Z
ok log --deal 1 --kind email --dir out --at 2026-03-01T23:30:00Z
ok log --deal 1 --kind email --dir in --at 2026-03-01T23:40:00Z
ok log --deal 3 --kind call --dir out --outcome connected --at 2026-02-26T10:00:00Z
on 2026-03-01T23:45:00Z won --deal 1
on 2026-03-02T00:15:00Z lost --deal 2 --reason price --competitor " Globex"
on 2026-03-02T12:00:00Z won --deal 3
on 2026-03-03T08:00:00Z no-decision --deal 4
same "closed"
touches "2 3 1.5"
lost "1 price 1"

# Outbound activities after a deal was won do not count; before it, they do.
ok log --deal 1 --kind call --dir out --at 2026-03-05T10:00:00Z
ok log --deal 3 --kind visit --dir out --at 2026-02-27T10:00:00Z
same "activities logged"
touches "2 4 2.0"

# An activity changed (moved after the close, turned inbound), then deleted.
ok activity edit 2 --at 2026-03-04T10:00:00Z
same "an activity moved after the close"
touches "2 3 1.5"
ok activity edit 4 --dir in
same "an activity turned inbound"
touches "2 2 1.0"
ok activity delete 1
same "an activity deleted"
touches "2 1 0.5"

# A deal's competitor, value and currency changed; its title changes nothing.
ok deal edit 2 --competitor "globex " --value 2500
same "a lost deal's competitor and value"
ok deal edit 1 --currency USD --title "A1 renamed"
same "a won deal's currency"

# More deals closed on the same day with the same groups, and with none of them.
on 2026-02-22T09:00:00Z deal add "A3" --account 1 --stage proposal --value 700
on 2026-03-02T00:20:00Z lost --deal 5 --reason price --competitor Globex
same "a second deal in a group"
lost "2 price 2"

# Accounts merged (their deals and activities move), a deal deleted, an account deleted
# with its deals and activities.
ok account merge 2 --into 3
same "accounts merged"
ok deal delete 2 --force
same "a deal deleted"
lost "1 price 1"
ok account delete 3 --force
same "an account deleted"
touches "1 0 0.0"

# Another program writing the tables: the database's own triggers keep the counts.
sql "UPDATE deals SET stage = 'proposal', closed_at = NULL WHERE id = 5" >/dev/null
same "a deal reopened by another program"
sql "INSERT INTO activities (account_id, owner_id, deal_id, kind, direction, at, created_at)
    SELECT id, owner_id, 1, 'call', 'out', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'
    FROM accounts WHERE id = 1" >/dev/null
same "an activity added by another program"
touches "1 1 1.0"
sql "UPDATE activities SET deal_id = NULL WHERE deal_id = 1" >/dev/null
same "activities taken off their deal by another program"
touches "1 0 0.0"
sql "UPDATE deals SET stage = 'won', closed_at = '2026-03-02T00:10:00Z' WHERE id = 5" >/dev/null
same "a deal won by another program"

# Deals imported, closed ones among them.
printf '%s\n' 'Deal - Title;Deal - Organization;Deal - Value;Deal - Currency;Deal - Stage;Deal - Status' \
    'Lab suite;Alpha;100;EUR;Proposal Made;open' \
    'Old deal;NewCo;1200;EUR;Qualified;lost' \
    'Won deal;Alpha;1500;USD;Negotiation;won' >"$T_DIR/deals.csv"
ok import csv "$T_DIR/deals.csv" --kind deals
same "imported"
eq "$(sql "SELECT COUNT(*) FROM won_touches")" 3 "with the imported won deal"

# A seeded book (the bulk loader) holds its roll-ups too.
if on_sqlite; then
    RAPPORT_USER= ok seed --accounts 40 --db "$T_DIR/seed.db"
    RAPPORT_DB=$T_DIR/seed.db kept_as_fresh "seeded"
    eq "$(RAPPORT_DB=$T_DIR/seed.db sql "SELECT COUNT(*) FROM won_touches WHERE touches > 0")" \
        "$(RAPPORT_DB=$T_DIR/seed.db sql "SELECT COUNT(*) FROM won_touches")" "seeded touches"
fi
finish
