"""The audit log (who, when, what; never a secret), read straight from the database file:
every change, login and logout, every failed login and every denial (401, 403, and 404
for a record that exists but is someone else's) leaves one line. Also the last admin,
who may not be demoted, disabled or deleted, and the push sent over HTTP through a real
SMTP server: a refusing or missing mail server answers 502 and records nothing."""
import json
import os
import sqlite3
import subprocess
import time

from server import PASSWORD, book, created, main

HERE = os.path.dirname(os.path.abspath(__file__))
SINK = os.path.join(HERE, "..", "cli", "smtp_sink.py")


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "south")
    srv.book1 = book(srv.rep1, "Rita")
    return srv


def audit(srv, since_id=0):
    # Denials are written in batches once a second; reading the log writes those queued.
    srv.admin.get("/api/v1/audit?limit=1")
    with sqlite3.connect(srv.db) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(
            "SELECT * FROM audit_log WHERE id > ? ORDER BY id", (since_id,))]


def last_id(srv):
    rows = audit(srv)
    return rows[-1]["id"] if rows else 0


def test_changes(t, srv):
    mark = last_id(srv)
    acct = created(srv.rep1.post("/api/v1/accounts", {"name": "Audit GmbH"}), "account")
    t.status(srv.rep1.patch("/api/v1/accounts/%d" % acct, {"need": "vans"}), 200, "patch")
    t.status(srv.rep1.post("/api/v1/deals/%d/won" % srv.book1["deals"]), 200, "won")
    t.status(srv.rep1.delete("/api/v1/accounts/%d" % acct), 200, "delete")
    rows = audit(srv, mark)
    t.eq([(r["action"], r["entity"], r["entity_id"], r["user_id"]) for r in rows],
         [("POST /api/v1/accounts", "account", acct, srv.rep1.id),
          ("PATCH /api/v1/accounts/{id}", "account", acct, srv.rep1.id),
          ("POST /api/v1/deals/{id}/won", "deal", srv.book1["deals"], srv.rep1.id),
          ("DELETE /api/v1/accounts/{id}", "account", acct, srv.rep1.id)],
         "one line per change: what, on which record, by whom")
    t.check(all(r["at"].startswith("2026-11-23T") and r["address"] == "127.0.0.1"
                for r in rows), "when and from where", rows)
    t.status(srv.rep1.get("/api/v1/accounts/%d" % srv.book1["accounts"]), 200, "a read")
    t.eq(len(audit(srv, mark)), 4, "reads are not audited")


def test_logins(t, srv):
    mark = last_id(srv)
    session = srv.login("rita@example.com")
    r = srv.client().post("/api/v1/login", {"email": "rita@example.com",
                                            "password": "not " + PASSWORD})
    t.status(r, 401, "a wrong password")
    t.status(session.post("/api/v1/logout"), 200, "logout")
    rows = audit(srv, mark)
    t.eq([(r["action"], r["user_id"]) for r in rows],
         [("login", srv.rep1.id), ("login failed", None), ("logout", srv.rep1.id)],
         "logins, failed logins and logouts")


def test_denials(t, srv):
    mark = last_id(srv)
    other = "/api/v1/deals/%d" % srv.book1["deals"]
    t.status(srv.rep2.get(other), 404, "someone else's deal")
    t.status(srv.rep2.patch(other, {"title": "mine"}), 404, "changing someone else's deal")
    t.status(srv.rep2.get("/api/v1/deals/999999"), 404, "a deal that does not exist")
    bad = srv.client()
    bad.token = "rpt_" + "1" * 64
    t.status(bad.get("/api/v1/agenda"), 401, "a wrong token")
    session = srv.login("otto@example.com")
    t.status(session.post("/api/v1/accounts", {"name": "x"}, csrf=False), 403, "no CSRF token")
    rows = [r for r in audit(srv, mark) if r["action"] == "denied"]
    t.eq([(r["user_id"], r["detail"]) for r in rows],
         [(srv.rep2.id, other), (srv.rep2.id, other), (None, "/api/v1/agenda"),
          (srv.rep2.id, "/api/v1/accounts")],
         "each denial once, with who and what; a missing record is no denial")


def test_no_secrets(t, srv):
    session = srv.login("rita@example.com")
    session.get("/api/v1/me")
    token = srv.token("rita@example.com")
    with sqlite3.connect(srv.db) as db:
        text = "\n".join(str(row) for row in db.execute("SELECT * FROM audit_log"))
    for secret, what in ((PASSWORD, "a password"), ("not " + PASSWORD, "a wrong password"),
                         (session.cookie, "a session"), (session.csrf, "a CSRF token"),
                         (srv.rep1.token, "an API token"), (token, "a new API token")):
        t.check(secret not in text, "the audit log holds no %s" % what)


def test_last_admin(t, srv):
    me = "/api/v1/users/%d" % srv.admin.id
    before = srv.dump()
    for body, field in (({"role": "rep"}, "role"), ({"disabled": True}, "disabled")):
        r = srv.admin.patch(me, body)
        t.status(r, 409, "the last admin: %s" % json.dumps(body))
        t.eq(srv.dump(), before, "nothing changed")
        t.eq(r.error().get("field"), field, "the field that would lose the last admin")
    srv.add_user("Bea Backup", "bea@example.com", "admin")
    bea = [u for u in srv.admin.get("/api/v1/users").json["items"]
           if u["email"] == "bea@example.com"][0]
    t.status(srv.admin.patch("/api/v1/users/%d" % bea["id"], {"disabled": True}), 200,
             "another admin may be disabled while one is left")
    r = srv.admin.patch(me, {"role": "rep"})
    t.status(r, 409, "and then this one is the last again")
    t.check("last admin" in r.error().get("message", ""), "the answer says why", r)
    t.status(srv.admin.patch("/api/v1/users/%d" % bea["id"], {"disabled": False}), 200,
             "enable the other admin")
    t.status(srv.admin.delete("/api/v1/users/%d" % bea["id"]), 200,
             "an admin may be deleted while another is left")
    t.eq(srv.dump().count("bea@example.com"), 0, "deleted")


def test_reading_the_log(t, srv):
    lines = audit(srv)
    r = srv.admin.get("/api/v1/audit?limit=500")
    t.status(r, 200, "an admin reads the audit log")
    items = r.json["items"]
    t.eq([i["id"] for i in items][:len(lines)], [row["id"] for row in reversed(lines)],
         "every line, newest first")
    t.eq((items[0]["action"], items[0]["user_id"]), (lines[-1]["action"], lines[-1]["user_id"]),
         "what and who")
    t.check(any(i["user"] == "otto@example.com" and i["action"] == "denied" for i in items),
            "users by e-mail address", items[:5])
    page = srv.admin.get("/api/v1/audit?limit=2").json
    t.eq(len(page["items"]), 2, "a page")
    t.eq(page["next"], page["items"][1]["id"], "next is the last id of the page")
    more = srv.admin.get("/api/v1/audit?limit=2&before=%d" % page["next"]).json
    t.eq([i["id"] for i in more["items"]], [items[2]["id"], items[3]["id"]], "the next page")
    mine = srv.admin.get("/api/v1/audit?user_id=%d" % srv.rep2.id).json["items"]
    t.check(mine and all(i["user_id"] == srv.rep2.id for i in mine), "by one user", mine)
    t.eq(srv.admin.get("/api/v1/audit?since=2026-11-24").json["items"], [],
         "nothing since tomorrow")
    t.status(srv.admin.get("/api/v1/audit?limit=501"), 422, "a limit too large")
    t.status(srv.admin.get("/api/v1/audit?since=yesterday"), 422, "a bad day")
    t.status(srv.rep1.get("/api/v1/audit"), 403, "a rep may not read it")
    cli = json.loads(srv.cli("--json", "user", "audit", "--by", "otto@example.com"))
    t.eq([i["id"] for i in cli], [i["id"] for i in mine][:50],
         "rapport user audit --by reads the same lines")
    audit(srv)  # the rep's denial is queued until then
    text = srv.cli("user", "audit", "--limit", "1")
    t.check("denied" in text and "/api/v1/audit" in text, "the newest: the rep's denial",
            text)


def start_sink(tmp, mode):
    out = os.path.join(tmp, "mail-%s.jsonl" % mode)
    proc = subprocess.Popen(["/usr/bin/python3", SINK, out, mode], stdout=subprocess.PIPE,
                            text=True)
    port = int(proc.stdout.readline())
    return proc, port, out


def test_push_send(t, srv):
    ids = book(srv.rep1, "Mail")  # the first book's deal was won in test_changes
    path = "/api/v1/deals/%d/push" % ids["deals"]
    before = srv.dump()
    r = srv.rep1.post(path, {"mode": "send"})
    t.status(r, 422, "no mail server configured")
    t.eq(r.error().get("field"), "smtp.url", "says which setting is missing")
    proc, port, out = start_sink(srv.dir, "refuse")
    try:
        srv.cli("config", "set", "smtp.url", "smtp://127.0.0.1:%d" % port)
        srv.cli("config", "set", "smtp.from", "rita@rapport.example")
        before = srv.dump()
        r = srv.rep1.post(path, {"mode": "send"})
        t.status(r, 502, "the mail server refuses")
        t.eq(r.error().get("code"), "bad_gateway", "an outside service failed")
        t.check("cannot send the message" in r.error().get("message", ""), "and says so", r)
        t.eq(srv.dump(), before, "nothing recorded")
    finally:
        proc.kill()
        proc.wait()
    r = srv.rep1.post(path, {"mode": "send"})
    t.status(r, 502, "the mail server is down")
    t.eq(srv.dump(), before, "nothing recorded")
    proc, port, out = start_sink(srv.dir, "accept")
    try:
        srv.cli("config", "set", "smtp.url", "smtp://127.0.0.1:%d" % port)
        r = srv.rep1.post(path, {"mode": "send"})
        t.status(r, 201, "the mail server accepts")
        for _ in range(100):
            if os.path.exists(out) and os.path.getsize(out):
                break
            time.sleep(0.05)
        mails = [json.loads(line) for line in open(out)] if os.path.exists(out) else []
        t.eq([m["rcpt_tos"] for m in mails], [["mail@customer.example"]],
             "one message to the deal's contact")
        t.status(srv.rep1.post(path, {"mode": "send"}), 409, "pushed once only")
    finally:
        proc.kill()
        proc.wait()


main([test_changes, test_logins, test_denials, test_no_secrets, test_last_admin,
      test_push_send, test_reading_the_log], setup)
