#!/usr/bin/env bash
# A rep's and a manager's activity report read their contacts and meetings from counts per
# owner and UTC day kept by the database (migration 33: contact_owner_days,
# meeting_owner_days). After every kind of write that changes them (commands, a reassigned
# account, a changed style, both at once, merges, deletes, another program writing the
# tables, a seed, a restore), both tables must hold what the records say, and each scope's
# report must give the figures counted from the records themselves, over all time and over a
# range whose ends are parts of UTC days.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"

ok seed --accounts 60 --reps 3 --seed 5
ok user edit 3 --team team-2
printf 'a long enough password\n' | ok user add "Max Manager" --email max@example.com \
    --role manager --team team-1
printf 'a long enough password\n' | ok user add Ada --email ada@example.com --role admin
MAX=$(sql "SELECT id FROM users WHERE email = 'max@example.com'")
ADA=(--user ada@example.com)
export RAPPORT_USER=rep1@team.example

TWO_WAY="CASE WHEN (t.direction = 'in' AND COALESCE(t.outcome, '') NOT IN ('no-answer',
    'left-message')) OR (t.direction = 'out' AND t.outcome IN ('connected', 'replied', 'held'))
    THEN 1 ELSE 0 END"
# The roll-ups as kept (groups whose records have all gone hold none) and as counted again
# from the records.
CONTACTS_KEPT="SELECT owner_id, day, style, two_way, n FROM contact_owner_days WHERE n <> 0
    ORDER BY 1, 2, 3, 4"
CONTACTS_FRESH="SELECT t.owner_id, SUBSTR(t.at, 1, 10), a.style, $TWO_WAY, COUNT(*)
    FROM activities t JOIN accounts a ON a.id = t.account_id WHERE t.direction IN ('in', 'out')
    AND t.owner_id IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
MEETINGS_KEPT="SELECT owner_id, day, kind, status, minutes, n FROM meeting_owner_days
    WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5"
MEETINGS_FRESH="SELECT owner_id, SUBSTR(at, 1, 10), kind, status, minutes, COUNT(*)
    FROM meetings WHERE owner_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"

# kept_as_fresh WHAT: both roll-ups beside the same rows counted from the records.
kept_as_fresh()
{
    eq "$(sql "$CONTACTS_KEPT")" "$(sql "$CONTACTS_FRESH")" "contact_owner_days ($1)"
    eq "$(sql "$MEETINGS_KEPT")" "$(sql "$MEETINGS_FRESH")" "meeting_owner_days ($1)"
    eq "$(sql "SELECT COUNT(*) FROM contact_owner_days WHERE n < 0")$(sql \
        "SELECT COUNT(*) FROM meeting_owner_days WHERE n < 0")" 00 "no negative counts ($1)"
}

# counted OWNERS COND: the contacts by style and the meetings by status of the activities
# and meetings whose owner is one of OWNERS (SQL) and whose time meets COND (on "at").
counted()
{
    local at=${2//at/t.at}
    sql "SELECT a.style, COUNT(*), SUM($TWO_WAY) FROM activities t JOIN accounts a
        ON a.id = t.account_id WHERE t.direction IN ('in', 'out') AND t.owner_id IN ($1)
        AND $at GROUP BY a.style ORDER BY a.style"
    sql "SELECT 'meetings', COUNT(*), $(for s in planned held no-show rescheduled cancelled; do
        printf "SUM(CASE WHEN status = '%s' THEN 1 ELSE 0 END), " "$s"
    done) 0 FROM meetings WHERE owner_id IN ($1) AND $2" | sed 's/|0$//; s/||/|0|/g; s/|$/|0/'
}

# reported: the same figures from the activity report in $OUT.
reported()
{
    $PY -c '
import json, sys
d = json.load(sys.stdin)
for s in sorted(d["two_way_by_style"], key=lambda s: s["style"]):
    if s["contacts"]:
        print("%s|%d|%d" % (s["style"], s["contacts"], s["two_way"]))
m = d["meetings"]
print("|".join(["meetings"] + [str(m[k]) for k in
    ("booked", "planned", "held", "no_show", "rescheduled", "cancelled")]))' <<<"$OUT"
}

# same WHAT: kept_as_fresh, and each scope's report (rep 1, rep 3, the manager of team-1)
# as the records count it: all time, and a month in a zone whose midnight is not UTC's.
same()
{
    local who owners
    kept_as_fresh "$1"
    for who in rep1@team.example rep3@team.example max@example.com; do
        case $who in
        max*) owners="SELECT id FROM users WHERE team = 'team-1' OR id = $MAX" ;;
        *) owners="SELECT id FROM users WHERE email = '$who'" ;;
        esac
        ok --user "$who" --json report activity
        eq "$(reported)" "$(counted "$owners" "at IS NOT NULL")" "$who's report ($1)"
        ok --user "$who" --json --tz Asia/Kolkata report activity --since 2026-03-01 \
            --until 2026-03-31
        eq "$(reported)" "$(counted "$owners" \
            "at >= '2026-02-28T18:30:00Z' AND at < '2026-03-31T18:30:00Z'")" \
            "$who's report for March in Kolkata ($1)"
    done
}

same "seeded"

# Activities and meetings added, around midnight UTC and Kolkata's.
ok account add Alpha --style direct --owner 1
A=$(sql "SELECT MAX(id) FROM accounts")
ok deal add "Alpha deal" --account "$A" --stage proposal --value 1000
D=$(sql "SELECT MAX(id) FROM deals")
ok log --account "$A" --kind call --dir out --outcome connected --at 2026-02-28T18:20:00Z
ok log --account "$A" --kind call --dir out --outcome no-answer --at 2026-02-28T18:40:00Z
ok log --deal "$D" --kind email --dir in --at 2026-03-15T23:59:00Z
ok log --account "$A" --kind note --dir none --at 2026-03-16T10:00:00Z "a note"
ok log --deal "$D" --kind call --dir in --outcome left-message --at 2026-03-31T18:29:00Z
ok meet add --force --deal "$D" --at 2026-03-02T09:00:00Z --minutes 30 --kind demo
M=$(sql "SELECT MAX(id) FROM meetings")
ok meet add --force --deal "$D" --at 2026-03-31T18:00:00Z --minutes 60 --kind discovery
same "logged and booked"
T=$(sql "SELECT MIN(id) FROM activities WHERE account_id = $A")

# Changed: an outcome, a time, a direction; a meeting held, moved, made longer, rescheduled.
ok activity edit "$((T + 1))" --outcome connected
ok activity edit "$T" --at 2026-03-20T10:00:00Z
ok activity edit "$((T + 3))" --dir out --outcome held
ok meet held "$M"
ok meet edit --force "$M" --minutes 45 --kind training --at 2026-03-03T23:30:00Z
ok meet reschedule --force "$((M + 1))" --at 2026-03-29T10:00:00Z --by them
same "edited"

# Deleted: an activity.
ok activity delete "$((T + 2))"
same "an activity deleted"

# The account's style changed; then it changes hands (its records move to rep 3, out of
# the team); then both at once, by the command line and by another program.
ok account edit "$A" --style gentle
same "a style changed"
ok "${ADA[@]}" account edit "$A" --owner 3
same "an account reassigned"
ok "${ADA[@]}" account edit "$A" --owner 2 --style standard
same "reassigned and restyled by one command"
sql "UPDATE accounts SET style = 'direct', owner_id = 1 WHERE id = $A" >/dev/null
same "reassigned and restyled by another program"

# Another program giving records an owner other than their account's, or none.
sql "UPDATE activities SET owner_id = 3 WHERE id = $T" >/dev/null
sql "UPDATE meetings SET owner_id = 2 WHERE id = $M" >/dev/null
same "records' owners changed by another program"
sql "UPDATE activities SET owner_id = NULL WHERE id = $((T + 1))" >/dev/null
sql "UPDATE meetings SET owner_id = NULL WHERE id = $M" >/dev/null
same "records without an owner"
sql "UPDATE activities SET owner_id = 1 WHERE account_id = $A" >/dev/null
sql "UPDATE meetings SET owner_id = 1 WHERE account_id = $A" >/dev/null
sql "INSERT INTO activities (account_id, owner_id, kind, direction, outcome, at, created_at)
    VALUES ($A, 1, 'call', 'out', 'replied', '2026-03-05T12:00:00Z', '2026-03-05T12:00:00Z')" \
    >/dev/null
same "an activity added by another program"

# Accounts merged: a rep 3 account with its own style, records and meetings moves onto
# Alpha (rep 1's); contacts merged.
ok "${ADA[@]}" account add Beta --style gentle --owner 3
B=$(sql "SELECT MAX(id) FROM accounts")
ok "${ADA[@]}" deal add "Beta deal" --account "$B" --stage qualified
ok "${ADA[@]}" log --account "$B" --kind visit --dir in --at 2026-03-10T10:00:00Z
ok "${ADA[@]}" log --deal "$(sql "SELECT MAX(id) FROM deals")" --kind email --dir out --outcome replied \
    --at 2026-03-11T10:00:00Z
ok "${ADA[@]}" meet add --force --deal "$(sql "SELECT MAX(id) FROM deals")" --at 2026-03-12T10:00:00Z \
    --minutes 30 --kind demo
same "a second account"
ok "${ADA[@]}" account merge "$B" --into "$A"
same "accounts merged"
ok contact add Carla --account "$A"
ok contact add Carla --account "$A"
C=$(sql "SELECT MAX(id) FROM contacts")
ok log --account "$A" --contact "$C" --kind call --dir in --at 2026-03-13T10:00:00Z
ok contact merge "$C" --into "$((C - 1))"
same "contacts merged"

# A deal deleted with its activities and meetings; the account with the rest.
ok deal delete "$D" --force
same "a deal deleted"
ok account delete "$A" --force
same "an account deleted"

# A seed of a fresh book and a restore of a backup (the bulk loader): the roll-ups too.
if on_sqlite; then
    RAPPORT_USER='' ok seed --accounts 30 --reps 2 --db "$T_DIR/seed.db"
    RAPPORT_DB=$T_DIR/seed.db kept_as_fresh "a fresh seed"
    ok "${ADA[@]}" export json --output "$T_DIR/backup.json"
    RAPPORT_USER='' ok --db "$T_DIR/restored.db" import json "$T_DIR/backup.json"
    RAPPORT_DB=$T_DIR/restored.db kept_as_fresh "restored"
    eq "$(RAPPORT_DB=$T_DIR/restored.db sql "$CONTACTS_KEPT")" "$(sql "$CONTACTS_KEPT")" \
        "the restored book's contacts per owner"
fi
finish
