#!/usr/bin/env bash
# libpq loaded as a release build of rapport loads it (store_pg.c's PQ_DLOPEN_FLAGS:
# RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND), which the sanitized test build cannot (the
# AddressSanitizer refuses RTLD_DEEPBIND): bench/pgfloor.c, built here without sanitizers
# and loading libpq with the same flags, connects to the test server and runs statements.
. "${TESTLIB:?}"

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FLAGS='RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND'
FLOOR=$T_DIR/pgfloor

grep -qF "#define PQ_DLOPEN_FLAGS ($FLAGS)" "$SRC/src/store/store_pg.c"
t_check "store_pg.c loads libpq with $FLAGS"
grep -qF "dlopen(\"libpq.so.5\", $FLAGS)" "$SRC/bench/pgfloor.c"
t_check "bench/pgfloor.c loads it with the same flags"
cc -O2 -std=c11 $(pkg-config --cflags libpq) -o "$FLOOR" "$SRC/bench/pgfloor.c" -ldl
t_check "bench/pgfloor.c builds without sanitizers"
ok account add Acme
"$FLOOR" query "$RAPPORT_DB" "SELECT 1 / COUNT(*) FROM accounts WHERE name = 'Acme'"
t_check "a deep-bound libpq connects and reads the book"
! "$FLOOR" query "$RAPPORT_DB" "SELECT * FROM no_such_table" 2>"$T_DIR/err" &&
    grep -q 'no_such_table' "$T_DIR/err"
t_check "a failing statement is reported with the server's message"
finish
