"""Three servers behind nginx (contrib/nginx-rapport.conf) on one PostgreSQL, as a team runs
them: under a load of writes and reads through nginx, one server killed with SIGKILL loses
no acknowledged write and nginx keeps serving from the others; PostgreSQL restarted under
load makes the answers 503 for a moment, then everything serves again without help. Run by
ctest as http-pg/pg_proxy under `tests/pg/pgtmp run`, on a PostgreSQL of its own (it
restarts it)."""
import os
import signal
import subprocess
import threading
import time

from proxy import Proxy
from server import Client, Server, Suite

t = Suite()
PGTMP = os.environ["RAPPORT_PGTMP"]
STATE = os.environ["RAPPORT_TEST_PG_STATE"]
WRITERS, READERS = 4, 2


def createdb():
    return subprocess.run([PGTMP, "createdb", STATE], capture_output=True, text=True,
                          check=True).stdout.strip()


class Load:
    """WRITERS threads creating accounts and READERS listing them through nginx, each
    answer kept with the time it came."""

    def __init__(self, client, prefix):
        self.client, self.prefix = client, prefix
        self.acked, self.answers, self.stop = [], [], threading.Event()
        self.threads = [threading.Thread(target=self.write, args=(n,)) for n in range(WRITERS)]
        self.threads += [threading.Thread(target=self.read) for _ in range(READERS)]

    def record(self, what, status):
        self.answers.append((time.time(), what, status))

    def write(self, n):
        i = 0
        while not self.stop.is_set():
            i += 1
            try:
                r = self.client.post("/api/v1/accounts", {"name": "%s %d.%d" % (self.prefix, n, i)})
            except OSError as e:
                self.record("write", type(e).__name__)
                continue
            self.record("write", r.status)
            if r.status == 201:
                self.acked.append(r.json["id"])

    def read(self):
        while not self.stop.is_set():
            try:
                self.record("read", self.client.get("/api/v1/accounts?limit=5").status)
            except OSError as e:
                self.record("read", type(e).__name__)

    def __enter__(self):
        for th in self.threads:
            th.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for th in self.threads:
            th.join()
        return False

    def statuses(self, since=0.0, until=float("inf")):
        out = {}
        for at, what, status in self.answers:
            if since <= at < until:
                key = "%s %s" % (what, status)
                out[key] = out.get(key, 0) + 1
        return out


def all_ids(client):
    ids, after = set(), 0
    while True:
        r = client.get("/api/v1/accounts?limit=500&after=%d" % after)
        if r.status != 200:
            raise RuntimeError("listing accounts: %r" % r)
        ids |= {x["id"] for x in r.json["items"]}
        if not r.json["items"] or r.json["next"] is None:
            return ids
        after = r.json["items"][-1]["id"]


url = createdb()
servers = [Server(db=url, serve_args=["--trust-proxy", "127.0.0.1"]) for _ in range(3)]
for s in servers:
    s.start()
admin = servers[0].user("Ada", "ada@example.com", "admin")
with Proxy([s.port for s in servers]) as proxy:
    client = Client(proxy, token=admin.token)
    t.status(client.get("/api/v1/me"), 200, "nginx serves")

    # ---- SIGKILL one server under load --------------------------------------------------
    with Load(client, "kill") as load:
        time.sleep(1.5)
        killed = time.time()
        servers[1].proc.send_signal(signal.SIGKILL)
        servers[1].proc.wait()
        servers[1].exit_code = -9
        time.sleep(2.5)
    before = load.statuses(until=killed)
    after = load.statuses(since=killed + 0.5)
    t.check(before.get("write 201", 0) > 10 and before.get("read 200", 0) > 10,
            "writes and reads were served before the kill", before)
    t.check(set(before) <= {"write 201", "read 200"}, "nothing but success before it", before)
    t.check(after.get("write 201", 0) > 10, "writes go on after it", after)
    t.check(set(after) <= {"write 201", "read 200"},
            "and nothing fails from half a second after it", after)
    failed = load.statuses(since=killed, until=killed + 0.5)
    t.check(sum(n for k, n in failed.items() if k not in ("write 201", "read 200")) <= WRITERS,
            "at most the writes in flight on the killed server failed", failed)
    have = all_ids(client)
    t.eq([i for i in load.acked if i not in have], [], "every acknowledged write is there")

    # ---- PostgreSQL restarted under load ------------------------------------------------
    with Load(client, "restart") as load:
        time.sleep(0.5)
        subprocess.run([PGTMP, "restart", STATE], check=True)
        restarted = time.time()
        time.sleep(2)
    seen = load.statuses()
    t.check(all(k.split()[1] in ("200", "201", "503") for k in seen),
            "while PostgreSQL restarts the answers are 200, 201 or 503, nothing else", seen)
    t.check(seen.get("read 503", 0) + seen.get("write 503", 0) > 0,
            "the restart was seen: 503 while PostgreSQL was down", seen)
    late = load.statuses(since=restarted + 1.0)
    t.check(late.get("write 201", 0) > 0 and late.get("read 200", 0) > 0,
            "a second after PostgreSQL is back, reads and writes are served again", late)
    t.check(set(late) <= {"write 201", "read 200"}, "and only served", late)
    have = all_ids(client)
    t.eq([i for i in load.acked if i not in have], [],
         "every write acknowledged around the restart is there")
for i, s in enumerate(servers):
    s.stop()
    if i != 1:
        t.eq(s.exit_code, 0, "server %d exits cleanly" % i)
    s.cleanup()
t.finish()
