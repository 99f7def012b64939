"""Pages of records as the server writes them, straight from the statement's rows
(src/store/store.c store_write_row): text that JSON must escape, bytes that are not UTF-8,
a huge text, nulls, large integers and booleans come out as strict JSON with the values stored,
in the fields' order, and each record of a page is the same text as the record by id. And
the check of the caller that a read without a body gets with its answer (src/http/server.c):
refused, revoked or missing credentials are still refused at once, and a read that comes
with a body is still refused before its body is read."""
import http.client
import json
import socket
import sqlite3

from server import EVIL, Client, created, main

AWKWARD = ("ctl \x01\x1f\x7f \"quoted\" back\\slash /\n\r\t\b\f M\u00fcller \u6771\u4eac "
           "\U0001F600 \u2028\u2029 end")
# Past the room a page reserves at first (500 records' worth), and past what the API takes.
HUGE = ("\"\\\n\x01\u00fc" * 200000)[:1000000]
ACCOUNT_FIELDS = ["id", "name", "industry", "trigger", "need", "urgency", "style", "risk",
                  "provider", "contract_ends", "binding", "status", "hold_until",
                  "hold_unless_inbound", "hold_reason", "checkin_days", "created_at",
                  "updated_at", "owner_id"]


def stored(srv, sql, *args):
    """Writes straight into the database, as another program (or an older Rapport) might:
    text the API refuses (control characters, bytes that are not UTF-8) can be there."""
    with sqlite3.connect(srv.db) as db:
        db.execute(sql, args)
    db.close()


def setup(srv):
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    rep = srv.rep
    srv.evil = created(rep.post("/api/v1/accounts", {"name": EVIL}), "account")
    stored(srv, "UPDATE accounts SET need = ?, provider = ?, hold_reason = CAST(? AS TEXT) "
           "WHERE id = ?", AWKWARD, AWKWARD[::-1], b"bad \xff\xc3 byte", srv.evil)
    srv.huge = created(rep.post("/api/v1/accounts", {"name": "Huge"}), "account")
    stored(srv, "UPDATE accounts SET need = ? WHERE id = ?", HUGE, srv.huge)
    srv.plain = created(rep.post("/api/v1/accounts", {"name": "Plain"}), "account")
    srv.deal = created(rep.post("/api/v1/deals", {
        "account_id": srv.plain, "title": "Big one", "value_cents": 100,
        "currency": "EUR"}), "deal")
    stored(srv, "UPDATE deals SET title = ?, value_cents = ? WHERE id = ?", AWKWARD,
           9007199254740993, srv.deal)
    srv.primary = created(rep.post("/api/v1/contacts", {
        "account_id": srv.plain, "name": "Pia Primary", "role": "decision-maker",
        "primary": True}), "contact")
    srv.other = created(rep.post("/api/v1/contacts", {
        "account_id": srv.plain, "name": "Otto Other", "role": "influencer"}), "contact")
    return srv


def strict(t, r, what):
    """The body parsed as strict JSON (no raw control character in a string), keys kept in
    their order."""
    t.status(r, 200, what)
    return json.loads(r.body.decode("utf-8"), strict=True,
                      object_pairs_hook=lambda pairs: pairs)


def items(page):
    return [dict(item) for item in dict(page)["items"]]


def test_escapes_and_text_as_stored(t, srv):
    r = srv.rep.get("/api/v1/accounts?limit=500")
    page = strict(t, r, "a page of accounts")
    by_id = {a["id"]: a for a in items(page)}
    t.eq(by_id[srv.evil]["name"], EVIL, "the name as stored")
    t.eq(by_id[srv.evil]["need"], AWKWARD, "control characters, quotes, non-ASCII as stored")
    t.eq(by_id[srv.evil]["provider"], AWKWARD[::-1], "the same reversed")
    t.check(b"ctl \\u0001\\u001F\x7f \\\"quoted\\\" back\\\\slash /\\n\\r\\t\\b\\f" in r.body,
         "escaped as jansson escapes: \\uXXXX in capitals, DEL as it is")
    t.eq(by_id[srv.evil]["hold_reason"], "bad \ufffd\ufffd byte",
         "each byte that is not UTF-8 written as U+FFFD")
    t.check("M\u00fcller \u6771\u4eac \U0001F600 \u2028\u2029".encode("utf-8") in r.body,
         "non-ASCII UTF-8 written as it is, not escaped")


def test_fields_in_their_order_with_nulls(t, srv):
    page = strict(t, srv.rep.get("/api/v1/accounts?limit=500"), "a page of accounts")
    plain = [dict(a) for a in dict(page)["items"] if dict(a)["id"] == srv.plain]
    pairs = [a for a in dict(page)["items"] if dict(a)["id"] == srv.plain][0]
    t.eq([k for k, _ in pairs], ACCOUNT_FIELDS, "every field, in the model's order")
    t.eq(plain[0]["need"], None, "a field never set is null")
    t.eq(plain[0]["checkin_days"], None, "an integer never set is null")
    t.eq(plain[0]["hold_unless_inbound"], False, "a boolean is false, not 0")
    t.eq(plain[0]["owner_id"], srv.rep.id, "an integer as a number")


def test_a_huge_text(t, srv):
    r = srv.rep.get("/api/v1/accounts?limit=500")
    page = strict(t, r, "a page with a long text")
    huge = [a for a in items(page) if a["id"] == srv.huge][0]
    t.eq(huge["need"], HUGE, "a huge text full of escapes, whole")
    t.check(len(r.body) > 2 * len(HUGE), "its escapes all written")
    t.eq(strict(t, srv.rep.get("/api/v1/accounts/%d" % srv.huge), "by id")[4][1], huge["need"],
         "the same by id")


def test_numbers_and_booleans(t, srv):
    deals = items(strict(t, srv.rep.get("/api/v1/deals"), "a page of deals"))
    deal = [d for d in deals if d["id"] == srv.deal][0]
    t.eq(deal["value_cents"], 9007199254740993, "an integer past a double's precision, exact")
    t.eq(deal["title"], AWKWARD, "the title as stored")
    contacts = items(strict(t, srv.rep.get("/api/v1/contacts?account_id=%d" % srv.plain),
                            "a page of contacts"))
    t.eq({c["id"]: c["primary"] for c in contacts}, {srv.primary: True, srv.other: False},
         "booleans as true and false")


def test_a_page_holds_each_record_as_by_id(t, srv):
    for path, ids in (("accounts", (srv.evil, srv.huge, srv.plain)), ("deals", (srv.deal,))):
        page = srv.rep.get("/api/v1/%s?limit=500" % path)
        t.status(page, 200, path)
        for i in ids:
            one = srv.rep.get("/api/v1/%s/%d" % (path, i))
            t.status(one, 200, "%s %d" % (path, i))
            t.check(one.body in page.body, "%s %d: the same text in the page as by id" % (path, i))


def test_cursor_pages_join_up(t, srv):
    whole = items(strict(t, srv.rep.get("/api/v1/accounts?limit=500"), "all at once"))
    got, after = [], 0
    while True:
        page = dict(strict(t, srv.rep.get("/api/v1/accounts?limit=1&after=%d" % after), "one"))
        got += [dict(a) for a in page["items"]]
        if page["next"] is None:
            break
        after = page["next"]
    t.eq(got, whole, "pages of one, cursor after cursor, are the page of all")


def test_reads_without_credentials_refused(t, srv):
    r = Client(srv).get("/api/v1/accounts")
    t.status(r, 401, "no credential")
    t.eq(r.json["error"]["code"], "unauthorized", "says why")
    r = Client(srv, token="rpt_" + "0" * 64).get("/api/v1/accounts/%d" % srv.plain)
    t.status(r, 401, "a token that is no one's")


def test_a_read_with_a_body_refused_before_the_body(t, srv):
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
        s.sendall(b"GET /api/v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Length: 1000000\r\n\r\n")
        first = s.recv(4096)
    t.check(first.startswith(b"HTTP/1.1 401"), "a stranger's read with a body: 401 at once, "
         "without its body (got %r)" % first[:40])


def test_revoked_on_a_kept_connection(t, srv):
    r = srv.rep.post("/api/v1/me/tokens", {})
    t.status(r, 201, "a new token")
    tid, token = r.json["id"], r.json["token"]
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    statuses = []
    for _ in range(3):
        conn.request("GET", "/api/v1/accounts", headers={"Authorization": "Bearer " + token})
        resp = conn.getresponse()
        resp.read()
        statuses.append(resp.status)
    srv.cli("user", "token", "--revoke", str(tid))
    for _ in range(3):
        conn.request("GET", "/api/v1/accounts", headers={"Authorization": "Bearer " + token})
        resp = conn.getresponse()
        resp.read()
        statuses.append(resp.status)
    conn.close()
    t.eq(statuses, [200] * 3 + [401] * 3,
         "on one connection: revoked by another program, refused from the next request")


main([test_escapes_and_text_as_stored, test_fields_in_their_order_with_nulls,
          test_a_huge_text, test_numbers_and_booleans, test_a_page_holds_each_record_as_by_id,
      test_cursor_pages_join_up, test_reads_without_credentials_refused,
      test_a_read_with_a_body_refused_before_the_body, test_revoked_on_a_kept_connection],
     setup)
