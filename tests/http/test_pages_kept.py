"""Kept pages (core/page_keep.c) through the server, without the answer cache: a page of
records once made is answered from the copy kept in the database (a body planted there is
what comes back) while nothing it shows has changed. After a write of every kind that can
change a page, through the API and by the command line while the server runs (another
program), every page, as a rep, a manager and an admin, is byte for byte the page made
afresh by a second server on the same database that keeps none (RAPPORT_PAGE_KEEP=off).
Without the change counters' triggers a kept page would be stale, and this comparison
fails (the last section drops them and sees it). On one SQLite file (http/test_pages_kept)
and on PostgreSQL when RAPPORT_PGTMP names the test server's helper
(http-pg/test_pages_kept)."""
import json
import os
import sqlite3
import subprocess
import sys
import time

from server import EVIL, Client, Server, Suite, new_database

t = Suite()
PG = bool(os.environ.get("RAPPORT_PGTMP"))
# psql itself, not Debian's wrapper of it in /usr/bin (a Perl start each call; settle() asks
# often).
PSQL = PG and os.path.join(subprocess.run([os.environ["RAPPORT_PGTMP"], "bindir"],
                                          capture_output=True, text=True,
                                          check=True).stdout.strip(), "psql")
REP = "rep1@team.example"
KINDS = ("accounts", "contacts", "deals", "activities", "agreements", "meetings", "claims",
         "statements", "invoices")


def sql(srv, statement, args=()):
    """Runs STATEMENT on the servers' database; the rows, as tuples of text on PostgreSQL."""
    if PG:
        p = subprocess.run([PSQL, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", srv.db,
                            "-c", statement], capture_output=True, text=True, check=True)
        return [tuple(line.split("|")) for line in p.stdout.splitlines() if line]
    with sqlite3.connect(srv.db) as db:
        return db.execute(statement, args).fetchall()


def kept_count(srv):
    return int(sql(srv, "SELECT COUNT(*) FROM kept_pages")[0][0])


def settle(srv, n=None):
    """Waits for the writer to have kept what it was handed (between its writes)."""
    last = -1
    for _ in range(100):
        now = kept_count(srv)
        if (n is not None and now >= n) or (n is None and now == last):
            return now
        last = now
        time.sleep(0.03)
    return kept_count(srv)


def paths(first_ids):
    """The pages compared: every collection's first page, small and as by default, a page
    after a cursor, and filters (one of them an instant given as a date)."""
    out = []
    for kind in KINDS:
        out += ["/api/v1/%s?limit=4" % kind, "/api/v1/%s" % kind]
    out += ["/api/v1/accounts?limit=3&after=%d" % first_ids.get("accounts", 0),
            "/api/v1/deals?limit=3&after=%d" % first_ids.get("deals", 0),
            "/api/v1/accounts?status=customer&limit=5",
            "/api/v1/accounts?limit=5&status=prospect",
            "/api/v1/deals?stage=lead&limit=5",
            "/api/v1/contacts?role=decision-maker&limit=5",
            "/api/v1/activities?at=2026-11-20&limit=5"]
    return out


def compare(keeper, fresh, who, what, pages):
    """Every page through KEEPER (asked twice: made or kept, then kept) is the page FRESH
    makes. Answers the pages as KEEPER gave them."""
    got = {}
    for attempt in ("first", "again"):
        for path in pages:
            a = who.get(path)
            b = who.on(fresh).get(path)
            ok = a.status == 200 and b.status == 200 and a.body == b.body
            t.check(ok, "%s, %s: %s (%s)" % (who.name, what, path, attempt),
                    (a.status, b.status, a.body[:160], b.body[:160]))
            got[path] = a.body
        settle(keeper)
    return got


def main():
    keeper = Server(db=new_database(), serve_args=["--cache-mb", "0"])
    keeper.cli("seed", "--accounts", "40", "--reps", "2", "--seed", "7")
    fresh = keeper.alongside()
    fresh.env["RAPPORT_PAGE_KEEP"] = "off"
    with keeper, fresh:
        admin = keeper.user("Ada Admin", "ada@example.com", "admin")
        manager = keeper.user("Max Manager", "max@example.com", "manager", "team-1")
        rep = Client(keeper, token=keeper.token(REP))
        other = Client(keeper, token=keeper.token("rep2@team.example"))
        for c, name in ((admin, "admin"), (manager, "manager"), (rep, "rep 1"),
                        (other, "rep 2")):
            c.name = name
        first = {k: rep.get("/api/v1/%s?limit=1" % k).json["items"][0]["id"]
                 for k in ("accounts", "deals")}
        pages = paths(first)
        callers = (rep, manager, admin)

        def all_same(what, callers=callers):
            return {c.name: compare(keeper, fresh, c, what, pages) for c in callers}

        before = all_same("as seeded", callers + (other,))
        t.check(kept_count(keeper) > 0, "pages are kept", kept_count(keeper))
        t.eq(sql(keeper, "SELECT COUNT(*) FROM kept_pages WHERE scope_user = 0")[0][0] in
             (len(pages), str(len(pages))), True, "one kept page a query for the admins")

        # What is kept is what is answered: a body planted in place of rep 1's page.
        sql(keeper, "UPDATE kept_pages SET body = '{\"items\":[],\"planted\":true}' WHERE "
            "scope_user = 1 AND query LIKE 'accounts %'")
        r = rep.get("/api/v1/accounts?limit=4")
        t.check(r.json.get("planted") is True, "the kept page is answered", r.text[:200])
        r = rep.on(fresh).get("/api/v1/accounts?limit=4")
        t.check("planted" not in r.json, "the other server makes it afresh", r.text[:200])
        sql(keeper, "DELETE FROM kept_pages WHERE scope_user = 1")

        # ---- writes by the command line while the server runs ---------------------------
        acct = first["accounts"]
        deal = first["deals"]
        contact = rep.get("/api/v1/contacts?limit=1").json["items"][0]["id"]

        def cli(*args):
            return keeper.cli("--user", REP, "--json", *args)

        cli("account", "edit", str(acct), "--name", "Renamed " + EVIL)
        all_same("an account renamed by the command line")
        cli("contact", "add", "Cy New", "--account", str(acct), "--role", "decision-maker")
        cli("deal", "add", "A new deal", "--account", str(acct), "--stage", "lead")
        cli("deal", "stage", str(deal), "negotiation")
        cli("log", "--deal", str(deal), "--kind", "call", "--dir", "in", "--outcome",
            "connected", "--at", "2026-11-20T10:00:00Z", "They called")
        cli("agree", "--deal", str(deal), "--on", "2026-11-30")
        cli("meet", "add", "--deal", str(deal), "--at", "2026-11-25T10:00:00Z", "--minutes",
            "30", "--kind", "demo", "--contact", str(contact))
        cli("claim", "add", "--deal", str(deal), "We have a binding contract")
        cli("said", "--deal", str(deal), "Support is 24/7")
        inv = cli("invoice", "add", "--account", str(acct), "--amount", "120", "--due",
                  "2026-11-01")
        after_cli = all_same("a record of every kind added by the command line")
        t.check(after_cli["rep 1"] != before["rep 1"], "the writes changed rep 1's pages", "")
        cli("invoice", "paid", str(json.loads(inv)["id"]))
        cli("contact", "edit", str(contact), "--title", "Chief of staff")
        all_same("an invoice paid and a contact edited by the command line")

        # A change of owner (the account's contacts and deals follow it), of team, of role.
        keeper.cli("--user", "ada@example.com", "account", "edit", str(acct), "--owner", "2")
        all_same("an account given to rep 2", callers + (other,))
        keeper.cli("user", "edit", "2", "--team", "team-2")
        all_same("rep 2 moved to another team", callers + (other,))
        keeper.cli("user", "edit", "2", "--team", "team-1")
        all_same("rep 2 back in the team", callers + (other,))
        keeper.cli("--user", "ada@example.com", "account", "edit", str(acct), "--owner", "1")
        all_same("the account given back to rep 1", callers + (other,))

        # A team that loses a rep loses their count from its sum, which other changes may
        # bring back to the stamp of a page kept before: still not the page as it is now.
        compare(keeper, fresh, manager, "before rep 2 leaves", pages)
        left = int(sql(keeper, "SELECT n FROM agenda_marks WHERE owner_id = 2")[0][0])
        keeper.cli("user", "edit", "2", "--team", "team-2")
        sql(keeper, "UPDATE agenda_marks SET n = n + %d WHERE owner_id = 1" % (left - 1))
        compare(keeper, fresh, manager, "rep 2 left, the team's sum as it was", pages)
        keeper.cli("user", "edit", "2", "--team", "team-1")
        all_same("rep 2 back again", callers + (other,))

        # A bulk load (an import) counts as a change to every page.
        csv = os.path.join(keeper.dir, "accounts.csv")
        with open(csv, "w") as f:
            f.write("name,industry\nImported One,software\nImported Two,retail\n")
        cli("import", "csv", csv, "--kind", "accounts")
        all_same("an import by the command line")

        # ---- writes through the API ---------------------------------------------------------
        r = rep.post("/api/v1/accounts", {"name": "Through the API", "urgency": "high"})
        t.status(r, 201, "an account through the API")
        new = r.json["id"]
        t.status(rep.patch("/api/v1/accounts/%d" % new, {"need": "more"}), 200, "patched")
        t.status(rep.post("/api/v1/deals", {"account_id": new, "title": "API deal"}), 201,
                 "a deal through the API")
        all_same("records added and changed through the API")
        t.status(rep.post("/api/v1/deals/%d/won" % deal, {}), 200, "a deal won")
        all_same("a deal won")
        t.status(admin.post("/api/v1/accounts/%d/merge" % new, {"into": acct}), 200,
                 "an account merged into another")
        all_same("a merge")
        t.status(rep.delete("/api/v1/contacts/%d" % contact), 200, "a contact deleted")
        all_same("a contact deleted")

        # ---- without the triggers, a kept page goes stale: the comparison sees it ---------
        kept = compare(keeper, fresh, rep, "before the triggers are dropped", pages)
        if PG:
            for name, table in sql(keeper, "SELECT DISTINCT trigger_name, event_object_table "
                                   "FROM information_schema.triggers WHERE trigger_name LIKE "
                                   "'%\\_agenda%' AND trigger_schema = current_schema()"):
                sql(keeper, "DROP TRIGGER %s ON %s" % (name, table))
        else:
            for (name,) in sql(keeper, "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                               "AND name LIKE '%\\_agenda\\_%' ESCAPE '\\'"):
                sql(keeper, "DROP TRIGGER %s" % name)
        cli("account", "edit", str(acct), "--name", "Renamed unseen")
        path = "/api/v1/accounts?limit=4"
        stale, made = rep.get(path).body, rep.on(fresh).get(path).body
        t.check(stale == kept[path] and stale != made,
                "without the triggers the kept page is stale, and differs from one made afresh",
                (stale[:120], made[:120]))
    t.check(keeper.exit_code == 0 and fresh.exit_code == 0, "the servers exit cleanly",
            keeper.stderr()[-2000:])
    keeper.cleanup()
    fresh.cleanup()
    t.finish()


if __name__ == "__main__":
    sys.exit(main())
