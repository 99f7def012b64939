"""Kept agendas through the server (without the answer cache): GET /agenda answers the
agenda the server kept (a kept body planted in the database is what it answers), and after a
write of any kind, by the command line (another program) or through the API, the next answer
is exactly the agenda made afresh (`rapport today --json` with RAPPORT_AGENDA_KEEP=off)."""
import json
import os
import sqlite3
import subprocess
import sys
import time

from server import RAPPORT, NOW, Server, Suite

REP = "rep1@team.example"


def afresh(srv, email, args=()):
    env = dict(srv.env, RAPPORT_AGENDA_KEEP="off")
    p = subprocess.run([RAPPORT, "--db", srv.db, "--now", NOW, "--user", email, "today",
                        "--json"] + list(args), capture_output=True, text=True, env=env,
                       timeout=120, check=True)
    return json.loads(p.stdout, object_pairs_hook=list)


def kept_rows(srv):
    with sqlite3.connect(srv.db) as db:
        return db.execute("SELECT user_id, day, days, marks FROM kept_agendas").fetchall()


def parts(srv, user):
    """The parts kept of USER's agenda of one day: {owner: how often it was made}."""
    with sqlite3.connect(srv.db) as db:
        return dict(db.execute("SELECT owner_id, built FROM kept_parts WHERE user_id = ? AND "
                               "days = 1", (user,)).fetchall())


def wait_parts(srv, user, test):
    """Waits for the writer to have kept USER's parts such that TEST(parts) holds."""
    for _ in range(200):
        got = parts(srv, user)
        if test(got):
            return got
        time.sleep(0.02)
    return parts(srv, user)


def user_id(srv, email):
    with sqlite3.connect(srv.db) as db:
        return db.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()[0]


def wait_kept(srv, n):
    """Waits for the writer to have kept N agendas (it keeps them between writes)."""
    for _ in range(200):
        if len(kept_rows(srv)) >= n:
            return True
        time.sleep(0.02)
    return False


def same(t, srv, client, email, what, query="", args=()):
    """The server's answer, asked twice (made, then kept), is the agenda made afresh."""
    for attempt in ("first", "again"):
        r = client.get("/api/v1/agenda" + query)
        t.status(r, 200, what + ": " + attempt)
        got = json.loads(r.text, object_pairs_hook=list)
        t.check(got == afresh(srv, email, args), what + ": " + attempt + " as made afresh",
                r.text[:300])
    return json.loads(r.text)


def main():
    t = Suite()
    srv = Server(serve_args=["--cache-mb", "0"])
    srv.cli("seed", "--accounts", "300", "--reps", "2", "--seed", "5")
    with srv:
        admin = srv.user("Ada Admin", "ada@example.com", "admin")
        rep = srv.client()
        rep.token = srv.token(REP)
        first = same(t, srv, rep, REP, "rep 1")
        t.check(len(first["items"]) > 3, "rep 1 has things to do", first)
        t.check(wait_kept(srv, 1), "the agenda is kept", kept_rows(srv))
        same(t, srv, admin, "ada@example.com", "the whole book")
        same(t, srv, rep, REP, "rep 1, a week", "?days=7", ("--days", "7"))
        t.check(wait_kept(srv, 3), "three agendas kept", kept_rows(srv))

        # What is kept is what is answered: a body planted in place of rep 1's comes back.
        with sqlite3.connect(srv.db) as db:
            db.execute("UPDATE kept_agendas SET body = ? WHERE days = 1 AND user_id = "
                       "(SELECT id FROM users WHERE email = ?)",
                       ('{"date":"2026-11-23","items":[],"planted":true}', REP))
        r = rep.get("/api/v1/agenda")
        t.check(r.json.get("planted") is True, "the kept agenda is answered", r.text[:200])

        # A write by another program: the next answer is made afresh.
        item = first["items"][0]
        deal = item["deal_id"]
        account = item["account_id"]
        srv.cli("--user", REP, "log", "--account", str(account), "--kind", "call", "--dir",
                "in", "--outcome", "connected", "They called")
        after = same(t, srv, rep, REP, "after a call logged by the command line")
        t.check(after != first, "the call changed the agenda", "")

        # Writes through the API, each of a kind the agenda reads.
        if deal:
            r = rep.post("/api/v1/agreements", {"deal_id": deal, "due_on": "2026-11-23"})
            t.status(r, 201, "an agreement due today")
            same(t, srv, rep, REP, "after an agreement")
        r = rep.post("/api/v1/invoices", {"account_id": account, "amount_cents": 5000,
                                          "due_on": "2026-11-02"})
        t.status(r, 201, "a late invoice")
        a = same(t, srv, rep, REP, "after an invoice")
        t.check(any(i["kind"] == "payment-late" and i["account_id"] == account
                    for i in a["items"]), "the invoice is late", a["items"][:3])
        r = admin.request("PUT", "/api/v1/settings", {"draft.signature": "Kind regards"})
        t.status(r, 200, "a setting")
        same(t, srv, rep, REP, "after a setting")
        srv.cli("--user", "ada@example.com", "template", "edit", "checkin-due", "--style",
                "standard", "--subject", "Hello {account}", "--body", "Hi {first_name}")
        same(t, srv, rep, REP, "after a template")
        same(t, srv, admin, "ada@example.com", "the whole book after them all")

        # The whole book is merged from parts, one per owner (and one for the records
        # without an owner): a rep's write through the API makes that rep's part again and
        # leaves every other part as it was kept.
        ada, rep1, rep2 = (user_id(srv, e) for e in ("ada@example.com", REP,
                                                     "rep2@team.example"))
        before = wait_parts(srv, ada, lambda p: {0, ada, rep1, rep2} <= set(p))
        t.check({0, ada, rep1, rep2} <= set(before), "the whole book's parts", before)
        r = rep.post("/api/v1/activities", {"account_id": account, "kind": "email",
                                            "direction": "out", "text": "the figures"})
        t.status(r, 201, "rep 1 writes")
        same(t, srv, admin, "ada@example.com", "the whole book after rep 1's write")
        want = {**before, rep1: before[rep1] + 1}
        after = wait_parts(srv, ada, lambda p: p == want)
        t.check(after == want, "only rep 1's part was made again", (before, after))
        rep2_client = srv.client()
        rep2_client.token = srv.token("rep2@team.example")
        with sqlite3.connect(srv.db) as db:
            theirs = db.execute("SELECT id FROM accounts WHERE owner_id = ? LIMIT 1",
                                (rep2,)).fetchone()[0]
        r = rep2_client.post("/api/v1/invoices", {"account_id": theirs, "amount_cents": 900,
                                                  "due_on": "2026-11-03"})
        t.status(r, 201, "rep 2 writes")
        same(t, srv, admin, "ada@example.com", "the whole book after rep 2's write")
        want = {**after, rep2: after[rep2] + 1}
        got = wait_parts(srv, ada, lambda p: p == want)
        t.check(got == want, "only rep 2's part was made again", (after, got))

        # A team that loses a rep loses their count from its sum, which other changes may
        # bring back to the stamp of the agenda kept before: still not the agenda now.
        manager = srv.user("Max Manager", "max@example.com", "manager", "team-1")
        team = same(t, srv, manager, "max@example.com", "the team's")
        t.check(wait_kept(srv, 4), "the team's agenda is kept", kept_rows(srv))
        with sqlite3.connect(srv.db) as db:
            left = db.execute("SELECT n FROM agenda_marks WHERE owner_id = 2").fetchone()[0]
        srv.cli("user", "edit", "2", "--team", "team-2")
        with sqlite3.connect(srv.db) as db:
            db.execute("UPDATE agenda_marks SET n = n + ? WHERE owner_id = 1", (left - 1,))
        after = same(t, srv, manager, "max@example.com", "rep 2 left, the team's sum as it was")
        t.check(after != team, "rep 2's items left the team's agenda", "")
    t.check(srv.exit_code == 0, "the server exits cleanly", srv.stderr()[-2000:])
    srv.cleanup()
    t.finish()


if __name__ == "__main__":
    sys.exit(main())
