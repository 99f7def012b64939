#!/usr/bin/env bash
# rapport report as a manager: the team's records, read owner by owner. Two oracles that
# take other paths through the store: a manager whose team holds every owner of the book
# reports what the whole book reports (its roll-ups), and a manager whose team leaves one
# rep out reports the whole book's counts less that rep's (one owner's statements). On
# SQLite, the team's closed and won deals are read through the owners' indexes, not through
# every such deal of the book.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"

REPORTS="winloss pipeline push activity"
ok seed --accounts 200 --reps 3 --seed 11
eq "$(sql "SELECT COUNT(*) FROM accounts WHERE owner_id IS NULL")" 0 "accounts with no owner"
ok user edit 3 --team team-1
printf 'a long enough password\n' | ok user add "Max Manager" --email max@example.com \
    --role manager --team team-1

# The team is every owner: the whole book's report, whatever the range.
for range in "" "--since 2026-01-01" "--since 2025-06-01 --until 2026-03-31"; do
    for r in $REPORTS; do
        # shellcheck disable=SC2086
        ok --json report $r $range
        book=$OUT
        # shellcheck disable=SC2086
        ok --user max@example.com --json report $r $range
        eq "$OUT" "$book" "the team of every rep's $r report ${range:-(all time)}"
    done
done

# One rep out of the team: each count of the team's report is the book's less that rep's.
ok user edit 3 --team team-2
# counts_less BOOK REP TEAM: the numbers no median or percentage is made of, book - rep vs team.
counts_less()
{
    $PY - "$1" "$2" "$3" <<'PY'
import json, sys
book, rep, team = (json.loads(s) for s in sys.argv[1:4])
KEYS = {"closed", "lost", "deals", "value_cents", "weighted_cents", "open", "sent", "pending",
        "settled", "pushes", "answered", "won_deals", "touches", "contacts", "two_way",
        "booked", "planned", "held", "no_show", "rescheduled", "cancelled"}
def counts(node, path=""):
    """The counts of NODE by path; lists keyed by their first text field."""
    out = {}
    if isinstance(node, dict):
        for k, v in node.items():
            if k in KEYS and isinstance(v, int):
                out[path + "/" + k] = v
            else:
                out.update(counts(v, path + "/" + k))
    elif isinstance(node, list):
        for item in node:
            tag = next((v for v in item.values() if isinstance(v, str)), "") \
                if isinstance(item, dict) else ""
            for k, v in counts(item, path + "[" + tag + "]").items():
                out[k] = out.get(k, 0) + v
    return out
b, r, t = counts(book), counts(rep), counts(team)
want = {k: v - r.get(k, 0) for k, v in b.items()}
want = {k: v for k, v in want.items() if v or k in t}
got = {k: v for k, v in t.items() if v or k in want}
if not b:
    print("no counts in the book's report"); sys.exit(1)
if want != got:
    print("book - rep: %s\nteam: %s" % (want, got)); sys.exit(1)
PY
}
for r in $REPORTS; do
    ok --json report $r
    book=$OUT
    ok --user rep3@team.example --json report $r
    rep=$OUT
    ok --user max@example.com --json report $r
    msg=$(counts_less "$book" "$rep" "$OUT")
    t_check "the team's $r report is the book's less rep 3's: $msg"
done

# team_reads WHAT REPORT START AVOID: the plan of the first statement of the manager's
# REPORT that begins with START must read the deals through an owners' index, not AVOID.
team_reads()
{
    local what=$1 report=$2 start=$3 avoid=$4 stmt plan
    RAPPORT_TRACE=1 "$RAPPORT_BIN" --user max@example.com report "$report" \
        2>"$T_DIR/trace" >/dev/null
    stmt=$(sed -n "s/^[0-9.]* ms: //p" "$T_DIR/trace" | grep -F -- "$start" | head -1)
    [[ -n $stmt ]]
    t_check "the team's $what are read by one statement"
    plan=$(sqlite3 "$RAPPORT_DB" "EXPLAIN QUERY PLAN $stmt")
    [[ $plan == *"SEARCH d USING"*"INDEX deals_owner"* && $plan != *"$avoid"* ]]
    t_check "the team's $what are read through the owners' index: $plan"
}
# How SQLite reads a team's closed deals (win/loss) and won deals (whose touches the
# activity report counts).
if on_sqlite; then
    team_reads "closed deals" winloss "SELECT d.stage, d.currency, d.close_reason" \
        deals_close_groups
    team_reads "won deals" activity "FROM deals d CROSS JOIN won_touches w" deals_stage
fi
finish
