# The activity report's meetings come, for the whole book, from counts per UTC day, kind,
# status and length kept by the database (migration 21, meeting_days), and for a rep from
# the same counts per owner (migration 33, meeting_owner_days; t-report-owners.sh checks
# them against the meetings). After every kind of write that changes them, the counts must
# be those computed from the meetings, and both ways must give the same report, over
# several ranges and in several time zones.
source "$TESTLIB"

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
export RAPPORT_USER=rita@example.com # every account is Rita's

# same WHAT: meeting_days beside the same counts computed from the meetings, and the whole
# book's report (ada) beside the one read per owner (rita).
same()
{
    local fresh kept range tz a
    fresh=$(sql "SELECT SUBSTR(at, 1, 10), kind, status, minutes, COUNT(*) FROM meetings
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
    kept=$(sql "SELECT day, kind, status, minutes, n FROM meeting_days WHERE n <> 0
        ORDER BY 1, 2, 3, 4")
    eq "$kept" "$fresh" "meeting_days as the meetings say ($1)"
    eq "$(sql "SELECT COUNT(*) FROM meeting_days WHERE n < 0")" 0 "no negative counts ($1)"
    for tz in UTC Asia/Kolkata America/St_Johns; do
        for range in "" "--since 2026-03-02" "--until 2026-03-02" \
            "--since 2026-03-01 --until 2026-03-03" "--since 2026-03-02 --until 2026-03-02"; do
            # shellcheck disable=SC2086
            ok report activity --json --tz "$tz" $range --user ada@example.com
            a=$OUT
            # shellcheck disable=SC2086
            ok report activity --json --tz "$tz" $range --user rita@example.com
            eq "$OUT" "$a" "the whole book's report beside the meetings' ($1, $tz $range)"
        done
    done
}

# booked WANT: "booked held too_short" for the whole book.
booked()
{
    ok report activity --json --user ada@example.com
    is "'%d %d %d' % (d['meetings']['booked'], d['meetings']['held'], d['meetings']['too_short'])" "$1"
}

ok --now 2026-02-01 account add Alpha
ok --now 2026-02-01 account add Beta
ok --now 2026-02-01 deal add "A1" --account 1 --stage meeting
ok --now 2026-02-01 deal add "B1" --account 2 --stage meeting

# Around midnight UTC, of several kinds and lengths.
ok --now 2026-02-01 meet add --deal 1 --at 2026-03-01T23:30:00Z --minutes 60 --kind intro
ok --now 2026-02-01 meet add --deal 1 --at 2026-03-02T00:30:00Z --minutes 30 --kind demo --force
ok --now 2026-02-01 meet add --deal 2 --at 2026-03-02T12:00:00Z --minutes 45 --kind discovery
ok --now 2026-02-01 meet add --deal 2 --at 2026-03-03T00:00:00Z --minutes 30 --kind follow-up
same "booked"
booked "4 0 1"

# Statuses change: held, no-show, cancelled, rescheduled (which books a new one).
ok --now 2026-03-04 meet held 1
ok --now 2026-03-04 meet no-show 3
ok --now 2026-03-04 meet cancel 4
ok --now 2026-03-01 meet reschedule 2 --at 2026-03-05T09:00:00Z --minutes 60
same "statuses"
booked "5 1 1"

# A meeting corrected: its time, length and kind.
ok --now 2026-03-01 meet edit 5 --at 2026-03-02T23:59:00Z --minutes 30 --kind training
same "corrected"
booked "5 1 2"

# A deal deleted with its meetings, then an account with its deals.
ok deal delete 2 --force
same "deal deleted"
booked "3 1 2"
ok account delete 1 --force
same "account deleted"
booked "0 0 0"
finish
