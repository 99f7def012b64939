"""The login rate limit counts failures per account and per client address, each in its
own window, without two addresses or accounts ever sharing a count: one user's typos do not
lock out the others behind the same address, a flood from one address stops there, and a
good password clears the account's count. Clients connect from several loopback
addresses (127.0.0.2, ...), which Linux routes to the server on 127.0.0.1."""

from server import PASSWORD, Server, Suite

t = Suite()


with Server() as srv:
    for name in ("ada", "bob", "cy"):
        srv.add_user(name, name + "@example.com", "rep")
    # Ten failures lock that account, for every address, not the others behind it.
    for _ in range(10):
        t.eq(srv.try_login("ada@example.com", "wrong password").status, 401, "a wrong password")
    t.eq(srv.try_login("ada@example.com", PASSWORD).status, 429, "ada's account is locked")
    t.eq(srv.try_login("ADA@example.com", PASSWORD, "127.0.0.3").status, 429,
         "from another address and in other letters too")
    t.eq(srv.try_login("bob@example.com", PASSWORD).status, 200, "bob behind the same address logs in")

    # A good password clears the account's count.
    for _ in range(9):
        srv.try_login("cy@example.com", "wrong password", "127.0.0.4").status
    t.eq(srv.try_login("cy@example.com", PASSWORD, "127.0.0.4").status, 200, "cy after 9 failures")
    for _ in range(2):
        srv.try_login("cy@example.com", "wrong password", "127.0.0.4").status
    t.eq(srv.try_login("cy@example.com", PASSWORD, "127.0.0.4").status, 200,
         "and 2 more: 11 in the window, but the count began again")

    # One address that sprays many accounts stops at 50, whatever the account; an address
    # whose hash fell on the same slot of the old 256-slot table keeps its own count.
    for i in range(50):
        srv.try_login("nobody%d@example.com" % i, "wrong password", "127.0.0.2").status
    t.eq(srv.try_login("bob@example.com", PASSWORD, "127.0.0.2").status, 429, "a spraying address")
    t.eq(srv.try_login("bob@example.com", "wrong password", "127.0.0.110").status, 401,
         "a colliding address tries")
    t.eq(srv.try_login("bob@example.com", PASSWORD, "127.0.0.2").status, 429,
         "and does not reset the other's count")
    t.eq(srv.try_login("bob@example.com", PASSWORD, "127.0.0.5").status, 200, "bob from elsewhere")
t.finish()
