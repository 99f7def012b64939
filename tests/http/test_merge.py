"""Merging duplicates over the API: POST /accounts/{id}/merge and /contacts/{id}/merge
{"into": ID} do what `rapport account merge` and `contact merge` do, answer the record kept,
and change nothing for a wrong id, a record into itself, or a record the caller does not
see. The server's clock is 2026-11-23 09:00 UTC."""
from server import book, created, main


def setup(srv):
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.other = srv.user("Otto Other", "otto@example.com", "rep", "south")
    srv.ids = book(srv.rep, "Rita")
    srv.theirs = book(srv.other, "Otto")
    return srv


def test_refused(t, srv):
    c, ids = srv.rep, srv.ids
    dup = created(c.post("/api/v1/accounts", {"name": "Rita GmbH"}), "account")
    before = srv.dump()
    for body, status, what in (({"into": dup}, 422, "into itself"),
                               ({"into": 99999}, 404, "an unknown account"),
                               ({"into": srv.theirs["accounts"]}, 404, "another rep's account"),
                               ({"into": "x"}, 422, "into not an id"),
                               ({}, 422, "no into")):
        t.status(c.post("/api/v1/accounts/%d/merge" % dup, body), status, what)
    t.status(c.post("/api/v1/accounts/%d/merge" % srv.theirs["accounts"],
                    {"into": ids["accounts"]}), 404, "merging another rep's account")
    t.eq(srv.dump(), before, "refused merges change nothing")
    t.status(c.post("/api/v1/accounts/%d/merge" % dup, {"into": ids["accounts"]}), 200,
             "the duplicate merged")


def test_account(t, srv):
    c, ids = srv.rep, srv.ids
    dup = created(c.post("/api/v1/accounts", {"name": "Rita GmbH", "need": "fewer forms"}),
                  "account")
    who = created(c.post("/api/v1/contacts", {"account_id": dup, "name": "Rolf",
                                              "email": "rolf@customer.example"}), "contact")
    deal = created(c.post("/api/v1/deals", {"account_id": dup, "title": "Forms"}), "deal")
    r = c.post("/api/v1/accounts/%d/merge" % dup, {"into": ids["accounts"]})
    t.status(r, 200, "merged")
    t.eq((r.json["id"], r.json["need"], r.json["urgency"]), (ids["accounts"], "fewer forms",
                                                             "high"),
         "the record kept, its empty need filled, its urgency kept")
    t.status(c.get("/api/v1/accounts/%d" % dup), 404, "the duplicate is gone")
    t.eq(c.get("/api/v1/contacts/%d" % who).json["account_id"], ids["accounts"],
         "its contact moved")
    t.eq(c.get("/api/v1/deals/%d" % deal).json["account_id"], ids["accounts"], "its deal moved")

    r = c.post("/api/v1/contacts/%d/merge" % who, {"into": ids["contacts"]})
    t.status(r, 200, "contacts merged")
    t.eq(r.json["id"], ids["contacts"], "the contact kept")
    t.status(c.get("/api/v1/contacts/%d" % who), 404, "the duplicate contact is gone")


main([test_refused, test_account], setup)
