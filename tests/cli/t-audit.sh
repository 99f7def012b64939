#!/usr/bin/env bash
# Changes made on the command line go to the audit log, with the acting user, like the
# server's; reads and failed commands leave no line.
. "$TESTLIB"

echo "correct horse battery" | ok user add Ada --email ada@example.com --role admin
ok account add Acme
ok deal add "Lab suite" --account 1
ok deal stage 1 qualified
ok account list
same_db fails 4 deal stage 1 won
ok user audit --json
is "[x['action'] for x in d]" '["rapport deal stage","rapport deal add","rapport account add","rapport user add"]'
is "[x['entity'] for x in d]" '["deal","deal","account","user"]'
is "[x['entity_id'] for x in d]" '[1,1,1,1]'
is "[x['user'] for x in d[:3]]" '["ada@example.com","ada@example.com","ada@example.com"]'
is "[0].detail" "command line"
ok user audit --by ada@example.com
has "rapport deal stage"
finish
