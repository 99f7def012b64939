# Helpers for the agenda scripts tests/cli/t-today-*.sh, on top of lib.sh (sourced first;
# `on` here sets the clock of the commands that follow instead of running one).
#
#   on 2026-11-20                       the clock of the commands that follow (noon UTC)
#   mk deal add X --account 1           `ok ... --json`, and the new record's id in $ID
#   agenda [--days N]                   `ok today --json ...`: the agenda in $OUT (items
#                                       reads this agenda, not a later $OUT)
#   items d4 "followup-due qualify"     the kinds of deal 4's items, in order, are exactly
#                                       these ("" for none); a4: account 4's own items (no
#                                       deal); A4: all of account 4's; *: all, as kind:d4 /
#                                       kind:a4 words. FILTER@DATE: only that day's items.
#   check 'one("qualify", 4)["due"] is None'
#                                       a Python expression over the agenda is true: d (the
#                                       JSON), items, one(kind, deal=None, account=None) (the
#                                       only such item, else it fails), kinds(filter)

on()
{
    RAPPORT_NOW=$1
}

mk()
{
    ID=
    ok "$@" --json && [[ $OUT =~ \"id\":\ ([0-9]+) ]] && ID=${BASH_REMATCH[1]}
}

# The kinds of every filter of `items` for the agenda just read, one Python run per agenda:
# "FILTER<tab>kinds" lines into T_KINDS.
T_KINDS_PY='
import json, sys
d = json.loads(sys.stdin.read() or "null")
items = d["items"] if isinstance(d, dict) else []
out = {}
for it in items:
    deal, acc = it["deal_id"], it["account_id"]
    keys = ["*", "A%d" % acc] + (["d%d" % deal] if deal else ["a%d" % acc])
    for k in keys:
        word = it["kind"]
        if k == "*":
            word += ":" + ("d%d" % deal if deal else "a%d" % acc)
        for key in (k, k + "@" + it["date"]):
            out.setdefault(key, []).append(word)
for k, v in out.items():
    print(k + "\t" + " ".join(v))
'
declare -A T_KINDS

agenda()
{
    local key value
    ok today --json "$@"
    T_KINDS=()
    while IFS=$'\t' read -r key value; do
        T_KINDS[$key]=$value
    done < <($PY -c "$T_KINDS_PY" <<<"$OUT")
}

T_TODAY_PY='
import json, sys
d = json.loads(sys.stdin.read() or "null")
items = d["items"] if isinstance(d, dict) else []

def pick(f):
    day = None
    if "@" in f:
        f, day = f.split("@")
    out = []
    for it in items:
        if day and it["date"] != day:
            continue
        if f == "*":
            out.append("%s:%s" % (it["kind"], "d%d" % it["deal_id"] if it["deal_id"]
                                  else "a%d" % it["account_id"]))
        elif f[0] == "d" and it["deal_id"] == int(f[1:]):
            out.append(it["kind"])
        elif f[0] == "a" and it["deal_id"] is None and it["account_id"] == int(f[1:]):
            out.append(it["kind"])
        elif f[0] == "A" and it["account_id"] == int(f[1:]):
            out.append(it["kind"])
    return out

def kinds(f):
    return " ".join(pick(f))

def one(kind, deal=None, account=None):
    found = [it for it in items if it["kind"] == kind and
             (deal is None or it["deal_id"] == deal) and
             (account is None or it["account_id"] == account)]
    if len(found) != 1:
        raise AssertionError("%d %s items for deal %s account %s" % (len(found), kind, deal,
                                                                      account))
    return found[0]

arg = sys.argv[1]
try:
    if not eval("(" + arg + ")"):
        print("false: " + arg)
        sys.exit(1)
except (AssertionError, KeyError, IndexError, TypeError, ValueError) as e:
    print("%s: %s" % (type(e).__name__, e))
    sys.exit(1)
'

# The agenda JSON on stdin, as a line per item, for failure messages.
t_agenda_brief()
{
    $PY -c '
import json, sys
try:
    d = json.loads(sys.stdin.read())
except ValueError:
    sys.exit()
for it in d.get("items", []):
    print("  %s %s d%s a%s due %s: %s" % (it.get("date"), it["kind"], it["deal_id"],
                                          it["account_id"], it["due"], it["summary"]))
' >&2
}

# Counts the check; on failure lists the agenda's items instead of lib.sh's raw JSON.
t_today_check()
{
    local st=$? out=$OUT
    OUT=
    ((st == 0))
    t_check "$1" || t_agenda_brief <<<"$out"
    OUT=$out
}

items()
{
    local want=${2//[$'\n\t']/ } got=${T_KINDS[$1]-}
    while [[ $want == *"  "* ]]; do
        want=${want//  / }
    done
    want=${want# }
    want=${want% }
    [[ $got == "$want" ]]
    t_today_check "on $RAPPORT_NOW, $1: [$got], want [$want]"
}

check()
{
    local why
    why=$($PY -c "$T_TODAY_PY" "$1" <<<"$OUT")
    t_today_check "on $RAPPORT_NOW, $why"
}
