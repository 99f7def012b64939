"""Imports and exports through the API: the CLI's summary for a CSV or vCard body or a
browser's multipart form, a large upload kept out of the server's memory, dry runs, strict
refusals and bad forms changing nothing, each export of what the caller may see, the whole
book for admins only, and bad requests answered with the API's error JSON."""
import csv
import io
import json
import os

from server import main

# ASan keeps freed memory out of reuse for a while (its quarantine), so that the server's
# resident size would count every block it ever allocated, not what it holds.
os.environ["ASAN_OPTIONS"] = (os.environ.get("ASAN_OPTIONS", "") +
                              ":quarantine_size_mb=0:thread_local_quarantine_size_kb=0")

CONTACTS = ("Name,Email,Company,Title\r\n"
            "Eva Roth,eva@acme.example,Acme GmbH,CEO\r\n"
            "Bad Mail,not-an-email,Acme GmbH,\r\n"
            "Jan Klein,jan@acme.example,ACME  gmbh,\r\n")
VCARDS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Otto Card\r\nN:Card;Otto;;;\r\n"
          "EMAIL;TYPE=work:otto@card.example\r\nORG:Card Co\r\nEND:VCARD\r\n")


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    srv.rep1 = srv.user("Rita Rep", "rita@example.com", "rep", "north")
    srv.rep2 = srv.user("Otto Other", "otto@example.com", "rep", "south")
    return srv


def upload(client, query, text, content_type="text/csv"):
    return client.request("POST", "/api/v1/imports" + query, raw=text.encode("utf-8"),
                          content_type=content_type)


# A form as a browser sends it (<form enctype="multipart/form-data"> with a text field and
# an <input type="file">): CRLF lines, a WebKit boundary, the file's name and type.
BOUNDARY = "----WebKitFormBoundaryq8Jm3xT0vZrYb2Kd"


def form(data, filename="contacts.csv", file_type="text/csv", field="file", end=True):
    head = ("--%s\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nfrom my laptop\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
            "Content-Type: %s\r\n\r\n" % (BOUNDARY, BOUNDARY, field, filename, file_type))
    tail = "\r\n--%s--\r\n" % BOUNDARY if end else ""
    return head.encode() + data + tail.encode()


def upload_form(client, query, body, boundary=BOUNDARY):
    return client.request("POST", "/api/v1/imports" + query, raw=body,
                          content_type="multipart/form-data; boundary=" + boundary)


def rss_peak_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def rows(resp):
    return list(csv.DictReader(io.StringIO(resp.text)))


def test_bad_requests(t, srv):
    before = srv.dump()
    r = srv.rep1.post("/api/v1/imports?kind=contacts", {"name": "x"})
    t.status(r, 415, "a JSON body is not a file")
    t.eq(r.error().get("code"), "unsupported_media_type", "the error JSON")
    t.status(upload(srv.rep1, "", CONTACTS), 400, "a CSV needs its kind")
    t.eq(upload(srv.rep1, "", CONTACTS).error().get("field"), "kind", "named")
    t.status(upload(srv.rep1, "?kind=meetings", CONTACTS), 400, "an unknown kind")
    t.status(upload(srv.rep1, "?kind=contacts&dry_run=yes", CONTACTS), 422, "a bad flag")
    t.status(upload(srv.rep1, "?kind=deals", VCARDS, "text/vcard"), 400,
             "vCards are contacts")
    r = upload(srv.rep1, "?kind=contacts", "")
    t.status(r, 422, "an empty file")
    t.check("empty" in r.error().get("message", ""), "says so", r)
    r = upload(srv.rep1, "?kind=contacts", "Name,Email\r\n\"unterminated,x\r\n")
    t.status(r, 422, "a file that is not CSV")
    r = upload(srv.rep1, "?kind=contacts", "a" * (64 * 1024 * 1024 + 1))
    t.status(r, 413, "a body over 64 MiB")
    t.eq(r.error().get("code"), "too_large", "the error JSON")
    t.status(srv.client().request("POST", "/api/v1/imports?kind=contacts",
                                  raw=CONTACTS.encode(), content_type="text/csv"), 401,
             "no login, no import")
    t.eq(srv.dump(), before, "nothing changed")


def test_dry_run_and_strict(t, srv):
    before = srv.dump()
    r = upload(srv.rep1, "?kind=contacts&dry_run=1", CONTACTS)
    t.status(r, 200, "a dry run")
    t.eq((r.json["dry_run"], r.json["added"]["contacts"], r.json["rejected"]), (True, 2, 1),
         "says what would happen")
    r = upload(srv.rep1, "?kind=contacts&strict=1", CONTACTS)
    t.status(r, 422, "strict refuses the file")
    t.check("line 3" in r.error().get("message", ""), "naming the line", r)
    t.eq(srv.dump(), before, "and neither changed anything")


def test_import(t, srv):
    cli = json.loads(srv.cli("--user", "rita@example.com", "import", "csv", "-", "--kind",
                             "contacts", "--dry-run", "--json", stdin=CONTACTS))
    r = upload(srv.rep1, "?kind=contacts", CONTACTS)
    t.status(r, 200, "an import")
    t.eq(r.json, dict(cli, dry_run=False), "the CLI's summary")
    t.eq((r.json["added"], r.json["rejects"][0]["line"]),
         ({"accounts": 1, "contacts": 2, "deals": 0}, 3), "what happened to each row")
    again = upload(srv.rep1, "?kind=contacts", CONTACTS)
    t.eq((again.json["added"]["contacts"], again.json["unchanged"]), (0, 2),
         "the same file again changes nothing")
    r = upload(srv.rep1, "", VCARDS, "text/vcard; charset=utf-8")
    t.status(r, 200, "a vCard import")
    t.eq(r.json["added"], {"accounts": 1, "contacts": 1, "deals": 0}, "a card, its company")
    mine = srv.rep1.get("/api/v1/contacts").json
    t.eq(sorted(c["name"] for c in mine["items"]), ["Eva Roth", "Jan Klein", "Otto Card"],
         "the new contacts are the importer's")
    t.eq(srv.rep2.get("/api/v1/contacts").json["items"], [], "and no one else's")
    audit = srv.admin.get("/api/v1/audit").json["items"]
    t.check(any(a.get("action") == "POST /api/v1/imports" for a in audit), "audited", audit[:3])


def test_multipart(t, srv):
    before = srv.dump()
    bad = [
        (upload_form(srv.rep1, "?kind=contacts", form(CONTACTS.encode(), field="x")[:-60]),
         "a form cut short"),
        (upload_form(srv.rep1, "?kind=contacts",
                     ("--%s\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
                      "--%s--\r\n" % (BOUNDARY, BOUNDARY)).encode()), "a form without a file"),
        (srv.rep1.request("POST", "/api/v1/imports?kind=contacts", raw=form(CONTACTS.encode()),
                          content_type="multipart/form-data"), "a form without a boundary"),
        (upload_form(srv.rep1, "?kind=contacts", b"this is not a form at all"), "no form"),
    ]
    for r, what in bad:
        t.status(r, 400, what)
        t.eq(r.error().get("code"), "bad_request", what + ": the error JSON")
    t.status(upload_form(srv.rep1, "?kind=contacts&strict=1", form(CONTACTS.encode())), 422,
             "a strict form import refused")
    t.eq(srv.dump(), before, "none of them changed anything")

    cli = json.loads(srv.cli("--user", "rita@example.com", "import", "csv", "-", "--kind",
                             "contacts", "--dry-run", "--json", stdin=CONTACTS))
    r = upload_form(srv.rep1, "?kind=contacts&dry_run=1", form(CONTACTS.encode()))
    t.status(r, 200, "a form's file, dry run")
    t.eq(r.json, cli, "the CLI's summary")
    # Windows browsers send a .csv file as Excel's type; a phone's cards as a .vcf of no
    # particular type.
    r = upload_form(srv.rep1, "?kind=contacts&dry_run=1",
                    form(CONTACTS.encode(), file_type="application/vnd.ms-excel"))
    t.eq(r.json, cli, "whatever type the browser gives a .csv")
    vcli = json.loads(srv.cli("--user", "rita@example.com", "import", "vcard", "-",
                              "--dry-run", "--json", stdin=VCARDS))
    r = upload_form(srv.rep1, "?dry_run=1",
                    form(VCARDS.encode(), "phone.vcf", "application/octet-stream"))
    t.status(r, 200, "a .vcf in a form")
    t.eq(r.json, vcli, "read as vCards, the CLI's summary")

    # A large file (30 MB, mostly a notes column the import ignores): the server keeps it
    # on disk as it comes, so its memory grows by far less than the file.
    notes = "n" * 10000
    big = "Name,Email,Company,Notes\r\n" + "".join(
        "Big %d,big%d@large.example,Large Co %d,%s\r\n" % (i, i, i % 50, notes)
        for i in range(3000))
    peak = rss_peak_kib(srv.proc.pid)
    r = upload_form(srv.rep1, "?kind=contacts", form(big.encode(), "large.csv"))
    t.status(r, 200, "a 30 MB form")
    t.eq((r.json["added"]["contacts"], r.json["unknown_columns"]), (3000, ["Notes"]),
         "every row read")
    grown = rss_peak_kib(srv.proc.pid) - peak
    t.check(grown < 12 * 1024, "the server's peak memory grew by %d KiB, not 30 MB" % grown,
            grown)


def test_exports(t, srv):
    book = srv.rep2.post("/api/v1/accounts", {"name": "Otto's =Secret"}).json
    srv.rep2.post("/api/v1/contacts", {"account_id": book["id"], "name": "Hidden Person",
                                       "email": "hidden@south.example"})
    r = srv.rep1.get("/api/v1/exports/contacts.csv")
    t.status(r, 200, "contacts as CSV")
    t.eq(r.header("Content-Type"), "text/csv; charset=utf-8", "typed")
    t.eq(r.header("Content-Disposition"), 'attachment; filename="contacts.csv"', "a file")
    t.eq(sorted(x["Name"] for x in rows(r)), ["Eva Roth", "Jan Klein", "Otto Card"],
         "only what the caller may see")
    r = srv.admin.get("/api/v1/exports/accounts.csv")
    t.check(any(x["Name"] == "'Otto's =Secret" or x["Name"] == "Otto's =Secret"
                for x in rows(r)), "an admin sees every account", r)
    t.check("Otto's =Secret" not in srv.rep1.get("/api/v1/exports/accounts.csv").text,
            "a rep does not see another's")
    for name in ("deals.csv", "activities.csv"):
        t.status(srv.rep1.get("/api/v1/exports/" + name), 200, name)
    r = srv.rep1.get("/api/v1/exports/contacts.vcf")
    t.status(r, 200, "contacts as vCards")
    t.eq(r.header("Content-Type"), "text/vcard; charset=utf-8", "typed")
    t.eq(r.text.count("BEGIN:VCARD"), 3, "one card each")
    r = srv.rep1.get("/api/v1/exports/book.json")
    t.status(r, 403, "the whole book is for admins")
    t.eq(r.error().get("code"), "forbidden", "the error JSON")
    r = srv.admin.get("/api/v1/exports/book.json")
    t.status(r, 200, "an admin's backup")
    t.eq(r.json.get("format"), "rapport-backup", "the backup")
    r = srv.rep1.get("/api/v1/exports/contacts.xlsx")
    t.status(r, 404, "an unknown export")
    t.eq(r.error().get("field"), "name", "the error JSON")
    t.status(srv.client().get("/api/v1/exports/contacts.csv"), 401, "no login, no export")


main([test_bad_requests, test_dry_run_and_strict, test_import, test_exports, test_multipart],
     setup)
