#!/usr/bin/env bash
# The manual page and the shell completions come from the command table, like --help:
# every command and every option of its help is in them, and they need no database.
. "$TESTLIB"

ok --help
mapfile -t commands < <(sed -n '/^commands:/,/^$/p' <<<"$OUT" | sed -n 's/^  \(.\{20\}\) .*/\1/p' |
    sed 's/ *$//')

ok man
MAN=$OUT
has ".TH RAPPORT 1"
ok completion bash
BASH_COMP=$OUT
ok completion fish
FISH=$OUT
ok completion zsh
has "bashcompinit"
same_db fails 4 completion csh
fails 2 completion
[[ ! -e $XDG_DATA_HOME/rapport/rapport.db ]]
t_check "completion made a database"

# shellcheck disable=SC1090
source <(printf '%s\n' "$BASH_COMP")
# complete WORDS...: what bash would offer for the last word.
complete_words()
{
    COMP_WORDS=(rapport "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _rapport
    OUT="${COMPREPLY[*]}"
}
complete_words acc
eq "$OUT" account "completion of 'acc'"
complete_words account ""
has "add"
has "delete"
complete_words contact add Bob --acc
eq "$OUT" "--account" "completion of 'contact add Bob --acc'"
complete_words deal add X --va
eq "$OUT" "--value" "completion of 'deal add X --va'"
complete_words won 3 --
has "--note"
has "--json"

for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086
    run $cmd --help
    opts=$(sed -n '/^options:/,/^$/p' <<<"$OUT" | grep -Eo -- '^  --[a-z-]+' | sed 's/^  --//')
    man_name=${cmd//-/\\-}
    grep -qF ".SS \"$man_name\"" <<<"$MAN"
    t_check "the man page lacks '$cmd'"
    # shellcheck disable=SC2086
    complete_words $cmd --
    for opt in $opts; do
        grep -qF -- "\\-\\-${opt//-/\\-}\\fR" <<<"$MAN"
        t_check "the man page lacks --$opt of '$cmd'"
        [[ " $OUT " == *" --$opt "* ]]
        t_check "bash completion of '$cmd --' lacks --$opt"
        grep -q -- "-l $opt\b" <<<"$FISH"
        t_check "fish completion lacks --$opt of '$cmd'"
    done
done
if command -v man >/dev/null && man --help 2>&1 | grep -q -- '--local-file'; then
    MANWIDTH=80 man -l - <<<"$MAN" >/dev/null 2>"$T_DIR/man.err"
    [[ ! -s $T_DIR/man.err ]]
    t_check "man complains: $(cat "$T_DIR/man.err")"
fi
finish
