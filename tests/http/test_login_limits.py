"""The login rate limit counts failures per account and per client address, each in its
own window, without two addresses or accounts ever sharing a count: one user's typos do not
lock out the others behind the same address, a flood from one address stops there, and a
good password clears the account's count. Clients connect from several loopback
addresses (127.0.0.2, ...), which Linux routes to the server on 127.0.0.1."""
import http.client
import json

from server import PASSWORD, Server, Suite

t = Suite()


def login(srv, email, password, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30,
                                      source_address=(source, 0))
    try:
        body = json.dumps({"email": email, "password": password}).encode()
        conn.request("POST", "/api/v1/login", body, {"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        return r.status
    finally:
        conn.close()


with Server() as srv:
    for name in ("ada", "bob", "cy"):
        srv.add_user(name, name + "@example.com", "rep")
    # Ten failures lock that account, for every address, not the others behind it.
    for _ in range(10):
        t.eq(login(srv, "ada@example.com", "wrong password"), 401, "a wrong password")
    t.eq(login(srv, "ada@example.com", PASSWORD), 429, "ada's account is locked")
    t.eq(login(srv, "ADA@example.com", PASSWORD, "127.0.0.3"), 429,
         "from another address and in other letters too")
    t.eq(login(srv, "bob@example.com", PASSWORD), 200, "bob behind the same address logs in")

    # A good password clears the account's count.
    for _ in range(9):
        login(srv, "cy@example.com", "wrong password", "127.0.0.4")
    t.eq(login(srv, "cy@example.com", PASSWORD, "127.0.0.4"), 200, "cy after 9 failures")
    for _ in range(2):
        login(srv, "cy@example.com", "wrong password", "127.0.0.4")
    t.eq(login(srv, "cy@example.com", PASSWORD, "127.0.0.4"), 200,
         "and 2 more: 11 in the window, but the count began again")

    # One address that sprays many accounts stops at 50, whatever the account; an address
    # whose hash fell on the same slot of the old 256-slot table keeps its own count.
    for i in range(50):
        login(srv, "nobody%d@example.com" % i, "wrong password", "127.0.0.2")
    t.eq(login(srv, "bob@example.com", PASSWORD, "127.0.0.2"), 429, "a spraying address")
    t.eq(login(srv, "bob@example.com", "wrong password", "127.0.0.110"), 401,
         "a colliding address tries")
    t.eq(login(srv, "bob@example.com", PASSWORD, "127.0.0.2"), 429,
         "and does not reset the other's count")
    t.eq(login(srv, "bob@example.com", PASSWORD, "127.0.0.5"), 200, "bob from elsewhere")
t.finish()
