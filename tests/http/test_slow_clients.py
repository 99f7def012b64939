"""Clients that start requests and never finish them cannot take the server from others.
A request is routed and its caller checked on the headers alone, so strangers' bodies are
never read (401, 404, 405, 413 at once) and cost the server no memory; the bodies being
received may hold 128 MiB in all (503 past that), one user's 68 MiB with at most 16 being
received (429 past that); a request's headers must be in within 10 s however slowly they
trickle, its body then at 64 KiB a second, and one address holds at most 100 connections,
so 500 trickling connections from one address neither starve other addresses nor, for longer
than the deadline, their own. Clients connect from several loopback addresses
(127.0.0.2, ...), which Linux routes to the server on 127.0.0.1."""
import http.client
import os
import select
import socket
import time

from server import Server, Suite

HEADER_SECONDS = 10
t = Suite()

# ASan keeps freed memory out of reuse for a while (its quarantine), so that the server's
# resident size would count every block it ever allocated, not what it holds.
os.environ["ASAN_OPTIONS"] = (os.environ.get("ASAN_OPTIONS", "") +
                              ":quarantine_size_mb=0:thread_local_quarantine_size_kb=0")


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def connect(srv, source):
    s = socket.socket()
    s.bind((source, 0))
    s.connect(("127.0.0.1", srv.port))
    return s


def post_head(path, length, token=None):
    head = "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" % path
    if token:
        head += "Authorization: Bearer %s\r\n" % token
    return (head + "Content-Length: %d\r\n\r\n" % length).encode()


def answer_to_headers(srv, head, source="127.0.0.2"):
    """The status answered to HEAD with none of the body it announces sent."""
    s = connect(srv, source)
    try:
        s.settimeout(5)
        s.sendall(head)
        line = s.recv(200).split(b"\r\n")[0]
        return int(line.split()[1]) if line.startswith(b"HTTP/1.1 ") else line
    except OSError as e:
        return repr(e)
    finally:
        s.close()


def healthz(srv, source, timeout=5):
    """(status or error, seconds taken) of GET /healthz from SOURCE."""
    start = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout,
                                       source_address=(source, 0))
        c.request("GET", "/api/v1/healthz")
        status = c.getresponse().status
        c.close()
    except OSError as e:
        status = repr(e)
    return status, time.time() - start


def send_quietly(s, data):
    try:
        s.sendall(data)
    except OSError:
        pass  # the server answered and closed without reading it: what is wanted


def test_headers_decide(srv, admin):
    mib = 1 << 20
    t.eq(answer_to_headers(srv, post_head("/api/v1/accounts", mib)), 401,
         "a stranger's POST is 401 before its body")
    t.eq(answer_to_headers(srv, post_head("/api/v1/nowhere", mib, admin.token)), 404,
         "no such route: 404 before the body")
    t.eq(answer_to_headers(srv, post_head("/api/v1/healthz", mib, admin.token)), 405,
         "a method the route lacks: 405 before the body")
    t.eq(answer_to_headers(srv, post_head("/api/v1/login", 9000)), 413,
         "a login body over 8 KiB: 413 before it")
    t.eq(answer_to_headers(srv, post_head("/api/v1/accounts", 2 * mib, admin.token).replace(
        b"\r\n\r\n", b"\r\nExpect: 100-continue\r\n\r\n")), 413,
        "a body over 1 MiB announced with Expect: 100-continue: 413 before it")


def test_unfinished_posts(srv):
    """450 anonymous POSTs that announce bodies and stop part way: to a write route (401),
    to the login with a body too large (413), and to the login with 4,000 of 8,000 bytes."""
    before = rss_kib(srv.proc.pid)
    held = []
    for i in range(450):
        s = connect(srv, "127.0.0.%d" % (10 + i // 90))
        if i % 3 == 0:
            send_quietly(s, post_head("/api/v1/accounts", 1 << 20) + b"x" * (256 << 10))
        elif i % 3 == 1:
            send_quietly(s, post_head("/api/v1/login", 1 << 20) + b"x" * (64 << 10))
        else:
            send_quietly(s, post_head("/api/v1/login", 8000) + b"x" * 4000)
        held.append(s)
    time.sleep(1)
    grown = rss_kib(srv.proc.pid) - before
    t.check(grown < 8 << 10, "450 unfinished anonymous POSTs grow the server by under 8 MiB",
            "%d KiB" % grown)
    status, took = healthz(srv, "127.0.0.2")
    t.check(status == 200 and took < 3, "others are answered meanwhile", (status, took))
    for s in held:
        s.close()


def stalled_import(srv, client, source="127.0.0.20"):
    """A connection that announces an import of 64 MiB and stops after 1,000 bytes."""
    s = connect(srv, source)
    s.sendall(post_head("/api/v1/imports", 64 << 20, client.token).replace(
        b"application/json", b"text/csv") + b"x" * 1000)
    return s


def test_bodies_cap(srv, admin, manager):
    """Two logged-in imports of 64 MiB (of two users) that stall after 1,000 bytes hold the
    128 MiB all bodies may take; the next body is 503 until they go."""
    hogs = [stalled_import(srv, admin), stalled_import(srv, manager)]
    # Each hog is admitted when the server has read its headers: on a busy machine that
    # may take a moment, so the first bodies may still go in.
    # A hog answered (503 while an earlier test's bodies are still being let go) is sent
    # again.
    deadline = time.time() + 15
    r = admin.post("/api/v1/accounts", {"name": "Early GmbH"})
    while r.status != 503 and time.time() < deadline:
        for i, who in enumerate((admin, manager)):
            if select.select([hogs[i]], [], [], 0)[0]:
                hogs[i].close()
                hogs[i] = stalled_import(srv, who)
        time.sleep(0.3)
        r = admin.post("/api/v1/accounts", {"name": "Early GmbH"})
    if not t.status(r, 503, "a body while 128 MiB of bodies are being received"):
        for s in hogs:
            s.settimeout(0.5)
            try:
                print("  a stalled import heard: %r" % s.recv(300))
            except OSError as e:
                print("  a stalled import heard nothing (%r)" % e)
    t.eq(r.header("Retry-After"), "1", "with Retry-After")
    t.eq(r.error().get("code"), "unavailable", "its code")
    t.status(admin.get("/api/v1/accounts"), 200, "a request without a body is answered")
    for s in hogs:
        s.close()
    # The server sees them go within its next turns; a busy machine takes longer.
    deadline = time.time() + 10
    r = admin.post("/api/v1/accounts", {"name": "Later GmbH"})
    while r.status == 503 and time.time() < deadline:
        time.sleep(0.2)
        r = admin.post("/api/v1/accounts", {"name": "Later GmbH"})
    t.status(r, 201, "when they are gone, bodies come in again")


def answer_to(s, timeout=5):
    """The status of the answer on socket S, or what went wrong."""
    try:
        s.settimeout(timeout)
        line = s.recv(200).split(b"\r\n")[0]
        return int(line.split()[1]) if line.startswith(b"HTTP/1.1 ") else line
    except OSError as e:
        return repr(e)


def early_answers(socks, seconds):
    """The statuses answered on SOCKS within SECONDS (the rest are still waiting for their
    bodies), waiting half a second more after the first, so that a busy machine is given
    time but a second answer would still be seen."""
    answers, pending, end = [], list(socks), time.time() + seconds
    while pending and time.time() < end:
        ready, _, _ = select.select(pending, [], [], max(0.0, end - time.time()))
        for s in ready:
            answers.append(answer_to(s, 1))
            pending.remove(s)
        if answers:
            end = min(end, time.time() + 0.5)
    return answers


def test_user_share(srv, admin, manager, rep):
    """One login cannot take the memory of all bodies: its second stalled import is 429
    at once, and another user's bodies still come in; nor can it keep more than 16 bodies
    coming at once."""
    # The hog counts once the server has read its headers: on a busy machine, a moment.
    # It may itself be refused: 503 while the last test's hogs are still being let go, or
    # 429 when the server read the second's headers first. Then it is sent again (and given
    # a moment before the next second), or the user would hold nothing and no second one
    # be refused.
    hog, deadline = None, time.time() + 15
    while True:
        if hog is None or select.select([hog], [], [], 0)[0]:
            if hog is not None:
                hog.close()
            hog = stalled_import(srv, admin)
            time.sleep(0.3)
        second = stalled_import(srv, admin, "127.0.0.21")
        got = answer_to(second, 2)
        second.close()
        if got == 429 or time.time() > deadline:
            break
    t.eq(got, 429, "a user's second import while the first is stalled")
    t.status(manager.post("/api/v1/accounts", {"name": "Share GmbH"}), 201,
             "another user's body comes in meanwhile")
    hog.close()
    # A user with no stalled body of before (the server may not yet have seen the hog go).
    waiting = []
    for i in range(17):
        s = connect(srv, "127.0.0.22")
        s.sendall(post_head("/api/v1/accounts", 100, rep.token))
        waiting.append(s)
    answers = early_answers(waiting, 8)
    t.eq([a for a in answers if a == 429], [429],
         "of 17 bodies of one user being received at once, one is refused (429)")
    t.status(manager.post("/api/v1/accounts", {"name": "Share AG"}), 201,
             "another user's meanwhile")
    for s in waiting:
        s.close()
    time.sleep(0.5)
    t.status(admin.post("/api/v1/accounts", {"name": "Share SA"}), 201,
             "and the user's own once they are gone")


def test_trickled_body(srv, admin, manager):
    """A logged-in client sends the 1,000-byte body of a write a byte every half second:
    the body must come at 64 KiB a second after the headers' 10 s, so the connection is
    cut by then, though it kept sending (before, each byte pushed the 30 s idle timeout
    back, for 500 s). Meanwhile others' writes and reads are answered."""
    start = time.time()
    s = connect(srv, "127.0.0.30")
    s.sendall(post_head("/api/v1/accounts", 1000, admin.token))
    s.setblocking(False)
    body = b'{"name": "' + b"y" * 980 + b'"}' + b" " * 8
    sent, others, closed_at = 0, [], None
    while time.time() - start < HEADER_SECONDS + 8:
        try:
            s.send(body[sent:sent + 1])
            sent += 1
            if s.recv(1) == b"":
                closed_at = time.time() - start
                break
        except BlockingIOError:
            pass
        except OSError:
            closed_at = time.time() - start
            break
        before = time.time()
        r = manager.post("/api/v1/accounts", {"name": "Prompt %d" % sent})
        others.append((r.status, time.time() - before))
        time.sleep(0.5)
    s.close()
    t.check(closed_at is not None and HEADER_SECONDS - 2 < closed_at < HEADER_SECONDS + 4,
            "a body trickled by a logged-in client is cut within its deadline",
            "closed at %s s after %d bytes" % (closed_at, sent))
    slow = [o for o in others if o[0] != 201 or o[1] > 3]
    t.eq(slow, [], "another user's writes are answered (within 3 s) all along (%d tries)"
         % len(others))
    t.eq(healthz(srv, "127.0.0.30")[0], 200, "and the same address after")


def test_trickling(srv):
    """500 connections from 127.0.0.1 each send a byte of their headers every half second."""
    start = time.time()
    trickling = [connect(srv, "127.0.0.1") for _ in range(500)]
    for s in trickling:
        s.setblocking(False)
    head = b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
    most_held, others, cut_at, sent = 0, [], None, 0
    while time.time() - start < HEADER_SECONDS + 5 and trickling:
        alive = []
        for s in trickling:
            try:
                s.send(head[sent % len(head):sent % len(head) + 1])
                alive.append(s)
            except OSError:
                s.close()
        trickling, sent = alive, sent + 1
        most_held = max(most_held, len(trickling)) if sent > 1 else 0
        others.append(healthz(srv, "127.0.0.%d" % (2 + sent % 5)))
        time.sleep(0.5)
    cut_at = time.time() - start
    t.check(most_held <= 100, "one address holds at most 100 connections", most_held)
    t.eq(trickling, [], "every trickling connection is closed")
    t.check(cut_at < HEADER_SECONDS + 4, "within the header deadline, though each kept "
            "sending", "%.1f s" % cut_at)
    slow = [o for o in others if o[0] != 200 or o[1] > 3]
    t.eq(slow, [], "other addresses are answered (within 3 s) all along (%d tries)"
         % len(others))
    t.eq(healthz(srv, "127.0.0.1")[0], 200, "and then the same address again")
    for s in trickling:
        s.close()


with Server() as srv:
    admin = srv.user("Ada", "ada@example.com", "admin")
    manager = srv.user("Bo", "bo@example.com", "manager")
    test_headers_decide(srv, admin)
    # First, while no other body holds any of the total.
    test_bodies_cap(srv, admin, manager)
    test_user_share(srv, admin, manager, srv.user("Cy", "cy@example.com", "rep"))
    test_trickled_body(srv, admin, manager)
    test_unfinished_posts(srv)
    test_trickling(srv)
t.finish(srv)
