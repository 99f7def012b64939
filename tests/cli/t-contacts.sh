# contact add | list | show | edit | delete.
source "$TESTLIB"

ok account add "Hartmann & Partner" --json
ok account add "Other Co" --json

ok contact add "Dr. Eva Hartmann" --account 1 --title "Senior Partner" \
    --email eva.hartmann@hartmann-partner.de --phone "+49 30 1234-56" --role veto --primary --json
is .id 1
is .account_id 1
is .name "Dr. Eva Hartmann"
is .title "Senior Partner"
is .email eva.hartmann@hartmann-partner.de
is .phone "+49 30 1234-56"
is .role veto
is .primary true
is .created_at 2026-11-23T12:00:00Z
ok contact add "Jonas" --account 1 --json
is .role unknown
is .primary false
is .email null
ok contact add "Mia" --account 1 --role decision-maker --email "Mia.Weber+crm@Example.co.uk"
eq "$OUT" "added contact 3: Mia" "text output"
ok contact add "Zoë 陈 🙂" --account 2 --role gatekeeper --json
is .name "Zoë 陈 🙂"
for role in decision-maker co-decider veto influencer user gatekeeper unknown; do
    ok contact add "R $role" --account 2 --role "$role" --json
    is .role "$role"
done

# Errors: no account (2), an account that does not exist (3), bad values (4).
same_db fails 2 contact add Nobody
has_err "missing"
same_db fails 2 contact add --account 1
same_db fails 3 contact add X --account 999
has_err "account 999 not found"
same_db fails 4 contact add X --account abc
same_db fails 4 contact add X --account 1 --role boss
has_err "invalid --role 'boss' (expected one of decision-maker, co-decider, veto, influencer, user, gatekeeper, unknown)"
for email in plain "a@b" "@example.com" "a@@example.com" "a b@example.com" "a@.com" \
    "a@example..com" "a@example.com." "<a@example.com>"; do
    same_db fails 4 contact add X --account 1 --email "$email"
done
has_err "invalid e-mail address"
same_db fails 4 contact add "" --account 1
same_db fails 4 contact add X --account 1 --primary=maybe
same_db fails 2 contact add X --account 1 --bogus

# One primary contact per account: marking another clears the first.
ok contact add "New primary" --account 1 --primary --json
newp=$(json_get .id)
ok contact list --account 1 --primary --json
is '[c["id"] for c in d]' "[$newp]"
ok contact show 1 --json
is .primary false
ok contact edit 1 --primary --json
is .primary true
ok contact list --primary --json
is '[c["id"] for c in d]' '[1]'

# list and filters.
ok contact list --account 1 --json
is 'len(d)' 4
ok contact list --role veto --json
is '[c["name"] for c in d]' '["Dr. Eva Hartmann","R veto"]'
ok contact list --account 2 --role veto --json
is '[c["name"] for c in d]' '["R veto"]'
ok contact list --account 1
has "eva.hartmann@hartmann-partner.de"
same_db fails 4 contact list --role boss

# show and edit.
ok contact show 3 --json
is .email Mia.Weber+crm@Example.co.uk
ok contact show 3
has "Mia.Weber+crm@Example.co.uk"
fails 3 contact show 99
ok contact edit 2 --title "Office manager" --role gatekeeper --phone "" --json --now 2026-11-25
is .title "Office manager"
is .role gatekeeper
is .updated_at 2026-11-25T12:00:00Z
same_db fails 4 contact edit 2 --email nope
same_db fails 3 contact edit 2 --account 999
same_db fails 3 contact edit 99 --title X
same_db fails 2 contact edit 2

# delete: a contact leaves activities, agreements and claims, without the contact.
ok deal add "Audit" --account 1 --json
ok log --deal 1 --contact 2 --kind call --dir in "asked for the price list"
ok meet add --deal 1 --at 2026-12-01T09:00Z --minutes 45 --kind discovery --contact 2 \
    --contact 1
ok contact delete 2 --json
is . '{"id":2,"deleted":true}'
fails 3 contact show 2
ok activity list --deal 1 --json
is '[d[0]["text"], d[0]["contact_id"]]' '["asked for the price list",null]'
ok deal show 1 --json
is .meetings[0].attendees '[1]'
same_db fails 3 contact delete 2

finish
