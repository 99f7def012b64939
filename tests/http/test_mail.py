"""Mail goes out with no lock held: while a slow mail server takes 5 s over a message (push
with "send", an agenda item's send, `rapport push send`), every other client's writes are
answered at once. A send is acknowledged only once the mail server took the message and it
was recorded; one the mail server refuses is 502 with nothing recorded; a second message to
the same people while the first is on its way is refused (409), so nothing goes twice."""
import json
import os
import subprocess
import threading
import time

from server import Server, Suite, book, created

HERE = os.path.dirname(os.path.abspath(__file__))
STALL = 5
t = Suite()


def start_sink(srv, mode, *args):
    out = os.path.join(srv.dir, "mail-%d.jsonl" % time.monotonic_ns())
    sink = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "..", "cli", "smtp_sink.py"),
                             out, mode, *args], stdout=subprocess.PIPE, text=True)
    port = int(sink.stdout.readline())
    srv.cli("config", "set", "smtp.url", "smtp://127.0.0.1:%d" % port)
    srv.cli("config", "set", "smtp.from", "rita@example.com")
    return sink, out


def stop_sink(sink):
    sink.terminate()
    sink.wait()


def mails(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f]


def pushes_of(srv, deal):
    """The modes of the pushes recorded for DEAL, read from the database."""
    out = subprocess.run(["sqlite3", srv.db, "SELECT mode FROM pushes WHERE deal_id = %d" % deal],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def in_background(fn):
    """Runs FN in a thread; answers a function that waits for it and gives its result."""
    box = {}
    th = threading.Thread(target=lambda: box.update(result=fn(), done=time.time()))
    th.start()

    def result():
        th.join()
        return box.get("result"), box.get("done")
    return result


def others_write(other, seconds, tag):
    """OTHER adds an account every 0.2 s for SECONDS: (status, seconds taken) of each."""
    answers, start, n = [], time.time(), 0
    while time.time() - start < seconds:
        before = time.time()
        r = other.post("/api/v1/accounts", {"name": "%s %d GmbH" % (tag, n)})
        answers.append((r.status, round(time.time() - before, 2)))
        n += 1
        time.sleep(0.2)
    return answers


def check_prompt(answers, what):
    slow = [a for a in answers if a[0] != 201 or a[1] > 1.5]
    t.check(len(answers) >= 10 and not slow, "%s: another user's writes are answered within "
            "1.5 s all along" % what, "%d tries, slow or failed: %s" % (len(answers), slow))


def test_push_send(srv, rep, other):
    d = book(rep, "Slow")["deals"]
    sink, out = start_sink(srv, "stall", str(STALL))
    try:
        start = time.time()
        sending = in_background(lambda: rep.post("/api/v1/deals/%d/push" % d, {"mode": "send"}))
        time.sleep(0.5)
        again = in_background(lambda: rep.post("/api/v1/deals/%d/push" % d, {"mode": "send"}))
        answers = others_write(other, STALL - 1.5, "Push")
        r, _ = again()
        t.status(r, 409, "a second send to the same people while the first is on its way")
        t.check("being sent already" in r.error().get("message", ""), "says so", r.json)
        r, done = sending()
        t.status(r, 201, "push send through a mail server that takes 5 s")
        t.check(done - start >= STALL - 0.5, "answered once the mail server took it",
                "%.1f s" % (done - start))
        check_prompt(answers, "push send")
        t.eq(len(mails(out)), 1, "one message reached the mail server")
        t.eq(r.json.get("mode"), "send", "recorded as sent")
        t.eq(pushes_of(srv, d), ["send"], "one push recorded")
        t.status(rep.post("/api/v1/deals/%d/push" % d, {"mode": "send"}), 409,
                 "a send after it: the push is pending")
        time.sleep(0.3)
        t.eq(len(mails(out)), 1, "and nothing more was sent")
    finally:
        stop_sink(sink)


def test_refused(srv, rep):
    d = book(rep, "Refused")["deals"]
    sink, out = start_sink(srv, "refuse")
    try:
        r = rep.post("/api/v1/deals/%d/push" % d, {"mode": "send"})
        t.status(r, 502, "a message the mail server refuses")
        t.check("cannot send" in r.error().get("message", ""), "says so", r.json)
        t.eq(pushes_of(srv, d), [], "nothing recorded")
    finally:
        stop_sink(sink)


def test_agenda_send(srv, rep, other):
    """A late payment's item comes with a message to the account's contact."""
    a = created(rep.post("/api/v1/accounts", {"name": "Late GmbH"}), "account")
    created(rep.post("/api/v1/contacts", {"account_id": a, "name": "Late Payer", "primary": True,
                                          "email": "late@customer.example"}), "contact")
    created(rep.post("/api/v1/invoices", {"account_id": a, "amount_cents": 9900,
                                          "due_on": "2026-11-01"}), "invoice")
    items = rep.get("/api/v1/agenda").json.get("items", [])
    mine = [i for i in items if (i.get("draft") or {}).get("to")]
    if not t.check(mine, "an agenda item with a message to send", items):
        return
    item = mine[0]["id"]
    sink, out = start_sink(srv, "stall", str(STALL))
    try:
        sending = in_background(lambda: rep.post("/api/v1/agenda/%s/send" % item, {}))
        time.sleep(0.5)
        answers = others_write(other, STALL - 1, "Agenda")
        r, _ = sending()
        t.status(r, 200, "an agenda item's send through a mail server that takes 5 s")
        t.eq(len(mails(out)), 1, "one message reached the mail server")
        check_prompt(answers, "agenda send")
        t.status(rep.post("/api/v1/agenda/%s/send" % item, {}), (404, 409),
                 "the item is dealt with")
        t.eq(len(mails(out)), 1, "and nothing more was sent")
    finally:
        stop_sink(sink)


def test_cli_push_send(srv, rep, other):
    d = book(rep, "Cli")["deals"]
    sink, out = start_sink(srv, "stall", str(STALL))
    try:
        sending = in_background(lambda: srv.cli("--json", "push", "send", str(d), full=True,
                                                 check=False))
        time.sleep(0.5)
        answers = others_write(other, STALL - 1, "Cli")
        p, _ = sending()
        t.eq(p.returncode, 0, "rapport push send through a mail server that takes 5 s")
        t.eq(len(mails(out)), 1, "one message reached the mail server")
        check_prompt(answers, "rapport push send")
    finally:
        stop_sink(sink)


with Server() as srv:
    rep = srv.user("Rita", "rita@example.com", "rep")
    other = srv.user("Olaf", "olaf@example.com", "rep")
    test_push_send(srv, rep, other)
    test_refused(srv, rep)
    test_agenda_send(srv, rep, other)
    test_cli_push_send(srv, rep, other)
t.finish(srv)
