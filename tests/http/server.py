"""The harness of the HTTP tests: a real `rapport serve` and a real HTTP client.

Each test script starts one server on a fresh temporary database, listening on 127.0.0.1
at a port the kernel picks (read back from the line the server prints), with a fixed clock
(2026-11-23 09:00 UTC) and zone (UTC). Users are made with the command line, as an admin
would. The client is http.client from the standard library, one connection per request.

    from server import Server, Suite
    t = Suite()
    with Server() as srv:
        admin = srv.user("Ada", "ada@example.com", "admin")   # -> Client with a bearer token
        r = admin.get("/api/v1/me")
        t.status(r, 200, "me")
    t.finish()                       # prints "N passed, M failed"; exit 1 on failures

Leaving the `with` block stops the server with SIGTERM and checks that it exits 0 (under
the sanitizers that also means no leak and no error report).
"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

RAPPORT = os.environ.get("RAPPORT_BIN", "rapport")
NOW = "2026-11-23T09:00:00Z"
TODAY = "2026-11-23"
PASSWORD = "correct horse battery"
EVIL = ("Robert'); DROP TABLE accounts;-- <script>alert(\"x&y\")</script> "
        "<img src=x onerror=alert(1)> %s %n \\ \" ' ; ünïcödé 𝄞 \u00a0end")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self):
        return self.body.decode("utf-8")

    def header(self, name):
        return self.headers.get(name)

    def error(self):
        """The error object of an error answer, or {}."""
        try:
            return self.json.get("error", {})
        except ValueError:
            return {}

    def __repr__(self):
        return "<%d %s>" % (self.status, self.body[:300])


class Client:
    """Requests as one caller: no credentials, a bearer token, or a session cookie (with
    its CSRF token sent on unsafe requests unless csrf=False)."""

    def __init__(self, server, token=None, cookie=None, csrf=None, user=None):
        self.server = server
        self.token = token
        self.cookie = cookie
        self.csrf = csrf
        self.user = user or {}

    @property
    def id(self):
        return self.user.get("id")

    def request(self, method, path, body=None, headers=None, raw=None,
                content_type="application/json", csrf=True):
        h = {}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if self.cookie:
            h["Cookie"] = "rapport_session=" + self.cookie
            if csrf and self.csrf and method not in ("GET", "HEAD"):
                h["X-CSRF-Token"] = self.csrf
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        if data is not None and content_type:
            h["Content-Type"] = content_type
        h.update(headers or {})
        return self.server.send(method, path, data, h)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        if body is None and "raw" not in kw:
            body = {}
        return self.request("POST", path, body, **kw)

    def patch(self, path, body, **kw):
        return self.request("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def on(self, server):
        """The same caller, with the same credentials, through SERVER (another server on
        the same database)."""
        return Client(server, token=self.token, cookie=self.cookie, csrf=self.csrf,
                      user=self.user)


class Server:
    def __init__(self, now=NOW, serve_args=(), db=None):
        """DB: a database for several servers to share (a postgresql:// URL); by default a
        new SQLite file of this server's own."""
        self.now = now
        self.serve_args = list(serve_args)
        # make test runs the suite twice: with the answer cache and without it.
        cache_mb = os.environ.get("RAPPORT_TEST_CACHE_MB")
        if cache_mb is not None and "--cache-mb" not in self.serve_args:
            self.serve_args += ["--cache-mb", cache_mb]
        self.dir = tempfile.mkdtemp(prefix="rapport-http-")
        self.db = db or os.path.join(self.dir, "rapport.db")
        self.env = dict(os.environ, TZ="UTC", HOME=self.dir,
                        XDG_DATA_HOME=os.path.join(self.dir, "xdg"))
        self.env.pop("RAPPORT_DB", None)
        self.env.pop("RAPPORT_USER", None)
        self.proc = None
        self.port = None
        self.exit_code = None

    # ---- the command line -------------------------------------------------------------

    def cli(self, *args, stdin=None, check=True, full=False):
        """Runs rapport on this database; returns stdout (exit 0 expected when CHECK), or
        the whole CompletedProcess when FULL."""
        p = subprocess.run([RAPPORT, "--db", self.db, "--now", self.now] + list(args),
                           input=stdin, capture_output=True, text=True, env=self.env,
                           timeout=60)
        if check and p.returncode:
            raise RuntimeError("rapport %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                            p.stderr.strip()))
        return p if full else p.stdout

    def add_user(self, name, email, role, team=None, password=PASSWORD):
        args = ["--json", "user", "add", name, "--email", email, "--role", role]
        if team:
            args += ["--team", team]
        return json.loads(self.cli(*args, stdin=password + "\n"))

    def token(self, email):
        return self.cli("user", "token", email).strip()

    def user(self, name, email, role, team=None):
        """Adds a user and answers a Client with a new API token of theirs."""
        u = self.add_user(name, email, role, team)
        return Client(self, token=self.token(email), user=u)

    def dump(self, skip=("audit_log", "sessions", "kept_agendas", "kept_parts", "kept_pages",
                         "rp_commits", "rp_changes")):
        """The database as SQL text, without the rows of the tables in SKIP (by default
        also the agendas and pages kept for reuse, which the server's writer keeps after a
        read, and the count of commits and what they changed, which its audit lines count
        up)."""
        p = subprocess.run(["sqlite3", self.db, ".dump"], capture_output=True, text=True,
                           check=True)
        keep = [line for line in p.stdout.splitlines()
                if not any(line.startswith('INSERT INTO %s ' % t) or
                           line.startswith('INSERT INTO "%s" ' % t) for t in skip)]
        return "\n".join(keep)

    # ---- the server -------------------------------------------------------------------

    def start(self):
        self.out = open(os.path.join(self.dir, "stdout"), "w+")
        self.err = open(os.path.join(self.dir, "stderr"), "w+")
        self.proc = subprocess.Popen(
            [RAPPORT, "--db", self.db, "--now", self.now, "serve", "--listen", "127.0.0.1:0"] +
            self.serve_args,
            stdout=self.out, stderr=self.err, env=self.env)
        deadline = time.time() + 20
        while time.time() < deadline:
            with open(self.out.name) as f:
                m = re.search(r"rapport: serving http://127\.0\.0\.1:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError("the server did not start: " + self.stderr())

    def stop(self):
        """SIGTERM, then the exit code (0 expected)."""
        if self.proc and self.exit_code is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.exit_code = self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.exit_code = self.proc.wait()
        return self.exit_code

    def stderr(self):
        with open(os.path.join(self.dir, "stderr")) as f:
            return f.read()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def alongside(self):
        """Another server (not started) on this one's database, with its clock and options."""
        return Server(now=self.now, serve_args=self.serve_args, db=self.db)

    def send(self, method, path, data=None, headers=None, source="127.0.0.1"):
        """One request on a connection of its own from the loopback address SOURCE (Linux
        routes 127.0.0.2 and the like to the server on 127.0.0.1)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                          source_address=(source, 0))
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if data is not None and not any(k.lower() == "content-length" for k in headers):
                conn.putheader("Content-Length", str(len(data)))
            conn.endheaders()
            if data:
                conn.send(data)
            r = conn.getresponse()
            return Response(r.status, r.headers, r.read())
        finally:
            conn.close()

    def client(self):
        return Client(self)

    def try_login(self, email, password=PASSWORD, source="127.0.0.1"):
        """POST /api/v1/login from SOURCE; answers the Response, whatever it is."""
        return self.send("POST", "/api/v1/login",
                         json.dumps({"email": email, "password": password}).encode(),
                         {"Content-Type": "application/json"}, source)

    def login(self, email, password=PASSWORD):
        """Logs in; answers a Client with the session cookie and CSRF token."""
        r = self.try_login(email, password)
        if r.status != 200:
            raise RuntimeError("login %s: %r" % (email, r))
        m = re.search(r"rapport_session=([^;]*)", r.header("Set-Cookie") or "")
        body = r.json
        return Client(self, cookie=m.group(1), csrf=body["csrf_token"], user=body["user"])


class Suite:
    """Counts checks; each failure prints the test's line, what was expected and what came."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def _count(self, cond, what, detail):
        if cond:
            self.passed += 1
            return True
        self.failed += 1
        frame = traceback.extract_stack()[-3]  # the test that called check / eq / status
        print("FAIL (%s:%d): %s" % (os.path.basename(frame.filename), frame.lineno, what))
        if detail is not None:
            print("  " + str(detail)[:800])
        return False

    def check(self, cond, what, detail=None):
        return self._count(cond, what, detail)

    def eq(self, got, want, what):
        return self._count(got == want, what, "got %r, want %r" % (got, want))

    def status(self, resp, want, what):
        wants = want if isinstance(want, (tuple, list, set)) else (want,)
        return self._count(resp.status in wants, "%s: status %s" % (what, want), resp)

    def run(self, tests, srv):
        """Runs each function of TESTS with (self, srv); an exception fails that test."""
        for test in tests:
            try:
                test(self, srv)
            except Exception:
                self.failed += 1
                print("FAIL: %s raised" % test.__name__)
                traceback.print_exc(file=sys.stdout)

    def finish(self, srv=None):
        if srv is not None:
            code = srv.stop()
            self._count(code == 0, "the server exits 0 on SIGTERM",
                         "exit %s; stderr:\n%s" % (code, srv.stderr()[-3000:]))
            srv.cleanup()
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)


def main(tests, setup=None):
    """The body of a test script: a server, SETUP(srv) -> context, then each test in
    order with (suite, ctx)."""
    t = Suite()
    srv = Server().start()
    try:
        t.run(tests, setup(srv) if setup else srv)
    except Exception:
        t.failed += 1
        print("FAIL: setup raised")
        traceback.print_exc(file=sys.stdout)
    t.finish(srv)


def new_database():
    """A new database for a test's server (or servers, which then share it): a schema of
    its own in the test PostgreSQL when RAPPORT_PGTMP names its helper (the http-pg/
    entries), else None, for a SQLite file of the server's own."""
    if os.environ.get("RAPPORT_PGTMP"):
        return subprocess.run([os.environ["RAPPORT_PGTMP"], "createdb",
                               os.environ["RAPPORT_TEST_PG_STATE"]], capture_output=True,
                              text=True, check=True).stdout.strip()
    return None


class Reader:
    """Reads on one kept-alive connection: one worker thread, one cache, answers all."""

    def __init__(self, srv, client):
        self.conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        self.headers = ({"Authorization": "Bearer " + client.token} if client.token else
                        {"Cookie": "rapport_session=" + client.cookie})

    def get(self, path):
        self.conn.request("GET", path, headers=self.headers)
        r = self.conn.getresponse()
        return Response(r.status, r.headers, r.read())

    def close(self):
        self.conn.close()


# make test runs the HTTP suites once more with the cache off: then nothing is ever kept.
KEEPING = os.environ.get("RAPPORT_TEST_CACHE_MB") != "0"


def kept(r):
    """Whether answer R came from the server's answer cache."""
    return r.header("X-Rapport-Cache") == "hit"


def created(resp, what):
    """The id of a record a POST created; raises when it was not."""
    if resp.status != 201:
        raise RuntimeError("creating %s: %r" % (what, resp))
    return resp.json["id"]


def book(c, name, day="2026-11-24"):
    """A small book of business made through the API by client C: one record of every
    collection but users, named after NAME. Answers {collection: id}."""
    ids = {}
    ids["accounts"] = created(c.post("/api/v1/accounts", {
        "name": name + " GmbH", "trigger": "growth", "urgency": "high"}), "account")
    ids["contacts"] = created(c.post("/api/v1/contacts", {
        "account_id": ids["accounts"], "name": name + " Buyer", "role": "decision-maker",
        "email": name.lower() + "@customer.example", "primary": True}), "contact")
    ids["deals"] = created(c.post("/api/v1/deals", {
        "account_id": ids["accounts"], "title": name + " fleet", "value_cents": 1200000,
        "stage": "proposal"}), "deal")
    ids["activities"] = created(c.post("/api/v1/activities", {
        "deal_id": ids["deals"], "contact_id": ids["contacts"], "kind": "call",
        "direction": "out", "outcome": "connected", "text": "talked budget"}), "activity")
    ids["agreements"] = created(c.post("/api/v1/agreements", {
        "deal_id": ids["deals"], "due_on": day, "note": "call " + name + " back"}),
        "agreement")
    ids["meetings"] = created(c.post("/api/v1/meetings", {
        "deal_id": ids["deals"], "at": day + "T10:00:00Z", "minutes": 60, "kind": "demo",
        "attendees": [ids["contacts"]]}), "meeting")
    ids["claims"] = created(c.post("/api/v1/claims", {
        "deal_id": ids["deals"], "text": "we have a binding contract"}), "claim")
    ids["statements"] = created(c.post("/api/v1/statements", {
        "deal_id": ids["deals"], "text": "delivery within five days"}), "statement")
    ids["invoices"] = created(c.post("/api/v1/invoices", {
        "account_id": ids["accounts"], "amount_cents": 50000, "due_on": "2026-12-01",
        "number": name + "-1"}), "invoice")
    return ids
