"""What a kept agenda or page costs the server (without the answer cache), in SQLite's own
trace (RAPPORT_TRACE): for a rep, a manager and an admin, the agenda with and without ?days=
and a page of each collection, one read transaction of one statement besides the database
version (and the caller's check, when the worker has not kept it), and that statement, which
reads the stamp and the kept body at once, builds no temporary table (EXPLAIN: no
OpenEphemeral) and reads no record."""
import re
import sqlite3
import sys
import time

from server import Server, Suite

REP = "rep1@team.example"
# The caller's check when a worker has not kept the credential (auth.c), and a worker's
# first open of its connection (store.c), which a request served by a worker that had
# not served one yet pays once.
CHECK = ("FROM api_tokens", "FROM users WHERE id =", "PRAGMA journal_mode=WAL",
         "PRAGMA foreign_keys=ON;", "PRAGMA synchronous=FULL;", "FROM rp_migrations")
LINE = re.compile(r"^[0-9.]+ ms: (.*)$")


def statements(srv, start):
    """The statements traced since offset START of the server's standard error."""
    with open(srv.err.name) as f:
        f.seek(start)
        return [m.group(1) for m in map(LINE.match, f.read().splitlines()) if m]


def settled(srv):
    """The length of the trace once the server's writer has stopped keeping."""
    size = -1
    while True:
        time.sleep(0.3)
        with open(srv.err.name) as f:
            now = len(f.read())
        if now == size:
            return size
        size = now


def read_cost(t, srv, client, path, what, kept_table="kept_agendas"):
    """One more read of PATH, once it is kept (in KEPT_TABLE), and the checks of what it
    cost."""
    for _ in range(2):  # made (or merged from parts made), then kept by the writer
        client.get(path)
        settled(srv)
    start = settled(srv)
    r = client.get(path)
    t.status(r, 200, what)
    sql = [s for s in statements(srv, start) if not any(c in s for c in CHECK)]
    t.eq(sql[:2] + sql[-1:], ["BEGIN", "PRAGMA data_version", "ROLLBACK"],
         what + ": one read transaction")
    t.eq(len(sql), 4, what + ": one statement for the answer (%s)" % sql)
    kept = [s for s in sql if kept_table in s]
    t.eq(len(kept), 1, what + ": the stamp and the kept body in one statement")
    with sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True) as db:
        program = [row[1] for row in db.execute("EXPLAIN " + kept[0])] if kept else []
    t.check(program and "OpenEphemeral" not in program, what + ": no temporary table",
            kept[:1])
    tables = set(re.findall(r"\bFROM (\w+)|\bJOIN (\w+)", kept[0] if kept else ""))
    read = {name for pair in tables for name in pair if name}
    t.check(read <= {"agenda_marks", "agenda_scale", kept_table, "users"},
            what + ": no record read", read)


def main():
    t = Suite()
    srv = Server(serve_args=["--cache-mb", "0"])
    srv.env["RAPPORT_TRACE"] = "1"
    srv.cli("seed", "--accounts", "120", "--reps", "3", "--seed", "7")
    srv.cli("user", "edit", "3", "--team", "team-2")
    with srv:
        admin = srv.user("Ada Admin", "ada@example.com", "admin")
        manager = srv.user("Max Manager", "max@example.com", "manager", "team-1")
        rep = srv.client()
        rep.token = srv.token(REP)
        read_cost(t, srv, rep, "/api/v1/agenda", "rep 1")
        read_cost(t, srv, rep, "/api/v1/agenda?date=2026-11-24&days=7", "rep 1, a week")
        read_cost(t, srv, manager, "/api/v1/agenda", "a manager")
        read_cost(t, srv, admin, "/api/v1/agenda?days=2", "an admin")
        for who, client in (("rep 1", rep), ("a manager", manager), ("an admin", admin)):
            for page in ("accounts", "deals?limit=50", "contacts?limit=20&after=20"):
                read_cost(t, srv, client, "/api/v1/" + page, "%s, %s" % (who, page),
                          "kept_pages")
    t.check(srv.exit_code == 0, "the server exits cleanly", srv.stderr()[-2000:])
    srv.cleanup()
    t.finish()


if __name__ == "__main__":
    sys.exit(main())
