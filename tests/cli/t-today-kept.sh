#!/usr/bin/env bash
# Kept agendas (core/agenda_keep.c): a write of every kind the agenda reads, each by a
# program of its own, a change of setting or template, of day or zone, and a change of
# owner make the next agenda exactly the one made afresh (RAPPORT_AGENDA_KEEP=off), as JSON
# and as text, for a rep, a manager and an admin (the whole book); while nothing it reads changes,
# the kept one is answered without reading its candidates (SQLite's trace shows it); and
# another rep's records leave it kept. A manager's and the whole book's agenda are merged
# from parts, one per owner (and one for the records without an owner): a rep's write makes
# that rep's part again and leaves the others as kept (kept_parts.built counts how often
# each was made), and a change of hands makes both owners' parts again.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

declare -A LAST

# agenda_of WHO [ARGS]: `today` as WHO into $OUT; afresh: the same with KEEP=off.
agenda_of()
{
    local who=$1
    shift
    ok today --user "$who" "$@"
}

afresh()
{
    export RAPPORT_AGENDA_KEEP=off
    agenda_of "$@"
    unset RAPPORT_AGENDA_KEEP
}

# fresh WHO CHANGE [ARGS]: WHO's agenda (JSON and text) is the one made afresh; CHANGE
# "changed" when it must differ from WHO's last one (so the write was seen), "same" when
# not; asked again, it is answered kept, and is the same again.
fresh()
{
    local who=$1 change=$2 kept text
    shift 2
    agenda_of "$who" --json "$@"
    kept=$OUT
    afresh "$who" --json "$@"
    eq "$kept" "$OUT" "the kept agenda of '$who' ($*)"
    agenda_of "$who" "$@"
    text=$OUT
    afresh "$who" "$@"
    eq "$text" "$OUT" "the kept agenda of '$who' as text ($*)"
    case $change in
    changed) [[ $kept != "${LAST[$who$*]:-}" ]] ;;
    same) [[ $kept == "${LAST[$who$*]:-}" ]] ;;
    esac
    t_check "the agenda of '$who' ($*) should be $change"
    LAST[$who$*]=$kept
    is_kept "$who" "$@"
    eq "$OUT" "$kept" "the agenda of '$who' asked again"
}

# is_kept WHO [ARGS]: the agenda is answered without reading its candidates (SQLite only:
# its statements are traced).
# parts WHO_ID: "owner:built" of each part kept for user WHO_ID's agenda of today, in the
# test's zone (not one asked for with --tz, a region's), in $OUT_PARTS.
parts()
{
    OUT_PARTS=$(sql "SELECT owner_id || ':' || built FROM kept_parts WHERE user_id = $1 AND \
        days = 1 AND day = '${RAPPORT_NOW:0:10}' AND tz NOT LIKE '%/%' ORDER BY owner_id" |
        tr '\n' ' ')
}

# made_again WHO_ID BEFORE OWNERS...: of the parts of WHO_ID's agenda, those of OWNERS (and
# only those) were made once more since BEFORE (a `parts` answer).
made_again()
{
    local who=$1 before=$2
    shift 2
    parts "$who"
    $PY - "$before" "$OUT_PARTS" "$@" <<'PY'
import sys
before = dict(p.split(":") for p in sys.argv[1].split())
after = dict(p.split(":") for p in sys.argv[2].split())
owners = set(sys.argv[3:])
for o, n in after.items():
    want = int(before.get(o, 0)) + (1 if o in owners else 0)
    if int(n) != want:
        sys.exit("part %s made %s times, want %d (before: %s, after: %s)"
                 % (o, n, want, sys.argv[1], sys.argv[2]))
PY
    t_check "of user $who's parts, only those of owners '$*' were made again"
}

is_kept()
{
    local who=$1
    shift
    export RAPPORT_TRACE=1
    agenda_of "$who" --json "$@"
    unset RAPPORT_TRACE
    if on_sqlite; then
        [[ $ERR != *"AS ref_id"* ]]
        t_check "the agenda of '$who' ($*) was made again, not kept"
    fi
}

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep --team north
echo "correct horse battery" | ok user add Ravi --email ravi@example.com --role rep --team south
echo "correct horse battery" | ok user add Mia --email mia@example.com --role manager --team north
ADA=ada@example.com RITA=rita@example.com RAVI=ravi@example.com MIA=mia@example.com
R="--user $RITA" A_="--user $ADA" RV="--user $RAVI"

# ---- Rita's book ---------------------------------------------------------------------
on 2026-11-16
mk account add "Acme" --style direct --trigger growth $R; A=$ID
mk contact add "Ann Smith" --account $A --email ann@acme.test --primary --role decision-maker $R
ANN=$ID
mk deal add "Fleet" --account $A --stage proposal --value 5,000 --decision-by 2026-12-15 $R
D=$ID
mk agree --deal $D --on 2026-11-18 --contact $ANN --topic "the pilot" $R; G=$ID
mk account add "Bolt" --style gentle --trigger referral $R; B=$ID
ok account edit $B --status customer $R
mk contact add "Bo Phone" --account $B --phone "+1 555 0100" $R; BO=$ID
mk deal add "Bolts" --account $B --stage qualified --value 1,000 $R; DB=$ID
on 2026-11-23

fresh "$RITA" changed
fresh "$MIA" changed
fresh "$ADA" changed
fresh "$RITA" changed --days 5

# Another rep's records leave Rita's agenda kept (it is the one made afresh all the same).
mk account add "Ravis" --user $RAVI; RA=$ID
mk deal add "Small" --account $RA --value 10 --user $RAVI
is_kept "$RITA"
fresh "$RITA" same
# ... but the largest open value scales every deal's score.
mk deal add "Huge" --account $RA --value 900,000 --user $RAVI; HUGE=$ID
fresh "$RITA" changed
fresh "$ADA" changed
ok deal edit $HUGE --value 20 --user $RAVI
fresh "$RITA" changed

# ---- a write of each kind the agenda reads ---------------------------------------------
mk log --deal $D --kind call --dir out --outcome no-answer --contact $ANN $R; ACT=$ID
fresh "$RITA" changed
fresh "$MIA" changed
ok activity delete $ACT $R
fresh "$RITA" changed
mk agree --deal $DB --on 2026-11-23 --contact $BO --note "call him" $R; GB=$ID
fresh "$RITA" changed
mk meet add --deal $D --at 2026-11-23T15:00:00Z --minutes 15 --kind demo --contact $ANN $R
M=$ID
fresh "$RITA" changed
mk contact add "Carl" --account $A $R; CARL=$ID
ok meet edit $M --contact $ANN --contact $CARL $R
fresh "$RITA" changed --days 3
ok meet reschedule $M --at 2026-11-24T15:00:00Z --minutes 60 $R
fresh "$RITA" changed
mk invoice add --account $B --amount 1,200 --due 2026-11-02 $R; INV=$ID
fresh "$RITA" changed
mk claim add --deal $DB --contact $BO "We have the budget" $R
fresh "$RITA" changed
ok said --deal $DB "We start in March" $R
fresh "$RITA" any
ok checkin --account $B --every 7 $R
fresh "$RITA" any
ok contact edit $BO --email bo@bolt.test $R
fresh "$RITA" any
ok account edit $A --name "Acme Group" $R
fresh "$RITA" changed
ok deal edit $DB --decision-by 2026-12-01 $R
fresh "$RITA" any
ok invoice paid $INV $R
fresh "$RITA" changed
agenda_of "$RITA" --json
ITEM=$($PY -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])' <<<"$OUT")
ok snooze "$ITEM" --days 2 $R
fresh "$RITA" changed
agenda_of "$RITA" --json
ITEM=$($PY -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])' <<<"$OUT")
ok done "$ITEM" $R
fresh "$RITA" changed
ok push record --deal $D $R
fresh "$RITA" any
ok won --deal $DB $R
fresh "$RITA" changed
fresh "$MIA" changed
fresh "$ADA" changed

# A bulk load (an import) counts as a change to every agenda.
printf '%s\n' 'Title,Organization,Value,Stage' 'Imported deal,Bolt,700,Proposal' \
    >"$T_DIR/deals.csv"
ok import csv "$T_DIR/deals.csv" --kind deals $R
fresh "$RITA" changed
fresh "$ADA" changed

# ---- what every agenda reads -------------------------------------------------------------
ok template edit checkin-due --style gentle --subject "News at {account}?" \
    --body "Hello {first_name}, {sender} here.{signature}" $A_
fresh "$RITA" changed
fresh "$ADA" changed
ok user edit 2 --name "Rita Reyes" $A_
fresh "$RITA" changed
ok config set draft.signature " Best, R." $A_
fresh "$RITA" changed
ok config set grace.direct 3 $A_
fresh "$RITA" any
ok config set holidays 2026-11-23 $A_
fresh "$RITA" any
fresh "$ADA" any --days 3
# Ravi joins the north team: Mia's agenda now holds his records too.
ok user edit 3 --team north $A_
fresh "$MIA" changed

# ---- a change of owner: both owners' agendas -------------------------------------------
mk meet add --deal $D --at 2026-11-23T16:00:00Z --minutes 60 --kind demo --contact $ANN $R
fresh "$RITA" changed
fresh "$ADA" any
parts 1
ADA_PARTS=$OUT_PARTS
ok account edit $A --owner 3 $A_
fresh "$RITA" changed
fresh "$RAVI" changed
fresh "$ADA" any
made_again 1 "$ADA_PARTS" 2 3
# Every record of an account is its owner's (the parts rely on it): none was left behind.
OWNED="contacts deals activities agreements meetings claims statements invoices pushes
    deal_facts account_facts snoozes"
for table in $OWNED; do
    eq "$(sql "SELECT COUNT(*) FROM $table WHERE account_id = $A AND \
        COALESCE(owner_id, 0) <> 3")" 0 "$table of account $A left with another owner"
done
# ... even when another program moves the account by hand (the schema's cascade).
parts 1
ADA_PARTS=$OUT_PARTS
sql "UPDATE accounts SET owner_id = 2 WHERE id = $A" >/dev/null
for table in $OWNED; do
    eq "$(sql "SELECT COUNT(*) FROM $table WHERE account_id = $A AND \
        COALESCE(owner_id, 0) <> 2")" 0 "$table of account $A left behind by hand"
done
fresh "$ADA" any
made_again 1 "$ADA_PARTS" 2 3
sql "UPDATE accounts SET owner_id = 3 WHERE id = $A" >/dev/null

# Holds keep outreach away; their end is on the agenda.
ok hold --account $B --until 2026-11-30 $R
fresh "$RITA" changed
ok deal hold $D --until 2026-11-25 --user $RAVI
fresh "$RAVI" any
fresh "$RAVI" changed --days 4

# ---- the day and the zone -----------------------------------------------------------------
on 2026-11-24
fresh "$RITA" any
fresh "$RAVI" changed
on 2026-11-30
fresh "$RITA" changed
fresh "$RITA" any --tz Pacific/Kiritimati
fresh "$ADA" any --tz America/Los_Angeles

# ---- parts: one per owner ----------------------------------------------------------------
# The whole book (Ada, user 1): a part for the records without an owner (0) and one for
# each user (Ada 1, Rita 2, Ravi 3, Mia 4); Mia's team (north): Rita's, Ravi's and hers.
mk account add "Nobody's" $A_; NOBODY=$ID
ok account edit $NOBODY --owner "" $A_
mk deal add "Orphan" --account $NOBODY --stage proposal --value 300 $A_; ORPHAN=$ID
mk agree --deal $ORPHAN --on 2026-11-30 --note "the quote" $A_
fresh "$ADA" changed
fresh "$MIA" any
parts 1
eq "$(sed 's/:[0-9]*//g' <<<"$OUT_PARTS")" "0 1 2 3 4 " "the whole book's parts"
parts 4
MIA_PARTS=$OUT_PARTS
eq "$(sed 's/:[0-9]*//g' <<<"$OUT_PARTS")" "2 3 4 " "the north team's parts"
agenda_of "$ADA" --json
[[ $OUT == *'"deal":"Orphan"'* || $OUT == *'"deal": "Orphan"'* ]]
t_check "the whole book holds the records without an owner"
# A write by Rita: her part alone is made again, in every agenda that holds it.
parts 1
ADA_PARTS=$OUT_PARTS
mk log --account $B --kind call --dir in --outcome connected --contact $BO $R
fresh "$ADA" changed
made_again 1 "$ADA_PARTS" 2
fresh "$MIA" changed
made_again 4 "$MIA_PARTS" 2
# A write by Ravi: his part alone.
parts 1
ADA_PARTS=$OUT_PARTS
parts 4
MIA_PARTS=$OUT_PARTS
mk log --account $RA --kind call --dir out --outcome connected $RV
fresh "$ADA" any
made_again 1 "$ADA_PARTS" 3
fresh "$MIA" any
made_again 4 "$MIA_PARTS" 3
# Ravi moves to the south team again (a change of team is everyone's change, migration 23):
# Mia's agenda is her part and Rita's, made again, without Ravi's.
ok user edit 3 --team south $A_
parts 4
MIA_PARTS=$OUT_PARTS
fresh "$MIA" changed
made_again 4 "$MIA_PARTS" 2 4
# A write to a record without an owner counts as everyone's (migration 22): every part.
parts 1
ADA_PARTS=$OUT_PARTS
ok agree --deal $ORPHAN --on 2026-12-02 --note "the next quote" $A_
fresh "$ADA" changed
made_again 1 "$ADA_PARTS" 0 1 2 3 4
# What every part reads (a setting): every part is made again.
parts 1
ADA_PARTS=$OUT_PARTS
ok config set retry.direct 2 $A_
fresh "$ADA" any
made_again 1 "$ADA_PARTS" 0 1 2 3 4
# A part kept at another counter of its owner is not reused: the owner's counter moved by
# another program (here by hand) and the whole agenda forgotten, Rita's part is made again.
parts 1
ADA_PARTS=$OUT_PARTS
sql "UPDATE agenda_marks SET n = n + 1 WHERE owner_id = 2; DELETE FROM kept_agendas" >/dev/null
fresh "$ADA" any
made_again 1 "$ADA_PARTS" 2

# The merge of the parts is kept only once every part was: the read right after Rita's write
# keeps her part alone, the read after it the merge, which the reads after it answer.
merge_kept()
{
    OUT_MERGE=$(sql "SELECT marks FROM kept_agendas WHERE user_id = 1 AND days = 1 AND \
        day = '${RAPPORT_NOW:0:10}' AND tz NOT LIKE '%/%'")
}
fresh "$ADA" any
merge_kept
merged=$OUT_MERGE
[[ -n $merged ]]
t_check "the whole book's merge is kept"
ok log --account "$(sql "SELECT id FROM accounts WHERE owner_id = 2 LIMIT 1")" --kind note \
    --dir none "the figures" $R
parts 1
ADA_PARTS=$OUT_PARTS
ok today $A_
made_again 1 "$ADA_PARTS" 2
merge_kept
eq "$OUT_MERGE" "$merged" "the merge kept after the read right after a write"
ok today $A_
merge_kept
[[ $OUT_MERGE != "$merged" && -n $OUT_MERGE ]]
t_check "the merge is kept at the read after it"
is_kept "$ADA"

# --json prints the agenda's text as it was kept, re-spaced (base/json_out.h): the value the
# one line of --jsonl holds, laid out as jansson lays out a tree of it (byte for byte:
# tests/unit/test_json_out.c and test_agenda.c), kept and afresh, for a week too.
for args in "" "--days 7"; do
    ok today $A_ --json $args
    pretty=$OUT
    ok today $A_ --jsonl $args
    [[ $OUT != *$'\n'* ]]
    t_check "--jsonl $args prints one line"
    $PY - "$pretty" "$OUT" <<'PY'
import json, sys
pretty, line = sys.argv[1], sys.argv[2]
assert json.loads(pretty) == json.loads(line)
assert json.dumps(json.loads(line), indent=2, ensure_ascii=False) == pretty
PY
    t_check "--json $args is --jsonl laid out"
    afresh "$ADA" --json $args
    eq "$OUT" "$pretty" "the agenda as JSON made afresh ($args)"
done

finish
