"""Two servers on one database keep nothing of their own that the other needs: failed logins
through one count on the other (per account and per address), a write through one is in the
next read through the other though both keep answers in their caches, a session made on one
works on the other and ends on both, and a revoked token stops on both. On one SQLite file
(http/test_two_servers); on PostgreSQL when RAPPORT_PGTMP names the test server's helper
(http-pg/test_two_servers)."""

from server import PASSWORD, Client, Server, Suite, new_database

t = Suite()

a = Server(db=new_database())
b = a.alongside()
with a, b:
    admin_a = a.user("Ada", "ada@example.com", "admin")
    admin_b = admin_a.on(b)
    for name in ("rita", "otto", "cy"):
        a.add_user(name, name + "@example.com", "rep")

    # ---- failed logins count on every server ------------------------------------------
    for i in range(10):
        t.eq((a if i % 2 else b).try_login("rita@example.com", "wrong").status, 401,
             "a wrong password, through A and B in turn")
    t.eq(a.try_login("rita@example.com", PASSWORD).status, 429, "rita's account is locked on A")
    t.eq(b.try_login("rita@example.com", PASSWORD, "127.0.0.3").status, 429,
         "and on B, from another address")
    t.eq(b.try_login("otto@example.com", PASSWORD).status, 200, "otto logs in beside her")
    for i in range(50):
        (a if i < 25 else b).try_login("nobody%d@example.com" % i, "wrong", "127.0.0.2")
    t.eq(b.try_login("otto@example.com", PASSWORD, "127.0.0.2").status, 429,
         "an address that sprayed accounts through both servers stops on B")
    t.eq(a.try_login("otto@example.com", PASSWORD, "127.0.0.2").status, 429, "and on A")
    for _ in range(9):
        a.try_login("cy@example.com", "wrong", "127.0.0.4")
    t.eq(b.try_login("cy@example.com", PASSWORD, "127.0.0.4").status, 200,
         "a good password on B after 9 failures on A")
    for _ in range(2):
        a.try_login("cy@example.com", "wrong", "127.0.0.4")
    t.eq(a.try_login("cy@example.com", PASSWORD, "127.0.0.4").status, 200,
         "which cleared the account's count on A too")

    # ---- a write through one, the next read through the other, caches on ---------------
    for _ in range(2):
        t.status(admin_b.get("/api/v1/accounts"), 200, "B reads (and keeps the answer)")
    t.eq(admin_b.get("/api/v1/accounts").json["items"], [], "B starts empty")
    r = admin_a.post("/api/v1/accounts", {"name": "Written through A"})
    t.status(r, 201, "create through A")
    t.eq([x["name"] for x in admin_b.get("/api/v1/accounts").json["items"]],
         ["Written through A"], "B's next read has A's write")
    acct = r.json["id"]
    for _ in range(2):
        admin_a.get("/api/v1/accounts/%d" % acct)
    t.status(admin_b.patch("/api/v1/accounts/%d" % acct, {"need": "told B"}), 200,
             "edit through B")
    t.eq(admin_a.get("/api/v1/accounts/%d" % acct).json.get("need"), "told B",
         "A's next read has B's edit")

    # ---- sessions and tokens ------------------------------------------------------------
    otto = a.login("otto@example.com")
    t.status(otto.on(b).get("/api/v1/me"), 200, "a session made on A works on B")
    t.status(otto.on(b).post("/api/v1/accounts", {"name": "Otto's"}), 201,
             "with its CSRF token, a write through B")
    t.status(otto.post("/api/v1/logout"), 200, "log out on A")
    t.status(otto.on(b).get("/api/v1/me"), 401, "the session ended on B too")
    rita_a = Client(a, token=a.token("rita@example.com"))
    rita_b = rita_a.on(b)
    t.status(rita_b.get("/api/v1/me"), 200, "a token works on B (and is kept there)")
    t.status(rita_b.get("/api/v1/me"), 200, "twice")
    mine = rita_a.get("/api/v1/me/tokens").json
    tid = (mine.get("items", mine) if isinstance(mine, dict) else mine)[-1]["id"]
    t.status(rita_a.delete("/api/v1/me/tokens/%d" % tid), 200, "revoked through A")
    t.status(rita_b.get("/api/v1/me"), 401, "and refused by B at once")
t.eq(a.exit_code, 0, "A exits cleanly")
t.eq(b.exit_code, 0, "B exits cleanly")
a.cleanup()
b.cleanup()
t.finish()
