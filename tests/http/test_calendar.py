"""The per-user iCalendar feeds, parsed back: planned meetings with their times in UTC,
agreed follow-up days as all-day events, scoped like everything the user sees, and a
secret that can be rotated (the old URL then answers 404)."""
import urllib.parse

from server import EVIL, created, main


def parse_ics(text):
    """A tiny RFC 5545 reader: unfolds lines, answers the VEVENTs as dicts of
    name -> (params, value), with values unescaped; checks BEGIN/END nesting."""
    lines, stack, events, cur = [], [], [], None
    for raw in text.split("\r\n"):
        if raw.startswith((" ", "\t")) and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        name, _, value = line.partition(":")
        name, _, params = name.partition(";")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                cur = {}
        elif name == "END":
            if not stack or stack.pop() != value:
                raise ValueError("END:%s does not close the open component" % value)
            if value == "VEVENT":
                events.append(cur)
                cur = None
        elif cur is not None:
            v = value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            cur[name] = (params, v.replace("\\;", ";").replace("\\\\", "\\"))
    if stack:
        raise ValueError("unclosed " + ",".join(stack))
    return events


def setup(srv):
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "south")
    srv.manager = srv.user("Mona Manager", "mona@example.com", "manager", "north")
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    c = srv.rep1
    acc = created(c.post("/api/v1/accounts", {"name": "Acme, Inc; <b>"}), "account")
    srv.deal = created(c.post("/api/v1/deals", {"account_id": acc, "title": "Fleet"}), "deal")
    srv.meet = created(c.post("/api/v1/meetings", {"deal_id": srv.deal, "kind": "intro",
                                                   "at": "2026-11-24T09:30:00Z",
                                                   "minutes": 90}), "meeting")
    srv.cancelled = created(c.post("/api/v1/meetings", {
        "deal_id": srv.deal, "kind": "demo", "at": "2026-11-25T09:30:00Z", "minutes": 60}),
        "meeting")
    c.post("/api/v1/meetings/%d/cancel" % srv.cancelled, {})
    srv.held = created(c.post("/api/v1/meetings", {
        "deal_id": srv.deal, "kind": "discovery", "at": "2026-11-20T09:30:00Z",
        "minutes": 45, "force": True}), "meeting")
    c.post("/api/v1/meetings/%d/held" % srv.held, {})
    srv.agree = created(c.post("/api/v1/agreements", {
        "deal_id": srv.deal, "due_on": "2026-11-27", "note": "call back; about \"price\", "
        "terms\nand a line that is long enough to be folded by the writer of the feed"}),
        "agreement")
    deal2 = created(c.post("/api/v1/deals", {"account_id": acc, "title": EVIL}), "deal")
    srv.evil_agree = created(c.post("/api/v1/agreements", {"deal_id": deal2,
                                                           "due_on": "2026-12-31"}),
                             "agreement")
    c.post("/api/v1/deals/%d/lost" % deal2, {"reason": "price"})  # cancels that agreement
    srv.deal3 = created(c.post("/api/v1/deals", {"account_id": acc, "title": EVIL}), "deal")
    srv.evil_meet = created(c.post("/api/v1/meetings", {"deal_id": srv.deal3, "kind": "demo",
                                                        "at": "2026-11-30T23:30:00Z",
                                                        "minutes": 60}), "meeting")
    o = srv.rep2
    acc2 = created(o.post("/api/v1/accounts", {"name": "Other Co"}), "account")
    deal = created(o.post("/api/v1/deals", {"account_id": acc2, "title": "Secret deal"}),
                   "deal")
    srv.other_meet = created(o.post("/api/v1/meetings", {
        "deal_id": deal, "kind": "intro", "at": "2026-11-24T09:30:00Z", "minutes": 60}),
        "meeting")
    srv.other_agree = created(o.post("/api/v1/agreements", {"deal_id": deal,
                                                            "due_on": "2026-11-26"}),
                              "agreement")
    return srv


def feed_path(client):
    url = client.get("/api/v1/me").json["calendar_url"]
    return urllib.parse.urlparse(url).path


def fetch(srv, path):
    return srv.client().get(path)


def uids(events):
    return {e["UID"][1] for e in events}


def test_feed(t, srv):
    path = feed_path(srv.rep1)
    t.check(path.startswith("/api/v1/cal/") and path.endswith(".ics"), "the feed path", path)
    r = fetch(srv, path)
    t.status(r, 200, "the feed needs no login")
    t.eq(r.header("Content-Type"), "text/calendar; charset=utf-8", "Content-Type")
    t.check(r.text.startswith("BEGIN:VCALENDAR\r\n") and r.text.endswith("END:VCALENDAR\r\n"),
            "a VCALENDAR with CRLF lines", r.text[:80])
    t.check("\r\nVERSION:2.0\r\n" in r.text and "\r\nPRODID:" in r.text, "VERSION and PRODID")
    t.check(all(len(line.encode()) <= 75 for line in r.text.split("\r\n")),
            "lines are folded at 75 octets")
    events = parse_ics(r.text)
    by_uid = {e["UID"][1]: e for e in events}
    t.eq(uids(events), {"meeting-%d@rapport" % srv.meet, "meeting-%d@rapport" % srv.evil_meet,
                        "agreement-%d@rapport" % srv.agree},
         "planned meetings and open agreements only")
    m = by_uid.get("meeting-%d@rapport" % srv.meet, {})
    t.eq(m.get("SUMMARY", (0, 0))[1], "intro meeting: Fleet (Acme, Inc; <b>)", "meeting summary")
    t.eq(m.get("DTSTART"), ("", "20261124T093000Z"), "DTSTART in UTC")
    t.eq(m.get("DTEND"), ("", "20261124T110000Z"), "DTEND = start + minutes")
    t.check("DTSTAMP" in m, "DTSTAMP")
    a = by_uid.get("agreement-%d@rapport" % srv.agree, {})
    t.eq(a.get("SUMMARY", (0, 0))[1], "Follow up: Fleet (Acme, Inc; <b>)", "agreement summary")
    t.eq(a.get("DTSTART"), ("VALUE=DATE", "20261127"), "an all-day event on the agreed day")
    t.eq(a.get("DTEND"), ("VALUE=DATE", "20261128"), "ending the next day")
    t.eq(a.get("DESCRIPTION", (0, 0))[1],
         "call back; about \"price\", terms\nand a line that is long enough to be folded by "
         "the writer of the feed", "the note, escaped and unescaped back")
    e = by_uid.get("meeting-%d@rapport" % srv.evil_meet, {})
    t.eq(e.get("SUMMARY", (0, 0))[1], "demo meeting: %s (Acme, Inc; <b>)" % EVIL,
         "SQL and HTML in a summary, verbatim")
    t.eq((e.get("DTSTART", (0, 0))[1], e.get("DTEND", (0, 0))[1]),
         ("20261130T233000Z", "20261201T003000Z"), "a meeting across midnight")
    t.eq(r.text, fetch(srv, path).text, "the feed is the same twice")


def test_scope(t, srv):
    mine = {"meeting-%d@rapport" % srv.meet, "agreement-%d@rapport" % srv.agree}
    theirs = {"meeting-%d@rapport" % srv.other_meet, "agreement-%d@rapport" % srv.other_agree}
    for who, sees_mine, sees_theirs in ((srv.rep1, True, False), (srv.rep2, False, True),
                                        (srv.manager, True, False), (srv.admin, True, True)):
        got = uids(parse_ics(fetch(srv, feed_path(who)).text))
        name = who.user["name"]
        t.eq(mine <= got, sees_mine, name + "'s feed has Rita's events")
        t.eq(bool(theirs & got), sees_theirs, name + "'s feed has Otto's events")
    other = parse_ics(fetch(srv, feed_path(srv.rep2)).text)
    t.eq([e["SUMMARY"][1] for e in other if e["UID"][1].startswith("meeting")],
         ["intro meeting: Secret deal (Other Co)"], "Otto's feed is Otto's")


def test_bad_secrets(t, srv):
    path = feed_path(srv.rep1)
    secret = path[len("/api/v1/cal/"):-len(".ics")]
    for bad in ("/api/v1/cal/" + "0" * 64 + ".ics", "/api/v1/cal/" + secret,
                "/api/v1/cal/" + secret + ".ics.ics", "/api/v1/cal/" + secret[:-1] + ".ics",
                "/api/v1/cal/.ics", "/api/v1/cal/" + secret.upper() + ".ics",
                "/api/v1/cal/" + "a" * 5000 + ".ics", "/api/v1/cal/x'%20OR%201=1--.ics"):
        r = fetch(srv, bad)
        t.status(r, 404, "a wrong feed name: " + bad[:60])
        t.eq(r.error().get("code"), "not_found", "a JSON 404")
    t.status(fetch(srv, "/api/v1/cal/"), 404, "no name")


def test_rotate(t, srv):
    s = srv.login("rita@example.com")
    old = feed_path(s)
    r = s.post("/api/v1/me/calendar", csrf=False)
    t.status(r, 403, "rotating needs the CSRF token")
    t.status(fetch(srv, old), 200, "so the old feed still works")
    r = s.post("/api/v1/me/calendar")
    t.status(r, 200, "rotate the secret")
    new = urllib.parse.urlparse(r.json.get("calendar_url", "")).path
    t.check(new != old and new.endswith(".ics"), "a new feed URL", new)
    t.status(fetch(srv, old), 404, "the old feed is gone")
    t.status(fetch(srv, new), 200, "the new one works")
    t.eq(feed_path(s), new, "/me shows the new URL")
    r = srv.rep1.post("/api/v1/me/calendar")
    t.status(r, 200, "rotate with a token")
    t.status(fetch(srv, new), 404, "the previous one is gone")
    t.status(srv.client().post("/api/v1/me/calendar"), 401, "rotating needs a login")


def test_cli(t, srv):
    path = srv.cli("user", "calendar", "otto@example.com").strip()
    t.eq(path, feed_path(srv.rep2), "rapport user calendar prints the feed's path")
    t.status(fetch(srv, path), 200, "which is served")
    rotated = srv.cli("user", "calendar", "otto@example.com", "--rotate").strip()
    t.check(rotated != path and rotated.startswith("/api/v1/cal/"), "--rotate: a new path")
    t.status(fetch(srv, path), 404, "the old path is gone")
    t.status(fetch(srv, rotated), 200, "the new one is served")
    t.eq(srv.cli("user", "calendar", "otto@example.com").strip(), rotated, "and kept")
    p = srv.cli("user", "calendar", "nobody@example.com", check=False)
    t.eq(p, "", "an unknown user prints nothing")


def test_disabled_user(t, srv):
    u = srv.user("Dora Doomed", "dora@example.com", "rep", "north")
    path = feed_path(u)
    t.status(fetch(srv, path), 200, "dora's feed")
    srv.admin.patch("/api/v1/users/%d" % u.id, {"disabled": True})
    t.status(fetch(srv, path), 404, "a disabled user's feed is gone")


main([test_feed, test_scope, test_bad_secrets, test_rotate, test_cli, test_disabled_user],
     setup)
