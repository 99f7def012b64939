# agree and agreement list: "we agreed to speak again on Tuesday" (practice 3).
source "$TESTLIB"

ok account add "Maier Praxis" --json
ok account add "Elsewhere" --json
ok contact add "Dr. Maier" --account 1 --role decision-maker --json
ok contact add "Not theirs" --account 2 --json
ok deal add "Scheduling software" --account 1 --json
ok deal add "Second deal" --account 1 --json

ok agree --deal 1 --on 2026-11-26 --contact 1 --note "call Thursday after the partners' meeting" \
    --json
is .id 1
is .account_id 1
is .deal_id 1
is .contact_id 1
is .made_on 2026-11-23
is .due_on 2026-11-26
is .note "call Thursday after the partners' meeting"
is .status open
is .closed_at null
ok agree --deal 2 --on 2026-12-01 --made-on 2026-11-20 --json
is .made_on 2026-11-20
is .note null
ok agreement list --deal 2
has "2026-12-01"

same_db fails 2 agree --deal 1
has_err "missing --on DATE"
same_db fails 2 agree --on 2026-11-26
same_db fails 3 agree --deal 99 --on 2026-11-26
same_db fails 3 agree --deal 1 --on 2026-11-26 --contact 99
same_db fails 4 agree --deal 1 --on 2026-11-31
same_db fails 4 agree --deal 1 --on tuesday
same_db fails 4 agree --deal 1 --on 2026-11-26 --contact 2
has_err "contact 2 belongs to another account"
same_db fails 2 agree --deal 1 --on 2026-11-26 --status kept

# A new agreement supersedes the open one of the same deal (not those of other deals).
ok agree --deal 1 --on 2026-11-27 --note "moved to Friday" --json --now 2026-11-24T08:00:00Z
is .status open
ok agreement list --deal 1 --json
is '[[x["id"], x["status"], x["closed_at"]] for x in d]' \
    '[[1,"superseded","2026-11-24T08:00:00Z"],[3,"open",null]]'
ok agreement list --deal 2 --json
is '[x["status"] for x in d]' '["open"]'

# Contact that is only a touch (no answer, a message left) keeps nothing.
ok log --force --deal 1 --kind call --dir out --outcome no-answer --at 2026-11-27T09:00Z
ok log --force --deal 1 --kind call --dir out --outcome left-message --at 2026-11-27T10:00Z
ok log --force --deal 1 --kind email --dir out --at 2026-11-27T11:00Z
ok agreement list --deal 1 --status open --json
is '[x["id"] for x in d]' '[3]'
# Two-way contact before the agreed day does not settle it yet...
ok log --force --deal 1 --kind call --dir out --outcome connected --at 2026-11-26T09:00Z
ok agreement list --deal 1 --status open --json
is '[x["id"] for x in d]' '[3]'
# ...on the day it does: the agreement due by then is kept.
ok log --force --deal 1 --kind call --dir out --outcome replied --at 2026-11-27T15:00Z \
    --now 2026-11-27T16:00:00Z
ok agreement list --deal 1 --json
is '[[x["id"], x["status"], x["closed_at"]] for x in d]' \
    '[[1,"superseded","2026-11-24T08:00:00Z"],[3,"kept","2026-11-27T16:00:00Z"]]'
# Inbound contact keeps it too, and so does a meeting held on or after the day.
ok agree --deal 1 --on 2026-12-03 --json
ok log --force --deal 1 --kind email --dir in --at 2026-12-04T08:00Z
ok agreement list --deal 1 --status kept --json
is '[x["id"] for x in d]' '[3,4]'
ok agree --deal 2 --on 2026-12-02 --json
ok agreement list --deal 2 --json
is '[x["status"] for x in d]' '["superseded","open"]'
ok meet add --deal 2 --at 2026-12-02T10:00Z --minutes 60 --kind demo --json
meeting=$(json_get .id)
ok meet held "$meeting"
ok agreement list --deal 2 --json
is '[x["status"] for x in d]' '["superseded","kept"]'

ok agreement list --status open --json
is d '[]'
same_db fails 4 agreement list --status done

finish
