#!/usr/bin/env python3
"""The agenda's two promises, checked over simulated months.

A small book of deals is lived through day by day: customers call, write, miss calls and
go silent at random; a salesperson works each morning's agenda (acting on most items the
way the item asks, ignoring some) and now and then agrees next steps, books meetings,
holds off, pushes and closes deals. After every morning the agenda is checked:

  nothing slips   every open deal not on hold and not pushed-and-waiting has an item at
                  least every SLIP_DAYS working days;
  no dead deals   a closed deal has only after-sale items;
  one situation   at most one reach-out item per deal and day, no kind twice for a deal;
  nothing nags    an item acted on does not come back the next working day.

Every command goes through the real `rapport` binary, with --now, on a real SQLite file of
its own or on the empty database DB (a postgresql:// URL). A failure prints the commands
that reproduce it. Usage: agenda_sim.py RAPPORT SEED [DAYS [DB]]
"""
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

SLIP_DAYS = 36  # stale.lead (30 working days) + the longest retry (5) + one
REACH_OUT = {"push-answered", "call-back", "followup-missed", "followup-due", "hold-ends",
             "push-ignored", "push-suggested", "no-show", "stale", "no-next-step"}
AFTER_SALE = {"meeting", "meeting-too-short", "meeting-outcome", "thank-you", "call-back",
              "checkin-due", "payment-late"}
OF_THE_DAY = ("meeting:", "followup-due:", "hold-ends:")
# The days of the agendas compared: past a week, where a server's connection reads the days
# ahead a week at a time (store.h: RP_STORE_DAYS_AHEAD).
AGENDA_DAYS = "10"


class Failed(Exception):
    pass


class Sim:
    USERS = (("Rita Rep", "rita@sim.test", "rep"), ("Ravi Rep", "ravi@sim.test", "rep"),
             ("Mia Manager", "mia@sim.test", "manager"))
    ADMIN = ("Ada Admin", "ada@sim.test", "admin")  # owns nothing, sees everything

    def __init__(self, rapport, seed, days, db=None):
        self.rapport, self.rng, self.days = rapport, random.Random(seed), days
        self.db = db or os.path.join(tempfile.mkdtemp(prefix="rapport-sim."), "sim.db")
        self.log = []           # every command, for the reproduction
        self.day = dt.date(2026, 9, 1)
        self.deals = {}         # id -> {"account", "open", "pushed"}
        self.holds = {}         # account -> until (date)
        self.last_item = {}     # open deal -> the last working day it had an item
        self.spoke = set()      # deals with new two-way contact since the last check
        self.clock = 0          # the commands of the day so far (their minutes)
        self.users = {}         # e-mail -> {"id", "name", "role", "token"}
        self.owner = {}         # account -> its owner's user id (0: none)
        self.server = None      # a server on the book for the whole simulation, and its port
        self.port = None

    def run(self, *args, ok=(0,), env=None, stdin=None):
        self.clock += 1
        cmd = [self.rapport, "--db", self.db, "--now", "%sT%02d:%02d:00Z" % (
            self.day, 8 + self.clock // 60, self.clock % 60)]
        cmd += list(args)
        self.log.append(" ".join("'%s'" % a if " " in a else a for a in cmd[3:]))
        p = subprocess.run(cmd + ["--json"], capture_output=True, text=True, input=stdin,
                           env=dict(os.environ, **env) if env else None)
        if p.returncode not in ok:
            raise Failed("%s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
        return json.loads(p.stdout) if p.stdout.strip() and p.returncode == 0 else None

    def working(self, day):
        return day.weekday() < 5

    def later(self, n):
        """The Nth working day after today."""
        d = self.day
        while n:
            d += dt.timedelta(days=1)
            n -= self.working(d)
        return d.isoformat()

    # ---- the book --------------------------------------------------------------------
    def book(self, accounts=6):
        stages = ["lead", "qualified", "meeting", "proposal", "negotiation"]
        # The book is a team's: two reps and their manager own its accounts (one account
        # of every four has no owner); the salesperson working it sees the whole book.
        for name, email, role in self.USERS + (self.ADMIN,):
            team = ("--team", "north") if role != "admin" else ()
            uid = self.run("user", "add", name, "--email", email, "--role", role, *team,
                           stdin="correct horse battery\n")["id"]
            self.users[email] = {"id": uid, "name": name, "role": role,
                                 "token": self.run("user", "token", email)["token"]}
        owners = [self.users[u[1]]["id"] for u in self.USERS] + [""]
        for i in range(accounts):
            acc = self.run("account", "add", "Account %d" % i, "--style",
                           self.rng.choice(["direct", "standard", "gentle"]), "--trigger",
                           self.rng.choice(["growth", "moving", "cold-call"]), "--owner",
                           str(owners[0]))["id"]
            self.run("account", "edit", str(acc), "--owner", str(owners[i % len(owners)]))
            self.owner[acc] = owners[i % len(owners)] or 0
            self.run("contact", "add", "Person %d" % i, "--account", str(acc), "--email",
                     "p%d@example.test" % i, "--primary", "--role", "decision-maker")
            for k in range(self.rng.randint(1, 2)):
                deal = self.run("deal", "add", "Deal %d.%d" % (i, k), "--account", str(acc),
                                "--stage", self.rng.choice(stages), "--decision-process",
                                "board", "--decision-by", "2027-03-01")["id"]
                self.deals[deal] = {"account": acc, "open": True, "pushed": False}
                self.last_item[deal] = self.day
            if i % 3 == 0:
                self.run("account", "edit", str(acc), "--status", "customer")
                self.run("checkin", "--account", str(acc), "--every", "20")

    # ---- the customers -----------------------------------------------------------------
    def customers(self):
        for deal, d in self.deals.items():
            r = self.rng.random()
            if r < 0.03 or 0.05 <= r < 0.07:
                self.spoke.add(deal)
            if r < 0.03:
                self.run("log", "--deal", str(deal), "--kind", "call", "--dir", "in", "--outcome",
                         "connected", "They called")
            elif r < 0.05:
                self.run("log", "--deal", str(deal), "--kind", "call", "--dir", "in", "--outcome",
                         "no-answer", "Missed their call")
            elif r < 0.07:
                self.run("log", "--deal", str(deal), "--kind", "email", "--dir", "in", "A mail")

    # ---- the salesperson ---------------------------------------------------------------
    def act(self, it):
        """Acts on item IT as it asks; answers whether it was acted on (quiet tomorrow)."""
        kind, deal, iid = it["kind"], it.get("deal_id"), it["id"]
        ref = iid.split(":")[1]
        choice = self.rng.random()
        if choice < 0.2:
            return False  # left for another day
        if kind == "meeting-outcome":
            self.run("meet", self.rng.choice(["held", "no-show"]), ref)
        elif kind == "push-ignored":
            self.run("push", "outcome", "--deal", str(deal), "ignored")
            self.deals[deal].update(open=False, pushed=False, closed="no-decision")
        elif kind == "push-answered":
            self.run("push", "outcome", "--deal", str(deal), "revived")
            self.deals[deal]["pushed"] = False
            self.run("agree", "--deal", str(deal), "--on", self.later(5))
        elif kind == "push-suggested" and choice < 0.7:
            self.run("push", "record", "--deal", str(deal))
            self.deals[deal]["pushed"] = True
        elif kind in ("no-next-step", "stale") and choice < 0.6:
            self.run("agree", "--from", iid, "--on", self.later(self.rng.randint(1, 10)))
        elif kind == "verify-claim" and choice < 0.6:
            self.run("claim", "verify", ref, "--note", "seen")
        elif kind == "payment-late" and choice < 0.5:
            self.run("invoice", "paid", ref)
        elif kind == "thank-you" and choice < 0.7:
            self.run("log", "--account", str(it["account_id"]), "--kind", "card", "--dir", "out")
        elif choice < 0.6 and it.get("draft", {}).get("to"):
            # An earlier action this morning may have answered it too (exit 4).
            return self.run("done", iid, "--log", "email", "--dir", "out", "Sent the draft",
                            ok=(0, 4)) is not None
        else:
            return self.run("done", iid, "--log", "call", "--outcome", "no-answer",
                            ok=(0, 4)) is not None
        return True

    def initiative(self):
        for deal, d in self.deals.items():
            if not d["open"] or d["pushed"]:
                continue
            r = self.rng.random()
            if r < 0.006:
                d["closed"] = "won" if self.rng.random() < 0.6 else "lost"
                self.run(d["closed"], "--deal", str(deal), *(
                    () if d["closed"] == "won" else ("--reason", "price", "--competitor", "Acme")))
                d["open"] = False
            elif r < 0.02:
                at = "%sT10:00:00Z" % self.later(self.rng.randint(1, 6))
                self.run("meet", "add", "--deal", str(deal), "--at", at, "--minutes", "60",
                         "--kind", "demo")
            elif r < 0.025 and d["account"] not in self.holds:
                until = self.later(self.rng.randint(3, 12))
                self.run("hold", "--account", str(d["account"]), "--until", until,
                         "--unless-inbound")
                self.holds[d["account"]] = dt.date.fromisoformat(until)
            elif r < 0.03:
                self.run("claim", "add", "--deal", str(deal), "We have a binding contract")

    # ---- the checks --------------------------------------------------------------------
    def check(self, items, yesterday_acted):
        seen = set()
        per_deal = {}
        for it in items:
            deal, kind = it.get("deal_id"), it["kind"]
            if (deal, kind, it["id"]) in seen:
                raise Failed("one situation: %s twice" % it["id"])
            seen.add((deal, kind, it["id"]))
            closed = deal in self.deals and self.deals[deal].get("closed")
            if closed and kind not in (AFTER_SALE if closed == "won" else {"call-back"}):
                raise Failed("no dead deals: %s for %s deal %d" % (it["id"], closed, deal))
            if deal and kind in REACH_OUT:
                if deal in per_deal:
                    raise Failed("one situation: %s and %s for deal %d" %
                                 (per_deal[deal], it["id"], deal))
                per_deal[deal] = it["id"]
            # New two-way contact makes a new situation: what was dealt with may be due again.
            if it["id"] in yesterday_acted and not it["id"].startswith(OF_THE_DAY) and \
                    deal not in self.spoke:
                raise Failed("nothing nags: %s acted on the last working day, back today" %
                             it["id"])
            if deal in self.last_item:
                self.last_item[deal] = self.day
        for deal, d in self.deals.items():
            held = self.holds.get(d["account"])
            if not d["open"] or d["pushed"] or (held and held > self.day):
                self.last_item[deal] = self.day
                continue
            gap = sum(self.working(self.last_item[deal] + dt.timedelta(days=k))
                      for k in range(1, (self.day - self.last_item[deal]).days + 1))
            if gap > SLIP_DAYS:
                raise Failed("nothing slips: deal %d has had no item for %d working days "
                             "(since %s)" % (deal, gap, self.last_item[deal]))

    def live(self):
        self.book()
        self.serve()
        acted = set()
        for _ in range(self.days):
            self.day += dt.timedelta(days=1)
            if not self.working(self.day):
                continue
            self.holds = {a: u for a, u in self.holds.items() if u > self.day}
            self.clock = 0
            self.customers()
            items = self.run("today")["items"]
            self.check(items, acted)
            self.spoke = set()
            acted = set()
            for it in items:
                if self.act(it):
                    acted.add(it["id"])
            self.initiative()
            self.kept_is_fresh()

    def kept_is_fresh(self):
        """The agenda at the end of the day, asked three times (made again after the day's
        writes; then merged from parts all kept, and the merge kept; then that merge), is
        the one made afresh (core/agenda_keep.c): the whole book's, merged from a part per
        owner, and on alternate days a rep's, their manager's and an admin's, each merged
        from the parts of their scope. Those three are asked of the server first: none of
        their parts kept yet, it makes them all in one agenda of the scope on PostgreSQL
        (parts_made_together), its connection reading a week of days ahead at a time.
        Each user's agenda is also the whole book's of their scope (of_scope)."""
        users = [u[1] for u in self.USERS[1:] + (self.ADMIN,)] if self.day.toordinal() % 2 else []
        served = self.served(users)
        whole = None
        for user in [None] + users:
            as_user = ("--user", user) if user else ()
            today = (*as_user, "today", "--days", AGENDA_DAYS)
            fresh = self.run(*today, env={"RAPPORT_AGENDA_KEEP": "off"})
            for attempt in ("served",) * bool(user) + ("made", "merged", "kept"):
                got = served[user] if attempt == "served" else self.run(*today)
                if got != fresh:
                    raise Failed("the %s agenda %s is not the one made afresh: %s" % (
                        attempt, user or "", json.dumps([got, fresh])[:2000]))
            if user:
                self.of_scope(user, fresh, whole)
            else:
                whole = fresh

    def of_scope(self, user, agenda, whole):
        """USER's AGENDA is the whole book's, its items of the owners in USER's scope: the
        merge of their parts. Only the ranks and the drafts' sender (the reader) differ."""
        u = self.users[user]
        team = {v["id"] for v in self.users.values() if v["role"] != "admin"}
        scope = (None if u["role"] == "admin" else team if u["role"] == "manager"
                 else {u["id"]})

        def same(items, sender):
            out = []
            for it in items:
                it = dict(it, rank=None)
                if it.get("draft"):
                    it["draft"] = dict(it["draft"], body=it["draft"]["body"].replace(
                        "\n" + sender + "\n", "\n") if sender else it["draft"]["body"])
                out.append(it)
            return out
        want = [it for it in whole["items"]
                if scope is None or self.owner[it["account_id"]] in scope]
        if same(agenda["items"], u["name"]) != same(want, None):
            raise Failed("the agenda of %s is not the whole book's of their scope: %s" % (
                user, json.dumps([agenda, want])[:2000]))

    def serve(self):
        """Starts the server that lives through the simulation beside the commands: it is
        asked for each day's agenda by date, its clock stopped at the first day."""
        now = "%sT08:00:00Z" % self.day
        self.log.append("--now %s serve --listen 127.0.0.1:8080 &" % now)
        self.server_err = tempfile.TemporaryFile("w+")
        self.server = subprocess.Popen(
            [self.rapport, "--db", self.db, "--now", now, "serve", "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=self.server_err, text=True)
        m = re.match(r"rapport: serving http://127\.0\.0\.1:(\d+)/",
                     self.server.stdout.readline())
        if not m:
            raise Failed("the server did not start: %s" % self.server_said())
        self.port = m.group(1)

    def server_said(self):
        self.server_err.seek(0)
        return self.server_err.read().strip()

    def stop(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server_err.close()

    def served(self, users):
        """The agendas of USERS (e-mails) for AGENDA_DAYS days from today, through the
        server; {email: agenda}."""
        got = {}
        for user in users:
            path = "/api/v1/agenda?date=%s&days=%s" % (self.day, AGENDA_DAYS)
            self.log.append("GET http://127.0.0.1:8080%s as %s" % (path, user))
            req = urllib.request.Request(
                "http://127.0.0.1:%s%s" % (self.port, path),
                headers={"Authorization": "Bearer " + self.users[user]["token"]})
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    got[user] = json.load(r)
            except urllib.error.URLError as e:
                raise Failed("the server's agenda as %s: %s (%s)" % (user, e, self.server_said()))
        return got


def main():
    rapport, seed = sys.argv[1], int(sys.argv[2])
    days = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    sim = Sim(rapport, seed, days, sys.argv[4] if len(sys.argv) > 4 else None)
    try:
        sim.live()
    except Failed as e:
        print("FAIL (seed %d, %s): %s" % (seed, sim.day, e))
        print("Reproduce with:\n  export RAPPORT_DB=%s" % (
            "$(mktemp -d)/sim.db" if "://" not in sim.db else "<an empty database's URL>"))
        for line in sim.log:
            print("  " + line if line.startswith("GET ") else "  rapport " + line)
        return 1
    finally:
        sim.stop()
    print("ok: seed %d, %d days, %d deals, %d commands" % (seed, days, len(sim.deals),
                                                           len(sim.log)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
