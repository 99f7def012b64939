"""Abuse of a real server, as an attacker or a careless client would: costly searches, a
request that would hold a worker too long, a busy database, values at the edges of their
domains, e-mails differing only in case, and a SIGTERM while requests run. Each check is
one promise of docs/security.md."""
import json
import sqlite3
import threading
import time
import urllib.parse

from server import NOW, PASSWORD, Server, Suite, book, created

t = Suite()


def q(words):
    return "/api/v1/search?q=" + urllib.parse.quote(words)


def test_search_cost(t, srv, rep):
    # 500 words of one letter cost one lookup: repeats are dropped, short words whole.
    start = time.time()
    r = rep.get(q(" ".join(["a"] * 500)))
    t.status(r, 200, "500 repeated words")
    t.check(time.time() - start < 2, "500 repeated words answer within 2 s",
            time.time() - start)
    r = rep.get(q("one two three four five six seven eight nine"))
    t.status(r, 422, "nine different words")
    t.check("too many different words" in r.error().get("message", ""), "the cap is named",
            r.error())
    t.status(rep.get(q("one two three four five six seven eight")), 200, "eight words")


def test_money_and_instants(t, srv, rep, ids):
    r = rep.post("/api/v1/deals", {"account_id": ids["accounts"], "title": "Too big",
                                   "value_cents": 10 ** 15})
    t.status(r, 422, "value_cents at 10^15")
    r = rep.post("/api/v1/deals", {"account_id": ids["accounts"], "title": "Largest",
                                   "value_cents": 10 ** 15 - 1})
    t.status(r, 201, "value_cents just under 10^15")
    for at in ("9999-12-31T23:00:00-05:00", "1900-01-01T00:00:00+01:00"):
        r = rep.post("/api/v1/meetings", {"deal_id": ids["deals"], "at": at, "minutes": 60,
                                          "kind": "intro"})
        t.status(r, 422, "meeting at %s" % at)
        r = rep.patch("/api/v1/activities/%d" % ids["activities"], {"at": at})
        t.status(r, 422, "activity moved to %s" % at)
    t.status(rep.get("/api/v1/reports/pipeline"), 200, "the pipeline with the largest deal")


def test_email_case(t, srv, admin, rep):
    r = admin.patch("/api/v1/users/%d" % rep.id, {"email": "ADA@Example.COM"})
    t.status(r, 409, "an admin's e-mail in other letters")
    msg = r.error().get("message", "")
    t.check("already exists" in msg and "constraint" not in msg.lower(),
            "the conflict is named without SQL", msg)
    t.status(srv.send("POST", "/api/v1/login", json.dumps(
        {"email": "ada@example.com", "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"}), 200, "the admin still logs in")
    try:
        srv.add_user("Ada Twin", "Ada@EXAMPLE.com", "rep")
        t.check(False, "a user added with the admin's e-mail in other letters")
    except RuntimeError as e:
        t.check("already exists" in str(e), "user add refuses it", e)


def test_busy(t, srv, rep, ids):
    """A writer that keeps the database locked past the busy timeout: the API answers 503
    with Retry-After, the command line exits 1 with a clear message."""
    db = sqlite3.connect(srv.db, timeout=1, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    try:
        r = rep.post("/api/v1/accounts", {"name": "Blocked GmbH"})
        t.status(r, 503, "a write while the database is locked")
        t.eq(r.header("Retry-After"), "1", "Retry-After")
        t.check("database is busy" in r.error().get("message", ""), "busy is named", r)
        p = srv.cli("account", "add", "Blocked AG", check=False, full=True)
        t.eq(p.returncode, 1, "the command line exits 1")
        t.check("database is busy (another program is writing; try again)" in p.stderr,
                "and says the database is busy", p.stderr)
    finally:
        db.execute("ROLLBACK")
        db.close()
    t.status(rep.post("/api/v1/accounts", {"name": "Later GmbH"}), 201, "once it is free")


def test_edges_of_requests(t, srv, rep, ids):
    acct = ids["accounts"]
    t.status(rep.get("/api/v1/accounts/%d" % acct), 200, "the account itself")
    for path in ("/api/v1/accounts%%2f%d" % acct, "/api/v1/accounts%%2F%d" % acct,
                 "/api/v1/accounts/%d%%00" % acct, "/api/v1/accounts/%d%%00/x" % acct):
        t.status(rep.get(path), 404, path)
    r = rep.get("/api/v1/deals?stage")
    t.status(r, 400, "a filter without a value")
    t.check("no value" in r.error().get("message", ""), "is named as such", r.error())
    t.eq(r.error().get("field"), "stage", "the field of a filter without a value")
    r = rep.get("/api/v1/agenda?date=9999-12-31&days=2")
    t.status(r, 422, "an agenda past 9999-12-31")
    t.status(rep.get("/api/v1/agenda?date=9999-12-31"), 200, "the agenda of 9999-12-31")


def test_sessions_pruned(t, srv):
    with sqlite3.connect(srv.db) as db:
        db.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                   "expires_at) SELECT 'old' || id, id, 'x', '2020-01-01T00:00:00Z', "
                   "'2020-01-15T00:00:00Z' FROM users")
    srv.login("rita@example.com")
    with sqlite3.connect(srv.db) as db:
        old = db.execute("SELECT COUNT(*) FROM sessions WHERE token_hash LIKE 'old%'").fetchone()
    t.eq(old[0], 0, "expired sessions are deleted at the next login")


def main_tests():
    with Server() as srv:
        admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
        rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
        ids = book(rep, "Rita")
        for test in (lambda: test_search_cost(t, srv, rep),
                     lambda: test_money_and_instants(t, srv, rep, ids),
                     lambda: test_email_case(t, srv, admin, rep),
                     lambda: test_edges_of_requests(t, srv, rep, ids),
                     lambda: test_sessions_pruned(t, srv),
                     lambda: test_busy(t, srv, rep, ids)):
            t.run([lambda s, _: test()], None)
        t.eq(srv.stop(), 0, "the server exits 0")
        srv.cleanup()


def budget_tests():
    """A request whose statements run past the budget stops with 503, the worker is free
    again at once, and SIGTERM with slow requests in flight ends within 10 s."""
    srv = Server(serve_args=["--request-budget", "1"])
    srv.cli("seed", "--accounts", "300")
    srv.start()
    admin = srv.user("Ada Admin", "ada@example.com", "admin")
    r = admin.get("/api/v1/agenda?days=30")
    t.status(r, 503, "a month's agenda past a 1 ms budget")
    t.eq(r.header("Retry-After"), "1", "Retry-After on a request out of time")
    t.status(srv.client().get("/api/v1/healthz"), 200, "healthz after it")
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        admin.get(q("co re in")).status)) for _ in range(8)]
    for th in threads:
        th.start()
    time.sleep(0.05)
    start = time.time()
    code = srv.stop()
    t.check(time.time() - start < 10, "SIGTERM with requests in flight ends within 10 s",
            time.time() - start)
    t.eq(code, 0, "and exits 0")
    for th in threads:
        th.join()
    srv.cleanup()


main_tests()
budget_tests()
t.finish()
