"""Logins, sessions, CSRF, API tokens, logout, disabled users and the login rate limit."""
import re

from server import PASSWORD, main


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.failed_logins = 0
    return srv


def bad_login(srv, body):
    srv.failed_logins += 1
    return srv.client().post("/api/v1/login", body)


def test_login(t, srv):
    r = srv.client().post("/api/v1/login", {"email": "rita@example.com", "password": PASSWORD})
    t.status(r, 200, "login")
    cookie = r.header("Set-Cookie") or ""
    t.check(re.match(r"rapport_session=[0-9a-f]{64}; ", cookie), "a session cookie", cookie)
    for attr in ("Path=/", "HttpOnly", "SameSite=Lax", "Max-Age="):
        t.check(attr in cookie, "the cookie has " + attr, cookie)
    t.check("Secure" not in cookie, "no Secure flag over plain HTTP", cookie)
    t.eq(r.json["user"]["email"], "rita@example.com", "login answers the user")
    t.check(len(r.json.get("csrf_token", "")) >= 32, "login answers a CSRF token")
    t.check("password" not in r.text and "hash" not in r.text, "no password or hash")


def test_login_over_tls_proxy(t, srv):
    """X-Forwarded-Proto counts only from the trusted proxy (test_proxy.py); here there is
    none, so the header changes nothing."""
    r = srv.client().post("/api/v1/login", {"email": "rita@example.com", "password": PASSWORD},
                          headers={"X-Forwarded-Proto": "https"})
    cookie = r.header("Set-Cookie") or ""
    t.check(cookie.startswith("rapport_session=") and "Secure" not in cookie,
            "an untrusted X-Forwarded-Proto is ignored", cookie)
    t.eq(r.header("Strict-Transport-Security"), None, "no HSTS over plain HTTP")


def test_login_failures(t, srv):
    r = bad_login(srv, {"email": "rita@example.com", "password": "wrong password"})
    t.status(r, 401, "wrong password")
    t.eq(r.error().get("code"), "unauthorized", "401 code")
    r2 = bad_login(srv, {"email": "nobody@example.com", "password": "wrong password"})
    t.status(r2, 401, "unknown e-mail")
    t.eq(r2.error().get("message"), r.error().get("message"),
         "unknown e-mail and wrong password say the same")
    r = srv.client().post("/api/v1/login", {"email": "rita@example.com"})
    t.status(r, 400, "login without a password")
    t.eq(r.error().get("field"), "password", "the missing member is named")
    r = srv.client().post("/api/v1/login", {"email": 1, "password": 2})
    t.status(r, 400, "login with numbers")


def test_me(t, srv):
    s = srv.login("rita@example.com")
    r = s.get("/api/v1/me")
    t.status(r, 200, "GET /me with the session")
    me = r.json
    t.eq(me["user"]["email"], "rita@example.com", "/me is the user")
    want = "http://127.0.0.1:%d/api/v1/cal/" % srv.port
    t.check(me["calendar_url"].startswith(want) and me["calendar_url"].endswith(".ics"),
            "calendar_url", me["calendar_url"])
    t.eq(s.get("/api/v1/me").json["calendar_url"], me["calendar_url"],
         "the calendar URL is stable")
    t.eq(srv.rep.get("/api/v1/me").json["calendar_url"], me["calendar_url"],
         "the same with a token")


def test_unauthenticated(t, srv):
    c = srv.client()
    for method, path in (("GET", "/api/v1/me"), ("GET", "/api/v1/accounts"),
                         ("POST", "/api/v1/accounts"), ("GET", "/api/v1/agenda"),
                         ("POST", "/api/v1/logout"), ("POST", "/api/v1/me/calendar")):
        r = c.request(method, path, {} if method == "POST" else None)
        t.status(r, 401, "%s %s without a login" % (method, path))
        t.eq(r.error().get("code"), "unauthorized", "error code of " + path)
    r = c.get("/api/v1/me", headers={"Cookie": "rapport_session=" + "0" * 64})
    t.status(r, 401, "an unknown session cookie")
    r = c.get("/api/v1/me", headers={"Authorization": "Bearer rpt_" + "0" * 64})
    t.status(r, 401, "an unknown token")
    r = c.get("/api/v1/me", headers={"Authorization": "Basic YTpi"})
    t.status(r, 401, "basic auth is not a login")
    t.status(c.get("/api/v1/healthz"), 200, "healthz is public")


def test_csrf(t, srv):
    s = srv.login("rita@example.com")
    body = {"name": "CSRF test"}
    r = s.post("/api/v1/accounts", body, csrf=False)
    t.status(r, 403, "no X-CSRF-Token")
    t.eq(r.error().get("code"), "forbidden", "CSRF error code")
    r = s.post("/api/v1/accounts", body, csrf=False, headers={"X-CSRF-Token": "0" * 64})
    t.status(r, 403, "a wrong X-CSRF-Token")
    r = s.post("/api/v1/accounts", body, csrf=False,
               headers={"X-CSRF-Token": srv.login("ada@example.com").csrf})
    t.status(r, 403, "another session's CSRF token")
    r = s.post("/api/v1/accounts", body, csrf=False,
               headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
    t.status(r, 403, "a cross-site request")
    t.check(not [a for a in s.get("/api/v1/accounts").json["items"] if a["name"] == "CSRF test"],
            "nothing was created by the refused requests")
    r = s.post("/api/v1/accounts", body, csrf=False,
               headers={"Origin": "http://127.0.0.1:%d" % srv.port})
    t.status(r, 201, "same-origin Origin passes")
    r = s.post("/api/v1/accounts", {"name": "CSRF ok"})
    t.status(r, 201, "the right X-CSRF-Token passes")
    t.status(s.get("/api/v1/accounts"), 200, "GET needs no CSRF token")
    r = srv.rep.post("/api/v1/accounts", {"name": "by token"})
    t.status(r, 201, "a bearer token needs no CSRF token")


def test_tokens(t, srv):
    r = srv.rep.get("/api/v1/me")
    t.status(r, 200, "a bearer token logs in")
    t.eq(r.json["user"]["email"], "rita@example.com", "the token's user")
    second = srv.token("rita@example.com")
    t.check(second != srv.rep.token and second.startswith("rpt_"), "each token is new")
    r = srv.client().get("/api/v1/me", headers={"Authorization": "bearer " + second})
    t.status(r, 200, "the scheme name is case-insensitive")


def test_logout(t, srv):
    s = srv.login("rita@example.com")
    other = srv.login("rita@example.com")
    r = s.post("/api/v1/logout", csrf=False)
    t.status(r, 403, "logout needs the CSRF token")
    r = s.post("/api/v1/logout")
    t.status(r, 200, "logout")
    t.check("Max-Age=0" in (r.header("Set-Cookie") or ""), "logout clears the cookie",
            r.header("Set-Cookie"))
    t.status(s.get("/api/v1/me"), 401, "the session has ended")
    t.status(other.get("/api/v1/me"), 200, "other sessions go on")
    t.status(srv.rep.get("/api/v1/me"), 200, "tokens go on")


def test_disable_user(t, srv):
    u = srv.user("Dora Doomed", "dora@example.com", "rep", "north")
    s = srv.login("dora@example.com")
    t.status(s.get("/api/v1/me"), 200, "dora is logged in")
    r = srv.rep.patch("/api/v1/users/%d" % u.id, {"disabled": True})
    t.status(r, 403, "a rep cannot disable a user")
    t.status(s.get("/api/v1/me"), 200, "dora still is")
    admin = srv.login("ada@example.com")
    r = admin.patch("/api/v1/users/%d" % u.id, {"disabled": True})
    t.status(r, 200, "an admin disables dora")
    t.eq(r.json.get("disabled"), True, "disabled is set")
    t.status(s.get("/api/v1/me"), 401, "dora's session has ended")
    t.status(u.get("/api/v1/me"), 401, "dora's token stops working")
    t.status(u.get("/api/v1/accounts"), 401, "for every route")
    r = srv.client().post("/api/v1/login", {"email": "dora@example.com", "password": PASSWORD})
    srv.failed_logins += 1
    t.status(r, 401, "dora cannot log in again")


def test_security_headers(t, srv):
    r = srv.rep.get("/api/v1/me")
    for name, want in (("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"),
                       ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")):
        t.eq(r.header(name), want, name)
    t.check("default-src 'none'" in (r.header("Content-Security-Policy") or ""), "CSP")
    t.eq(r.header("Content-Type"), "application/json", "JSON answers say so")


def test_rate_limit(t, srv):
    """The last test: it locks rita's account out of logins for this server (failures are
    counted per account and per address: test_login_limits.py)."""
    for i in range(10):
        r = bad_login(srv, {"email": "rita@example.com", "password": "guess %d" % i})
        t.status(r, (401, 429), "failed login %d" % i)
    r = bad_login(srv, {"email": "rita@example.com", "password": "one more guess"})
    t.status(r, 429, "the 11th try within the window")
    t.eq(r.error().get("code"), "rate_limited", "429 code")
    r = srv.client().post("/api/v1/login", {"email": "rita@example.com", "password": PASSWORD})
    t.status(r, 429, "even the right password waits")
    t.status(srv.rep.get("/api/v1/me"), 200, "tokens are not limited")


main([test_login, test_login_over_tls_proxy, test_login_failures, test_me,
      test_unauthenticated, test_csrf, test_tokens, test_logout, test_disable_user,
      test_security_headers, test_rate_limit], setup)
