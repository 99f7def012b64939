"""The collections (create, read, list with filters and cursor, patch, delete), every action
route, the agenda, and text that looks like SQL or HTML kept verbatim."""
import json
import os
import subprocess
import time
import urllib.parse

from server import EVIL, PASSWORD, TODAY, book, created, main

HERE = os.path.dirname(os.path.abspath(__file__))

# A valid body of each collection (ids filled in) and a change to make with PATCH.
CREATES = [
    ("accounts", lambda i: {"name": "Acme GmbH", "industry": "logistics", "trigger": "moving",
                            "need": "a bigger fleet", "urgency": "medium", "style": "direct",
                            "risk": "low", "provider": "OldCo", "contract_ends": "2027-01-31",
                            "binding": "yes"},
     {"need": "two more vans", "status": "former"}),
    ("contacts", lambda i: {"account_id": i["accounts"], "name": "Eva Example",
                            "title": "COO", "email": "eva@acme.example", "phone": "+49 30 1",
                            "role": "decision-maker", "primary": True},
     {"title": "CEO", "role": "veto"}),
    ("deals", lambda i: {"account_id": i["accounts"], "title": "Fleet 2027",
                         "value_cents": 4500000, "currency": "eur", "stage": "qualified",
                         "decision_by": "2026-12-15", "decision_process": "board",
                         "competitor": "Rival AG"},
     {"value_cents": 5000000, "decision_by": None}),
    ("activities", lambda i: {"deal_id": i["deals"], "contact_id": i["contacts"],
                              "kind": "call", "direction": "in", "outcome": "connected",
                              "at": "2026-11-22T15:30:00Z", "text": "asked for a quote"},
     {"outcome": "replied", "text": "asked for two quotes"}),
    ("agreements", lambda i: {"deal_id": i["deals"], "contact_id": i["contacts"],
                              "due_on": "2026-11-27", "note": "speak again on Friday"},
     {"due_on": "2026-11-30"}),
    ("meetings", lambda i: {"deal_id": i["deals"], "at": "2026-11-25T13:00:00Z",
                            "minutes": 45, "kind": "discovery", "attendees": [i["contacts"]]},
     {"minutes": 60, "kind": "demo"}),
    ("claims", lambda i: {"deal_id": i["deals"], "contact_id": i["contacts"],
                          "text": "we must stay with OldCo until January"},
     {"note": "contract seen: ends 31 January"}),
    ("statements", lambda i: {"deal_id": i["deals"], "contact_id": i["contacts"],
                              "text": "we deliver within five working days",
                              "at": "2026-11-20T10:00:00Z"},
     {"text": "we deliver within five working days, in Berlin"}),
    ("invoices", lambda i: {"account_id": i["accounts"], "number": "2026-001",
                            "amount_cents": 120050, "currency": "EUR", "due_on": "2026-11-30"},
     {"amount_cents": 120000}),
]


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.session = srv.login("rita@example.com")
    return srv


def expect_fields(t, rec, body, what):
    for k, v in body.items():
        if k == "attendees":
            continue
        want = v.upper() if k == "currency" else v
        t.eq(rec.get(k), want, "%s: %s as given" % (what, k))


def bare(rec):
    """A record as read without what a read adds (a contact's track record)."""
    rec = dict(rec)
    rec.pop("track_record", None)
    return rec


def test_crud(t, srv):
    """Every collection through a cookie session (with its CSRF token)."""
    s, ids = srv.session, {}
    for coll, make, change in CREATES:
        body = make(ids)
        r = s.post("/api/v1/" + coll, body)
        if not t.status(r, 201, "create " + coll):
            return
        rec = r.json
        ids[coll] = rec["id"]
        expect_fields(t, rec, body, "create " + coll)
        r = s.get("/api/v1/%s/%d" % (coll, ids[coll]))
        t.status(r, 200, "read " + coll)
        t.eq(bare(r.json), rec, "read %s answers what create did" % coll)
        r = s.get("/api/v1/" + coll)
        t.status(r, 200, "list " + coll)
        t.check(rec in r.json["items"], "the list of %s has it" % coll)
        t.eq(r.json["next"], None, "one page of " + coll)
        r = s.patch("/api/v1/%s/%d" % (coll, ids[coll]), change)
        t.status(r, 200, "patch " + coll)
        expect_fields(t, r.json, change, "patch " + coll)
        t.eq(bare(s.get("/api/v1/%s/%d" % (coll, ids[coll])).json), r.json,
             "patch %s kept" % coll)
    t.eq(s.get("/api/v1/accounts/%d" % ids["accounts"]).json["owner_id"], srv.session.id,
         "a new account is its creator's")
    t.eq(s.get("/api/v1/meetings/%d" % ids["meetings"]).json["account_id"], ids["accounts"],
         "a meeting gets its deal's account")
    r = s.delete("/api/v1/accounts/%d" % ids["accounts"])
    t.status(r, 409, "an account with dependents is not deleted")
    for coll, _, _ in reversed(CREATES):
        if coll in ("accounts", "deals"):
            continue
        r = s.delete("/api/v1/%s/%d" % (coll, ids[coll]))
        t.status(r, 200, "delete " + coll)
        t.eq(r.json, {"id": ids[coll], "deleted": True}, "delete %s answers" % coll)
        t.status(s.get("/api/v1/%s/%d" % (coll, ids[coll])), 404, "deleted %s is gone" % coll)
        t.status(s.delete("/api/v1/%s/%d" % (coll, ids[coll])), 404, "deleted twice: " + coll)
    r = s.delete("/api/v1/accounts/%d?force=true" % ids["accounts"])
    t.status(r, 200, "delete an account with its deal (force)")
    t.status(s.get("/api/v1/deals/%d" % ids["deals"]), 404, "its deal went with it")


def test_users(t, srv):
    body = {"name": "Nina New", "email": "nina@example.com", "role": "manager",
            "team": "north", "password": "nina's long password"}
    r = srv.admin.post("/api/v1/users", body)
    t.status(r, 201, "an admin adds a user")
    u = r.json
    t.check("password" not in u and "password_hash" not in u, "no password in the answer", u)
    t.eq((u["name"], u["email"], u["role"], u["team"], u["disabled"]),
         ("Nina New", "nina@example.com", "manager", "north", False), "the user")
    t.eq(srv.admin.get("/api/v1/users/%d" % u["id"]).json, u, "read the user")
    r = srv.admin.get("/api/v1/users?role=manager")
    t.eq([x["email"] for x in r.json["items"]], ["nina@example.com"], "users filtered by role")
    r = srv.rep.get("/api/v1/users")
    t.status(r, 200, "a rep lists the team's logins")
    t.check(all("password" not in x for x in r.json["items"]), "without passwords")
    r = srv.admin.patch("/api/v1/users/%d" % u["id"], {"team": "south", "name": "Nina N."})
    t.eq((r.status, r.json.get("team")), (200, "south"), "an admin changes a user")
    r = srv.client().post("/api/v1/login", {"email": "nina@example.com",
                                            "password": "nina's long password"})
    t.status(r, 200, "the new user logs in with the password given")
    r = srv.admin.patch("/api/v1/users/%d" % u["id"], {"password": "x" * 10})
    t.status(r, 422, "a password is not a field to patch")
    r = srv.admin.delete("/api/v1/users/%d" % u["id"])
    t.status(r, 200, "an admin deletes a user")
    t.status(srv.admin.get("/api/v1/users/%d" % u["id"]), 404, "the user is gone")


def test_list_cursor_and_filters(t, srv):
    c = srv.rep
    made = [created(c.post("/api/v1/accounts", {"name": "Page %d" % n,
                                                "urgency": "high" if n % 2 else "low"}),
                    "account") for n in range(7)]
    seen, after, pages = [], 0, 0
    while True:
        r = c.get("/api/v1/accounts?limit=3&after=%d" % after)
        t.status(r, 200, "a page")
        items = r.json["items"]
        t.check(len(items) <= 3, "at most limit items")
        seen += [a["id"] for a in items]
        pages += 1
        if r.json["next"] is None:
            break
        t.eq(r.json["next"], items[-1]["id"], "next is the last id of the page")
        after = r.json["next"]
        if pages > 20:
            break
    everything = [a["id"] for a in c.get("/api/v1/accounts?limit=500").json["items"]]
    t.eq(seen, everything, "the pages together are the whole list, in order, once each")
    t.check(set(made) <= set(seen), "every account made is there")
    r = c.get("/api/v1/accounts?urgency=high&limit=500")
    t.check(r.json["items"] and all(a["urgency"] == "high" for a in r.json["items"]),
            "filter on an enum")
    t.check({m for i, m in enumerate(made) if i % 2} <= {a["id"] for a in r.json["items"]},
            "every high-urgency account is found")
    r = c.get("/api/v1/accounts?name=" + urllib.parse.quote("Page 3"))
    t.eq([a["id"] for a in r.json["items"]], [made[3]], "filter on a name")
    acc = made[0]
    ct = created(c.post("/api/v1/contacts", {"account_id": acc, "name": "Primary P",
                                             "primary": True}), "contact")
    created(c.post("/api/v1/contacts", {"account_id": acc, "name": "Second S"}), "contact")
    r = c.get("/api/v1/contacts?account_id=%d&primary=yes" % acc)
    t.eq([x["id"] for x in r.json["items"]], [ct], "two filters, one a boolean")
    r = c.get("/api/v1/contacts?account_id=%d&primary=true" % acc)
    t.eq([x["id"] for x in r.json["items"]], [ct], "a boolean filter as true")
    r = c.get("/api/v1/contacts?account_id=abc")
    t.status(r, 422, "a filter value the field does not take")


def start_sink(srv):
    out = os.path.join(srv.dir, "mail.jsonl")
    sink = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "..", "cli", "smtp_sink.py"),
                             out, "accept"], stdout=subprocess.PIPE, text=True)
    port = int(sink.stdout.readline())
    srv.cli("config", "set", "smtp.url", "smtp://127.0.0.1:%d" % port)
    srv.cli("config", "set", "smtp.from", "rita@example.com")
    return sink, out


def mails(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f]


def test_deal_actions(t, srv):
    c = srv.rep
    ids = book(c, "Push")
    d = ids["deals"]
    r = c.post("/api/v1/deals/%d/push" % d, {"mode": "draft"})
    t.status(r, 200, "push draft")
    t.eq(r.json.get("to"), ["push@customer.example"], "the draft goes to the primary contact")
    t.check("Push fleet" in r.json.get("subject", ""), "the draft names the deal", r.json)
    r = c.post("/api/v1/deals/%d/push" % d, {"mode": "record"})
    t.status(r, 201, "push record")
    t.eq((r.json.get("mode"), r.json.get("outcome"), r.json.get("deal_id")),
         ("record", "pending", d), "the push record")
    t.status(c.post("/api/v1/deals/%d/push" % d, {"mode": "record"}), 409, "pushed twice")
    r = c.post("/api/v1/deals/%d/push-outcome" % d, {"outcome": "revived", "note": "wait!"})
    t.status(r, 200, "push-outcome revived")
    t.eq(r.json.get("stage"), "proposal", "a revived deal stays open")
    sink, out = start_sink(srv)
    try:
        r = c.post("/api/v1/deals/%d/push" % d, {"mode": "send"})
        t.status(r, 201, "push send")
        t.eq(r.json.get("mode"), "send", "recorded as sent")
        for _ in range(100):
            if mails(out):
                break
            time.sleep(0.05)
        sent = mails(out)
        t.eq(len(sent), 1, "one message reached the SMTP server")
        t.check(sent and "push@customer.example" in sent[0]["rcpt_tos"], "to the contact")
        r = c.post("/api/v1/deals/%d/push" % d, {"mode": "send"})
        t.status(r, 409, "a second send while one is pending")
        time.sleep(0.2)
        t.eq(len(mails(out)), 1, "and nothing more was sent")
    finally:
        sink.terminate()
        sink.wait()
    r = c.post("/api/v1/deals/%d/push-outcome" % d, {"outcome": "informed", "reason": "price",
                                                     "competitor": "Cheapo"})
    t.status(r, 200, "push-outcome informed")
    t.eq((r.json.get("stage"), r.json.get("close_reason"), r.json.get("competitor")),
         ("lost", "price", "Cheapo"), "informed closes it lost")
    r = c.post("/api/v1/deals/%d/stage" % d, {"stage": "negotiation", "reason": "back"})
    t.status(r, 200, "stage reopens a lost deal")
    t.eq(r.json.get("stage"), "negotiation", "the new stage")
    r = c.post("/api/v1/deals/%d/hold" % d, {"until": "2026-12-01", "reason": "budget"})
    t.status(r, 200, "deal hold")
    t.eq((r.json.get("hold_until"), r.json.get("hold_reason")), ("2026-12-01", "budget"),
         "the hold")
    r = c.post("/api/v1/deals/%d/hold" % d, {})
    t.eq((r.status, r.json.get("hold_until")), (200, None), "hold without until lifts it")
    r = c.post("/api/v1/deals/%d/won" % d, {"note": "signed"})
    t.status(r, 200, "won")
    t.eq(r.json.get("stage"), "won", "the deal is won")
    t.eq(c.get("/api/v1/accounts/%d" % ids["accounts"]).json["status"], "customer",
         "its account is a customer")
    t.status(c.post("/api/v1/deals/%d/won" % d, {}), 409, "won twice")
    for verb, body, stage in (("lost", {"reason": "support", "competitor": "Big Co"}, "lost"),
                              ("no-decision", {"note": "they froze it"}, "no-decision")):
        deal = created(c.post("/api/v1/deals", {"account_id": ids["accounts"],
                                                "title": verb + " deal"}), "deal")
        r = c.post("/api/v1/deals/%d/%s" % (deal, verb), body)
        t.status(r, 200, verb)
        t.eq(r.json.get("stage"), stage, verb + " closes the deal")
    deal = created(c.post("/api/v1/deals", {"account_id": ids["accounts"], "title": "x"}),
                   "deal")
    r = c.post("/api/v1/deals/%d/lost" % deal, {})
    t.status(r, 400, "lost needs a reason")
    r = c.post("/api/v1/deals/%d/push-outcome" % deal, {"outcome": "ignored"})
    t.status(r, 409, "no pending push to answer")


def test_other_actions(t, srv):
    c = srv.rep
    ids = book(c, "Acts")
    a, m = ids["accounts"], ids["meetings"]
    r = c.post("/api/v1/accounts/%d/hold" % a, {"until": "2026-12-10", "unless_inbound": True,
                                                "reason": "not before the 10th"})
    t.status(r, 200, "account hold")
    t.eq((r.json.get("hold_until"), r.json.get("hold_unless_inbound"),
          r.json.get("hold_reason")), ("2026-12-10", True, "not before the 10th"), "the hold")
    r = c.post("/api/v1/accounts/%d/checkin" % a, {"every": 30})
    t.eq((r.status, r.json.get("checkin_days")), (200, 30), "checkin")
    r = c.post("/api/v1/meetings/%d/reschedule" % m, {"at": "2026-11-26T09:00:00Z",
                                                      "minutes": 90})
    t.status(r, 200, "reschedule")
    new = r.json
    t.check(new.get("id") != m, "reschedule answers the new meeting")
    t.eq((new.get("at"), new.get("minutes"), new.get("kind"), new.get("status")),
         ("2026-11-26T09:00:00Z", 90, "demo", "planned"), "the new meeting")
    t.eq(c.get("/api/v1/meetings/%d" % m).json["status"], "rescheduled", "the old one")
    for verb, status in (("held", "held"), ("no-show", "no-show"), ("cancel", "cancelled")):
        mid = created(c.post("/api/v1/meetings", {"deal_id": ids["deals"], "kind": "follow-up",
                                                  "at": "2026-11-20T09:00:00Z", "force": True,
                                                  "minutes": 30}), "meeting")
        r = c.post("/api/v1/meetings/%d/%s" % (mid, verb), {})
        t.eq((r.status, r.json.get("status")), (200, status), "meeting " + verb)
        t.status(c.post("/api/v1/meetings/%d/%s" % (mid, verb), {}), 409, verb + " twice")
    for verb, status in (("verify", "verified"), ("clarify", "clarified"),
                         ("contradict", "contradicted")):
        cid = created(c.post("/api/v1/claims", {"deal_id": ids["deals"],
                                                "text": "claim to " + verb}), "claim")
        r = c.post("/api/v1/claims/%d/%s" % (cid, verb), {"note": "seen: " + verb})
        t.eq((r.status, r.json.get("status"), r.json.get("note")), (200, status,
                                                                    "seen: " + verb),
             "claim " + verb)
    r = c.post("/api/v1/invoices/%d/paid" % ids["invoices"], {"on": "2026-11-20"})
    t.eq((r.status, r.json.get("paid_on")), (200, "2026-11-20"), "invoice paid")
    t.status(c.post("/api/v1/invoices/%d/paid" % ids["invoices"], {}), 409, "paid twice")
    inv = created(c.post("/api/v1/invoices", {"account_id": a, "amount_cents": 100,
                                              "due_on": "2026-11-30"}), "invoice")
    r = c.post("/api/v1/invoices/%d/paid" % inv, {})
    t.eq((r.status, r.json.get("paid_on")), (200, TODAY), "paid today by default")


def test_agenda(t, srv):
    c = srv.user("Ann Agenda", "ann@example.com", "rep", "north")
    ids = book(c, "Today", day=TODAY)
    created(c.post("/api/v1/invoices", {"account_id": ids["accounts"], "amount_cents": 9900,
                                        "due_on": "2026-11-01"}), "invoice")
    created(c.post("/api/v1/meetings", {"deal_id": ids["deals"], "at": "2026-11-24T09:00:00Z",
                                        "minutes": 60, "kind": "intro"}), "meeting")
    created(c.post("/api/v1/agreements", {"deal_id": ids["deals"], "due_on": "2026-11-24"}),
            "agreement")
    r = c.get("/api/v1/agenda")
    t.status(r, 200, "agenda")
    a = r.json
    t.eq(a.get("date"), TODAY, "today, by the server's clock")
    kinds = [i["kind"] for i in a.get("items", [])]
    t.check("meeting" in kinds, "the agenda has the meeting", kinds)
    # The claim waits for the meeting; the payment rests after today's call. A week on, the
    # meetings ask how they went, and both come back.
    later = [i["kind"] for i in c.get("/api/v1/agenda?date=2026-12-01").json["items"]]
    for kind in ("meeting-outcome", "payment-late", "verify-claim"):
        t.check(kind in later, "a week later the agenda has " + kind, later)
    item = next((i for i in a["items"] if i["kind"] == "meeting"), {})
    t.eq((item.get("deal_id"), item.get("account"), item.get("deal")),
         (ids["deals"], "Today GmbH", "Today fleet"), "a meeting item names its deal")
    t.check(all(i["account_id"] == ids["accounts"] for i in a["items"]),
            "only this rep's accounts", a)
    r = c.get("/api/v1/agenda?date=2026-11-24")
    t.eq(r.json.get("date"), "2026-11-24", "agenda of another day")
    kinds = [i["kind"] for i in r.json["items"]]
    t.check("meeting" in kinds and "followup-due" in kinds, "tomorrow's meeting and follow-up",
            kinds)
    r = c.get("/api/v1/agenda?days=3")
    t.eq((r.json.get("from"), r.json.get("days")), (TODAY, 3), "several days")
    t.check({i["date"] for i in r.json["items"]} >= {TODAY, "2026-11-24"}, "day by day")


def text_fields(schema):
    """The members of a create or patch schema that are free text."""
    out = []
    for name, s in schema["properties"].items():
        types = s.get("type")
        types = types if isinstance(types, list) else [types]
        if "string" in types and not ({"format", "enum", "pattern"} & set(s)):
            out.append(name)
    return out


def test_verbatim(t, srv):
    """SQL and HTML in every text field come back exactly as sent."""
    c = srv.rep
    schemas = srv.client().get("/api/v1/openapi.json").json["components"]["schemas"]
    ids = book(c, "Verbatim")
    checked = 0
    for coll, make, _ in CREATES:
        name = {"activities": "Activity"}.get(coll, coll[:-1].capitalize())
        body = make(ids)
        fields = text_fields(schemas[name + "Create"])
        for f in fields:
            body[f] = EVIL + " " + f
        r = c.post("/api/v1/" + coll, body)
        if not t.status(r, 201, "create %s with SQL and HTML in %s" % (coll, fields)):
            continue
        rec_id = r.json["id"]
        got = bare(c.get("/api/v1/%s/%d" % (coll, rec_id)).json)
        for f in fields:
            t.eq(got.get(f), EVIL + " " + f, "%s.%s verbatim" % (coll, f))
            checked += 1
        listed = c.get("/api/v1/%s?limit=500" % coll).json["items"]
        t.check(got in listed, "listed verbatim: " + coll)
        if "name" in fields:
            q = urllib.parse.quote(EVIL + " name")
            r = c.get("/api/v1/%s?name=%s" % (coll, q))
            t.eq([x["id"] for x in r.json.get("items", [])], [rec_id],
                 "filter %s by the evil name" % coll)
        patch = {f: EVIL + " patched" for f in text_fields(schemas[name + "Patch"])}
        if patch:
            r = c.patch("/api/v1/%s/%d" % (coll, rec_id), patch)
            t.status(r, 200, "patch %s with SQL and HTML" % coll)
            for f in patch:
                t.eq(r.json.get(f), EVIL + " patched", "%s.%s patched verbatim" % (coll, f))
    t.check(checked >= 12, "many text fields were tried (%d)" % checked)
    r = c.post("/api/v1/claims/%d/clarify" % ids["claims"], {"note": EVIL})
    t.eq(r.json.get("note"), EVIL, "an action's note verbatim")
    r = srv.admin.post("/api/v1/users", {"name": EVIL, "email": "evil@example.com",
                                         "role": "rep", "team": EVIL, "password": PASSWORD})
    t.eq((r.status, r.json.get("name"), r.json.get("team")), (201, EVIL, EVIL),
         "a user's name and team verbatim")
    t.status(c.get("/api/v1/accounts?limit=500"), 200, "the accounts table is still there")


main([test_crud, test_users, test_list_cursor_and_filters, test_deal_actions,
      test_other_actions, test_agenda, test_verbatim], setup)
