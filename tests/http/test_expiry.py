"""Sessions and API tokens end at their expiry, by the server's clock: a session made through
POST /api/v1/login lasts as long as its cookie says (14 days), and a token made with
--expires until that instant. Each is checked, for a read and for a write, through servers
started later on the same database with their clocks a second before the end and at it:
it works until then, and is refused from then on (401 unauthorized). On one SQLite file
(http/test_expiry); on PostgreSQL when RAPPORT_PGTMP names the test server's helper
(http-pg/test_expiry)."""
import re
from datetime import datetime, timedelta, timezone

from server import NOW, Client, Server, Suite, new_database

SESSION_DAYS = 14  # docs/api.md: "A session lasts 14 days"
TOKEN_ENDS = "2026-11-30"  # a day: its start in the server's zone (UTC)

t = Suite()


def instant(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def check(client, srv, live, refusal, what):
    """CLIENT's read and write through SRV answer as a live credential when LIVE, else
    401 with REFUSAL as the message."""
    c = client.on(srv)
    reads = c.get("/api/v1/me")
    writes = c.post("/api/v1/accounts", {"name": "Written at " + srv.now})
    if live:
        t.status(reads, 200, what + ": a read")
        t.status(writes, 201, what + ": a write")
        return
    for r, how in ((reads, "a read"), (writes, "a write")):
        t.status(r, 401, "%s: %s is refused" % (what, how))
        t.eq(r.error().get("code"), "unauthorized", "%s: %s's error code" % (what, how))
        t.eq(r.error().get("message"), refusal, "%s: %s's error message" % (what, how))


first = Server(db=new_database())
with first:
    first.add_user("Rita Rep", "rita@example.com", "rep")
    r = first.try_login("rita@example.com")
    t.status(r, 200, "login")
    cookie = r.header("Set-Cookie") or ""
    max_age = re.search(r"Max-Age=(\d+)", cookie)
    t.eq(int(max_age.group(1)) if max_age else None, SESSION_DAYS * 86400,
         "the cookie lasts as long as a session")
    session = Client(first, cookie=re.search(r"rapport_session=([^;]*)", cookie).group(1),
                     csrf=r.json["csrf_token"], user=r.json["user"])
    token = Client(first, token=first.cli("user", "token", "rita@example.com", "--expires",
                                          TOKEN_ENDS).strip())
    check(session, first, True, None, "a new session")
    check(token, first, True, None, "a new token")

session_ends = parse(NOW) + timedelta(days=SESSION_DAYS)
token_ends = parse(TOKEN_ENDS + "T00:00:00Z")
second = timedelta(seconds=1)
for now in (token_ends - second, token_ends, session_ends - second, session_ends):
    with Server(now=instant(now), serve_args=first.serve_args, db=first.db) as later:
        check(session, later, now < session_ends, "not logged in, or the session has ended",
              "the session at " + later.now)
        check(token, later, now < token_ends, "invalid, expired or revoked API token",
              "the token at " + later.now)
    t.eq(later.exit_code, 0, "the server at %s exits 0 on SIGTERM" % later.now)
    later.cleanup()

t.finish(first)
