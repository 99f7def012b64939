#!/usr/bin/env bash
# Every command of the table answers --help rightly: exit 0, its own usage line, every flag
# of the usage line explained below it, "(required)" only on what is, and the overview and
# group listings agree with the table.
. "$TESTLIB"

ok --help
# The overview lists every command, two spaces in, the name in the first 20 columns.
mapfile -t commands < <(sed -n '/^commands:/,/^$/p' <<<"$OUT" | sed -n 's/^  \(.\{20\}\) .*/\1/p' |
    sed 's/ *$//')
((${#commands[@]} > 60))
t_check "the overview lists ${#commands[@]} commands"

for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086
    ok $cmd --help
    usage=$(head -1 <<<"$OUT")
    [[ $usage == "usage: rapport $cmd"* ]]
    t_check "'$cmd --help' starts with its own usage line: $usage"
    options=$(sed -n '/^options:/,/^$/p' <<<"$OUT")
    # Every flag the usage line shows is explained (or is a global one).
    for flag in $(grep -o -- '--[a-z][a-z-]*' <<<"$usage" | sort -u); do
        grep -q -- "^  $flag\b" <<<"$options"
        t_check "'$cmd --help': $flag of the usage line is not among its options"
    done
    # A required option is in the usage line, not in brackets; filters of a list never are.
    while read -r flag; do
        [[ $cmd != *" list" ]]
        t_check "'$cmd --help' marks the filter $flag required"
        [[ $usage == *"$flag"* && $usage != *"[$flag"* ]]
        t_check "'$cmd --help': $flag is required but the usage line says otherwise"
    done < <(grep -- '(required' <<<"$options" | grep -o -- '^  --[a-z-]*' | sed 's/^  //')
    has "--user EMAIL"
    # rapport help CMD is the same page
    help=$OUT
    # shellcheck disable=SC2086
    ok help $cmd
    eq "$OUT" "$help" "'rapport help $cmd'"
done

# Each closing command explains its own options.
ok no-decision --help
has "usage: rapport no-decision"
[[ $OUT != *"what made it work"* ]]
t_check "no-decision --help shows the options of won"
ok deal list --help
[[ $OUT != *"open stage"* ]]
t_check "deal list --help calls --stage an open stage"
has "--stage S"
has "--account ID"
ok account add --help
has "--contract-ends DATE"
ok deal add --help
has "--value AMOUNT"

# A group alone and an unknown word say what to type, on one line.
fails 2 deal
has_err "missing command after 'deal' (one of: add, list, show"
fails 2
has_err "missing command"
fails 2 acount list
has_err "did you mean 'account'?"
fails 2 deal lsit
has_err "did you mean 'deal list'?"
fails 2 --acount
has_err "unknown option '--acount'"
fails 2 contact add Bob --acount 1
has_err "unknown option '--acount' for 'rapport contact add' (did you mean --account?)"
fails 2 deal add X --account 1 --vaule 3
has_err "(did you mean --value?)"
fails 2 account list --zzzzzz
has_err "unknown option '--zzzzzz' for 'rapport account list' (see 'rapport account list --help')"
ok help
has "commands:"
ok deal --help
has "deal list"
finish
