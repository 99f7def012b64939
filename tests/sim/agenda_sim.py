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

Every command goes through the real `rapport` binary on a real SQLite file, with --now.
A failure prints the commands that reproduce it. Usage: agenda_sim.py RAPPORT SEED [DAYS]
"""
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile

SLIP_DAYS = 36  # stale.lead (30 working days) + the longest retry (5) + one
REACH_OUT = {"push-answered", "call-back", "followup-missed", "followup-due", "hold-ends",
             "push-ignored", "push-suggested", "no-show", "stale", "no-next-step"}
AFTER_SALE = {"meeting", "meeting-too-short", "meeting-outcome", "thank-you", "call-back",
              "checkin-due", "payment-late"}
OF_THE_DAY = ("meeting:", "followup-due:", "hold-ends:")


class Failed(Exception):
    pass


class Sim:
    USERS = (("Rita Rep", "rita@sim.test", "rep"), ("Ravi Rep", "ravi@sim.test", "rep"),
             ("Mia Manager", "mia@sim.test", "manager"))

    def __init__(self, rapport, seed, days):
        self.rapport, self.rng, self.days = rapport, random.Random(seed), days
        self.dir = tempfile.mkdtemp(prefix="rapport-sim.")
        self.db = os.path.join(self.dir, "sim.db")
        self.log = []           # every command, for the reproduction
        self.day = dt.date(2026, 9, 1)
        self.deals = {}         # id -> {"account", "open", "pushed"}
        self.holds = {}         # account -> until (date)
        self.last_item = {}     # open deal -> the last working day it had an item
        self.spoke = set()      # deals with new two-way contact since the last check
        self.clock = 0          # the commands of the day so far (their minutes)

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
        owners = [self.run("user", "add", name, "--email", email, "--role", role, "--team",
                           "north", stdin="correct horse battery\n")["id"]
                  for name, email, role in self.USERS] + [""]
        for i in range(accounts):
            acc = self.run("account", "add", "Account %d" % i, "--style",
                           self.rng.choice(["direct", "standard", "gentle"]), "--trigger",
                           self.rng.choice(["growth", "moving", "cold-call"]), "--owner",
                           str(owners[0]))["id"]
            self.run("account", "edit", str(acc), "--owner", str(owners[i % len(owners)]))
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
        owner, and (on alternate days) a rep's and their manager's, each merged from the
        parts of their scope."""
        who = [()] + ([("--user", u[1]) for u in self.USERS[1:]]
                      if self.day.toordinal() % 2 else [])
        for user in who:
            fresh = self.run(*user, "today", "--days", "3", env={"RAPPORT_AGENDA_KEEP": "off"})
            for attempt in ("made", "merged", "kept"):
                got = self.run(*user, "today", "--days", "3")
                if got != fresh:
                    raise Failed("the %s agenda %s is not the one made afresh: %s" % (
                        attempt, " ".join(user), json.dumps([got, fresh])[:2000]))


def main():
    rapport, seed = sys.argv[1], int(sys.argv[2])
    days = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    sim = Sim(rapport, seed, days)
    try:
        sim.live()
    except Failed as e:
        print("FAIL (seed %d, %s): %s" % (seed, sim.day, e))
        print("Reproduce with:\n  export RAPPORT_DB=$(mktemp -d)/sim.db")
        for line in sim.log:
            print("  rapport " + line)
        return 1
    print("ok: seed %d, %d days, %d deals, %d commands" % (seed, days, len(sim.deals),
                                                           len(sim.log)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
