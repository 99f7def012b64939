"""GET /accounts/{id}/overview and /deals/{id}/overview: a record with everything that
belongs to it, the same object as `account show` / `deal show --json`, scoped like every
read (another rep's record is 404)."""
import json

from server import book, main


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.other = srv.user("Otto Rep", "otto@example.com", "rep", "south")
    srv.ids = book(srv.rep, "Rita")
    return srv


def test_deal(t, srv):
    r = srv.rep.get("/api/v1/deals/%d/overview" % srv.ids["deals"])
    t.status(r, 200, "deal overview")
    d = r.json
    for key in ("meetings", "agreements", "claims", "statements", "activities", "history"):
        t.eq(len(d.get(key, [])) >= 1, True, "the deal's %s" % key)
    t.eq(d["meetings"][0]["attendees"], [srv.ids["contacts"]], "meetings list their attendees")
    t.eq(sorted(d["score"]["factors"]), ["decision_contact", "decision_date", "trigger",
                                         "urgency", "value"], "the score's factors")
    cli = json.loads(srv.cli("--user", "rita@example.com", "--json", "deal", "show",
                             str(srv.ids["deals"])))
    t.eq(d, cli, "the same object as deal show --json")


def test_account(t, srv):
    r = srv.rep.get("/api/v1/accounts/%d/overview" % srv.ids["accounts"])
    t.status(r, 200, "account overview")
    a = r.json
    for key in ("contacts", "deals", "activities", "statements", "invoices", "history"):
        t.check(key in a, "the account's %s" % key, a.keys())
    t.eq([c["id"] for c in a["contacts"]], [srv.ids["contacts"]], "its contacts")
    cli = json.loads(srv.cli("--user", "rita@example.com", "--json", "account", "show",
                             str(srv.ids["accounts"])))
    t.eq(a, cli, "the same object as account show --json")


def test_scope(t, srv):
    for path in ("/api/v1/deals/%d/overview" % srv.ids["deals"],
                 "/api/v1/accounts/%d/overview" % srv.ids["accounts"]):
        r = srv.other.get(path)
        t.status(r, 404, "another rep's record reads as missing: " + path)
        t.status(srv.client().get(path), 401, "no login: " + path)
    t.status(srv.rep.get("/api/v1/deals/999999/overview"), 404, "a missing deal")
    t.status(srv.admin.get("/api/v1/deals/%d/overview" % srv.ids["deals"]), 200,
             "an admin sees every deal")


main([test_deal, test_account, test_scope], setup)
