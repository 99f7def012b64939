# A small test library for the end-to-end scripts tests/cli/t-*.sh, which source it.
#
# Each script gets a fresh directory and database, a fixed clock (2026-11-23, noon UTC)
# and zone (UTC); the directory is removed on exit. Run a command with `ok` or `fails`,
# then check what it printed with `is`, `has` or `eq`; end the script with `finish`.
#
#   ok account add Acme --json         exit 0 expected; stdout in $OUT, stderr in $ERR
#   is .name Acme                      a JSON value of $OUT (strings raw, else compact JSON)
#   fails 4 account add ""             that exit code, one stderr line "rapport: ...", no stdout
#   same_db fails 4 account add ""     ...and the database dump is byte-identical after
set -u

RAPPORT_BIN=${RAPPORT_BIN:?set RAPPORT_BIN to the rapport binary}
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rapport-t.XXXXXX") || exit 1
export RAPPORT_DB=$T_DIR/rapport.db RAPPORT_NOW=2026-11-23 TZ=UTC
# Run against PostgreSQL (ctest's cli-pg/ tests): a new empty database on the test server
# that tests/pg/pgtmp started, a schema of its own.
T_PG_URL=
if [[ -n ${RAPPORT_TEST_PG_STATE:-} ]]; then
    # psql and pg_dump themselves, not Debian's wrapper of them in /usr/bin (a Perl start).
    PATH=$("${RAPPORT_PGTMP:?}" bindir):$PATH || exit 1
    RAPPORT_DB=$("$RAPPORT_PGTMP" createdb "$RAPPORT_TEST_PG_STATE") || exit 1
    T_PG_URL=${RAPPORT_DB%%\?*}
fi
# A command that forgets --db must not touch the user's own database.
export XDG_DATA_HOME=$T_DIR/xdg HOME=$T_DIR
T_PASS=0 T_FAIL=0 T_DONE=0 OUT= ERR= RC=0

t_exit()
{
    local rc=$?
    [[ -n ${T_JSON_PID:-} ]] && t_json_stop
    rm -rf "$T_DIR"
    if ((!T_DONE)); then
        echo "FAIL: script ended before 'finish' (exit $rc)" >&2
        exit 1
    fi
}
trap t_exit EXIT

# Counts a check: passed when the last command's status is 0, else failed with message $1.
t_check()
{
    local st=$?
    if ((st == 0)); then
        T_PASS=$((T_PASS + 1))
        return 0
    fi
    T_FAIL=$((T_FAIL + 1))
    # The script's own line: where the outermost helper was called from.
    echo "FAIL (line ${BASH_LINENO[-2]}): $1" >&2
    [[ -n $OUT ]] && printf '  stdout: %s\n' "${OUT:0:400}" >&2
    [[ -n $ERR ]] && printf '  stderr: %s\n' "${ERR:0:400}" >&2
    return 1
}

# Runs rapport ARGS, keeping stdout in $OUT, stderr in $ERR and the exit code in $RC.
run()
{
    "$RAPPORT_BIN" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
    RC=$?
    OUT=$(<"$T_DIR/out")
    ERR=$(<"$T_DIR/err")
}

ok()
{
    run "$@"
    ((RC == 0))
    t_check "rapport $* (exit $RC, want 0)"
}

# on DAY ARGS...: ok ARGS... as of DAY (--now; a date or a time).
on()
{
    local at=$1
    shift
    ok --now "$at" "$@"
}

fails()
{
    local want=$1
    shift
    run "$@"
    [[ $RC == "$want" && $ERR == "rapport: "* && $ERR != *$'\n'* && -z $OUT ]]
    t_check "rapport $* (exit $RC, want $want with one 'rapport: ' line on stderr only)"
}

# Everything the database holds, as text. On PostgreSQL every row of every table of the
# test's schema, table by table in name order, by one query (pg_dump --data-only says the
# same but costs about three times as much, in its catalog queries). Sequences are left out:
# they move on even when the insert that drew a number is rolled back.
T_PG_DUMP="SELECT c.relname, query_to_xml(format('SELECT * FROM %I.%I', n.nspname, c.relname),
    true, false, '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname"
db_dump()
{
    if [[ -n $T_PG_URL ]]; then
        psql -X -q -A -t -v ON_ERROR_STOP=1 "$RAPPORT_DB" -c "$T_PG_DUMP"
    else
        sqlite3 "$RAPPORT_DB" .dump
    fi
}

# Runs a check (ok, fails, ...) and checks that the database did not change at all.
same_db()
{
    local before after
    before=$(db_dump)
    "$@"
    after=$(db_dump)
    [[ $before == "$after" ]]
    t_check "database changed by: $*"
}

# json_get PATH: prints the value at PATH (".history[-1].reason", "[0].id", "." for all) of
# the JSON in $OUT, or of a Python expression of it, d ("len(d)"): strings raw, anything
# else as compact JSON; fails (a traceback on stderr) when there is no such value.
#
# One Python process answers every json_get of the script (a Python start costs about
# 60 ms, and scripts ask hundreds of times): the path and the JSON go to it through a FIFO,
# each ended by a NUL byte, and its answer comes back through another: "0" and the value,
# or "1" when it failed, ended by a NUL byte.
T_JSON_SERVER='
import json, os, re, sys, traceback

def fields():
    buf = b""
    while True:
        end = buf.find(b"\0")
        if end >= 0:
            yield buf[:end].decode()
            buf = buf[end + 1:]
            continue
        more = os.read(0, 1 << 16)
        if not more:
            return
        buf += more

def get(e, text):
    d = json.loads(text)
    if re.match(r"\.|\[[-\d\"]", e):
        e = "d" + re.sub(r"\.([A-Za-z_][\w-]*)", lambda m: "[%r]" % m.group(1), e.rstrip("."))
    v = eval(e, {"json": json, "re": re, "sys": sys, "d": d})
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, separators=(",", ":"))

asked = fields()
for e in asked:
    try:
        answer = "0" + get(e, next(asked))
    except Exception:
        traceback.print_exc()
        answer = "1"
    sys.stdout.buffer.write(answer.encode() + b"\0")
    sys.stdout.buffer.flush()
'
t_json_stop()
{
    exec {T_JSON_IN}>&- {T_JSON_OUT}<&-
    kill "$T_JSON_PID" 2>/dev/null
}

mkfifo "$T_DIR/json-in" "$T_DIR/json-out" || exit 1
$PY -c "$T_JSON_SERVER" <"$T_DIR/json-in" >"$T_DIR/json-out" &
T_JSON_PID=$!
exec {T_JSON_IN}>"$T_DIR/json-in" {T_JSON_OUT}<"$T_DIR/json-out"

json_get()
{
    local answer
    printf '%s\0%s\0' "$1" "$OUT" >&"$T_JSON_IN"
    IFS= read -r -d '' answer <&"$T_JSON_OUT" || return 1
    printf '%s' "${answer:1}"
    [[ ${answer:0:1} == 0 ]]
}

# is PATH EXPECTED: the value at PATH is exactly EXPECTED, byte for byte.
is()
{
    local got
    got=$(json_get "$1" && echo .)
    [[ ${got%.} == "$2" && $got == *. ]]
    t_check "JSON $1 is '${got%.}', want '$2'"
}

# has TEXT / has_err TEXT: stdout / stderr contains TEXT.
has()
{
    [[ $OUT == *"$1"* ]]
    t_check "stdout lacks '$1'"
}

has_err()
{
    [[ $ERR == *"$1"* ]]
    t_check "stderr lacks '$1'"
}

# eq ACTUAL EXPECTED [WHAT]
eq()
{
    [[ $1 == "$2" ]]
    t_check "${3:-value} is '$1', want '$2'"
}

# on_sqlite: true when the script runs against an SQLite file (not PostgreSQL), for checks of
# SQLite's own (its schema table, PRAGMAs, the full-text index's integrity check).
on_sqlite()
{
    [[ -z $T_PG_URL ]]
}

# sql QUERY: reads the database directly, for what no command shows yet. Write QUERY in the
# SQL both engines share: COALESCE, not IFNULL; a comparison or a boolean column as
# CASE WHEN ... THEN 1 ELSE 0 END (SQLite says 1, PostgreSQL t); rows, not group_concat.
sql()
{
    if [[ -n $T_PG_URL ]]; then
        psql -X -q -A -t -v ON_ERROR_STOP=1 "$RAPPORT_DB" -c "$1"
    else
        sqlite3 "$RAPPORT_DB" "$1"
    fi
}

# writes_beside PID DB: adds an account to DB every 0.2 s while process PID runs, each a
# whole rapport process; sets writes (how many were tried), failed (refused, their errors in
# $T_DIR/add-err) and slowest (the longest one, in ms).
writes_beside()
{
    local pid=$1 db=$2 t0 took
    writes=0 failed=0 slowest=0
    while kill -0 "$pid" 2>/dev/null; do
        t0=$(date +%s%N)
        "$RAPPORT_BIN" --db "$db" account add "Meanwhile $writes" >/dev/null 2>>"$T_DIR/add-err" ||
            failed=$((failed + 1))
        took=$((($(date +%s%N) - t0) / 1000000))
        ((took > slowest)) && slowest=$took
        writes=$((writes + 1))
        sleep 0.2
    done
}

# csv_rows HEADER N ROW [LINE...]: a CSV file on stdout, for imports at scale: the line
# HEADER, then what the awk statements ROW print for each i from 1 to N (n is N), then each
# LINE as it is.
csv_rows()
{
    local header=$1 n=$2 row=$3
    shift 3
    awk -v n="$n" -v header="$header" "BEGIN { print header; for (i = 1; i <= n; i++) { $row } }"
    if (($#)); then printf '%s\n' "$@"; fi
}

finish()
{
    T_DONE=1
    echo "$T_PASS passed, $T_FAIL failed"
    ((T_FAIL == 0 && T_PASS > 0))
    exit
}
