"""The answer cache (src/http/cache.c) counts the database's commits: a commit by another
program that lands right after one of the server's own writes is seen by the very next read,
not taken for the server's; and commits that change nothing an answer shows (the server's
failed logins, logins, logouts; the agendas the command line keeps) drop no kept answer. A
write drops only the answers of those who may see what its user may change, through the
server that wrote and through another on the same database (the commit publishes what it
changed: rp_changes); another rep's answers stay (each kept answer says so: X-Rapport-Cache:
hit), their manager's and the admins' go. On a SQLite file (http/, and http-nocache/ with
the cache off, where every answer is made afresh); on PostgreSQL when RAPPORT_PGTMP names
the test server's helper (http-pg/test_cache_commits)."""
import sys
import time
import traceback

from server import KEEPING, Reader, Server, Suite, created, kept, new_database


def read_kept(t, reader, path, what):
    """Reads PATH until the answer comes from the cache (at once, the second time, when the
    cache is on); answers the JSON."""
    first = reader.get(path)
    again = reader.get(path)
    t.status(again, 200, what)
    t.eq(again.body, first.body, what + ": the same answer twice")
    t.check(kept(again) or not KEEPING, what + ": the second answer is kept", again.headers)
    return again.json


def test_other_programs_right_after_the_server(t, srv):
    """Rep 1 writes through the server, which keeps rep 2's answers (rep 1 may not change
    what rep 2 sees); the command line then changes rep 2's account; rep 2's very next read
    has it. Before the commits were counted, the command line's commit was taken for the
    server's and the kept answer served for up to 5 s."""
    acct = "/api/v1/accounts/%d" % srv.acct2
    listing = "/api/v1/accounts?limit=50"
    reader = Reader(srv, srv.rep2)
    try:
        for i in range(12):
            # Rep 1 writes first, so that each round starts with every commit before it
            # known to the server, then once more with rep 2's answers kept.
            for step in ("first", "second"):
                if step == "second":
                    read_kept(t, reader, acct, "rep 2's account, round %d" % i)
                    read_kept(t, reader, listing, "rep 2's list, round %d" % i)
                r = srv.rep1.patch("/api/v1/accounts/%d" % srv.acct1,
                                   {"need": "server %d %s" % (i, step)})
                t.status(r, 200, "rep 1's %s write through the server, round %d" % (step, i))
            srv.cli("account", "edit", str(srv.acct2), "--need", "command line %d" % i)
            t.eq(reader.get(acct).json.get("need"), "command line %d" % i,
                 "the command line's change is in rep 2's next read, round %d" % i)
            t.eq([a.get("need") for a in reader.get(listing).json["items"]
                  if a["id"] == srv.acct2], ["command line %d" % i],
                 "and in rep 2's next list, round %d" % i)
    finally:
        reader.close()


class Kept:
    """Reads of one path expected to come from the cache: an answer is kept for at most
    5 s (whole seconds of the server's clock: from 4 s on it may be made afresh), so one
    made afresh counts only when it is that old, and is the one kept from then on."""

    def __init__(self, t, reader, path):
        self.t, self.reader, self.path = t, reader, path
        self.made = time.monotonic()
        self.body = read_kept(t, reader, path, "the list")

    def check(self, what):
        start = time.monotonic()
        r = self.reader.get(self.path)
        self.t.eq(r.json, self.body, "the same list " + what)
        if not kept(r) and KEEPING:
            self.t.check(start - self.made >= 4, "still kept " + what,
                         "made afresh %.1f s after the last" % (start - self.made))
            self.made = start


def next_read_has(t, reader, path, acct, need, write):
    """READER's next read of the list PATH is made afresh (WRITE dropped the answer kept)
    and has account ACCT's new NEED."""
    r = reader.get(path)
    t.check(not kept(r), write + " drops rep 2's answer", r.headers)
    t.eq([a.get("need") for a in r.json["items"] if a["id"] == acct], [need],
         "and the next read has it")


def test_logins_keep_answers(t, srv):
    """Failed logins (from anyone: no login needed), a login and a logout commit sessions,
    counts of failures and audit lines, none of which a kept answer shows: rep 2's kept
    answer stays kept through all of them."""
    path = "/api/v1/accounts?limit=50"
    reader = Reader(srv, srv.rep2)
    try:
        list2 = Kept(t, reader, path)
        for i in range(20):
            # Under the limits: 9 failures for one account, 20 from one address.
            email = "rita@example.com" if i < 9 else "nobody%d@example.com" % i
            t.status(srv.try_login(email, "wrong", "127.0.0.9"), 401, "failed login %d" % i)
            list2.check("after failed login %d" % i)
        otto = srv.login("otto@example.com")
        list2.check("after a login")
        t.status(otto.get(path), 200, "otto reads with his session")
        t.status(otto.post("/api/v1/logout"), 200, "otto logs out")
        list2.check("after a logout")
        t.status(otto.get(path), 401, "the ended session reads nothing, kept answer or not")
        r = srv.rep2.patch("/api/v1/accounts/%d" % srv.acct2, {"need": "after the logins"})
        t.status(r, 200, "rep 2's own write")
        next_read_has(t, reader, path, srv.acct2, "after the logins", "rep 2's own write")
    finally:
        reader.close()


def test_command_line_agendas_keep_answers(t, srv):
    """`rapport today` keeps the agenda it made in the database (made from the records, it
    changes nothing anyone is shown): its commit is not counted, so rep 2's kept answer
    stays kept through a rep's, a manager's and a week's agendas from the command line,
    where before every server dropped all it kept."""
    path = "/api/v1/accounts?limit=50"
    reader = Reader(srv, srv.rep2)
    try:
        list2 = Kept(t, reader, path)
        for who, days in (("rita@example.com", "1"), ("nora@example.com", "1"),
                          ("rita@example.com", "7")):
            srv.cli("--user", who, "today", "--days", days)
            list2.check("after %s's agenda of %s day(s) from the command line" % (who, days))
        srv.cli("account", "edit", str(srv.acct2), "--need", "after the agendas")
        next_read_has(t, reader, path, srv.acct2, "after the agendas", "the command line's write")
    finally:
        reader.close()


def names(listing):
    return sorted(item["name"] for item in listing.get("items", []))


def test_a_write_drops_only_what_its_user_may_change(t, srv):
    drops_only_what_its_user_may_change(t, srv, srv)


def test_a_write_through_another_server_drops_only_what_its_user_may_change(t, srv):
    """The same through two servers on one database: each write through this one, each
    read through the other, whose answers a write drops as the first server's would (the
    commit publishes what it changed in the database: rp_changes), where before every
    commit of another server dropped them all."""
    other = srv.alongside()
    with other:
        drops_only_what_its_user_may_change(t, srv, other)


def drops_only_what_its_user_may_change(t, srv, reading):
    """Writes through SRV by each of several users, reads through READING by each."""
    path = "/api/v1/accounts?limit=500"
    readers = {name: Reader(reading, getattr(srv, name))
               for name in ("rep1", "rep2", "boss", "south", "admin", "rep3")}
    # Who sees the account each writer makes (their own): themselves, their manager, the
    # admins; and whose answers the write drops: all who may see what the writer may
    # change (a manager may change their team's, an admin anything).
    sees = {"rep1": {"rep1", "boss", "admin"}, "rep2": {"rep2", "boss", "admin"},
            "rep3": {"rep3", "south", "admin"}, "boss": {"boss", "admin"},
            "admin": {"admin", "boss"}}
    drops = dict(sees, boss={"rep1", "rep2", "boss", "admin"}, admin=set(readers))
    # The earlier tests' writes by other programs make the server's next write drop
    # everything (its readers cannot tell what they changed): one write takes that first.
    created(srv.admin.post("/api/v1/accounts", {"name": "Before the readers"}), "account")
    try:
        for i, writer in enumerate(("rep2", "rep3", "boss", "rep1", "admin")):
            before = {n: r.get(path) for n, r in readers.items()}
            again = {n: r.get(path) for n, r in readers.items()}
            for n in readers:
                t.eq(again[n].body, before[n].body, "%s reads the same twice" % n)
                t.check(kept(again[n]) or not KEEPING, "%s's second read is kept" % n)
            name = "Made by %s %d" % (writer, i)
            created(getattr(srv, writer).post("/api/v1/accounts", {"name": name}), "account")
            for n, r in readers.items():
                after = r.get(path)
                t.eq(name in names(after.json), n in sees[writer],
                     "%s's write shows in %s's next read when %s may see it" % (writer, n, n))
                if n in drops[writer]:
                    t.check(not kept(after), "%s's write drops %s's answer" % (writer, n))
                else:
                    t.eq(after.body, before[n].body, "%s's answer did not change" % n)
                    t.check(kept(after) or not KEEPING,
                            "%s's write keeps %s's kept answer" % (writer, n))
    finally:
        for r in readers.values():
            r.close()


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "north")
    srv.boss = srv.user("Nora North", "nora@example.com", "manager", "north")
    srv.south = srv.user("Sam South", "sam@example.com", "manager", "south")
    srv.rep3 = srv.user("Sue Southern", "sue@example.com", "rep", "south")
    srv.acct1 = created(srv.rep1.post("/api/v1/accounts", {"name": "Rita's GmbH"}), "account")
    srv.acct2 = created(srv.rep2.post("/api/v1/accounts", {"name": "Otto's AG"}), "account")
    return srv


t = Suite()
srv = Server(db=new_database()).start()
try:
    t.run([test_other_programs_right_after_the_server, test_logins_keep_answers,
           test_command_line_agendas_keep_answers,
           test_a_write_drops_only_what_its_user_may_change,
           test_a_write_through_another_server_drops_only_what_its_user_may_change],
          setup(srv))
except Exception:
    t.failed += 1
    print("FAIL: setup raised")
    traceback.print_exc(file=sys.stdout)
t.finish(srv)
