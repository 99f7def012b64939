"""Answers the server keeps and reuses (src/http/cache.c) are never stale and never
another's: every read is asked twice or more so that the second answer comes from the
cache, and each write (through the API on another connection, so often another worker
thread, or through the command line, another process) shows in the very next read. A
logout, a disabled user or a new password stops a cached answer at once. A write drops
only the answers of those who may see what its user may change (test_cache_commits.py)."""
import subprocess
import time

from server import (KEEPING, PASSWORD, RAPPORT, TODAY, Client, Reader, Server, created, kept,
                    main)


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "north")
    srv.boss = srv.user("Nora North", "nora@example.com", "manager", "north")
    srv.south = srv.user("Sam South", "sam@example.com", "manager", "south")
    srv.rep3 = srv.user("Sue Southern", "sue@example.com", "rep", "south")
    srv.rep4 = srv.user("Nick Northern", "nick@example.com", "rep", "north")
    srv.acct1 = created(srv.rep1.post("/api/v1/accounts", {"name": "Rita's GmbH"}), "account")
    srv.acct2 = created(srv.rep2.post("/api/v1/accounts", {"name": "Otto's AG"}), "account")
    srv.deal1 = created(srv.rep1.post("/api/v1/deals", {
        "account_id": srv.acct1, "title": "Fleet", "stage": "proposal"}), "deal")
    return srv


def get_twice(t, c, path, what):
    """GET PATH twice (the second is a cached answer when the first was kept); both must
    be the same 200 answer. Returns the JSON."""
    a, b = c.get(path), c.get(path)
    t.status(a, 200, what)
    t.eq(b.body, a.body, what + ": the same answer twice")
    return b.json if b.status == 200 else {}


def names(listing):
    return sorted(item["name"] for item in listing.get("items", []))


def test_writes_show_at_once(t, srv):
    for i in range(12):
        before = names(get_twice(t, srv.rep1, "/api/v1/accounts?limit=500", "list"))
        new = "Customer %d" % i
        created(srv.rep1.post("/api/v1/accounts", {"name": new}), "account")
        t.eq(names(srv.rep1.get("/api/v1/accounts?limit=500").json), sorted(before + [new]),
             "the account made by POST #%d is in the next list" % i)
        r = srv.rep1.patch("/api/v1/accounts/%d" % srv.acct1, {"industry": "trade %d" % i})
        t.status(r, 200, "patch #%d" % i)
        t.eq(srv.rep1.get("/api/v1/accounts/%d" % srv.acct1).json.get("industry"),
             "trade %d" % i, "the change of PATCH #%d is in the next read" % i)


def test_agenda_follows_writes(t, srv):
    path = "/api/v1/agenda?date=" + TODAY
    deal_ids = [it.get("deal_id") for it in get_twice(t, srv.rep1, path, "agenda")["items"]]
    created(srv.rep1.post("/api/v1/agreements", {
        "deal_id": srv.deal1, "due_on": TODAY, "note": "call back today"}), "agreement")
    items = get_twice(t, srv.rep1, path, "agenda after an agreement")["items"]
    t.check(any(it.get("kind") == "followup-due" and it.get("deal_id") == srv.deal1
                for it in items), "the agreement due today is on the agenda at once",
            items)
    t.check(len(items) >= len(deal_ids), "nothing fell off the agenda", items)


def test_command_line_writes_show(t, srv):
    path = "/api/v1/accounts/%d" % srv.acct1
    get_twice(t, srv.rep1, path, "read")
    srv.cli("account", "edit", str(srv.acct1), "--need", "changed from the command line")
    for i in range(4):
        t.eq(srv.rep1.get(path).json.get("need"), "changed from the command line",
             "a change by another program is in read #%d" % i)


def test_each_their_own(t, srv):
    for path in ("/api/v1/accounts", "/api/v1/agenda?date=" + TODAY):
        mine = [srv.rep1.get(path) for _ in range(3)]
        theirs = [srv.rep2.get(path) for _ in range(3)]
        t.check(all(r.status == 200 for r in mine + theirs), path + ": 200s")
        t.check(all(r.body == mine[0].body for r in mine), path + ": rep 1 keeps one answer")
        t.check(all(r.body == theirs[0].body for r in theirs), path + ": rep 2 keeps one")
        t.check(mine[0].body != theirs[0].body, path + ": rep 1's answer is not rep 2's")
    t.status(srv.rep2.get("/api/v1/accounts/%d" % srv.acct1), 404,
             "rep 2 still may not read rep 1's account, cached for rep 1")
    t.status(srv.client().get("/api/v1/accounts"), 401, "no credential, no cached answer")
    fake = srv.client()
    fake.token = "rpt_" + "0" * 64
    t.status(fake.get("/api/v1/accounts"), 401, "a wrong token gets no cached answer")


def test_query_strings_apart(t, srv):
    one = get_twice(t, srv.rep1, "/api/v1/accounts?limit=1", "a page of one")
    two = get_twice(t, srv.rep1, "/api/v1/accounts?limit=2", "a page of two")
    t.eq((len(one["items"]), len(two["items"])), (1, 2), "each query string its own answer")
    odd = get_twice(t, srv.rep1, "/api/v1/accounts?name=Rita%27s%20GmbH", "by name")
    t.eq(names(odd), ["Rita's GmbH"], "a filter is part of what is asked")


def test_logout_ends_cached_reads(t, srv):
    s = srv.login("otto@example.com")
    get_twice(t, s, "/api/v1/accounts", "with a session")
    t.status(s.post("/api/v1/logout"), 200, "logout")
    t.status(s.get("/api/v1/accounts"), 401, "after logout the session reads nothing")


def test_new_password_ends_cached_reads(t, srv):
    s = srv.login("otto@example.com")
    get_twice(t, s, "/api/v1/accounts", "with a session")
    srv.cli("user", "password", "otto@example.com", stdin=PASSWORD + " 2\n")
    t.status(s.get("/api/v1/accounts"), 401, "a new password ends the session at once")


def test_disabled_user_reads_nothing(t, srv):
    get_twice(t, srv.rep2, "/api/v1/accounts", "before")
    r = srv.admin.patch("/api/v1/users/%d" % srv.rep2.id, {"disabled": True})
    t.status(r, 200, "disable")
    t.status(srv.rep2.get("/api/v1/accounts"), 401, "a disabled user's token stops at once")


def test_cache_option(t, srv):
    bad = subprocess.run([RAPPORT, "--db", srv.db, "serve", "--cache-mb", "lots"],
                         capture_output=True, text=True, env=srv.env, timeout=30)
    t.eq(bad.returncode, 4, "--cache-mb lots is invalid input")
    t.check("--cache-mb" in bad.stderr, "the error names the option", bad.stderr)
    plain = Server(serve_args=["--cache-mb", "0"])
    plain.db = srv.db
    with plain:
        c = Client(plain, token=srv.rep1.token)
        path = "/api/v1/accounts/%d" % srv.acct1
        t.status(c.get(path), 200, "a server that keeps nothing answers")
        srv.cli("account", "edit", str(srv.acct1), "--need", "asked afresh")
        t.eq(c.get(path).json.get("need"), "asked afresh", "and answers afresh")
    t.eq(plain.exit_code, 0, "it stops cleanly")
    plain.cleanup()


def test_many_callers_keep_their_answers(t, srv):
    """Tokens are random, so the keys of answers land anywhere in a worker's cache: many
    callers asking at once must each keep their own answer, not evict each other's."""
    tokens = [srv.rep3.post("/api/v1/me/tokens", {}).json["token"] for _ in range(48)]
    readers = [Reader(srv, Client(srv, token=tok)) for tok in tokens]
    try:
        first = [r.get("/api/v1/accounts") for r in readers]
        again = [r.get("/api/v1/accounts") for r in readers]
        t.check(all(r.status == 200 for r in first + again), "48 tokens read")
        t.eq(sum(1 for r in again if kept(r)), len(readers) if KEEPING else 0,
             "every caller's second read is kept")
    finally:
        for r in readers:
            r.close()


def test_denials_keep_answers(t, srv):
    """The audit lines of denials are written once a second (by the server's writer): a
    commit that changes no answer, so a stream of denials, anonymous and signed in, drops
    no kept answer."""
    path = "/api/v1/accounts?limit=500"
    anonymous = Client(srv)
    hidden = "/api/v1/accounts/%d" % srv.acct1  # rep1's: not for rep3 to see
    # A write first, which takes the earlier tests' commits by other programs (its
    # writer cannot tell what they changed); rep3's drops nothing of rep1's.
    created(srv.rep3.post("/api/v1/accounts", {"name": "Before the denials"}), "account")
    reader = Reader(srv, srv.rep1)
    try:
        first = reader.get(path)
        t.status(first, 200, "the list")
        reads = kept_reads = 0
        end = time.monotonic() + 3
        while time.monotonic() < end:
            t.status(anonymous.get(path), 401, "an anonymous read")
            t.status(srv.rep3.get(hidden), 404, "another's account")
            r = reader.get(path)
            t.eq(r.body, first.body, "the same answer")
            reads += 1
            kept_reads += kept(r)
            time.sleep(0.05)
        t.eq(kept_reads, reads if KEEPING else 0,
             "every read after the first is kept through %d reads' denials" % reads)
    finally:
        reader.close()
    lines = srv.admin.get("/api/v1/audit?limit=500").json["items"]
    t.check(sum(1 for a in lines if a["action"] == "denied" and hidden in a["detail"]) >= reads,
            "the denials were written to the audit log")


def test_every_read_after_a_write_sees_it(t, srv):
    readers = [Reader(srv, c) for c in (srv.rep1, srv.boss, srv.admin)]
    acct = "/api/v1/accounts/%d" % srv.acct1
    try:
        for i in range(8):
            for r in readers:
                r.get(acct)
                r.get("/api/v1/accounts?limit=500")
                r.get("/api/v1/agenda?date=" + TODAY)
            writer = (srv.rep1, srv.boss, srv.admin)[i % 3]
            t.status(writer.patch(acct, {"need": "need %d" % i}), 200, "patch %d" % i)
            for r in readers:
                t.eq(r.get(acct).json.get("need"), "need %d" % i,
                     "the change of write %d is in every reader's next read" % i)
                listed = [a for a in r.get("/api/v1/accounts?limit=500").json["items"]
                          if a["id"] == srv.acct1]
                t.eq([a.get("need") for a in listed], ["need %d" % i],
                     "and in their next list")
    finally:
        for r in readers:
            r.close()


def test_one_cache_for_every_worker(t, srv):
    """An answer kept by one worker thread is found by the others: each new connection
    may be taken by any of them. (A query asked by no other test: nothing kept before.)"""
    path = "/api/v1/accounts?limit=7"
    readers = [Reader(srv, srv.rep1) for _ in range(12)]
    try:
        t.status(readers[0].get(path), 200, "the first read")
        hits = [kept(r.get(path)) for r in readers[1:]]
        t.eq(hits, [KEEPING] * len(hits),
             "every later connection is answered from what the first kept")
    finally:
        for r in readers:
            r.close()


main([test_writes_show_at_once, test_agenda_follows_writes, test_command_line_writes_show,
      test_each_their_own, test_query_strings_apart, test_logout_ends_cached_reads,
      test_new_password_ends_cached_reads, test_disabled_user_reads_nothing,
      test_cache_option, test_many_callers_keep_their_answers, test_denials_keep_answers,
      test_every_read_after_a_write_sees_it, test_one_cache_for_every_worker], setup)
