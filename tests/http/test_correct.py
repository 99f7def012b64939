"""Correcting mistakes over the API: PATCH and DELETE of the records a salesperson gets wrong,
cancelling an agreement, lifting a hold with DELETE, typo'd dates refused unless forced, and
a contact's track record. Every change leaves a history line; a refused one changes nothing.
The server's clock is 2026-11-23 09:00 UTC."""
import json
import subprocess

from server import book, created, main


def setup(srv):
    srv.rep = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.other = srv.user("Otto Other", "otto@example.com", "rep", "south")
    srv.ids = book(srv.rep, "Rita", day="2026-11-24")
    srv.theirs = book(srv.other, "Otto", day="2026-11-24")
    return srv


def history(srv, entity, ident):
    """[field, from, to, reason, user_id] of a record's history, oldest first."""
    out = subprocess.run(["sqlite3", "-json", srv.db,
                          "SELECT field, \"from\", \"to\", reason, user_id FROM history "
                          "WHERE entity = '%s' AND entity_id = %d ORDER BY id" % (entity, ident)],
                         capture_output=True, text=True, check=True).stdout
    return [[h["field"], h["from"], h["to"], h["reason"], h["user_id"]]
            for h in json.loads(out or "[]")]


def agenda_kinds(c, deal):
    items = c.get("/api/v1/agenda").json["items"]
    return sorted(it["kind"] for it in items if it.get("deal_id") == deal)


def test_activity(t, srv):
    c, ids, me = srv.rep, srv.ids, srv.rep.id
    path = "/api/v1/activities/%d" % ids["activities"]
    before = srv.dump()
    r = c.patch(path, {"at": "2062-11-23T09:00:00Z"})
    t.status(r, 422, "an activity 36 years ahead is a typo")
    t.eq(r.error().get("field"), "at", "the error names at")
    t.check("2062-11-23T09:00:00Z" in r.error().get("message", ""), "it says what was typed", r)
    t.status(c.patch(path, {"force": "yes"}), 422, "force must be a boolean")
    t.status(c.patch(path, {"outcome": "maybe"}), 422, "outcome from its vocabulary")
    t.eq(srv.dump(), before, "refused edits change nothing")
    r = c.patch(path, {"at": "2026-11-24T09:00:00Z", "outcome": "no-answer"})
    t.status(r, 200, "a day ahead at most is fine")
    t.eq((r.json["at"], r.json["outcome"]), ("2026-11-24T09:00:00Z", "no-answer"), "changed")
    t.eq(history(srv, "activity", ids["activities"]),
         [["outcome", "connected", "no-answer", "edited", me],
          ["at", "2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z", "edited", me]],
         "one history line per field, with who")
    r = c.patch(path, {"at": "2027-01-01T09:00:00Z", "force": True})
    t.status(r, 200, "forced, a far date is taken")
    r = c.post("/api/v1/activities", {"deal_id": ids["deals"], "kind": "call",
                                      "direction": "out", "at": "2062-01-01T09:00:00Z"})
    t.status(r, 422, "logging one far ahead is refused too")
    r = c.post("/api/v1/activities", {"deal_id": ids["deals"], "kind": "note",
                                      "direction": "none", "text": "wrong deal"})
    gone = created(r, "activity")
    t.status(c.delete("/api/v1/activities/%d" % gone), 200, "delete an activity")
    t.status(c.get("/api/v1/activities/%d" % gone), 404, "it is gone")
    t.eq(history(srv, "deal", ids["deals"])[-1][2:],
         [None, "deleted", me], "the deal's history says an activity was deleted")
    t.check(history(srv, "deal", ids["deals"])[-1][1].startswith("activity %d: note" % gone),
            "and which")
    t.status(c.delete("/api/v1/activities/99999"), 404, "unknown activity")


def test_agreement(t, srv):
    c, ids = srv.rep, srv.ids
    deal = created(c.post("/api/v1/deals", {"account_id": ids["accounts"], "title": "Second"}),
                   "deal")
    agree = created(c.post("/api/v1/agreements", {"deal_id": deal, "due_on": "2026-11-26"}),
                    "agreement")
    path = "/api/v1/agreements/%d" % agree
    t.check("no-next-step" not in agenda_kinds(c, deal), "an agreement is a next step")
    before = srv.dump()
    t.status(c.patch(path, {"due_on": "2026-11-20"}), 422, "not before the day it was made")
    t.status(c.patch(path, {"due_on": "next week"}), 422, "a date")
    t.eq(srv.dump(), before, "nothing changed")
    r = c.patch(path, {"due_on": "2026-11-27", "note": "after the board meeting"})
    t.status(r, 200, "move the agreed day")
    t.eq(history(srv, "agreement", agree),
         [["due_on", "2026-11-26", "2026-11-27", "edited", c.id],
          ["note", None, "after the board meeting", "edited", c.id]], "history of the edit")
    r = c.post(path + "/cancel", {"note": "they asked for room"})
    t.status(r, 200, "cancel")
    t.eq((r.json["status"], r.json["closed_at"]), ("cancelled", "2026-11-23T09:00:00Z"),
         "cancelled now")
    t.eq(history(srv, "agreement", agree)[-1],
         ["status", "open", "cancelled", "they asked for room", c.id], "with the reason")
    t.check("no-next-step" in agenda_kinds(c, deal), "the deal needs a next step again")
    before = srv.dump()
    r = c.post(path + "/cancel", {})
    t.status(r, 409, "a cancelled agreement is not cancelled twice")
    t.status(c.patch(path, {"due_on": "2026-11-30"}), 409, "nor moved")
    t.eq(srv.dump(), before, "nothing changed")
    t.status(c.post("/api/v1/agreements/99999/cancel", {}), 404, "unknown agreement")


def test_meeting(t, srv):
    c, ids = srv.rep, srv.ids
    path = "/api/v1/meetings/%d" % ids["meetings"]
    extra = created(c.post("/api/v1/contacts", {"account_id": ids["accounts"],
                                                "name": "Second Buyer"}), "contact")
    before = srv.dump()
    r = c.patch(path, {"at": "2020-11-24T10:00:00Z"})
    t.status(r, 422, "a planned meeting moved into 2020 is a typo")
    t.check("2020-11-24T10:00:00Z" in r.error().get("message", ""), "it says what was typed", r)
    t.status(c.patch(path, {"minutes": 0}), 422, "minutes from 1")
    t.status(c.patch(path, {"attendees": [srv.theirs["contacts"]]}), 404,
             "someone else's contact is not found")
    t.status(c.patch(path, {"attendees": "everyone"}), 422, "attendees are ids")
    t.status(c.post("/api/v1/meetings", {"deal_id": ids["deals"], "at": "2020-11-24T10:00:00Z",
                                         "minutes": 60, "kind": "demo"}), 422,
             "booking one in 2020 is refused")
    t.eq(srv.dump(), before, "nothing changed")
    r = c.patch(path, {"minutes": 30, "kind": "intro", "attendees": [extra, ids["contacts"]]})
    t.status(r, 200, "shorter, another kind, other attendees")
    t.eq(r.json.get("warnings"),
         ["meeting is too short: intro meetings need 60 minutes (30 short)"], "too short")
    t.eq(history(srv, "meeting", ids["meetings"]),
         [["minutes", "60", "30", "edited", c.id], ["kind", "demo", "intro", "edited", c.id],
          ["attendees", str(ids["contacts"]), "%d, %d" % (ids["contacts"], extra), "edited",
           c.id]], "history of the edit")
    r = c.post(path + "/reschedule", {"at": "2026-11-25T10:00:00Z", "by": "them"})
    t.status(r, 200, "moved at their request")
    old = c.get(path).json
    t.eq((old["status"], old["rescheduled_by"]), ("rescheduled", "them"), "who asked")
    t.status(c.post("/api/v1/meetings/%d/reschedule" % r.json["id"],
                    {"at": "2026-11-26T10:00:00Z", "by": "the boss"}), 422, "us or them")
    track = c.get("/api/v1/contacts/%d" % extra).json["track_record"]
    t.eq((track["reschedules"], track["rescheduled_by_them"], len(track["meetings"])),
         (1, 1, 2), "the contact's track record counts it")


def test_claim_statement(t, srv):
    c, ids = srv.rep, srv.ids
    r = c.patch("/api/v1/claims/%d" % ids["claims"], {"text": "a contract until 2027"})
    t.status(r, 200, "claim text")
    t.eq(history(srv, "claim", ids["claims"])[-1],
         ["text", "we have a binding contract", "a contract until 2027", "edited", c.id],
         "claim history")
    t.status(c.patch("/api/v1/claims/%d" % ids["claims"], {"text": ""}), 422, "not blank")
    r = c.patch("/api/v1/statements/%d" % ids["statements"], {"text": "delivery in a week"})
    t.status(r, 200, "statement text")
    t.eq(history(srv, "statement", ids["statements"])[-1][:3],
         ["text", "delivery within five days", "delivery in a week"], "statement history")
    t.status(c.delete("/api/v1/statements/%d" % ids["statements"]), 200, "delete it")
    t.eq(history(srv, "statement", ids["statements"]), [], "its own history goes with it")
    t.eq(history(srv, "deal", ids["deals"])[-1][1:4],
         ["statement %d: delivery in a week" % ids["statements"], None, "deleted"],
         "the deal remembers it")


def test_holds(t, srv):
    c, ids = srv.rep, srv.ids
    deal = "/api/v1/deals/%d" % ids["deals"]
    r = c.post(deal + "/hold", {"until": "2026-12-10", "unless_inbound": True,
                                "reason": "budget frozen"})
    t.status(r, 200, "a deal hold unless they call")
    t.eq((r.json["hold_until"], r.json["hold_unless_inbound"]), ("2026-12-10", True), "held")
    created(c.post("/api/v1/activities", {"deal_id": ids["deals"], "kind": "email",
                                          "direction": "in"}), "activity")
    t.eq(c.get(deal).json["hold_until"], "2026-12-10",
         "their e-mail the day the hold was set does not lift it")
    r = c.delete(deal + "/hold")
    t.status(r, 200, "DELETE lifts the hold")
    t.eq((r.json["hold_until"], r.json["hold_unless_inbound"]), (None, False), "lifted")
    t.eq(history(srv, "deal", ids["deals"])[-1][:4], ["hold", "2026-12-10", None, "cancelled"],
         "the history says so")
    before = srv.dump()
    t.status(c.delete(deal + "/hold"), 409, "no hold to lift")
    t.eq(srv.dump(), before, "nothing changed")
    acc = "/api/v1/accounts/%d" % ids["accounts"]
    t.status(c.post(acc + "/hold", {"until": "2026-12-01"}), 200, "an account hold")
    t.eq(c.delete(acc + "/hold").json["hold_until"], None, "DELETE lifts it too")
    t.status(c.delete("/api/v1/accounts/99999/hold"), 404, "unknown account")
    t.status(c.delete("/api/v1/deals/%d/hold" % srv.theirs["deals"]), 404,
             "someone else's deal")


def test_track_record(t, srv):
    c, ids = srv.rep, srv.ids
    acc = created(c.post("/api/v1/accounts", {"name": "Track Co"}), "account")
    who = created(c.post("/api/v1/contacts", {"account_id": acc, "name": "Tess"}), "contact")
    deal = created(c.post("/api/v1/deals", {"account_id": acc, "title": "Tracked"}), "deal")
    for at, outcome in (("2026-11-10T09:00:00Z", "connected"), ("2026-11-16T09:00:00Z",
                                                                 "no-answer"),
                        ("2026-11-18T09:00:00Z", "no-answer")):
        created(c.post("/api/v1/activities", {"deal_id": deal, "contact_id": who,
                                              "kind": "call", "direction": "out",
                                              "outcome": outcome, "at": at}), "activity")
    for at, verb in (("2026-11-12T10:00:00Z", "held"), ("2026-11-17T10:00:00Z", "no-show")):
        m = created(c.post("/api/v1/meetings", {"deal_id": deal, "at": at, "minutes": 60,
                                                "kind": "intro", "attendees": [who],
                                                "force": True}), "meeting")
        t.status(c.post("/api/v1/meetings/%d/%s" % (m, verb), {}), 200, verb)
    track = c.get("/api/v1/contacts/%d" % who).json["track_record"]
    t.eq({k: track[k] for k in ("meetings_held", "no_shows", "reschedules", "calls_unanswered",
                                "calls_unanswered_since_reply", "last_two_way_at",
                                "last_touch_at", "last_inbound_at")},
         {"meetings_held": 1, "no_shows": 1, "reschedules": 0, "calls_unanswered": 2,
          "calls_unanswered_since_reply": 2, "last_two_way_at": "2026-11-12T10:00:00Z",
          "last_touch_at": "2026-11-18T09:00:00Z", "last_inbound_at": None},
         "meetings held and missed, calls unanswered since the last reply")
    t.eq(track["last_reply"]["what"], "meeting held", "the last reply was the meeting")
    t.status(c.get("/api/v1/contacts/%d" % srv.theirs["contacts"]), 404,
             "someone else's contact")


main([test_activity, test_agreement, test_meeting, test_claim_statement, test_holds,
      test_track_record], setup)
