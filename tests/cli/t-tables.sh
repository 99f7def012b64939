#!/usr/bin/env bash
# Lists for people: --sort score ranks all open deals before it limits, closed ones last,
# with a score column; money with its currency under the flag's name; names instead of
# ids; cells cut at a word; lines fitted to the terminal; command hints never broken.
. "$TESTLIB"

ok account add "Cold Ltd" --trigger cold-call --urgency none
ok account add "Moving GmbH" --trigger moving --urgency high
ok contact add "Eva Roth" --account 2 --role decision-maker --email eva@moving.example
ok deal add "Small thing" --account 1 --value 100
ok deal add "Other small thing" --account 1 --value 200
ok deal add "The big move" --account 2 --value 24,000 --currency EUR --decision-by 2026-12-15
ok deal add "Already won" --account 2 --value 50,000
ok won 4

# The best of all open deals, not the best of the first N.
ok deal list --sort score --limit 1 --json
is "len(d)" 1
is "[0].id" 3
is "[0].score" "$(bash -c "'$RAPPORT_BIN' deal show 3 --json" | $PY -c 'import json,sys; print(json.load(sys.stdin)["score"]["total"])')"
ok deal list --sort score --json
is "[d[i]['id'] for i in range(len(d))]" "[3,2,1,4]"
is "[-1].stage" won
ok deal list --sort score
has "score"
lines=$(grep -c . <<<"$OUT")
eq "$lines" 5 "lines of the score table"
last=$(tail -1 <<<"$OUT")
[[ $last == *"Already won"* && $last =~ ^\ *4\ +-\  ]]
t_check "the closed deal comes last, without a score: $last"

# Money as money, names for ids, headers as the flags are spelled.
ok deal list
has "24,000.00 EUR"
has "value"
[[ $OUT != *value_cents* && $OUT != *account_id* ]]
t_check "internal names in the deal table"
has "Moving GmbH"
ok log --deal 3 --kind call --dir out --outcome connected --contact 1 "They move in March"
ok activity list
has "Eva Roth"
has "The big move"
[[ $OUT != *contact_id* ]]
t_check "contact_id in the activity table"
ok invoice add --account 2 --amount 1,200 --due 2026-12-01 --currency EUR
ok invoice list
has "1,200.00 EUR"

# Fitted to the terminal: no line wider than COLUMNS, text cut at a word.
long="Wants the scheduling module first and the reporting later, once the partner meeting has decided about the budget for next year"
ok log --deal 3 --kind note --dir none "$long"
COLUMNS=100 run activity list
while IFS= read -r line; do
    ((${#line} <= 100))
    t_check "a line wider than 100 columns: '$line'"
done <<<"$OUT"
has "..."
[[ $OUT != *"Wants the sch..."* ]]
grep -Eq ' [A-Za-z]+\.\.\.$' <<<"$(grep Wants <<<"$OUT")"
t_check "the text is cut at a word: $(grep Wants <<<"$OUT")"
COLUMNS=400 run activity list
has "$long"

# Today fits the terminal too, and a command hint is never split across lines.
COLUMNS=50 run today
has "(rapport agree --deal 2 --on DATE)"
while IFS= read -r line; do
    ((${#line} <= 50))
    t_check "a line of today wider than 50 columns: '$line'"
done <<<"$OUT"
finish
