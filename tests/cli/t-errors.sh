#!/usr/bin/env bash
# Errors speak the user's language: every message of every command names the flag or the
# argument as typed (--on, NAME), never a field of the model (due_on, account_id), and a
# flag it names is one that command's --help explains.
. "$TESTLIB"

ok account add Acme
ok contact add Bob --account 1 --email bob@acme.example
ok deal add "Lab suite" --account 1

# The examples of the issue, word for word.
fails 2 agree --deal 1
eq "$ERR" "rapport: missing --on DATE (the day you agreed to speak again)" "missing --on"
fails 4 agree --deal 1 --on tomorrow
eq "$ERR" "rapport: cannot parse date 'tomorrow' for --on (expected YYYY-MM-DD)" "bad --on"
fails 4 log --deal 1 --kind chat --dir in
has_err "invalid --kind 'chat' (expected one of call, email"
fails 2 log --deal 1 --kind call
eq "$ERR" "rapport: missing --dir D (who reached out)" "missing --dir"
fails 2 log --kind call --dir in
eq "$ERR" "rapport: missing --deal ID or --account ID (what it is about)" "missing --deal"
fails 2 account add
eq "$ERR" "rapport: missing NAME (usage: rapport account add NAME [options])" "missing NAME"
fails 4 contact add Eva --account x
eq "$ERR" "rapport: invalid --account 'x' (expected a positive whole number)" "bad --account"
fails 4 deal add X --account 1 --value 12k
has_err "invalid amount '12k' for --value"
fails 4 deal edit 1 --decision-by 31.12.2026
has_err "for --decision-by (expected YYYY-MM-DD)"

ok --help
mapfile -t commands < <(sed -n '/^commands:/,/^$/p' <<<"$OUT" | sed -n 's/^  \(.\{20\}\) .*/\1/p' |
    sed 's/ *$//')
internal='[a-z]+_[a-z_]+'

# check_err CMD: $ERR names no internal field and only flags of CMD's help.
check_err()
{
    local cmd=$1 said flag
    said=$(sed "s/'[^']*'//g" <<<"$ERR") # what the user typed is quoted: leave it out
    ! grep -Eq "$internal" <<<"$said"
    t_check "'$cmd': an internal name in: $ERR"
    ! grep -Eq "(missing|for|invalid) (on|dir|value|due|account|deal|contact) " <<<"$said"
    t_check "'$cmd': a field named without its --: $ERR"
    for flag in $(grep -o -- '--[a-z][a-z-]*' <<<"$said" | sort -u); do
        grep -q -- "$flag\b" <<<"$HELP"
        t_check "'$cmd': the error names $flag, which its --help does not: $ERR"
    done
}

for cmd in "${commands[@]}"; do
    [[ $cmd == serve || $cmd == seed || $cmd == "template edit" ]] && continue
    # shellcheck disable=SC2086
    run $cmd --help
    HELP=$OUT
    # shellcheck disable=SC2086
    run $cmd </dev/null
    ((RC != 0)) && check_err "$cmd"
    # shellcheck disable=SC2086
    run $cmd 1 </dev/null
    ((RC != 0)) && check_err "$cmd 1"
    # Every option that takes a value, given nonsense.
    for flag in $(sed -n '/^options:/,/^$/p' <<<"$HELP" | grep -Eo -- '^  --[a-z-]+ (ID|DATE|INSTANT|AMOUNT|N|CODE|EMAIL|[A-RT-Z]) ' |
        awk '{print $1}'); do
        # shellcheck disable=SC2086
        run $cmd 1 "$flag" 'x@y' </dev/null
        ((RC != 0)) && check_err "$cmd 1 $flag x@y"
    done
done
finish
