"""API tokens over HTTP: listed (never shown), revoked by their owner or an admin, expired
by the clock, and gone for good when their user is disabled."""
from server import Client, Server, Suite

t = Suite()
with Server() as srv:
    admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    other = srv.user("Otto Other", "otto@example.com", "rep", "south")
    spare = Client(srv, token=srv.token("rita@example.com"))

    r = rep.get("/api/v1/me/tokens")
    t.status(r, 200, "a rep lists their tokens")
    items = r.json["items"]
    t.eq(len(items), 2, "both of them")
    t.check(all("token" not in i and "token_hash" not in i for i in items),
            "never the tokens themselves", items)
    mine, second = items[0]["id"], items[1]["id"]
    t.status(rep.get("/api/v1/me/tokens?user_id=%d" % other.id), 403, "another's list")
    t.status(admin.get("/api/v1/me/tokens?user_id=%d" % rep.id), 200, "an admin lists a rep's")

    # Another rep's token is not found; the owner's own is revoked, and stays so.
    t.status(other.delete("/api/v1/me/tokens/%d" % second), 404, "another rep's token")
    t.status(spare.get("/api/v1/me"), 200, "the spare token still works")
    r = rep.delete("/api/v1/me/tokens/%d" % second)
    t.status(r, 200, "revoking one's own")
    t.status(spare.get("/api/v1/me"), 401, "a revoked token")
    t.status(rep.delete("/api/v1/me/tokens/%d" % second), 200, "revoking again")
    t.status(rep.get("/api/v1/me"), 200, "the other token still works")

    # An admin revokes anyone's.
    t.status(admin.delete("/api/v1/me/tokens/%d" % mine), 200, "an admin revokes a rep's")
    t.status(rep.get("/api/v1/me"), 401, "the rep's token after that")

    # Disabling a user revokes every token; enabling again does not revive them.
    o2 = Client(srv, token=srv.token("otto@example.com"))
    t.status(admin.patch("/api/v1/users/%d" % other.id, {"disabled": True}), 200, "disable")
    t.status(admin.patch("/api/v1/users/%d" % other.id, {"disabled": False}), 200, "enable")
    t.status(other.get("/api/v1/me"), 401, "an old token after disable and enable")
    t.status(o2.get("/api/v1/me"), 401, "the other old token too")
    r = admin.get("/api/v1/me/tokens?user_id=%d" % other.id)
    t.check(all(not i["active"] for i in r.json["items"]), "all inactive", r.json)

# Expiry follows the server's clock.
with Server(now="2026-12-02T09:00:00Z") as later:
    later.add_user("Ada", "ada@example.com", "admin")
    tok = later.cli("user", "token", "ada@example.com", "--expires", "2026-12-05").strip()
    c = Client(later, token=tok)
    t.status(c.get("/api/v1/me"), 200, "a token before its expiry")
    later.now = "2026-12-06"
    old = later.cli("user", "tokens", "ada@example.com", "--json")
    t.check('"active": false' in old, "the list says it expired", old)
t.finish()
