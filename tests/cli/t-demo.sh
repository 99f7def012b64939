#!/usr/bin/env bash
# make run (scripts/demo) a second time while the first runs: refused with a clear message,
# and the running demo keeps its book and its password. A taken port is refused before the
# book is touched.
. "$TESTLIB"

DEMO=$(dirname "$TESTLIB")/../../scripts/demo
free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
unset RAPPORT_DB
export DEMO_ACCOUNTS=3
db=$XDG_DATA_HOME/rapport/demo.db

# The free port is let go before the demo binds it: another program on a busy machine may
# take it first, which the demo refuses (as this test shows below); then try another port.
up=0
for _ in 1 2 3; do
    port=$(free_port)
    export DEMO_LISTEN=127.0.0.1:$port
    "$DEMO" "$RAPPORT_BIN" >"$T_DIR/demo1.out" 2>&1 &
    demo=$!
    for _ in $(seq 300); do
        # Up: something answers on the port, and it is this demo (it printed its password).
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
            grep -q '^ *password  ' "$T_DIR/demo1.out"; then up=1; break; fi
        kill -0 "$demo" 2>/dev/null || break
        sleep 0.1
    done
    ((up)) && break
    wait "$demo" 2>/dev/null
    grep -q "is in use" "$T_DIR/demo1.out" || break
done
eq "$up" 1 "the first demo's server is up" || { cat "$T_DIR/demo1.out" >&2; kill "$demo"; finish; }
password=$(sed -n 's/^ *password  //p' "$T_DIR/demo1.out")
before=$(stat -c %i.%Y "$db")

timeout 30 "$DEMO" "$RAPPORT_BIN" >"$T_DIR/demo2.out" 2>"$T_DIR/demo2.err"
eq "$?" 1 "exit code of the second demo"
grep -q "the demo is already running" "$T_DIR/demo2.err"
t_check "the second demo says why: $(cat "$T_DIR/demo2.err")"
eq "$(stat -c %i.%Y "$db")" "$before" "the demo book, after the second run"
# The first password still opens the running server.
status=$($PY - "$port" "$password" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request("http://127.0.0.1:%s/api/v1/login" % sys.argv[1],
    data=json.dumps({"email": "admin@demo.example", "password": sys.argv[2]}).encode(),
    headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req, timeout=20).status)
PY
)
eq "$status" 200 "login with the first demo's password"
kill "$demo"
wait "$demo" 2>/dev/null
before=$(stat -c %i.%Y "$db")

# The port taken by something else: refused, and the old book stays.
$PY -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(30)' "$port" &
squatter=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
timeout 30 "$DEMO" "$RAPPORT_BIN" >"$T_DIR/demo3.out" 2>"$T_DIR/demo3.err"
eq "$?" 1 "exit code with the port taken"
grep -q "127.0.0.1:$port is in use" "$T_DIR/demo3.err"
t_check "the demo names the taken address: $(cat "$T_DIR/demo3.err")"
eq "$(stat -c %i.%Y "$db")" "$before" "the demo book, with the port taken"
kill "$squatter"
wait "$squatter" 2>/dev/null
finish
