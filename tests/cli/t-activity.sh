# log and activity list.
source "$TESTLIB"

ok account add "Brandt Kanzlei" --json
ok account add "Elsewhere" --json
ok contact add "Frau Brandt" --account 1 --role decision-maker --json
ok contact add "Someone else" --account 2 --json
ok deal add "Phone system" --account 1 --json
ok deal add "Other deal" --account 2 --json

# Every flag; the account comes from the deal.
ok log --deal 1 --contact 1 --kind call --dir out --outcome connected \
    --at 2026-11-20T09:15:00Z "She wants a demo before Christmas" --json
is .id 1
is .account_id 1
is .deal_id 1
is .contact_id 1
is .kind call
is .direction out
is .outcome connected
is .at 2026-11-20T09:15:00Z
is .text "She wants a demo before Christmas"
is .created_at 2026-11-23T12:00:00Z
# --at defaults to now; a bare date is noon in the user's zone; text is optional.
ok log --account 1 --kind note --dir none --json
is .deal_id null
is .at 2026-11-23T12:00:00Z
is .text null
is .outcome null
ok log --account 1 --kind visit --dir out --at 2026-11-21 --json
is .at 2026-11-21T12:00:00Z
ok log --account 1 --kind email --dir in --at 2026-11-21T10:00+01:00 --json
is .at 2026-11-21T09:00:00Z
ok log --account 1 --deal 1 --kind text --dir out "bis morgen"
eq "$OUT" "added activity 5: bis morgen" "text output"
for k in call email meeting demo voicemail text visit note card; do
    ok log --deal 1 --kind "$k" --dir out --json
    is .kind "$k"
done
for o in connected replied held no-answer left-message no-show; do
    ok log --deal 1 --kind call --dir out --outcome "$o" --json
    is .outcome "$o"
done

# Text byte for byte.
nasty=$'"Wir kündigen"; DROP TABLE activities;--\n<b>fett</b> — naïve 日本語 👍\r\n'
ok log --deal 1 --kind note --dir none "$nasty" --json
id=$(json_get .id)
ok activity list --deal 1 --kind note --json
is "[x for x in d if x['id'] == $id][0]['text']" "$nasty"

# Errors.
same_db fails 2 log --kind call --dir out
has_err "missing --deal ID or --account ID"
same_db fails 2 log --deal 1 --dir out
has_err "missing --kind K"
same_db fails 2 log --deal 1 --kind call
same_db fails 3 log --deal 99 --kind call --dir out
same_db fails 3 log --account 99 --kind call --dir out
same_db fails 3 log --deal 1 --contact 99 --kind call --dir out
same_db fails 4 log --deal 1 --kind fax --dir out
has_err "invalid --kind 'fax' (expected one of call, email, meeting, demo, voicemail, text, visit, note, card)"
same_db fails 4 log --deal 1 --kind call --dir both
same_db fails 4 log --deal 1 --kind call --dir out --outcome great
same_db fails 4 log --deal 1 --kind call --dir out --at 2026-02-30T10:00
same_db fails 4 log --deal 1 --kind call --dir out --at "next tuesday"
same_db fails 4 log --deal 1 --contact 2 --kind call --dir out
has_err "contact 2 belongs to another account"
same_db fails 4 log --account 2 --deal 1 --kind call --dir out
same_db fails 2 log --deal 1 --kind call --dir out one two

# activity list: filters and JSON array.
ok activity list --account 2 --json
is d '[]'
ok activity list --account 1 --kind email --json
is '[x["id"] for x in d]' '[4,7]'
ok activity list --deal 1 --kind call --json
is 'len(d)' 8
ok activity list --limit 3 --json
is '[x["id"] for x in d]' '[1,2,3]'
ok activity list
has "She wants a demo before Christmas"
same_db fails 4 activity list --kind fax

finish
