# The win/loss report's days to close come, for the whole book, from the closed deals kept
# beside their account's trigger by the database (migration 21, closed_deals), and for a
# rep from the deals and accounts themselves. After every kind of write that changes them,
# the table must hold what the deals and accounts say, and both ways must give the same
# report, over several ranges and in several time zones.
source "$TESTLIB"

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
export RAPPORT_USER=rita@example.com # every account is Rita's

# same: closed_deals beside the same rows computed from the deals, and the whole book's
# report (ada) beside the one read from the deals (rita).
same()
{
    local fresh kept range tz a
    fresh=$(sql "SELECT d.id, COALESCE(a.\"trigger\", '-'), d.stage, d.opened_at,
        COALESCE(d.closed_at, '-') FROM deals d JOIN accounts a ON a.id = d.account_id
        WHERE d.stage IN ('won', 'lost', 'no-decision') ORDER BY d.id")
    kept=$(sql "SELECT deal_id, COALESCE(\"trigger\", '-'), stage, opened_at,
        COALESCE(closed_at, '-') FROM closed_deals ORDER BY deal_id")
    eq "$kept" "$fresh" "closed_deals as the deals say ($1)"
    for tz in UTC Asia/Kolkata America/St_Johns; do
        for range in "" "--since 2026-03-02" "--until 2026-03-02" \
            "--since 2026-03-01 --until 2026-03-03"; do
            # shellcheck disable=SC2086
            ok report winloss --json --tz "$tz" $range --user ada@example.com
            a=$OUT
            # shellcheck disable=SC2086
            ok report winloss --json --tz "$tz" $range --user rita@example.com
            eq "$OUT" "$a" "the whole book's report beside the deals' ($1, $tz $range)"
        done
    done
}

# days TRIGGER: "deals average_days" of TRIGGER (null: not recorded) for the whole book, in
# UTC.
days()
{
    ok report winloss --json --tz UTC --user ada@example.com
    is "next(('%d %s' % (t['deals'], t['average_days'])) for t in d['days_to_close'] if t['trigger'] == $1)" "$2"
}

ok account add Alpha --trigger referral
ok account add Beta --trigger growth
ok account add Gamma

# Deals opened and closed around midnight UTC: days on the user's calendar differ by zone.
on 2026-02-27T23:30:00Z deal add "A1" --account 1 --stage proposal
on 2026-02-28T10:00:00Z deal add "A2" --account 1 --stage negotiation
on 2026-02-28T12:00:00Z deal add "B1" --account 2 --stage qualified
on 2026-03-01T00:30:00Z deal add "G1" --account 3 --stage lead
on 2026-03-01T23:45:00Z won --deal 1
on 2026-03-02T00:15:00Z lost --deal 2 --reason price --competitor Globex
on 2026-03-02T12:00:00Z deal stage 3 negotiation
same "closed"
days '"referral"' "2 2.0"
on 2026-03-03T08:00:00Z won --deal 3
on 2026-03-03T09:00:00Z lost --deal 4 --reason timing
same "more closed"
days '"growth"' "1 3.0"
days None "1 2.0"

# A deal's own fields that are not its stage, dates or account change nothing.
ok deal edit 1 --title "A1 renamed" --competitor Initech
same "an edit"

# An account's trigger changed, set and cleared.
ok account edit 1 --trigger growth
same "trigger changed"
days '"growth"' "3 2.3"
ok account edit 3 --trigger referral
ok account edit 2 --trigger ""
same "trigger set and cleared"

# An account merged into another: its deals now carry the other's trigger.
ok account merge 2 --into 3
same "merged"
days '"referral"' "2 2.5"

# A deal deleted, then an account with its deals.
ok deal delete 1 --force
same "deal deleted"
ok account delete 3 --force
same "account deleted"
eq "$(sql "SELECT deal_id FROM closed_deals")" 2 "only the deal of the account kept"

# Deals imported, closed ones among them, for accounts new and known.
ok account add Delta --trigger referral
printf '%s\n' 'Deal - Title;Deal - Organization;Deal - Value;Deal - Currency;Deal - Stage;Deal - Status' \
    'Lab suite;Delta;100;EUR;Proposal Made;open' \
    'Old deal;NewCo;1200;EUR;Qualified;lost' \
    'Won deal;Delta;1500;USD;Negotiation;won' >"$T_DIR/deals.csv"
ok import csv "$T_DIR/deals.csv" --kind deals
same "imported"
eq "$(sql "SELECT COUNT(*) FROM closed_deals")" 3 "with the imported closed deals"
finish
