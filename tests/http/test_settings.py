"""The team's settings over HTTP (GET and PUT /settings): listed with their defaults and
help, the server's own (smtp.*, server.*, audit.*) neither shown nor changed, changed by
admins and managers (a rep gets 403), several at once or none, and used at once (the
signature in drafts, the working days). And new API tokens (POST /me/tokens): shown once,
listed, working, expiring, revocable."""
from server import Client, main

S = "/api/v1/settings"


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.manager = srv.user("Max Manager", "max@example.com", "manager", "north")
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    return srv


def put(c, body):
    return c.request("PUT", S, body)


def values(resp):
    return {i["key"]: i["value"] for i in resp.json["items"]}


def test_list(t, srv):
    srv.cli("config", "set", "smtp.url", "smtp://127.0.0.1:2525")
    r = srv.rep.get(S)
    t.status(r, 200, "a rep reads the settings")
    keys = [i["key"] for i in r.json["items"]]
    for k in ("workdays", "holidays", "draft.signature", "draft.locale", "draft.sender", "tz"):
        t.check(k in keys, "lists " + k, keys)
    t.check(not any(k.startswith(("smtp.", "server.", "audit.")) for k in keys),
            "never the server's own settings", keys)
    wd = [i for i in r.json["items"] if i["key"] == "workdays"][0]
    t.eq((wd["value"], wd["default"]), ("mon-fri", "mon-fri"), "a value and its default")
    t.check(wd["help"], "with its help")
    t.status(Client(srv).get(S), 401, "not without a login")


def test_change(t, srv):
    r = put(srv.manager, {"draft.signature": "Max\nACME Sales", "workdays": "mon-thu",
                          "holidays": "2026-12-24,2026-12-31"})
    t.status(r, 200, "a manager changes three settings")
    v = values(r)
    t.eq((v["draft.signature"], v["workdays"], v["holidays"]),
         ("Max\nACME Sales", "mon-thu", "2026-12-24,2026-12-31"), "the answer has them")
    t.eq(srv.cli("config", "get", "workdays").strip(), "mon-thu", "the command line sees it")
    t.eq(values(srv.rep.get(S))["draft.signature"], "Max\nACME Sales", "and so does a rep")
    r = put(srv.admin, {"workdays": None})
    t.status(r, 200, "null restores the default")
    t.eq(values(r)["workdays"], "mon-fri", "back to mon-fri")


def test_refusals(t, srv):
    before = values(srv.admin.get(S))
    r = put(srv.rep, {"draft.signature": "Rita"})
    t.status(r, 403, "a rep may not change the team's settings")
    r = put(srv.admin, {"draft.locale": "en-GB", "workdays": "sometimes"})
    t.status(r, 422, "one bad value")
    t.eq(r.error().get("field"), "workdays", "names the setting")
    r = put(srv.admin, {"draft.locale": "en-GB", "smtp.url": "smtp://evil.example:25"})
    t.status(r, 422, "the server's own settings are not the API's")
    t.eq(r.error().get("field"), "smtp.url", "names it")
    t.eq(srv.cli("config", "get", "smtp.url").strip(), "smtp://127.0.0.1:2525", "unchanged")
    t.status(put(srv.admin, {"draft.locale": 7}), 422, "a number is not a setting's value")
    t.status(put(srv.admin, {"nope": "x"}), 422, "an unknown setting")
    t.status(put(srv.admin, {}), (400, 422), "nothing to change")
    t.status(srv.admin.request("PUT", S, raw=b"[1]"), 400, "not an object")
    t.eq(values(srv.admin.get(S)), before, "nothing changed, not even the good half")


def test_signature_in_drafts(t, srv):
    put(srv.admin, {"draft.signature": "Yours, the North team"})
    acc = srv.rep.post("/api/v1/accounts", {"name": "Sig GmbH"}).json["id"]
    srv.rep.post("/api/v1/contacts", {"account_id": acc, "name": "Sue", "email": "sue@x.example",
                                      "role": "decision-maker", "primary": True})
    deal = srv.rep.post("/api/v1/deals", {"account_id": acc, "title": "Sig deal",
                                          "stage": "proposal", "value_cents": 100000}).json["id"]
    r = srv.rep.post("/api/v1/deals/%d/push" % deal, {"mode": "draft"})
    t.status(r, 200, "a push draft")
    t.check("Yours, the North team" in r.json.get("body", ""), "signed as set", r.json)


def test_new_token(t, srv):
    r = srv.rep.post("/api/v1/me/tokens")
    t.status(r, 201, "a rep makes a token")
    tok = r.json
    t.check(tok["token"].startswith("rpt_") and tok["active"], "shown once, active", tok)
    t.eq(tok["user_id"], srv.rep.id, "the caller's")
    listed = srv.rep.get("/api/v1/me/tokens").json["items"]
    t.check(any(i["id"] == tok["id"] and "token" not in i for i in listed),
            "listed, without the token", listed)
    c = Client(srv, token=tok["token"])
    t.eq(c.get("/api/v1/me").json["user"]["email"], "rita@example.com", "it works")
    r = srv.rep.post("/api/v1/me/tokens", {"expires": "2026-12-31"})
    t.status(r, 201, "with an expiry day")
    t.check(r.json["expires_at"].startswith("2026-12-31"), "expires then", r.json)
    t.status(srv.rep.post("/api/v1/me/tokens", {"expires": "2020-01-01"}), 422, "in the past")
    t.status(srv.rep.post("/api/v1/me/tokens", {"expires": "soon"}), 422, "not a day")
    t.status(srv.rep.post("/api/v1/me/tokens", {"user_id": srv.admin.id}), 422,
             "only for oneself")
    t.eq(len(srv.rep.get("/api/v1/me/tokens").json["items"]), len(listed) + 1,
         "the refused ones made nothing")
    t.status(srv.rep.delete("/api/v1/me/tokens/%d" % tok["id"]), 200, "revoked")
    t.status(c.get("/api/v1/me"), 401, "and it stops working")


main([test_list, test_change, test_refusals, test_signature_in_drafts, test_new_token], setup)
