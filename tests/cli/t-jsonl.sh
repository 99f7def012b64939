#!/usr/bin/env bash
# --jsonl: JSON Lines, a list one compact object a line, anything else on one line.
. "$TESTLIB"

for n in Acme Beta Gamma; do ok account add "$n"; done
ok account list --jsonl
mapfile -t lines <<<"$OUT"
eq "${#lines[@]}" 3 "lines of account list --jsonl"
for i in 0 1 2; do
    id=$($PY -c 'import json, sys; print(json.loads(sys.argv[1])["id"])' "${lines[i]}")
    eq "$id" $((i + 1)) "id of line $((i + 1))"
done
ok account show 1 --jsonl
mapfile -t lines <<<"$OUT"
eq "${#lines[@]}" 1 "lines of account show --jsonl"
is .name Acme
ok contact list --jsonl
eq "$OUT" "" "an empty list in JSON Lines"
ok deal add X --account 1 --jsonl
is .title X
ok report pipeline --jsonl
mapfile -t lines <<<"$OUT"
eq "${#lines[@]}" 1 "lines of a report in JSON Lines"
finish
