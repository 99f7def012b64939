"""Header trust: X-Forwarded-Proto and X-Forwarded-For count only from the address given
to serve --trust-proxy; over TLS (so said by it) cookies are __Host- and Secure and answers carry
HSTS. The calendar URL comes from the setting server.public-url or the listen address,
never from the Host header."""
import http.client
import json
import re

from server import PASSWORD, Server, Suite

t = Suite()


def login(srv, source, headers):
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, source_address=(source, 0))
    body = json.dumps({"email": "rita@example.com", "password": PASSWORD}).encode()
    conn.request("POST", "/api/v1/login", body, dict(headers, **{
        "Content-Type": "application/json"}))
    r = conn.getresponse()
    r.read()
    conn.close()
    return r


with Server(serve_args=["--trust-proxy", "127.0.0.1"]) as srv:
    rep = srv.user("Rita", "rita@example.com", "rep")
    r = login(srv, "127.0.0.1", {"X-Forwarded-Proto": "https"})
    cookie = r.getheader("Set-Cookie") or ""
    t.check(cookie.startswith("__Host-rapport_session=") and "Secure" in cookie,
            "through the trusted proxy over TLS the cookie is __Host- and Secure", cookie)
    t.eq(r.getheader("Strict-Transport-Security"), "max-age=31536000", "HSTS over TLS")
    m = re.match(r"__Host-rapport_session=([^;]*)", cookie)
    r2 = srv.client().get("/api/v1/me", headers={
        "Cookie": "__Host-rapport_session=" + m.group(1)})
    t.status(r2, 200, "the __Host- cookie is a session")
    r = login(srv, "127.0.0.2", {"X-Forwarded-Proto": "https"})
    cookie = r.getheader("Set-Cookie") or ""
    t.check(cookie.startswith("rapport_session=") and "Secure" not in cookie,
            "from any other address the header is ignored", cookie)
    t.eq(r.getheader("Strict-Transport-Security"), None, "and no HSTS")

    # The client's address is the last of X-Forwarded-For from the trusted proxy (the one
    # it added), and the peer's from anyone else: rate limits and the audit log name it.
    tries = [0]

    def wrong(source, xff):
        """A failed login to an account never tried before (so that only the address's
        count can lock it)."""
        tries[0] += 1
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, source_address=(source, 0))
        body = json.dumps({"email": "nobody%d@example.com" % tries[0], "password": "x"}).encode()
        conn.request("POST", "/api/v1/login", body, {
            "Content-Type": "application/json", "X-Forwarded-For": xff})
        r = conn.getresponse()
        r.read()
        conn.close()
        return r.status

    for _ in range(50):
        wrong("127.0.0.1", "203.0.113.9, 198.51.100.7")
    t.eq(wrong("127.0.0.1", "198.51.100.7"), 429, "a client behind the proxy is limited")
    t.eq(wrong("127.0.0.1", "198.51.100.8"), 401, "not its neighbour behind the same proxy")
    t.eq(wrong("127.0.0.1", "198.51.100.8, not-an-address"), 401,
         "a forwarded value that is no address counts as the proxy's own")
    for _ in range(50):
        wrong("127.0.0.3", "198.51.100.99")
    t.eq(wrong("127.0.0.3", "198.51.100.100"), 429,
         "from an untrusted peer the header is ignored: the peer is limited")
    admin = srv.user("Ada", "ada@example.com", "admin")
    lines = admin.get("/api/v1/audit?limit=500").json["items"]
    addresses = {x["address"] for x in lines if x["action"] == "login failed"}
    t.check({"198.51.100.7", "198.51.100.8", "127.0.0.3"} <= addresses and
            "198.51.100.99" not in addresses, "the audit log names the clients", addresses)

    url = rep.get("/api/v1/me", headers={"Host": "evil.example"}).json["calendar_url"]
    t.check(url.startswith("http://127.0.0.1:%d/api/v1/cal/" % srv.port),
            "the calendar URL ignores Host", url)
    srv.cli("config", "set", "server.public-url", "https://crm.example.com/")
    url = rep.get("/api/v1/me", headers={"Host": "evil.example"}).json["calendar_url"]
    t.check(url.startswith("https://crm.example.com/api/v1/cal/"),
            "the calendar URL follows server.public-url", url)

p = Server()
out = p.cli("serve", "--trust-proxy", "not-an-address", check=False, full=True)
t.eq(out.returncode, 4, "a --trust-proxy that is no address")
t.check("invalid --trust-proxy" in out.stderr, "is named", out.stderr)
out = p.cli("serve", "--request-budget", "9000", check=False, full=True)
t.eq(out.returncode, 4, "a budget past the 10 s drain")
p.cleanup()
t.finish()
