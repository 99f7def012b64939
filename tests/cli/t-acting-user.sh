#!/usr/bin/env bash
# Who the command line acts as: --user, RAPPORT_USER, the setting user, else the only
# login. With several logins and no choice, it refuses to create an account nobody owns.
. "$TESTLIB"

# No logins yet: a book for one, owned by nobody, as before.
ok account add Solo --json
is .owner_id null

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
# One login: that is who acts.
ok account add Mine --json
is .owner_id 1

echo "correct horse battery" | ok user add Rita --email rita@example.com --role rep
# Two logins and no choice: refused, naming --user, and nothing written.
same_db fails 2 account add Orphan
has_err "--user EMAIL"
has_err "rapport config set user EMAIL"
ok account add Ritas --user rita@example.com --json
is .owner_id 2
RAPPORT_USER=ada@example.com ok account add Adas --json
is .owner_id 1
ok account add Given --owner 2 --json
is .owner_id 2

# The setting: a default acting user.
ok config set user rita@example.com
ok account add Default --json
is .owner_id 2
ok account list --json
is "sorted(x['name'] for x in d)" '["Default","Given","Ritas"]'
# --user still wins over it.
ok account add Override --user ada@example.com --json
is .owner_id 1

# A setting that names nobody is a clear error, and can be mended.
ok config set user nobody@example.com
fails 3 account list
has_err "no login 'nobody@example.com' for the setting user"
fails 3 account list --user ghost@example.com
has_err "no login 'ghost@example.com' for --user"
ok config set user
same_db fails 2 account add Orphan
fails 4 config set user not-an-address
finish
