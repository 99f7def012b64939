"""Every error status the server gives, each in the one error shape
{"error": {"code", "message", "field"}}, and each leaving the database as it was."""
import http.client
import json

from server import book, main


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.other = srv.user("Otto Other", "otto@example.com", "rep", "south")
    srv.session = srv.login("rita@example.com")
    srv.ids = book(srv.rep, "Rita")
    srv.other_ids = book(srv.other, "Otto")
    return srv


def error_shape(t, r, status, code, what, field=None):
    """Checks the status and the error object; answers it."""
    t.status(r, status, what)
    try:
        body = r.json
    except ValueError:
        t.check(False, what + ": the body is JSON", r.body[:200])
        return {}
    err = body.get("error") if isinstance(body, dict) else None
    if not t.check(isinstance(err, dict) and set(err) == {"code", "message", "field"},
                   what + ": {error: {code, message, field}}", body):
        return {}
    t.eq(err["code"], code, what + ": code")
    t.check(isinstance(err["message"], str) and err["message"], what + ": a message")
    if field is not None:
        t.eq(err["field"], field, what + ": field")
    return err


def test_400(t, srv):
    before = srv.dump()
    for raw, what in ((b"{\"name\": ", "truncated JSON"), (b"{name: 1}", "not JSON"),
                      (b"", "an empty body"), (b"{\"name\": \"a\", \"name\": \"b\"}",
                                               "duplicate members"),
                      (b"{\"name\": \"nul\\u0000byte\"}", "a NUL character"),
                      (b"{\"name\": \"\xff\xfe\"}", "invalid UTF-8")):
        r = srv.rep.post("/api/v1/accounts", raw=raw)
        error_shape(t, r, 400, "bad_request", "malformed JSON: " + what)
    for body, what in (([{"name": "x"}], "an array"), ("x", "a string"), (1, "a number"),
                       (None, "null")):
        r = srv.rep.post("/api/v1/accounts", raw=json.dumps(body).encode())
        error_shape(t, r, 400, "bad_request", "not an object: " + what)
    r = srv.rep.get("/api/v1/accounts?bogus=1")
    error_shape(t, r, 400, "bad_request", "an unknown filter", "bogus")
    r = srv.rep.get("/api/v1/accounts?need=x")
    error_shape(t, r, 400, "bad_request", "a field that is not a filter", "need")
    r = srv.rep.post("/api/v1/accounts", {})
    error_shape(t, r, 400, "bad_request", "a missing required field", "name")
    t.eq(srv.dump(), before, "400s change nothing")


def test_401(t, srv):
    r = srv.client().get("/api/v1/deals")
    error_shape(t, r, 401, "unauthorized", "no credentials")
    r = srv.client().get("/api/v1/deals", headers={"Authorization": "Bearer nope"})
    error_shape(t, r, 401, "unauthorized", "a bad token")


def test_403(t, srv):
    before = srv.dump()
    r = srv.session.post("/api/v1/accounts", {"name": "x"}, csrf=False)
    error_shape(t, r, 403, "forbidden", "CSRF token missing")
    r = srv.session.patch("/api/v1/accounts/%d" % srv.ids["accounts"], {"name": "x"},
                          csrf=False, headers={"X-CSRF-Token": "wrong"})
    error_shape(t, r, 403, "forbidden", "CSRF token wrong")
    r = srv.session.delete("/api/v1/accounts/%d" % srv.ids["accounts"], csrf=False)
    error_shape(t, r, 403, "forbidden", "CSRF on DELETE")
    r = srv.rep.patch("/api/v1/users/%d" % srv.other.id, {"name": "x"})
    error_shape(t, r, 403, "forbidden", "a rep changing a user")
    r = srv.rep.patch("/api/v1/users/%d" % srv.rep.id, {"role": "admin"})
    error_shape(t, r, 403, "forbidden", "a rep making themselves admin")
    r = srv.rep.delete("/api/v1/users/%d" % srv.other.id)
    error_shape(t, r, 403, "forbidden", "a rep deleting a user")
    r = srv.rep.post("/api/v1/users", {"name": "x", "email": "x@example.com", "role": "admin",
                                       "password": "long enough"})
    error_shape(t, r, 403, "forbidden", "a rep adding a user")
    r = srv.rep.post("/api/v1/users", {"name": "x", "email": "otto@example.com",
                                       "role": "admin", "password": "long enough"})
    error_shape(t, r, 403, "forbidden", "a rep adding a user with a taken e-mail (no 409 "
                "that would tell which e-mails exist)")
    r = srv.rep.patch("/api/v1/accounts/%d" % srv.ids["accounts"], {"owner_id": srv.other.id})
    error_shape(t, r, 403, "forbidden", "a rep giving an account away", "owner_id")
    t.eq(srv.dump(), before, "403s change nothing")


def test_404(t, srv):
    before = srv.dump()
    # Outside /api/ is the web app: "/" answers its page (tests/web checks the rest).
    t.status(srv.rep.get("/"), 200, "/ is the web app")
    for path in ("/api/v1/nope", "/api/v1/accounts/1/nope", "/api/v2/accounts", "/api",
                 "/api/v1/accounts/abc", "/api/v1/accounts/0", "/api/v1/accounts/-1",
                 "/api/v1/accounts/99999999999999999999", "/api/v1/accounts/"):
        error_shape(t, srv.rep.get(path), 404, "not_found", "unknown route " + path)
    error_shape(t, srv.client().get("/api/v1/nope"), 404, "not_found",
                "an unknown route without a login")
    r = srv.rep.get("/api/v1/accounts/%d" % srv.other_ids["accounts"])
    error_shape(t, r, 404, "not_found", "someone else's account")
    r = srv.rep.get("/api/v1/deals/999999")
    missing = error_shape(t, r, 404, "not_found", "a deal that does not exist")
    r = srv.rep.get("/api/v1/deals/%d" % srv.other_ids["deals"])
    hidden = error_shape(t, r, 404, "not_found", "someone else's deal")
    t.eq(hidden.get("message", "").replace(str(srv.other_ids["deals"]), "N"),
         missing.get("message", "").replace("999999", "N"),
         "someone else's record reads exactly like a missing one")
    r = srv.rep.post("/api/v1/deals/%d/won" % srv.other_ids["deals"], {})
    error_shape(t, r, 404, "not_found", "an action on someone else's deal")
    t.eq(srv.dump(), before, "404s change nothing")


def test_405(t, srv):
    for method, path in (("PUT", "/api/v1/accounts"), ("DELETE", "/api/v1/accounts"),
                         ("PUT", "/api/v1/accounts/1"), ("GET", "/api/v1/login"),
                         ("POST", "/api/v1/agenda"), ("GET", "/api/v1/deals/1/won"),
                         ("HEAD", "/api/v1/me")):
        r = srv.rep.request(method, path)
        t.status(r, 405, "%s %s" % (method, path))
        if method != "HEAD":
            error_shape(t, r, 405, "method_not_allowed", "%s %s" % (method, path))


def test_409(t, srv):
    before = srv.dump()
    r = srv.rep.delete("/api/v1/accounts/%d" % srv.ids["accounts"])
    error_shape(t, r, 409, "conflict", "deleting an account that still has deals")
    r = srv.admin.post("/api/v1/users", {"name": "x", "email": "otto@example.com",
                                         "role": "rep", "password": "long enough"})
    error_shape(t, r, 409, "conflict", "a second user with one e-mail", "email")
    r = srv.rep.post("/api/v1/meetings/%d/held" % srv.ids["meetings"], {})
    t.status(r, 200, "a meeting held")
    after_held = srv.dump()
    r = srv.rep.post("/api/v1/meetings/%d/cancel" % srv.ids["meetings"], {})
    error_shape(t, r, 409, "conflict", "cancelling a meeting that was held")
    r = srv.rep.post("/api/v1/deals/%d/stage" % srv.ids["deals"], {"stage": "proposal"})
    error_shape(t, r, 409, "conflict", "the stage it already has")
    r = srv.rep.post("/api/v1/invoices/%d/paid" % srv.ids["invoices"], {})
    t.status(r, 200, "an invoice paid")
    after_held = srv.dump()
    r = srv.rep.post("/api/v1/invoices/%d/paid" % srv.ids["invoices"], {})
    error_shape(t, r, 409, "conflict", "paying it twice")
    t.eq(srv.dump(), after_held, "409s change nothing")
    t.check(before != after_held, "(the held and paid did)")


def test_413(t, srv):
    before = srv.dump()
    big = json.dumps({"name": "x" * (1 << 20)}).encode()
    r = srv.rep.post("/api/v1/accounts", raw=big)
    error_shape(t, r, 413, "too_large", "a body over 1 MiB")
    # The same without a Content-Length, in chunks: counted as it comes.
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.putrequest("POST", "/api/v1/accounts")
    conn.putheader("Authorization", "Bearer " + srv.rep.token)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    for i in range(0, len(big), 65536):
        part = big[i:i + 65536]
        conn.send(b"%x\r\n%s\r\n" % (len(part), part))
    conn.send(b"0\r\n\r\n")
    resp = conn.getresponse()
    t.eq(resp.status, 413, "a chunked body over 1 MiB")
    conn.close()
    # A client that waits for 100 Continue is answered before it sends the body.
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.putrequest("POST", "/api/v1/accounts")
    for k, v in (("Authorization", "Bearer " + srv.rep.token),
                 ("Content-Type", "application/json"), ("Expect", "100-continue"),
                 ("Content-Length", str(len(big)))):
        conn.putheader(k, v)
    conn.endheaders()
    resp = conn.getresponse()
    t.eq(resp.status, 413, "Expect: 100-continue with a Content-Length over 1 MiB")
    conn.close()
    t.eq(srv.dump(), before, "413s change nothing")
    # Exactly 1 MiB is allowed (a text field holds at most 64 KiB: the rest is blank).
    ok = b'{"name": "big body", "need": "%s"' % (b"x" * 65536)
    ok += b" " * ((1 << 20) - len(ok) - 1) + b"}"
    r = srv.rep.post("/api/v1/accounts", raw=ok)
    t.status(r, 201, "a body of exactly 1 MiB is taken")
    t.eq(len(r.json.get("need") or ""), 65536, "all of it")


def test_415(t, srv):
    r = srv.rep.post("/api/v1/accounts", raw=b'{"name": "charset ok"}',
                     content_type="application/json; charset=utf-8")
    t.status(r, 201, "application/json with a charset is JSON")
    before = srv.dump()
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                  "application/jsonx", None):
        r = srv.rep.post("/api/v1/accounts", raw=b'{"name": "x"}', content_type=ctype)
        error_shape(t, r, 415, "unsupported_media_type", "Content-Type %s" % ctype)
    t.eq(srv.dump(), before, "415s change nothing")


def test_422(t, srv):
    before = srv.dump()
    deal = srv.ids["deals"]
    cases = [
        ("/api/v1/accounts", {"name": "x", "trigger": "boredom"}, "trigger"),
        ("/api/v1/accounts", {"name": "x", "urgency": 3}, "urgency"),
        ("/api/v1/accounts", {"name": "x", "contract_ends": "2026-02-30"}, "contract_ends"),
        ("/api/v1/accounts", {"name": "x", "colour": "red"}, "colour"),
        ("/api/v1/accounts", {"name": "x", "status": "customer"}, "status"),
        ("/api/v1/accounts", {"name": "x", "id": 5}, "id"),
        ("/api/v1/accounts", {"name": "   "}, "name"),
        ("/api/v1/contacts", {"account_id": srv.ids["accounts"], "name": "x",
                              "email": "not an address"}, "email"),
        ("/api/v1/deals", {"account_id": srv.ids["accounts"], "title": "x",
                           "value_cents": -5}, "value_cents"),
        ("/api/v1/deals", {"account_id": srv.ids["accounts"], "title": "x",
                           "currency": "EURO"}, "currency"),
        ("/api/v1/deals", {"account_id": srv.ids["accounts"], "title": "x",
                           "currency": "XYZ"}, "currency"),
        ("/api/v1/deals", {"account_id": "one", "title": "x"}, "account_id"),
        ("/api/v1/activities", {"deal_id": deal, "kind": "call", "direction": "up"},
         "direction"),
        ("/api/v1/meetings", {"deal_id": deal, "at": "tomorrow", "minutes": 30,
                              "kind": "intro"}, "at"),
        ("/api/v1/meetings", {"deal_id": deal, "at": "2026-11-30T10:00:00Z", "minutes": 30,
                              "kind": "intro", "attendees": "everyone"}, "attendees"),
        ("/api/v1/agreements", {"deal_id": deal, "due_on": "next week"}, "due_on"),
        ("/api/v1/invoices", {"account_id": srv.ids["accounts"], "amount_cents": 1.5,
                              "due_on": "2026-12-01"}, "amount_cents"),
        ("/api/v1/users", {"name": "x", "email": "new@example.com", "role": "rep",
                           "password": "short"}, "password"),
    ]
    for path, body, field in cases:
        c = srv.admin if path == "/api/v1/users" else srv.rep
        r = c.post(path, body)
        error_shape(t, r, 422, "invalid", "POST %s %s" % (path, json.dumps(body)[:60]), field)
    patches = [("accounts", {"style": "pushy"}, "style"), ("deals", {"stage": "won"}, "stage"),
               ("deals", {"account_id": srv.ids["accounts"]}, "account_id"),
               ("claims", {"status": "verified"}, "status"), ("contacts", {"primary": "yes"},
                                                              "primary"),
               ("accounts", {"style": None}, "style"), ("deals", {"currency": None}, "currency"),
               ("meetings", {"at": None}, "at"), ("contacts", {"role": None}, "role")]
    for coll, body, field in patches:
        r = srv.rep.patch("/api/v1/%s/%d" % (coll, srv.ids[coll]), body)
        error_shape(t, r, 422, "invalid", "PATCH %s %s" % (coll, json.dumps(body)), field)
    actions = [("deals/%d/push" % deal, {"mode": "fax"}, "mode"),
               ("deals/%d/lost" % deal, {"reason": "bad vibes"}, "reason"),
               ("deals/%d/hold" % deal, {"until": "soon"}, "until"),
               ("deals/%d/stage" % deal, {"stage": "won"}, "stage"),
               ("accounts/%d/checkin" % srv.ids["accounts"], {"every": "weekly"}, "every"),
               ("meetings/%d/reschedule" % srv.ids["meetings"], {}, "at"),
               ("invoices/%d/paid" % srv.ids["invoices"], {"on": 5}, "on"),
               ("claims/%d/clarify" % srv.ids["claims"], {"note": 5}, "note")]
    for path, body, field in actions:
        r = srv.rep.post("/api/v1/" + path, body)
        error_shape(t, r, 422, "invalid", "POST %s %s" % (path, json.dumps(body)), field)
    err = error_shape(t, srv.rep.post("/api/v1/activities", {"deal_id": deal, "mood": "x"}),
                      422, "invalid", "an unknown field", "mood")
    t.eq(err.get("message"), "unknown field 'mood' (not a field of activities)",
         "an unknown field: the message")
    for query, field in (("limit=0", "limit"), ("limit=501", "limit"), ("after=-1", "after"),
                         ("limit=ten", "limit")):
        error_shape(t, srv.rep.get("/api/v1/deals?" + query), 422, "invalid", query, field)
    for query, field in (("date=2026-13-01", "date"), ("days=0", "days"), ("days=32", "days")):
        error_shape(t, srv.rep.get("/api/v1/agenda?" + query), 422, "invalid", query, field)
    t.eq(srv.dump(), before, "422s change nothing")


def test_431(t, srv):
    # libmicrohttpd refuses headers beyond its per-connection memory itself, with 431.
    for size in (100 * 1024, 70 * 1024):
        r = srv.rep.get("/api/v1/me", headers={"X-Padding": "a" * size})
        t.status(r, 431, "a %d KiB header" % (size // 1024))
    r = srv.rep.get("/api/v1/me", headers={"X-Padding": "a" * 8192})
    t.status(r, 200, "an 8 KiB header is fine")
    t.status(srv.rep.get("/api/v1/healthz"), 200, "the server goes on")


main([test_400, test_401, test_403, test_404, test_405, test_409, test_413, test_415,
      test_422, test_431], setup)
