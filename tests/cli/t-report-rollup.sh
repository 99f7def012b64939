# The activity report's contacts come, for the whole book, from counts per UTC day kept by
# the database (migration 19), and for a rep from the same counts per owner (migration 33;
# t-report-owners.sh checks them against the activities). After every kind of write that
# changes them, both must give the figures counted by hand, and the same report, over any
# range and in any time zone.
source "$TESTLIB"

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
export RAPPORT_USER=rita@example.com # every account is Rita's

# contacts ROLE STYLE WANT: "contacts two_way" of STYLE in the report as ROLE (ada: the
# whole book, from the counts; rita: her counts per owner).
contacts()
{
    ok report activity --json --user "$1@example.com"
    is "next('%d %d' % (s['contacts'], s['two_way']) for s in d['two_way_by_style'] if s['style'] == '$2')" "$3"
}

# both STYLE WANT: the same figures both ways, and the same reports over several ranges and
# zones (whole days, parts of days at either end, one day, open ends).
both()
{
    contacts ada "$1" "$2"
    contacts rita "$1" "$2"
    local range tz a
    for tz in UTC Asia/Kolkata America/St_Johns; do
        for range in "" "--since 2026-03-02" "--until 2026-03-02" \
            "--since 2026-03-01 --until 2026-03-03" "--since 2026-03-02 --until 2026-03-02"; do
            # shellcheck disable=SC2086
            ok report activity --json --tz "$tz" $range --user ada@example.com
            a=$OUT
            # shellcheck disable=SC2086
            ok report activity --json --tz "$tz" $range --user rita@example.com
            eq "$OUT" "$a" "the whole book's report ($tz $range) beside the activities'"
        done
    done
}

ok account add Alpha --style direct
ok account add Beta --style standard
ok account add Gamma --style gentle

# Around midnight UTC, both ways, reached or not; notes (no direction) do not count.
ok log --account 1 --kind call --dir out --outcome connected --at 2026-03-01T23:50:00Z
ok log --account 1 --kind call --dir out --outcome no-answer --at 2026-03-02T00:10:00Z
ok log --account 1 --kind email --dir in --at 2026-03-02T12:00:00Z
ok log --account 1 --kind note --dir none --at 2026-03-02T12:30:00Z "a note"
ok log --account 2 --kind call --dir in --outcome left-message --at 2026-03-02T23:59:00Z
ok log --account 2 --kind email --dir out --outcome replied --at 2026-03-03T00:00:00Z
ok log --account 3 --kind email --dir out --at 2026-03-01T05:00:00Z
both direct "3 2"
both standard "2 1"
both gentle "1 0"

# An activity changed: no-answer becomes connected, then moves to another day.
ok activity edit 2 --outcome connected
both direct "3 3"
ok activity edit 2 --at 2026-03-04T09:00:00Z
both direct "3 3"
# A note becomes a call out that reached them; a call in becomes a note.
ok activity edit 4 --dir out --outcome held
both direct "4 4"
ok activity edit 5 --dir none
both standard "1 1"

# An activity deleted.
ok activity delete 1
both direct "3 3"

# An account's style changed: its activities count under the new style.
ok account edit 1 --style gentle
both direct "0 0"
both gentle "4 3"
ok account edit 1 --name "Alpha GmbH" # not the style: nothing moves
both gentle "4 3"

# An account deleted with its activities.
ok account delete 1 --force
both gentle "1 0"
both standard "1 1"

# The counts stay right when an account and its activities are added in one go, too.
ok account add Delta --style direct
ok log --account 4 --kind visit --dir in --at 2026-03-02T10:00:00Z
both direct "1 1"
eq "$(sql "SELECT COUNT(*) FROM contact_days WHERE n < 0")" 0 "negative counts"

# Up to the last day a date can name is up to the end, both ways.
for who in ada rita; do
    ok report activity --json --user "$who@example.com"
    all=$OUT
    ok report activity --json --user "$who@example.com" --since 2026-03-01 --until 9999-12-31
    eq "$(json_get .contacts)" "$(OUT=$all json_get .contacts)" "contacts up to 9999-12-31"
done
finish
