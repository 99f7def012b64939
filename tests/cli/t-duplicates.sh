#!/usr/bin/env bash
# Currencies are ISO 4217 codes; an account name or a contact e-mail entered twice is
# accepted with a warning that says what to do (t-merge.sh does it).
. "$TESTLIB"

ok account add Acme
same_db fails 4 deal add X --account 1 --currency XYZ
has_err "invalid --currency 'XYZ' (expected a three-letter ISO 4217 code like EUR)"
same_db fails 4 invoice add --account 1 --amount 10 --due 2026-12-01 --currency ABC
same_db fails 4 config set currency QQQ
ok deal add X --account 1 --currency chf --json
is .currency CHF
ok deal add Y --account 1 --currency JPY

ok account add Acme
eq "$ERR" "rapport: warning: account 1 has the same name 'Acme' (if it is the same account: 'rapport account merge 2 --into 1'; next time, add with --merge-into 1)" "the duplicate warning"
has "added account 2: Acme"
ok account add Acme --json
is .warnings[0] "account 1 has the same name 'Acme' (if it is the same account: 'rapport account merge 3 --into 1'; next time, add with --merge-into 1)"
ok account add "Other Ltd" --json
is "'warnings' in d" false
[[ -z $ERR ]]
t_check "a warning for a new name"

ok contact add Bob --account 1 --email bob@acme.example
ok contact add Robert --account 2 --email bob@acme.example
has_err "warning: contact 1 has the same e-mail 'bob@acme.example'"
ok contact add Eva --account 1
[[ -z $ERR ]]
t_check "a warning for a contact without e-mail"
finish
