"""The role matrix: two reps of two teams, the manager of the first team and an admin, each
trying every record route on records that are not theirs. A record the caller may not see
answers 404 exactly like a missing one, one they may see but not change 403; either way the
database is left as it was. Ids inside bodies are checked the same way."""
from server import book, main

# A change each collection takes, and a body each action takes: real changes, so that a
# hole in the scope would show in the database.
PATCHES = {"accounts": {"name": "hijacked"}, "contacts": {"name": "hijacked"},
           "deals": {"title": "hijacked"}, "activities": {"text": "hijacked"},
           "agreements": {"note": "hijacked"}, "meetings": {"minutes": 15},
           "claims": {"text": "hijacked"}, "statements": {"text": "hijacked"},
           "invoices": {"number": "hijacked"}, "users": {"name": "hijacked"}}
ACTIONS = {"push": {"mode": "record"}, "push-outcome": {"outcome": "ignored"},
           "won": {}, "lost": {"reason": "price"}, "no-decision": {},
           "stage": {"stage": "negotiation"}, "hold": {"until": "2026-12-20"},
           "checkin": {"every": 7}, "held": {}, "no-show": {}, "cancel": {},
           "reschedule": {"at": "2026-12-01T10:00:00Z"}, "verify": {"note": "x"},
           "clarify": {"note": "x"}, "contradict": {"note": "x"}, "paid": {},
           "promise": {"on": "2026-12-20"}, "merge": {"into": 1}}


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "south")
    srv.manager = srv.user("Mona Manager", "mona@example.com", "manager", "north")
    for c, role, team in ((srv.admin, "admin", "north"), (srv.rep1, "rep", "north"),
                          (srv.rep2, "rep", "south"), (srv.manager, "manager", "north")):
        c.role, c.team = role, team
    srv.rep1.book = book(srv.rep1, "Rita", day="2026-11-23")
    srv.rep2.book = book(srv.rep2, "Otto", day="2026-11-23")
    srv.actors = [srv.rep1, srv.rep2, srv.manager, srv.admin]
    srv.routes = record_routes(srv)
    return srv


def record_routes(srv):
    """(method, pattern) of every route about one record, from the server's own list."""
    doc = srv.client().get("/api/v1/openapi.json").json
    return [(m.upper(), p) for p, item in doc["paths"].items() if "{id}" in p
            for m in item]


def visible(actor, owner):
    return (actor is owner or actor.role == "admin" or
            (actor.role == "manager" and actor.team == owner.team))


def call(actor, method, pattern, ident):
    path = pattern.replace("{id}", str(ident))
    coll = pattern.split("/")[3]
    verb = pattern.split("/")[-1]
    if method == "GET":
        return actor.get(path)
    if method == "DELETE":
        return actor.delete(path + "?force=true")
    if method == "PATCH":
        return actor.patch(path, PATCHES[coll])
    return actor.post(path, ACTIONS[verb])


def test_invisible(t, srv):
    """Every record route on a record the actor may not see: 404, and nothing changes."""
    before = srv.dump()
    tried = 0
    for actor in srv.actors:
        for owner in (srv.rep1, srv.rep2):
            if visible(actor, owner):
                continue
            for method, pattern in srv.routes:
                coll = pattern.split("/")[3]
                if coll in ("users", "me"):  # tokens: test_tokens.py
                    continue
                r = call(actor, method, pattern, owner.book[coll])
                tried += 1
                t.status(r, 404, "%s %s %s of %s" % (actor.user["name"], method, pattern,
                                                     owner.user["name"]))
                t.eq(r.error().get("code"), "not_found", "the 404 is a plain not found")
    t.check(tried >= 3 * 40, "the matrix covered the routes (%d calls)" % tried)
    t.eq(srv.dump(), before, "the database is unchanged")


def test_visible_reads(t, srv):
    """What a manager sees of the team and an admin of everyone reads 200."""
    for actor in (srv.manager, srv.admin):
        for owner in (srv.rep1, srv.rep2):
            if not visible(actor, owner):
                continue
            for coll, ident in owner.book.items():
                r = actor.get("/api/v1/%s/%d" % (coll, ident))
                t.status(r, 200, "%s reads %s's %s" % (actor.user["name"],
                                                       owner.user["name"], coll))


def test_visible_changes(t, srv):
    """The manager changes the team's records; the admin anyone's."""
    r = srv.manager.patch("/api/v1/deals/%d" % srv.rep1.book["deals"], {"title": "Rita fleet+"})
    t.status(r, 200, "the manager edits a deal of the team")
    r = srv.admin.patch("/api/v1/deals/%d" % srv.rep2.book["deals"], {"title": "Otto fleet+"})
    t.status(r, 200, "the admin edits any deal")


def test_users_not_changeable(t, srv):
    """Users are visible to every login but only an admin changes them: 403."""
    before = srv.dump()
    for actor in (srv.rep1, srv.rep2, srv.manager):
        for target in (srv.admin, srv.rep1, srv.rep2):
            for method, pattern in srv.routes:
                if pattern.split("/")[3] != "users":
                    continue
                r = call(actor, method, pattern, target.id)
                want = 200 if method == "GET" else 403
                t.status(r, want, "%s %s user %s" % (actor.user["name"], method,
                                                     target.user["name"]))
        r = actor.post("/api/v1/users", {"name": "x", "email": "x@example.com", "role": "admin",
                                         "password": "long enough password"})
        t.status(r, 403, actor.user["name"] + " adds a user")
    t.eq(srv.dump(), before, "the database is unchanged")


def test_lists_are_scoped(t, srv):
    for actor in srv.actors:
        for coll in srv.rep1.book:
            items = actor.get("/api/v1/%s?limit=500" % coll).json["items"]
            ids = {x["id"] for x in items}
            for owner in (srv.rep1, srv.rep2):
                t.eq(owner.book[coll] in ids, visible(actor, owner),
                     "%s's list of %s shows %s's" % (actor.user["name"], coll,
                                                     owner.user["name"]))
    r = srv.rep1.get("/api/v1/contacts?account_id=%d" % srv.rep2.book["accounts"])
    t.eq(r.json["items"], [], "a filter on someone else's account finds nothing")
    r = srv.rep1.get("/api/v1/deals?after=0&limit=500")
    t.check(all(d["account_id"] != srv.rep2.book["accounts"] for d in r.json["items"]),
            "paging shows nothing of theirs")


def test_agenda_is_scoped(t, srv):
    for actor in srv.actors:
        items = actor.get("/api/v1/agenda").json["items"]
        accounts = {i["account_id"] for i in items}
        for owner in (srv.rep1, srv.rep2):
            t.eq(owner.book["accounts"] in accounts, visible(actor, owner),
                 "%s's agenda has %s's account" % (actor.user["name"], owner.user["name"]))


def test_ids_in_bodies(t, srv):
    """A rep naming the other rep's records inside a body: 404 or 422, nothing written."""
    mine, theirs = srv.rep1.book, srv.rep2.book
    before = srv.dump()
    creates = [
        ("contacts", {"account_id": theirs["accounts"], "name": "x"}),
        ("deals", {"account_id": theirs["accounts"], "title": "x"}),
        ("activities", {"deal_id": theirs["deals"], "kind": "call", "direction": "out"}),
        ("activities", {"account_id": theirs["accounts"], "kind": "call", "direction": "out"}),
        ("activities", {"deal_id": mine["deals"], "contact_id": theirs["contacts"],
                        "kind": "call", "direction": "in"}),
        ("agreements", {"deal_id": theirs["deals"], "due_on": "2026-12-01"}),
        ("agreements", {"deal_id": mine["deals"], "contact_id": theirs["contacts"],
                        "due_on": "2026-12-01"}),
        ("meetings", {"deal_id": theirs["deals"], "at": "2026-12-01T10:00:00Z",
                      "minutes": 60, "kind": "intro"}),
        ("meetings", {"deal_id": mine["deals"], "at": "2026-12-01T10:00:00Z", "minutes": 60,
                      "kind": "intro", "attendees": [theirs["contacts"]]}),
        ("claims", {"deal_id": theirs["deals"], "text": "x"}),
        ("claims", {"deal_id": mine["deals"], "contact_id": theirs["contacts"], "text": "x"}),
        ("statements", {"deal_id": theirs["deals"], "text": "x"}),
        ("statements", {"deal_id": mine["deals"], "contact_id": theirs["contacts"],
                        "text": "x"}),
        ("invoices", {"account_id": theirs["accounts"], "amount_cents": 1,
                      "due_on": "2026-12-01"}),
    ]
    for coll, body in creates:
        r = srv.rep1.post("/api/v1/" + coll, body)
        t.status(r, (404, 422), "create %s naming %s" % (coll, body))
    patches = [("contacts", {"account_id": theirs["accounts"]}),
               ("activities", {"contact_id": theirs["contacts"]}),
               ("agreements", {"contact_id": theirs["contacts"]}),
               ("claims", {"contact_id": theirs["contacts"]}),
               ("statements", {"contact_id": theirs["contacts"]})]
    schemas = srv.client().get("/api/v1/openapi.json").json["components"]["schemas"]
    for coll, body in patches:
        name = {"activities": "Activity"}.get(coll, coll[:-1].capitalize()) + "Patch"
        if not set(body) <= set(schemas[name]["properties"]):
            continue  # not a field one may change at all
        r = srv.rep1.patch("/api/v1/%s/%d" % (coll, mine[coll]), body)
        t.status(r, (404, 422), "patch %s to %s" % (coll, body))
    r = srv.rep1.post("/api/v1/accounts", {"name": "gift", "owner_id": srv.rep2.id})
    t.status(r, 403, "a rep cannot give a new account to another rep")
    r = srv.manager.post("/api/v1/accounts", {"name": "gift", "owner_id": srv.rep2.id})
    t.status(r, 403, "a manager cannot give one to another team")
    r = srv.manager.patch("/api/v1/accounts/%d" % mine["accounts"], {"owner_id": srv.rep2.id})
    t.status(r, 403, "nor move one there")
    t.eq(srv.dump(), before, "the database is unchanged")
    r = srv.manager.post("/api/v1/accounts", {"name": "for Rita", "owner_id": srv.rep1.id})
    t.status(r, 201, "a manager gives an account to a rep of the team")
    t.status(srv.rep1.get("/api/v1/accounts/%d" % r.json["id"]), 200, "which the rep sees")


main([test_invisible, test_visible_reads, test_users_not_changeable, test_lists_are_scoped,
      test_agenda_is_scoped, test_ids_in_bodies, test_visible_changes],
     setup)
