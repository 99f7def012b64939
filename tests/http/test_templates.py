"""The draft templates over HTTP: listed, read by kind and style, changed by admins and
managers (a placeholder it cannot fill refused, naming it, and nothing changed), put back
to the default, and used by the agenda's drafts."""
from server import main

T = "/api/v1/templates"


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.manager = srv.user("Max Manager", "max@example.com", "manager", "north")
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    return srv


def put(c, path, body):
    return c.request("PUT", path, body)


def test_list(t, srv):
    r = srv.rep.get(T)
    t.status(r, 200, "GET /templates")
    items = r.json["items"]
    t.eq(len(items), 21, "seven kinds, three styles each")
    t.eq([i["kind"] for i in items[::3]],
         ["followup-missed", "no-show", "meeting-too-short", "payment-late", "checkin-due",
          "thank-you", "push"], "kinds in order")
    t.eq([i["style"] for i in items[:3]], ["direct", "standard", "gentle"], "styles in order")
    t.check(all(not i["custom"] for i in items), "all defaults at first")
    fm = items[1]
    t.check("topic" in fm["placeholders"] and "tried" in fm["placeholders"],
            "followup-missed may quote the topic", fm["placeholders"])
    t.check("invoice" not in fm["placeholders"], "but not an invoice")


def test_read(t, srv):
    r = srv.rep.get(T + "/push")
    t.status(r, 200, "GET /templates/push")
    t.eq(r.json["style"], "standard", "standard by default")
    t.eq(r.json["subject"], "{deal}: may I close the file?", "the push's subject")
    r = srv.rep.get(T + "/no-show?style=gentle")
    t.eq(r.json["style"], "gentle", "?style=gentle")
    t.check("{new_day_1}" in r.json["body"], "two new times", r.json["body"])
    t.status(srv.rep.get(T + "/nope"), 404, "an unknown kind")
    r = srv.rep.get(T + "/push?style=loud")
    t.status(r, 422, "an unknown style")
    t.eq(r.error().get("field"), "style", "names the style")


def test_change(t, srv):
    before = srv.dump()
    r = put(srv.rep, T + "/checkin-due", {"subject": "Hello"})
    t.status(r, 403, "a rep may not change the team's templates")
    r = put(srv.manager, T + "/checkin-due?style=direct", {"body": "Hi {frist_name}"})
    t.status(r, 422, "an unknown placeholder")
    t.check("{frist_name}" in r.error().get("message", ""), "named", r.error())
    t.eq(r.error().get("field"), "body", "in the body")
    r = put(srv.manager, T + "/checkin-due", {"subject": "Invoice {invoice}"})
    t.status(r, 422, "a placeholder check-ins cannot fill")
    t.check("{invoice}" in r.error().get("message", ""), "named", r.error())
    t.status(put(srv.manager, T + "/checkin-due", {}), 400, "nothing to change")
    t.status(put(srv.manager, T + "/checkin-due", {"subject": 3}), 422, "not a string")
    t.status(put(srv.manager, T + "/checkin-due", {"sender": "x"}), 422, "an unknown member")
    t.status(put(srv.manager, T + "/checkin-due", {"subject": "a\nb"}), 422, "two lines")
    t.eq(srv.dump(), before, "refused changes change nothing")

    body = "Grüß dich {first_name},\n\nwie läuft es bei {account}? – ça va ?\n{signature}\n"
    r = put(srv.manager, T + "/checkin-due?style=direct", {"subject": "Kurz nachgefragt",
                                                           "body": body})
    t.status(r, 200, "a manager changes a template")
    t.eq((r.json["custom"], r.json["subject"], r.json["body"]),
         (True, "Kurz nachgefragt", body), "kept as UTF-8")
    r = srv.rep.get(T + "/checkin-due?style=direct")
    t.eq(r.json["body"], body, "read back")
    t.eq(srv.rep.get(T + "/checkin-due").json["custom"], False, "other styles untouched")

    # The agenda's check-in draft for a direct customer now comes from it.
    a = srv.admin
    acc = a.post("/api/v1/accounts", {"name": "Kunde Ölberg", "style": "direct",
                                      "owner_id": srv.admin.id}).json["id"]
    a.post("/api/v1/contacts", {"account_id": acc, "name": "Jürgen Ölberg",
                                "email": "j@oelberg.example", "primary": True})
    d = a.post("/api/v1/deals", {"account_id": acc, "title": "Pumps"}).json["id"]
    a.post("/api/v1/deals/%d/won" % d, {})
    a.post("/api/v1/accounts/%d/checkin" % acc, {"every": 1})
    # A setting another process changes is in the server's next agenda.
    before = a.get("/api/v1/agenda?date=2026-11-30").json
    t.check(all("Ada · Rapport GmbH" not in (i.get("draft") or {}).get("body", "")
                for i in before["items"]), "not signed yet", before)
    srv.cli("config", "set", "draft.signature", "Ada · Rapport GmbH")
    agenda = a.get("/api/v1/agenda?date=2026-11-30").json
    items = [i for i in agenda["items"] if i["kind"] == "checkin-due" and i["account_id"] == acc]
    t.check(len(items) == 1, "one check-in", agenda)
    if items:
        t.eq(items[0]["draft"]["subject"], "Kurz nachgefragt", "the custom subject")
        t.eq(items[0]["draft"]["body"],
             "Grüß dich Jürgen,\n\nwie läuft es bei Kunde Ölberg? – ça va ?\n"
             "Ada · Rapport GmbH\n", "the custom body, filled")
        t.eq(items[0]["draft"]["to"], ["j@oelberg.example"], "to the customer")

    r = srv.manager.delete(T + "/checkin-due?style=direct")
    t.status(r, 200, "DELETE puts the default back")
    t.eq(r.json["custom"], False, "the default")
    t.eq(r.json["subject"], "Checking in", "the default subject")
    t.status(srv.rep.delete(T + "/checkin-due"), 403, "not for a rep")


def test_openapi(t, srv):
    doc = srv.rep.get("/api/v1/openapi.json").json
    paths = doc["paths"]
    t.check("get" in paths.get(T, {}), "GET /templates listed")
    for m in ("get", "put", "delete"):
        t.check(m in paths.get(T + "/{name}", {}), "%s /templates/{name} listed" % m.upper())
    t.check("Template" in doc["components"]["schemas"], "the Template schema")


main([test_list, test_read, test_change, test_openapi], setup)
