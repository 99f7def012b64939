#!/usr/bin/env bash
# make install: both programs side by side (serve runs rapport-server from beside rapport),
# the manual page and the completions, under PREFIX and DESTDIR.
. "$TESTLIB"

build=$(dirname "$RAPPORT_BIN")
DESTDIR=$T_DIR/root cmake --install "$build" --prefix /opt/rapport >"$T_DIR/install.out" 2>&1
eq "$?" 0 "cmake --install: $(tail -3 "$T_DIR/install.out")"
root=$T_DIR/root/opt/rapport
for f in bin/rapport bin/rapport-server share/man/man1/rapport.1 \
    share/bash-completion/completions/rapport share/fish/vendor_completions.d/rapport.fish; do
    [[ -s $root/$f ]]
    t_check "make install did not install $f"
done
[[ -x $root/bin/rapport && -x $root/bin/rapport-server ]]
t_check "the installed programs are not executable"
RAPPORT_BIN=$root/bin/rapport ok --version
head -1 "$root/share/man/man1/rapport.1" | grep -q '^.TH RAPPORT 1'
t_check "the installed manual page"

# The installed rapport serves: it finds its server beside it.
port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$root/bin/rapport" serve --listen "127.0.0.1:$port" >"$T_DIR/serve.out" 2>&1 &
server=$!
up=0
for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
    sleep 0.1
done
eq "$up" 1 "the installed server listens: $(cat "$T_DIR/serve.out")"
kill "$server"
wait "$server" 2>/dev/null
finish
