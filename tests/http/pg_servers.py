"""Several servers in front of one PostgreSQL: what one server writes the next read through
any other sees (the answer cache included); sessions and tokens work on every server and end
on all of them; a server killed with SIGKILL loses nothing it acknowledged and the others
keep serving; PostgreSQL restarted under load makes servers answer 503 for a moment and then
serve again without help. Run by ctest as http-pg/pg_servers under `tests/pg/pgtmp run`,
on a PostgreSQL of its own (it restarts it)."""
import os
import signal
import subprocess
import threading
import time

from server import Client, Server, Suite

t = Suite()
PGTMP = os.environ["RAPPORT_PGTMP"]
STATE = os.environ["RAPPORT_TEST_PG_STATE"]


def createdb():
    return subprocess.run([PGTMP, "createdb", STATE], capture_output=True, text=True,
                          check=True).stdout.strip()


def accounts(client):
    """Every account, page by page, or the failed answer."""
    items, after = [], 0
    while True:
        r = client.get("/api/v1/accounts?limit=500&after=%d" % after)
        if r.status != 200:
            return r
        items += r.json["items"]
        if not r.json["items"] or r.json["next"] is None:
            return items
        after = items[-1]["id"]


def names(client):
    got = accounts(client)
    return [a["name"] for a in got] if isinstance(got, list) else got


url = createdb()
a = Server(db=url)
b = a.alongside()
with a, b:
    admin_a = a.user("Ada", "ada@example.com", "admin")
    admin_b = admin_a.on(b)

    # ---- a write through one server, the next read through the other --------------------
    t.eq(names(admin_b), [], "B starts empty (and keeps that answer)")
    r = admin_a.post("/api/v1/accounts", {"name": "Written through A"})
    t.status(r, 201, "create through A")
    t.eq(names(admin_b), ["Written through A"], "B sees A's write at once")
    acct = r.json["id"]
    t.status(admin_b.patch("/api/v1/accounts/%d" % acct, {"need": "told B"}), 200,
             "edit through B")
    t.eq(admin_a.get("/api/v1/accounts/%d" % acct).json.get("need"), "told B",
         "A sees B's edit")

    # ---- sessions and tokens across servers --------------------------------------------
    a.add_user("Rita", "rita@example.com", "rep")
    rita = a.login("rita@example.com")
    t.status(rita.on(b).get("/api/v1/me"), 200, "a session made on A works on B")
    t.status(rita.on(b).post("/api/v1/accounts", {"name": "Rita's"}), 201,
             "with its CSRF token, a write through B")
    t.status(rita.post("/api/v1/logout"), 200, "log out on A")
    t.status(rita.on(b).get("/api/v1/me"), 401, "the session ended on B too")
    rita_b = Client(b, token=a.token("rita@example.com"))
    t.status(rita_b.get("/api/v1/me"), 200, "a token made for A's database works on B")

    # ---- SIGKILL one server mid-load: nothing acknowledged is lost ---------------------
    c = a.alongside().start()
    admin_c = admin_a.on(c)
    acked, errors, stop = [], [], threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            i += 1
            try:
                r = admin_c.post("/api/v1/accounts", {"name": "load %d" % i})
            except OSError:
                return  # the server is gone
            if r.status == 201:
                acked.append(r.json["id"])
            else:
                errors.append(r.status)

    w = threading.Thread(target=writer)
    w.start()
    time.sleep(1.5)
    c.proc.send_signal(signal.SIGKILL)
    c.proc.wait()
    c.exit_code = -9
    stop.set()
    w.join()
    t.check(len(acked) > 5, "C acknowledged writes before it was killed", len(acked))
    t.eq(errors, [], "C answered every write it acknowledged or refused with 201")
    have = {x["id"] for x in accounts(admin_b)}
    t.eq([i for i in acked if i not in have], [], "every acknowledged write is there (via B)")
    t.status(admin_a.get("/api/v1/me"), 200, "A keeps serving")
    c.cleanup()

    # ---- PostgreSQL restarted under load: 503, then service again ----------------------
    seen, stop = {}, threading.Event()

    def reader():
        while not stop.is_set():
            try:
                s = admin_b.get("/api/v1/accounts?limit=5").status
            except OSError as e:
                s = type(e).__name__
            seen[s] = seen.get(s, 0) + 1

    rd = threading.Thread(target=reader)
    rd.start()
    time.sleep(0.3)
    subprocess.run([PGTMP, "restart", STATE], check=True)
    time.sleep(0.5)
    stop.set()
    rd.join()
    t.eq(sorted(str(k) for k in seen if k not in (200, 503)), [],
         "while PostgreSQL restarts the server answers 200 or 503, nothing else (%r)" % seen)
    t.check(seen.get(503), "the restart was seen: 503 while PostgreSQL was down", seen)
    ok = None
    for _ in range(100):
        if admin_b.get("/api/v1/me").status == 200 and \
                admin_a.post("/api/v1/accounts", {"name": "after restart"}).status == 201:
            ok = True
            break
        time.sleep(0.1)
    t.check(ok, "both servers serve reads and writes again by themselves", seen)
    t.check("after restart" in names(admin_b), "the write after the restart is seen on B")
t.eq(a.exit_code, 0, "A exits cleanly")
t.eq(b.exit_code, 0, "B exits cleanly")
a.cleanup()
b.cleanup()
t.finish()
