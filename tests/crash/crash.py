"""The crash suite: kill -9 the server and the command line in the middle of writing, again
and again, and check that every write they acknowledged is still there and the database
passes PRAGMA integrity_check after each cycle.

CRASH_CYCLES cycles (default 20; `make torture` runs 1,000), alternating: the server with
four clients creating accounts as fast as it answers, killed after a random moment; then
a handful of `rapport account add` processes, killed likewise. A write counts as
acknowledged when the server answered 201 or the command exited 0 before the kill."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from server import RAPPORT, Server, Suite  # noqa: E402

CYCLES = int(os.environ.get("CRASH_CYCLES", "20"))
t = Suite()
rng = random.Random(int(os.environ.get("CRASH_SEED", "15")))


def names_in(db_path):
    with sqlite3.connect(db_path, timeout=30) as db:
        return {r[0] for r in db.execute("SELECT name FROM accounts")}


def integrity(db_path):
    with sqlite3.connect(db_path, timeout=30) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def server_cycle(srv, client, n, acked):
    srv.exit_code = None
    srv.start()
    stop = threading.Event()

    def writer(w):
        i = 0
        while not stop.is_set():
            name = "srv-%d-%d-%d" % (n, w, i)
            i += 1
            try:
                r = client.post("/api/v1/accounts", {"name": name})
            except OSError:
                return
            if r.status == 201:
                acked.add(name)
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for th in threads:
        th.start()
    time.sleep(rng.uniform(0.05, 0.4))
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait()
    stop.set()
    for th in threads:
        th.join()


def cli_cycle(srv, n, acked):
    procs = []
    for i in range(4):
        name = "cli-%d-%d" % (n, i)
        p = subprocess.Popen([RAPPORT, "--db", srv.db, "account", "add", name],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=srv.env)
        procs.append((name, p))
    time.sleep(rng.uniform(0.0, 0.15))
    for name, p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        if p.wait() == 0:
            acked.add(name)


srv = Server()
srv.add_user("Ada", "ada@example.com", "admin")
client = None
acked = set()
lost_total = 0
for n in range(CYCLES):
    if n % 2 == 0:
        if client is None:
            srv.start()
            client = srv.user("Wes Writer", "wes@example.com", "admin")
            srv.proc.send_signal(signal.SIGKILL)
            srv.proc.wait()
        server_cycle(srv, client, n, acked)
    else:
        cli_cycle(srv, n, acked)
    lost = acked - names_in(srv.db)
    lost_total += len(lost)
    t.eq(sorted(lost), [], "cycle %d: acknowledged writes kept" % n)
    t.eq(integrity(srv.db), "ok", "cycle %d: integrity_check" % n)
print("%d cycles, %d acknowledged writes, %d lost" % (CYCLES, len(acked), lost_total))
t.check(len(acked) > CYCLES, "the cycles wrote something", len(acked))
srv.exit_code = 0
srv.cleanup()
t.finish()
