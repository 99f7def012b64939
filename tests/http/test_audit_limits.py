"""The audit log cannot be used to fill the disk: anonymous denials are logged once per
address per minute with a count of the rest, and at most ten lines a second from everyone;
a stored path is cut to 200 bytes; lines older than audit.keep-days go at the next login;
denials are written in batches, once a second."""
import http.client
import os
import sqlite3
import time

from server import Server, Suite

t = Suite()


def rows(srv, where="1"):
    # Denials are written in batches once a second; reading the log writes those queued.
    srv.admin.get("/api/v1/audit?limit=1")
    with sqlite3.connect(srv.db) as db:
        return db.execute("SELECT action, detail, address, at FROM audit_log WHERE " + where +
                          " ORDER BY id").fetchall()


with Server() as srv:
    srv.admin = srv.user("Ada", "ada@example.com", "admin")
    anon = srv.client()
    start = time.time()
    statuses = {anon.get("/api/v1/accounts/%d" % (i + 1)).status for i in range(300)}
    t.eq(statuses, {401}, "300 anonymous requests are denied")
    denied = rows(srv, "action = 'denied'")
    t.check(1 <= len(denied) <= 2 + int(time.time() - start) // 60 * 2,
            "300 anonymous denials make one line (or two across a minute)", denied)
    # The first denial of another address is logged, its long path cut to 200 bytes.
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, source_address=("127.0.0.9", 0))
    conn.request("GET", "/api/v1/reports/" + "x" * 5000)
    t.eq(conn.getresponse().status, 401, "an anonymous report with a long name")
    conn.close()
    last = rows(srv, "address = '127.0.0.9'")
    t.eq(len(last), 1, "is logged")
    t.eq(len(last[0][1]), 203, "its path cut to 200 bytes and marked")
    t.check(last[0][1].endswith("x..."), "the cut is marked", last[0][1][-10:])

    # Retention: lines older than audit.keep-days go at the next login.
    with sqlite3.connect(srv.db) as db:
        db.execute("INSERT INTO audit_log (at, action) VALUES ('2024-01-01T00:00:00Z', 'old'),"
                   " ('2026-11-01T00:00:00Z', 'recent')")
    srv.cli("config", "set", "audit.keep-days", "30")
    srv.login("ada@example.com")
    t.eq([r[0] for r in rows(srv, "action IN ('old', 'recent')")], ["recent"],
         "a line past 30 days is gone, a newer one kept")
    srv.cli("config", "set", "audit.keep-days", "0")
    with sqlite3.connect(srv.db) as db:
        db.execute("INSERT INTO audit_log (at, action) VALUES ('2000-01-01T00:00:00Z', 'old')")
    srv.login("ada@example.com")
    t.eq(len(rows(srv, "action = 'old'")), 1, "keep-days 0 keeps everything")

    # A signed-in user's denials are each logged, but written in batches: 200 of them
    # grow the write-ahead log by a few pages, not by a transaction each (two pages or
    # more, 1.6 MiB for 200), and they are in the file a second later without anyone
    # reading the log.
    rep = srv.user("Rex", "rex@example.com", "rep")
    rows(srv)
    wal = srv.db + "-wal"
    before = os.path.getsize(wal)
    t.eq({rep.get("/api/v1/audit").status for _ in range(200)}, {403}, "200 denials")
    time.sleep(2)
    with sqlite3.connect(srv.db) as db:
        n = db.execute("SELECT count(*) FROM audit_log WHERE user_id = ? AND action = 'denied'",
                       (rep.id,)).fetchone()[0]
    t.eq(n, 200, "each is logged within a second or two")
    grown = os.path.getsize(wal) - before
    t.check(grown < 200 << 10, "in a few transactions", "the log grew by %d bytes" % grown)
t.finish()
