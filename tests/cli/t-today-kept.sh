#!/usr/bin/env bash
# Kept agendas (core/agenda_keep.c): a write of every kind the agenda reads, each by a
# program of its own, a change of setting or template, of day or zone, and a change of
# owner make the next agenda exactly the one made afresh (RAPPORT_AGENDA_KEEP=off), as JSON
# and as text, for a rep, a manager and an admin (the whole book); while nothing it reads changes,
# the kept one is answered without reading its candidates (SQLite's trace shows it); and
# another rep's records leave it kept.
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
R="--user $RITA" A_="--user $ADA"

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
ok account edit $A --owner 3 $A_
fresh "$RITA" changed
fresh "$RAVI" changed

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

finish
