"""Credentials the server found good are kept by each worker thread (src/http/auth.c), so
that a request does not read its token and user again; they are checked against the
database's version, so that a revoked token, a disabled user, an ended session or a new
role counts on the very next request, whichever worker thread takes it. Every check asks
several times first, so that both worker threads keep the credential, then several times
after."""
import http.client
import json
import time

from server import Client, Response, created, main

TIMES = 6  # requests on new connections: both worker threads see some


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "north")
    srv.acct1 = created(srv.rep1.post("/api/v1/accounts", {"name": "Rita's GmbH"}), "account")
    srv.acct2 = created(srv.rep2.post("/api/v1/accounts", {"name": "Otto's AG"}), "account")
    return srv


def statuses(c, path="/api/v1/accounts"):
    return [c.get(path).status for _ in range(TIMES)]


def new_token(t, c):
    r = c.post("/api/v1/me/tokens", {})
    t.status(r, 201, "a new token")
    return r.json.get("id"), Client(c.server, token=r.json.get("token"), user=c.user)


def test_token_revoked_through_the_api(t, srv):
    tid, other = new_token(t, srv.rep1)
    t.eq(statuses(other), [200] * TIMES, "the new token reads")
    t.status(srv.rep1.delete("/api/v1/me/tokens/%d" % tid), 200, "revoked")
    t.eq(statuses(other), [401] * TIMES, "a revoked token reads nothing from the next request")
    t.eq(statuses(srv.rep1), [200] * TIMES, "the user's other token still reads")


def test_token_revoked_on_the_command_line(t, srv):
    tid, other = new_token(t, srv.rep2)
    t.eq(statuses(other), [200] * TIMES, "the new token reads")
    srv.cli("user", "token", "--revoke", str(tid))
    t.eq(statuses(other), [401] * TIMES, "revoked by another program: refused at once")


def test_disabled_user_refused_at_once(t, srv):
    u = srv.user("Dora Done", "dora@example.com", "rep", "north")
    t.eq(statuses(u), [200] * TIMES, "before")
    t.status(srv.admin.patch("/api/v1/users/%d" % u.id, {"disabled": True}), 200, "disable")
    t.eq(statuses(u), [401] * TIMES, "a disabled user's token stops on the next request")


def test_session_ended(t, srv):
    s = srv.login("rita@example.com")
    t.eq(statuses(s), [200] * TIMES, "with a session")
    other = srv.login("rita@example.com")
    t.status(other.post("/api/v1/logout"), 200, "another session logs out")
    t.eq(statuses(s), [200] * TIMES, "one logout ends only its own session")
    t.status(s.post("/api/v1/logout"), 200, "logout")
    t.eq(statuses(s), [401] * TIMES, "after logout the session reads nothing")


def test_new_role_counts_at_once(t, srv):
    u = srv.user("Mo Mover", "mo@example.com", "rep", "south")
    path = "/api/v1/accounts/%d" % srv.acct1
    t.eq(statuses(u, path), [404] * TIMES, "a rep of another team cannot see Rita's account")
    t.status(srv.admin.patch("/api/v1/users/%d" % u.id, {"role": "admin"}), 200, "promoted")
    t.eq(statuses(u, path), [200] * TIMES, "as an admin from the next request")
    t.status(srv.admin.patch("/api/v1/users/%d" % u.id, {"role": "rep"}), 200, "demoted")
    t.eq(statuses(u, path), [404] * TIMES, "and a rep again from the next request")


def test_csrf_still_checked_for_a_kept_session(t, srv):
    s = srv.login("otto@example.com")
    t.eq(statuses(s), [200] * TIMES, "the session is kept")
    r = s.post("/api/v1/accounts", {"name": "No token"}, headers={"X-CSRF-Token": "wrong"})
    t.status(r, 403, "a kept session still needs its CSRF token")
    r = s.post("/api/v1/accounts", {"name": "With token"})
    t.status(r, 201, "with it, the write goes through")


def slow_write(c, method, path, body, meanwhile):
    """METHOD PATH as C: its headers (checked at once), then MEANWHILE(), then its body."""
    data = json.dumps(body).encode("utf-8")
    conn = http.client.HTTPConnection("127.0.0.1", c.server.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (("Authorization", "Bearer " + c.token), ("Content-Type", "application/json"),
                     ("Content-Length", str(len(data)))):
            conn.putheader(k, v)
        conn.endheaders()
        time.sleep(0.3)  # the server admits the request on its headers
        meanwhile()
        conn.send(data)
        r = conn.getresponse()
        return Response(r.status, r.headers, r.read())
    finally:
        conn.close()


def test_write_as_the_user_of_the_moment(t, srv):
    """A write is done as its user stands when it is written, not when its headers came:
    disabled or promoted while its body comes, it counts."""
    u = srv.user("Wanda Writer", "wanda@example.com", "rep", "south")
    path = "/api/v1/accounts/%d" % srv.acct1
    t.status(u.patch(path, {"need": "not hers"}), 404, "a rep of another team")
    promote = lambda: t.status(srv.admin.patch("/api/v1/users/%d" % u.id, {"role": "admin"}),
                               200, "promoted")
    r = slow_write(u, "PATCH", path, {"need": "hers now"}, promote)
    t.status(r, 200, "promoted while the body came: written as an admin")
    t.eq(srv.admin.get(path).json.get("need"), "hers now", "written")
    disable = lambda: t.status(srv.admin.patch("/api/v1/users/%d" % u.id, {"disabled": True}),
                               200, "disabled")
    r = slow_write(u, "POST", "/api/v1/accounts", {"name": "Too late"}, disable)
    t.status(r, 401, "disabled while the body came: refused")
    t.check("disabled" in r.error().get("message", ""), "says why", r.error())
    t.check("Too late" not in srv.dump(), "nothing written")


def test_owners_checked(t, srv):
    """A write that names an owner: the writer's own user needs no second read, anyone else
    must exist."""
    r = srv.admin.post("/api/v1/accounts", {"name": "Own", "owner_id": srv.admin.id})
    t.status(r, 201, "an admin's own account")
    t.eq(r.json.get("owner_id"), srv.admin.id, "owned by the admin")
    r = srv.admin.post("/api/v1/accounts", {"name": "Nobody's", "owner_id": 9999})
    t.check(r.status in (404, 422), "no user 9999: refused", r)
    r = srv.admin.post("/api/v1/accounts", {"name": "Rita's", "owner_id": srv.rep1.id})
    t.status(r, 201, "given to another user")


main([test_token_revoked_through_the_api, test_token_revoked_on_the_command_line,
      test_disabled_user_refused_at_once, test_session_ended, test_new_role_counts_at_once,
      test_csrf_still_checked_for_a_kept_session, test_write_as_the_user_of_the_moment,
      test_owners_checked], setup)
