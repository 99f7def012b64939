#!/usr/bin/env bash
# What an agenda reads beside its candidates (docs/internals/engine.md): the contacts of
# its accounts together, every setting in one statement, every template in one, and drafts
# only for the items kept; the same agenda over seven days and for one rep. The agenda made
# at once (a kept one is made of parts, one per owner, each of them such a build:
# t-today-kept.sh).
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
export RAPPORT_AGENDA_KEEP=off

ok seed --accounts 300 --reps 3 --seed 2

# RAPPORT_TRACE is SQLite's (store_sqlite.c): on PostgreSQL only the agenda itself is run.
if [[ -n $T_PG_URL ]]; then
    ok --json today --days 7
    (($(json_get "len([i for i in d['items'] if 'draft' in i])") > 0))
    t_check "today --days 7 has drafts"
    finish
fi

# trace ARGS...: the statements of `rapport ARGS` (RAPPORT_TRACE) in $T_DIR/trace, its
# answer in $OUT.
trace()
{
    RAPPORT_TRACE=1 "$RAPPORT_BIN" "$@" >"$T_DIR/out" 2>"$T_DIR/trace"
    RC=$?
    OUT=$(<"$T_DIR/out")
    ((RC == 0))
    t_check "rapport $* (exit $RC, want 0)"
}

# count PATTERN: how many traced statements match the extended regular expression PATTERN.
count()
{
    grep -Ec -- "$1" "$T_DIR/trace"
}

# at_most WHAT N LIMIT: N is positive and at most LIMIT.
at_most()
{
    ((${2} > 0 && ${2} <= ${3}))
    t_check "$1: $2 statements, want 1 to $3"
}

for who in "" "--user rep2@team.example"; do
    for days in 1 7; do
        # shellcheck disable=SC2086
        trace $who --json today --days $days
        what="today --days $days ${who:-(whole book)}"
        accounts=$(json_get "len({i['account_id'] for i in d['items']})")
        drafts=$(json_get "len([i for i in d['items'] if 'draft' in i])")
        missed=$(json_get "len([i for i in d['items'] if i['kind'] == 'followup-missed'])")
        ((drafts > 0))
        t_check "$what: the agenda has drafts"
        at_most "$what: contacts, read together for 64 accounts at a time" \
            "$(count 'FROM contacts WHERE ')" "$(((accounts + 63) / 64))"
        # One read of every setting for the command line's own (tz, user), one for the
        # agenda's.
        [[ $(count "SELECT key, value FROM settings$") == 2 ]]
        t_check "$what: the settings read in one statement, and the command line's in one"
        [[ $(count "FROM settings WHERE") == 0 ]]
        t_check "$what: no setting read alone"
        [[ $(count "FROM templates") == 1 ]]
        t_check "$what: the templates read in one statement"
        # The agreements missed follow-ups remind them of are read together for their
        # drafts, only for the items kept; the meetings and invoices of drafts likewise.
        (($(count 'FROM agreements WHERE "id" IN') == (missed + 63) / 64))
        t_check "$what: agreements read together, for the missed follow-ups kept ($missed)"
        # Whether a reminder went unanswered, for the same drafts: the touches of their
        # deals and accounts read together, not each deal's activities.
        [[ $(count "FROM activities WHERE deal_id = ") == 0 ]]
        t_check "$what: no deal's activities read one by one"
        (($(count "SELECT (deal|account)_id, at FROM activities") <= 2 * ((missed + 63) / 64)))
        t_check "$what: the touches read together, for the missed follow-ups kept ($missed)"
        for table in agreements meetings invoices deals accounts; do
            [[ $(count "FROM $table WHERE \"?id\"? = ") == 0 ]]
            t_check "$what: no $table read one by one"
        done
    done
done

finish
