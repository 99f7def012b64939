"""The agenda the API writes as text is the agenda `rapport today --json` builds as a tree:
the same members in the same order with the same values, on a seeded book whose names,
claims and signature hold non-ASCII text and control characters, with drafts."""
import json
import subprocess
import sys

from server import RAPPORT, NOW, Server, Suite, TODAY

ODD = "Ünï\tcödé \"q\" \\ 𝄞\nzwei \u00a0end \u2028"


def ordered(text):
    """The JSON text parsed with every object as a list of (name, value) pairs: equal
    only when the members come in the same order."""
    return json.loads(text, object_pairs_hook=list)


def agenda_items(doc):
    return next(v for k, v in doc if k == "items")


def today_json(srv, email, now, args):
    """`rapport today --json` as EMAIL with the clock at NOW."""
    p = subprocess.run([RAPPORT, "--db", srv.db, "--now", now, "--user", email, "today",
                        "--json"] + list(args), capture_output=True, text=True, env=srv.env,
                       timeout=120, check=True)
    return p.stdout


def compare(t, srv, client, email, query, now, args, what):
    r = client.get("/api/v1/agenda" + query)
    t.status(r, 200, what + ": the API answers")
    cli = today_json(srv, email, now, args)
    api, tree = ordered(r.text), ordered(cli)
    t.check(api == tree, what + ": the API's agenda is the command line's",
            first_difference(api, tree))
    return json.loads(r.text)


def first_difference(a, b):
    if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b):
        return (str(a)[:400], str(b)[:400])
    for x, y in zip(a, b):
        if x != y:
            return first_difference(x, y)
    return None


def oddify(srv, admin, agenda):
    """Gives the accounts with drafts, their contacts and claims names with odd text."""
    accounts = sorted({i["account_id"] for i in agenda["items"] if "draft" in i})[:8]
    for n, aid in enumerate(accounts):
        r = admin.patch("/api/v1/accounts/%d" % aid, {"name": "%s %d" % (ODD, n)})
        assert r.status == 200, r
        contacts = admin.get("/api/v1/contacts?account_id=%d" % aid).json["items"]
        for c in contacts:
            r = admin.patch("/api/v1/contacts/%d" % c["id"], {"name": "Dr. Ævä\t%s" % ODD})
            assert r.status == 200, r
    for i in agenda["items"]:
        if i["kind"] == "verify-claim":
            admin.patch("/api/v1/claims/%d" % int(i["id"].split(":")[1]), {"text": ODD})
    return accounts


def main():
    t = Suite()
    srv = Server()
    srv.cli("seed", "--accounts", "400", "--reps", "2", "--seed", "3")
    srv.cli("config", "set", "draft.signature", "Grüße\n\t— %s" % ODD)
    with srv:
        admin = srv.user("Ada Admin", "ada@example.com", "admin")
        rep = srv.client()
        rep.token = srv.token("rep1@team.example")
        first = rep.get("/api/v1/agenda?days=7").json
        changed = oddify(srv, admin, first)
        t.check(len(changed) >= 3, "accounts with drafts to rename", changed)
        for who, email, client in (("rep 1", "rep1@team.example", rep),
                                   ("an admin", "ada@example.com", admin)):
            for query, now, args in (("", NOW, ()), ("?days=7", NOW, ("--days", "7")),
                                     ("?date=2026-12-01", "2026-12-01T09:00:00Z", ())):
                a = compare(t, srv, client, email, query, now, args,
                            "%s %s" % (who, query or TODAY))
                items = a["items"]
                t.check(any("draft" in i for i in items), who + " " + query + ": drafts", "")
        text = rep.get("/api/v1/agenda?days=7").text
        for needle in ("\\t", "\\n", "𝄞", "Ü", "\u2028", "Grüße"):
            t.check(needle in text, "the answer holds %r" % needle, text[:300])
        odd = [i for i in json.loads(text)["items"] if i["account"].startswith(ODD)]
        t.check(any("draft" in i and ODD in i["draft"]["body"] for i in odd),
                "a draft quotes the odd names", odd[:1])
    t.check(srv.exit_code == 0, "the server exits cleanly", srv.stderr()[-2000:])
    srv.cleanup()
    t.finish()


if __name__ == "__main__":
    sys.exit(main())
