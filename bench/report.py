#!/usr/bin/env python3
"""Helpers of bench/run: collect results as JSON lines, time commands without hyperfine,
and render docs/BENCHMARKS.md.

    report.py record RESULTS KEY=VALUE...    append one result; VALUE "@FILE" reads a
                                             hyperfine JSON export or a wrk report
    report.py loop OUT.json N [--fresh DB] [--prepare SH] CMD...   time N runs of CMD
                                          (hyperfine's format), SH run before each, untimed
    report.py render RESULTS OUT.md
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

# ---- collecting -------------------------------------------------------------------------


def timing_of(path):
    """Median, min, max and runs of a hyperfine export (seconds)."""
    with open(path) as f:
        times = json.load(f)["results"][0]["times"]
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "runs": len(times)}


UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def seconds(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else None


def wrk_of(path):
    """Requests per second, latency percentiles (seconds) and errors of a wrk report."""
    text = open(path).read()
    out = {"rps": None, "errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        out["rps"] = float(m.group(1))
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M):
        out["p" + pct] = seconds(value)
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        out["errors"] += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        out["errors"] += sum(int(x) for x in m.groups())
    m = re.search(r"(\d+) requests in", text)
    out["requests"] = int(m.group(1)) if m else None
    if not out["requests"]:
        for pct in ("p50", "p75", "p90", "p99"):
            out[pct] = None  # wrk prints zeros when nothing came back
    return out


# Values kept as text even when they read as JSON (commit 96285e8 is a number to json.loads).
TEXT_KEYS = {"commit", "version", "load", "started", "sqlite", "hyperfine", "wrk", "as_user"}


def value_of(key, text):
    if key in TEXT_KEYS and not text.startswith("@"):
        return text
    if text.startswith("@"):
        path = text[1:]
        return timing_of(path) if path.endswith(".json") else wrk_of(path)
    try:
        return json.loads(text)
    except ValueError:
        return text


def record(results, pairs):
    row = {}
    for pair in pairs:
        key, _, text = pair.partition("=")
        row[key] = value_of(key, text)
    with open(results, "a") as f:
        f.write(json.dumps(row) + "\n")


def loop(out, n, argv):
    fresh = prepare = None
    if argv[:1] == ["--fresh"]:
        fresh, argv = argv[1], argv[2:]
    if argv[:1] == ["--prepare"]:
        prepare, argv = argv[1], argv[2:]
    times = []
    for _ in range(n):
        if fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(fresh + suffix):
                    os.remove(fresh + suffix)
        if prepare:
            subprocess.run(prepare, shell=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    with open(out, "w") as f:
        json.dump({"results": [{"command": " ".join(argv), "times": times}]}, f)


# ---- rendering --------------------------------------------------------------------------


def fmt_time(s):
    if s is None:
        return "–"
    if s < 0.001:
        return "%.0f µs" % (s * 1e6)
    if s < 1:
        return "%.1f ms" % (s * 1e3) if s < 0.1 else "%.0f ms" % (s * 1e3)
    return "%.2f s" % s


def fmt_rss(kb):
    return "%.1f MiB" % (kb / 1024) if isinstance(kb, (int, float)) else "–"


def fmt_rps(rps):
    if rps is None:
        return "–"
    return "%.1f" % rps if rps < 100 else "{:,}".format(int(rps))


def fmt_int(n):
    return "{:,}".format(n) if isinstance(n, int) else "–"


def short_cmd(cmd):
    """The command as typed, with a long SQL argument cut (it is listed in full below)."""
    cmd = cmd.strip()
    return cmd if len(cmd) < 70 else cmd[:60] + " …"


def machine():
    model, cpus, ram = "unknown", os.cpu_count(), None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            ram = int(f.readline().split()[1]) / 1024 / 1024
    except OSError:
        pass
    osname = platform.system()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    osname = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return model, cpus, ram, "%s, Linux %s" % (osname, platform.release())


def server_table(w, rs):
    base = next((r["wrk"]["rps"] for r in rs if r["route"].endswith("healthz")), None)
    w("| route | requests/s | p50 | p90 | p99 | errors | time per request × healthz's |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rs:
        m = r["wrk"]
        if "timeout" in m:
            w("| `GET %s` | – | one request took over %d s: not timed | | | | |" % (
                r["route"], m["timeout"]))
            continue
        w("| `GET %s` | %s | %s | %s | %s | %s | %s |" % (
            r["route"], fmt_rps(m.get("rps")),
            fmt_time(m.get("p50")), fmt_time(m.get("p90")), fmt_time(m.get("p99")),
            "%d%s" % (m.get("errors", 0), "" if r.get("status") in (200, None, "") else
                      " (HTTP %s)" % r.get("status")),
            "%.1f×" % (base / m["rps"]) if base and m.get("rps") else "–"))
    w("")


def mixed_table(w, rows, run):
    if not rows:
        return
    size = rows[0]["size"]
    w("### A mixed workload\n")
    w("`bench/mixed.lua` on a copy of the %s-account book: reps 1 to 4 (each with an API "
      "token) at once, 90%% reads (pages of 50 accounts 28%%, deals 22%%, contacts 20%%, one "
      "account 10%%, the agenda 10%%) and 10%% writes (new accounts 5%%, changes to their own "
      "accounts 5%%); `wrk -t1 -c%s -d%ss`. The second run starts from the first one's "
      "writes.\n" % (fmt_int(size), run.get("wrk_connections", "?"), run.get("wrk_seconds")))
    w("| answers | requests/s | p50 | p90 | p99 | errors | peak RSS |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    names = {"kept": "kept for reuse (the default)", "fresh": "made afresh (`--cache-mb 0`)"}
    for r in rows:
        m = r["wrk"]
        w("| %s | %s | %s | %s | %s | %d | %s |" % (
            names[r["mode"]], fmt_rps(m.get("rps")), fmt_time(m.get("p50")),
            fmt_time(m.get("p90")), fmt_time(m.get("p99")), m.get("errors", 0),
            fmt_rss(r.get("rss_kb"))))
    w("")


def floor_rate(r):
    f = r.get("floor") or {}
    return f["commits"] / (f["us"] / 1e6) if f.get("us") else None


def writes_table(w, rows, run):
    if not rows:
        return
    w("### Durable writes\n")
    w("`bench/create.lua`: every request creates an account (`POST /api/v1/accounts`, "
      "answered 201 only once the commit is on disk) on a copy of the %s-account book, "
      "`wrk -t1 -cN -d%ss`. The floor is what the disk allows: the sqlite3 CLI committing "
      "one row at a time with the same settings (WAL, `synchronous=FULL`) on the same file "
      "system, measured just before each figure. Several requests' writes are committed "
      "together, so more connections can pass the floor.\n" % (
          fmt_int(rows[0]["size"]), run.get("wrk_seconds")))
    w("| connections | creates/s | p50 | p99 | errors | floor: one-row commits/s | "
      "× the floor |")
    w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        m, fl = r["wrk"], floor_rate(r)
        w("| %s | %s | %s | %s | %d | %s | %s |" % (
            r["connections"], fmt_rps(m.get("rps")), fmt_time(m.get("p50")),
            fmt_time(m.get("p99")), m.get("errors", 0), fmt_rps(fl),
            "%.2f×" % (m["rps"] / fl) if fl and m.get("rps") else "–"))
    w("")


def fresh_note(rows):
    """What the same routes do when every answer is made afresh, for the targets table."""
    parts = ["%s %s/s" % (r["route"].split("/")[-1].split("?")[0], fmt_rps(r["wrk"].get("rps")))
             for r in rows if "timeout" not in r["wrk"]]
    return "; made afresh for every request: " + ", ".join(parts) if parts else ""


def web_section(w, run, webs):
    w("## The web app\n")
    if not webs:
        w("Not measured: %s.\n" % ("the server was not measured" if not run.get("serve") else
                                   "node, chromium or web/'s npm packages were missing"))
        return
    for r in webs:
        x = r["web"]
        today, deal = x.get("today", {}), x.get("deal")
        w("### %s accounts\n" % fmt_int(r["size"]))
        w("Headless %s driven by playwright-core (`bench/web.mjs`), signed in as %s, against "
          "`rapport serve` with its default cache. A page is ready when its content is "
          "visible: Today's items (%d of them), the deal's title; timed from the start of "
          "navigation by the page's own clock, over %d navigations with the browser's cache "
          "warm, and once with it empty (cold).\n" % (
              run.get("chromium") or "Chromium", run.get("as_user", "rep 1"),
              x.get("items", 0), today.get("runs", 0)))
        w("| page | median | min – max | runs | cold |")
        w("| --- | ---: | ---: | ---: | ---: |")
        w("| Today (`/`) | %s | %s – %s | %d | %s |" % (
            fmt_time(today.get("median")), fmt_time(today.get("min")),
            fmt_time(today.get("max")), today.get("runs", 0), fmt_time(today.get("cold"))))
        if deal:
            w("| a deal (`/deals/%d`) | %s | %s – %s | %d | – |" % (
                deal["id"], fmt_time(deal["median"]), fmt_time(deal["min"]),
                fmt_time(deal["max"]), deal["runs"]))
        w("\nBeside them, the routes those pages call, fetched from the same page in the same "
          "run, one after another:\n")
        w("| route | median | min – max | fetches |")
        w("| --- | ---: | ---: | ---: |")
        for rt in x.get("routes", []):
            w("| `%s` | %s | %s – %s | %d |" % (rt["path"], fmt_time(rt["median"]),
                                               fmt_time(rt["min"]), fmt_time(rt["max"]),
                                               rt["runs"]))
        a = x.get("assets", {})
        w("\nThe assets, as sent (gzip) and unpacked:\n")
        w("| asset | sent | unpacked |")
        w("| --- | ---: | ---: |")
        for f in a.get("files", []):
            w("| `%s` | %.1f KB | %.1f KB |" % (f["path"], f["compressed"] / 1000,
                                              f["plain"] / 1000))
        w("| all | %.1f KB | %.1f KB |\n" % (a.get("compressed", 0) / 1000,
                                            a.get("plain", 0) / 1000))


def web_targets(w, webs, big):
    x = next((r["web"] for r in webs if r["size"] == big), None)
    if not x or not big or big < 100000:
        w("| Web: Today ready within 300 ms of navigation, a deal within 200 ms, on the 100k "
          "book as rep 1; assets under 150 KB compressed | not measured in this run | – |")
        return
    today, deal, a = x["today"], x.get("deal") or {}, x["assets"]
    w("| Web: Today ready within 300 ms of navigation on the 100k book as rep 1 | %s median "
      "(%s cold) | %s |" % (fmt_time(today["median"]), fmt_time(today["cold"]),
                            "met" if today["median"] < 0.300 else "not met"))
    w("| Web: the deal page ready within 200 ms | %s | %s |" % (
        "%s median" % fmt_time(deal["median"]) if deal else "no deal on the agenda",
        "met" if deal and deal["median"] < 0.200 else "not met" if deal else "–"))
    w("| Web: all assets together under 150 KB compressed | %.1f KB | %s |" % (
        a["compressed"] / 1000, "met" if a["compressed"] < 150000 else "not met"))
def fresh_targets(w, http, big):
    """Issue 14: uncached reads within 3x (pages) and 5x (agenda) of healthz's time per
    request, p99 under 10 ms; beside them, for reference, the agenda and the pages made for
    every request (not kept in the database either: mode afresh)."""
    for mode, label in (("fresh", "Made afresh"),
                        ("afresh", "For reference, not kept in the database either")):
        rs = [r for r in http if r["size"] == big and r.get("mode") == mode and
              "timeout" not in r["wrk"]]
        base = next((r["wrk"]["rps"] for r in rs if r["route"].endswith("healthz")), None)
        for r in rs:
            if r["route"].endswith("healthz") or not base or not r["wrk"].get("rps"):
                continue
            m, limit = r["wrk"], 5 if "agenda" in r["route"] else 3
            ratio = base / m["rps"]
            met = "met" if ratio <= limit and (m.get("p99") or 1) < 0.010 else "not met"
            w("| %s: `GET %s` within %d× of healthz's time per request, p99 under 10 ms "
              "| %.1f× (%s/s beside %s/s), p99 %s | %s |" % (
                  label, r["route"], limit, ratio, fmt_rps(m["rps"]), fmt_rps(base),
                  fmt_time(m.get("p99")), met if mode == "fresh" else "–"))


def whole_book_target(w, times, big):
    """Issue 14: the whole book's agenda within 4x of its sqlite3 candidate query; beside
    it, the ratio to the agenda's own candidate statements run by sqlite3."""
    if not big:
        return
    whole = times.get("today-all-%d" % big, {}).get("timing", {})
    query = times.get("sql-today-all-%d" % big, {}).get("timing", {})
    stmts = times.get("sql-candidates-all-%d" % big, {}).get("timing", {})
    if not all(t.get("median") for t in (whole, query, stmts)):
        return
    ratio = whole["median"] / query["median"]
    afresh = times.get("today-all-afresh-%d" % big, {}).get("timing", {})
    written = times.get("today-all-write-%d" % big, {}).get("timing", {})
    w("| The whole book's agenda within 4× of its sqlite3 candidate query | %s: %.1f× the "
      "query's %s; %.1f× the agenda's own candidate statements (those it runs when made "
      "afresh) run by sqlite3 (%s)%s%s | %s |" % (
          fmt_time(whole["median"]), ratio, fmt_time(query["median"]),
          whole["median"] / stmts["median"], fmt_time(stmts["median"]),
          "; after one rep's write (that rep's part made again): %s, %.1f× the query" % (
              fmt_time(written["median"]), written["median"] / query["median"])
          if written.get("median") else "",
          "; made afresh (not kept): %s, %.1f× the query, %.1f× its own candidate "
          "statements" % (fmt_time(afresh["median"]), afresh["median"] / query["median"],
                          afresh["median"] / stmts["median"])
          if afresh.get("median") else "",
          "met" if ratio <= 4 else "not met"))
    team_target(w, times, big)


def team_target(w, times, big):
    """Issue 14: a manager's agenda (a team's, the first team's manager), kept and made
    afresh, each within 4x of the statements it runs when made afresh, run by sqlite3."""
    stmts = times.get("sql-candidates-team-%d" % big, {})
    kept = times.get("today-team-%d" % big, {}).get("timing", {})
    afresh = times.get("today-team-afresh-%d" % big, {}).get("timing", {})
    base = stmts.get("timing", {}).get("median")
    if not (base and kept.get("median") and afresh.get("median")):
        return
    who = stmts["what"].split(", ", 1)[-1]
    worst = max(kept["median"], afresh["median"]) / base
    w("| A manager's agenda within 4× of its sqlite3 candidate statements (%s) | kept %s, "
      "%.1f×; made afresh %s, %.1f×; the statements %s | %s |" % (
          who, fmt_time(kept["median"]), kept["median"] / base, fmt_time(afresh["median"]),
          afresh["median"] / base, fmt_time(base), "met" if worst <= 4 else "not met"))


def server_rss_target(w, rows):
    """Issue 14: the server's peak RSS under 64 MiB under every load of the run (the routes
    kept and afresh, the mixed workload, the writes)."""
    rss = [r["rss_kb"] for r in rows if isinstance(r.get("rss_kb"), (int, float))]
    if rss:
        w("| Server: peak RSS under 64 MiB under the benchmark's load | %s at most, of %d "
          "servers | %s |" % (fmt_rss(max(rss)), len(rss),
                              "met" if max(rss) < 64 * 1024 else "not met"))


def pg_section(w, rows, run):
    """PostgreSQL beside SQLite, measured in the same run (bench/run's pg_section)."""
    pg = next((r for r in rows if r.get("kind") == "pg-run"), None)
    if not pg:
        return
    w("## PostgreSQL\n")
    if pg.get("skipped"):
        w("Not measured: %s.\n" % pg["skipped"])
        return
    w("A PostgreSQL of the run's own (`tests/pg/pgtmp`, %s, PostgreSQL's durable defaults) "
      "on the same machine, beside the same work on SQLite in the same run.\n" %
      pg.get("postgres", "?"))
    pairs = {}
    for r in rows:
        if r.get("kind") == "pg-time":
            pairs.setdefault(r["id"], {})[r["engine"]] = r
    times = {r["id"]: r for r in rows if r.get("kind") == "time" and r["id"].startswith("pg-")}
    today = (times.get("pg-today-sqlite"), times.get("pg-today-pg"))
    w("| what | SQLite | PostgreSQL | PostgreSQL × SQLite |")
    w("| --- | ---: | ---: | ---: |")

    def line(what, a, b):
        ma = a["timing"].get("median") if a else None
        mb = b["timing"].get("median") if b else None
        w("| %s | %s | %s | %s |" % (what, fmt_time(ma), fmt_time(mb),
                                      "%.1f×" % (mb / ma) if ma and mb else "–"))
        return mb / ma if ma and mb else None

    ratio_today = line("`rapport today` as rep 1, %s accounts" % fmt_int(pg["size"]), *today)
    pooled = {}
    for key, how in (("pg-today-pgb-unix", "its socket"), ("pg-today-pgb-tcp", "TCP")):
        if times.get(key) and today[0]:
            pooled[how] = line("`rapport today` as rep 1 through pgbouncer (session pooling, "
                               "%s)" % how, today[0], times[key])
    for pid in ("seed", "import"):
        p = pairs.get(pid, {})
        if p:
            line(p.get("sqlite", p.get("postgresql"))["what"], p.get("sqlite"),
                 p.get("postgresql"))
    book = next((r for r in rows if r.get("kind") == "pg-book"), None)
    if book:
        sq = book.get("sqlite_made") or {}
        if book.get("how") == "restored":
            w("| the %s-account book restored from an earlier run's `pg_dump` (pg_restore -j 2; "
              "SQLite's seeded by the run that made its cached book) | %s | %s | – |" % (
                  fmt_int(book["size"]), fmt_time(sq.get("seconds")),
                  fmt_time(book.get("seconds"))))
        else:
            w("| seeding the %s-account book (one run%s) | %s | %s | %s |" % (
                fmt_int(book["size"]), "; SQLite's from the run that made its cached book"
                if sq else "", fmt_time(sq.get("seconds")), fmt_time(book.get("seconds")),
                "%.1f×" % (book["seconds"] / sq["seconds"]) if sq.get("seconds") and
                book.get("seconds") else "–"))
    w("")
    pooler = next((r for r in rows if r.get("kind") == "pg-pooler"), None)
    if pooler:
        w("pgbouncer (%s) on the same machine, in front of the same PostgreSQL with "
          "`contrib/pgbouncer-rapport.ini`: PostgreSQL started %s backend(s) for all the runs "
          "through it; a direct connection starts one per command.\n" % (
              pooler.get("pgbouncer", "?"), pooler.get("backends", "?")))
    floor = [times.get(k) for k in ("pg-floor-start", "pg-floor-load", "pg-floor-connect",
                                    "pg-floor-query")]
    if all(floor) and today[1]:
        w("Where the time of `rapport today` on PostgreSQL goes: processes that stop after each "
          "step of it (`bench/pgfloor.c` loads Debian's libpq as rapport does, with dlopen), "
          "and rapport's own open and first statement (`rapport config get tz`).\n")
        w("| process | median | step | of `rapport today` on PostgreSQL |")
        w("| --- | ---: | ---: | ---: |")
        whole = today[1]["timing"].get("median")
        last = None
        cfg = (times.get("pg-config-sqlite"), times.get("pg-config-pg"))
        steps = floor + [cfg[1], today[1]]
        names = ["starts and exits (`rapport --version`)", "loads libpq.so.5 and exits",
                 "...connects to PostgreSQL", "...runs `SELECT 1`",
                 "`rapport config get tz` (rapport's open, one read)",
                 "`rapport today` as rep 1"]
        for name, r in zip(names, steps):
            m = r["timing"].get("median") if r else None
            w("| %s | %s | %s | %s |" % (
                name, fmt_time(m), ("+" if m >= last else "−") + fmt_time(abs(m - last)) if m and last else "–",
                "%.0f%%" % (100 * m / whole) if m and whole else "–"))
            last = m if m else last
        if cfg[0] and today[0]:
            w("\nOn SQLite in the same run: `rapport config get tz` %s, `rapport today` %s." % (
                fmt_time(cfg[0]["timing"].get("median")),
                fmt_time(today[0]["timing"].get("median"))))
        w("")
    http = [r for r in rows if r.get("kind") == "pg-http"]
    if http:
        w("The API on the PostgreSQL book as reps 1 to 4 (`bench/mixed.lua`: 90%% reads, 10%% "
          "writes) and as rep 1 reading pages of 50 accounts, `wrk -t1 -c%s -d%ss`: through "
          "one server, and through three behind nginx (`contrib/nginx-rapport.conf`), every "
          "process on this machine's %s logical CPUs.\n" % (
              run.get("wrk_connections", "?"), run.get("wrk_seconds"), os.cpu_count()))
        w("| workload | servers | requests/s | p50 | p90 | p99 | errors | × one server |")
        w("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        names = {"mixed": "mixed", "accounts": "`GET /accounts?limit=50`",
                 "creates-sqlite-first": "durable creates (`bench/create.lua`), on SQLite, "
                                         "the first %s s after the server starts" %
                                         run.get("wrk_seconds"),
                 "creates-sqlite": "durable creates (`bench/create.lua`), on SQLite, the %s s "
                                   "after those" % run.get("wrk_seconds"),
                 "creates": "durable creates (`bench/create.lua`)"}
        for work in names:
            one = next((r["wrk"] for r in http if r["work"] == work and
                        r["setup"] == "one server"), {})
            for r in [r for r in http if r["work"] == work]:
                m = r["wrk"]
                w("| %s | %s | %s | %s | %s | %s | %d | %s |" % (
                    names[work], r["setup"],
                    fmt_rps(m.get("rps")), fmt_time(m.get("p50")), fmt_time(m.get("p90")),
                    fmt_time(m.get("p99")), m.get("errors", 0),
                    "%.2f×" % (m["rps"] / one["rps"]) if one.get("rps") and m.get("rps")
                    else "–"))
        if any(r["work"].startswith("creates-sqlite") for r in http):
            w("\nThe SQLite book is a copy written to the disk before the server opens it: left "
              "in the page cache, the whole copy would be written out by the server's first "
              "checkpoint, which syncs the file, and every commit would wait for it (a p99 of "
              "250–390 ms on the 100,000-account book: the copy's cost, not the server's; "
              "docs/internals/requests.md, \"Checkpoints\").")
        w("")
    w("| target (issue 16) | measured | |")
    w("| --- | --- | --- |")
    if ratio_today:
        w("| `rapport today` as rep 1 on PostgreSQL within 2× of SQLite | %.1f× | %s |" % (
            ratio_today, "met" if ratio_today <= 2 else "not met"))
    if pooled.get("its socket"):
        w("| ...through pgbouncer on the same machine (its socket) | %.1f× | %s |" % (
            pooled["its socket"], "met" if pooled["its socket"] <= 2 else "not met"))
    one = next((r["wrk"] for r in http if r["work"] == "mixed" and
                r["setup"] == "one server"), {})
    three = next((r["wrk"] for r in http if r["work"] == "mixed" and
                  r["setup"] != "one server"), {})
    if one.get("rps") and three.get("rps"):
        x = three["rps"] / one["rps"]
        w("| Three servers behind nginx at least 2× one server's throughput (mixed) | "
          "%.2f× | %s |" % (x, "met" if x >= 2 else "not met (%s logical CPUs: the servers, "
                            "nginx, PostgreSQL and wrk share them)" % os.cpu_count()))
        p99 = three.get("p99")
        w("| p99 under 20 ms through the proxy (mixed) | %s | %s |" % (
            fmt_time(p99), "met" if p99 is not None and p99 < 0.020 else "not met"))
    pg_creates = next((r["wrk"] for r in http if r["work"] == "creates"), {})
    sq_creates = next((r["wrk"] for r in http if r["work"] == "creates-sqlite"), {})
    if pg_creates.get("rps") and sq_creates.get("rps"):
        w("| Durable creates through one server on PostgreSQL, beside SQLite's (no target) | "
          "%s beside %s (%.2f×) | – |" % (fmt_rps(pg_creates["rps"]), fmt_rps(sq_creates["rps"]),
                                           pg_creates["rps"] / sq_creates["rps"]))
    w("")


def reads_targets(w, times, big):
    """Issue 14: every report under 100 ms and search under 30 ms on the 100k book, as rep 1,
    a manager (reports) and the whole book; every CLI read command within 3x of its sqlite3
    baseline."""
    mine = [t for t in times.values() if t["size"] == big]
    if not big or big < 100000 or not mine:
        w("| Reports under 100 ms, search under 30 ms, every CLI read within 3× of sqlite3, on "
          "the 100k book | not measured in this run | – |")
        return
    for prefix, limit, name, who in (
            ("report-", 0.100, "Every report", "as rep 1, a manager and the whole book"),
            ("search-", 0.030, "Search", "as rep 1 and as the whole book")):
        label = "%d ms" % round(limit * 1000)
        group = [t for t in mine if t["id"].startswith(prefix)]
        if not group:
            continue
        parts, ok = [], True
        for t in group:
            tm, what = t["timing"], t["what"].replace("rapport ", "")
            if "timeout" in tm:
                parts.append("%s: over %d s" % (what, tm["timeout"]))
                ok = False
                continue
            parts.append("%s %s" % (what, fmt_time(tm["median"])))
            ok = ok and tm["median"] < limit
        w("| %s under %s on the 100k book, %s | %s | %s |" % (
            name, label, who, "; ".join(parts), "met" if ok else "not met"))
    ratios = []
    for t in mine:
        base = times.get(t.get("baseline") or "", {}).get("timing", {})
        if not base:
            continue
        tm = t["timing"]
        ratio = None if "timeout" in tm or "timeout" in base else tm["median"] / base["median"]
        ratios.append((ratio, t["what"]))
    if ratios:
        over = [(r, what) for r, what in ratios if r is None or r > 3]
        worst = max(ratios, key=lambda x: float("inf") if x[0] is None else x[0])
        w("| Every CLI read command of the benchmark within 3× of its sqlite3 baseline | %d of %d "
          "within%s; the largest: %s, %s | %s |" % (
              len(ratios) - len(over), len(ratios),
              " (over: %s)" % ", ".join(what for _, what in over) if over else "", worst[1],
              "%.1f×" % worst[0] if worst[0] is not None else "timed out",
              "met" if not over else "not met"))


def render(results, out):
    rows = [json.loads(line) for line in open(results)]
    run = next(r for r in rows if r.get("kind") == "run")
    books = {r["size"]: r for r in rows if r.get("kind") == "book"}
    times = {r["id"]: r for r in rows if r.get("kind") == "time" and
             not r["id"].startswith("pg-")}
    seed = next((r for r in rows if r.get("kind") == "seed"), None)
    http = [r for r in rows if r.get("kind") == "http"]
    servers = {(r["size"], r.get("mode", "kept")): r for r in rows if r.get("kind") == "server"}
    mixed = [r for r in rows if r.get("kind") == "mixed"]
    writes = [r for r in rows if r.get("kind") == "writes"]
    model, cpus, ram, osname = machine()
    md = []
    w = md.append
    w("# Benchmarks\n")
    w("Written by `make bench` (`bench/run`); do not edit by hand. Every figure was measured "
      "in the run below: a median of repeated runs of the whole process, with the fastest and "
      "slowest run, measured by %s; peak RSS by GNU time; the server by %s. Each figure "
      "stands beside baselines measured in the same run, so that the ratios hold even where "
      "the machine is slower or busier than yours.\n"
      % ("hyperfine " + run["hyperfine"].split()[-1] if run.get("hyperfine") else
         "a plain timing loop", run.get("wrk") or "wrk"))
    w("## Machine and run\n")
    w("| | |\n| --- | --- |")
    w("| CPU | %s, %s logical CPUs |" % (model, cpus))
    w("| RAM | %s |" % ("%.1f GiB" % ram if ram else "unknown"))
    w("| OS | %s |" % osname)
    w("| SQLite | %s |" % run.get("sqlite", "?"))
    w("| rapport | %s, commit %s%s |" % (run.get("version"), run.get("commit") or "?",
                                         " (with uncommitted changes)" if run.get("dirty")
                                         else ""))
    w("| date | %s |" % run.get("started"))
    w("| load average at the start | %s (1, 5, 15 min; other work on the machine shows "
      "here) |" % run.get("load"))
    w("| today | %s, 12:00 UTC, for every command and book |\n" % "2026-11-23 (a Monday)")

    w("## Books of business\n")
    w("Made by `rapport seed --accounts N --reps N/1000` (seed 1): a team's book, each rep "
      "owning 1,000 accounts, cached in `bench/data/` until the seed, the schema or the "
      "binary change. A rep's figures are rep 1's (`--user rep1@team.example`); a manager's "
      "are those of the manager of the first team, reps 1 to 10 (`--user "
      "manager1@team.example`); the whole book's are the unrestricted local user's.\n")
    if not books:
        # BENCH_IMPORT=only: a run of the import and export alone.
        w("None in this run: no section below that reads a book was measured.\n")
    else:
        w("| accounts | contacts | deals | activities | history lines | file | seeded in | "
          "seed's peak RSS |")
        w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sorted(books):
        b = books[size]
        made = b.get("made") or {}
        w("| %s | %s | %s | %s | %s | %.0f MiB | %s (%s) | %s |" % (
            fmt_int(b["accounts"]), fmt_int(b["contacts"]), fmt_int(b["deals"]),
            fmt_int(b["activities"]), fmt_int(b["history"]), b["bytes"] / 1048576,
            fmt_time(made.get("seconds")), made.get("at", "?"), fmt_rss(made.get("rss_kb"))))
    if books:
        w("\nThe time to seed a cached book is from the run that made it (one run); the seed "
          "rate below is measured in this run.\n")

    w("## Commands, as whole processes\n")
    for size in sorted(books):
        w("### %s accounts\n" % fmt_int(size))
        w("| what | median | min – max | runs | peak RSS | × its sqlite3 baseline | "
          "× process start |")
        w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        start = times.get("start-%d" % size, {}).get("timing", {}).get("median")
        for t in [t for t in times.values() if t["size"] == size]:
            tm = t["timing"]
            base = times.get(t.get("baseline") or "", {}).get("timing", {}).get("median")
            if "timeout" in tm:
                w("| %s<br>`%s` | over %d s | – | 1, stopped | – | – | – |" % (
                    t["what"], short_cmd(t["cmd"]), tm["timeout"]))
                continue
            w("| %s<br>`%s` | %s | %s – %s | %d | %s | %s | %s |" % (
                t["what"], short_cmd(t["cmd"]), fmt_time(tm["median"]), fmt_time(tm["min"]),
                fmt_time(tm["max"]), tm["runs"], fmt_rss(t.get("rss_kb")),
                "%.1f×" % (tm["median"] / base) if base else "–",
                "%.1f×" % (tm["median"] / start) if start else "–"))
        w("")
    sqls = [r for r in rows if r.get("kind") == "sql"]
    if not books:
        w("Not measured in this run.\n")
    elif sqls:
        w("The sqlite3 baselines ask the same question of the same file through the same "
          "indexes, without Rapport's rules, formatting or JSON:\n")
    for q in sqls:
        w("- %s%s:\n\n  ```sql\n  %s\n  ```\n" % (
            q["what"], " (%s accounts)" % fmt_int(q["size"]) if q.get("size") else "",
            q["sql"].replace(";", ";\n  ").strip()))
    if books and not run.get("today"):
        w("`rapport today` was not measured: this binary has no `today` command.\n")

    w("## Seeding\n")
    if seed:
        tm = seed["timing"]
        w("| command | median | min – max | runs | accounts per second | peak RSS |")
        w("| --- | ---: | ---: | ---: | ---: | ---: |")
        w("| `rapport seed --accounts %d` | %s | %s – %s | %d | %s | %s |\n" % (
            seed["accounts"], fmt_time(tm["median"]), fmt_time(tm["min"]),
            fmt_time(tm["max"]), tm["runs"], fmt_int(int(seed["accounts"] / tm["median"])),
            fmt_rss(seed.get("rss_kb"))))
    else:
        w("Not measured in this run.\n")

    io = {r["id"]: r for r in rows if r.get("kind") == "io"}
    w("## Import and export\n")
    if io:
        n = next(iter(io.values()))["rows"]
        w("%s contacts at a third as many companies, from one CSV written by "
          "`bench/gen_contacts.py` (cached in `bench/data/`), each import into a new "
          "database; the export reads the book that import made. Beside each, the sqlite3 "
          "CLI doing the bare equivalent on the same file in the same run.\n" % fmt_int(n))
        w("| what | median | min – max | runs | peak RSS | × its sqlite3 baseline |")
        w("| --- | ---: | ---: | ---: | ---: | ---: |")
        for r in io.values():
            tm = r["timing"]
            base = io.get(r.get("baseline") or "", {}).get("timing", {}).get("median")
            w("| %s<br>`%s` | %s | %s – %s | %d | %s | %s |" % (
                r["what"], short_cmd(r["cmd"]), fmt_time(tm["median"]), fmt_time(tm["min"]),
                fmt_time(tm["max"]), tm["runs"], fmt_rss(r.get("rss_kb")),
                "%.1f×" % (tm["median"] / base) if base else "–"))
        w("")
    else:
        w("Not measured in this run (`BENCH_IMPORT_ROWS=0`, or no `import` command).\n")

    w("## Server\n")
    if not http:
        w("Not measured: %s.\n" % (
            "no book was made in this run" if not books else
            "this binary has no `serve` command" if not run.get("serve")
            else "wrk or the server was not available"))
    modes = {"kept": "answers kept for reuse (the default): the same reads again while the "
                     "data is unchanged",
             "fresh": "every answer made afresh (`--cache-mb 0`): what a read costs right "
                      "after a write (the agenda and the pages: the ones kept in the "
                      "database, made again only after a change to the records they show)",
             "afresh": "the agenda and the pages made afresh for every request as well "
                       "(`--cache-mb 0`, `RAPPORT_AGENDA_KEEP=off`, `RAPPORT_PAGE_KEEP=off`): "
                       "what the first agenda or page after a change to its records costs"}
    for size in sorted({r["size"] for r in http}):
        w("### %s accounts\n" % fmt_int(size))
        w("`wrk -t1 -c%s -d%ss --timeout %ss --latency` on 127.0.0.1, with the API token of "
          "%s; the server and wrk share the machine's CPUs. Errors are failed or timed-out "
          "requests.\n" % (run.get("wrk_connections", 32), run.get("wrk_seconds", "?"),
                           run.get("timeout", "?"), run.get("as_user", "an admin")))
        for mode in ("kept", "fresh", "afresh"):
            rs = [r for r in http if r["size"] == size and r.get("mode", "kept") == mode]
            if not rs:
                continue
            server = servers.get((size, mode), {})
            w("%s; peak RSS of the server: %s.\n" % (modes[mode][0].upper() + modes[mode][1:],
                                                     fmt_rss(server.get("rss_kb"))))
            server_table(w, rs)
    mixed_table(w, mixed, run)
    writes_table(w, writes, run)
    webs = sorted((r for r in rows if r.get("kind") == "web"), key=lambda r: r["size"])
    web_section(w, run, webs)
    pg_section(w, rows, run)
    w("## Targets (DESIGN.md section 7 and issue 14)\n")
    w("| target | measured | |")
    w("| --- | --- | --- |")
    big = max(books) if books else None
    today = times.get("today-%d" % big) if big else None
    if today and big >= 100000 and "timeout" in today["timing"]:
        w("| `rapport today` on 100k accounts and 1M activities: under 20 ms for the whole "
          "process | one run took over %d s (%s activities) | not met |" % (
              today["timing"]["timeout"], fmt_int(books[big]["activities"])))
    elif today and big >= 100000:
        med = today["timing"]["median"]
        whole = times.get("today-all-%d" % big, {}).get("timing", {})
        w("| `rapport today` on 100k accounts and 1M activities: under 20 ms for the whole "
          "process | %s median as one rep of %s (%s activities in the book); the whole "
          "book's agenda: %s | %s |" % (
              fmt_time(med), fmt_int(books[big]["accounts"] // 1000),
              fmt_int(books[big]["activities"]),
              "over %d s" % whole["timeout"] if "timeout" in whole else
              fmt_time(whole.get("median")), "met" if med < 0.020 else "not met"))
    else:
        w("| `rapport today` on 100k accounts, 1M activities: under 20 ms | not measured in "
          "this run (no 100k book, or no `today`) | – |")
    whole_book_target(w, times, big)
    api = [r for r in http if r["size"] == big and not r["route"].endswith("healthz") and
           r.get("mode", "kept") == "kept"]
    fresh = [r for r in http if r["size"] == big and not r["route"].endswith("healthz") and
             r.get("mode") == "fresh"]
    if api:
        parts, ok = [], True
        for r in api:
            m = r["wrk"]
            name = r["route"].split("/")[-1].split("?")[0]
            if "timeout" in m:
                parts.append("%s: a request took over %d s" % (name, m["timeout"]))
                ok = False
                continue
            parts.append("%s %s/s, p99 %s%s" % (name, fmt_rps(m.get("rps")),
                                                 fmt_time(m.get("p99")),
                                                 ", %d errors" % m["errors"]
                                                 if m.get("errors") else ""))
            ok = ok and (m.get("rps") or 0) >= 20000 and m.get("p99") is not None and \
                m["p99"] < 0.010 and not m.get("errors")
        w("| API: 20k+ requests/s on loopback on 2 cores for agenda and list endpoints, p99 "
          "under 10 ms | %s (%s accounts, answers kept for reuse)%s | %s |" % (
              "; ".join(parts), fmt_int(big), fresh_note(fresh), "met" if ok else "not met"))
    else:
        w("| API: 20k+ requests/s, p99 under 10 ms | not measured in this run | – |")
    web_targets(w, webs, big)
    imp, sqlimp = io.get("import"), io.get("sql-import")
    if imp and sqlimp:
        med, base, rss = imp["timing"]["median"], sqlimp["timing"]["median"], imp.get("rss_kb")
        ok = imp["rows"] >= 1000000 and med < 10 and med <= 4 * base and rss and rss < 100 * 1024
        w("| Import: 1M contacts from CSV in under 10 s, within 4× of sqlite3's own .import, "
          "peak RSS under 100 MB | %s contacts in %s, %.1f× sqlite3's .import, peak RSS %s | "
          "%s |" % (fmt_int(imp["rows"]), fmt_time(med), med / base, fmt_rss(rss),
                    "met" if ok else "not met"))
    else:
        w("| Import: 1M contacts from CSV in under 10 s | not measured in this run | – |")
    exp, sqlexp = io.get("export"), io.get("sql-export")
    if exp and sqlexp:
        ratio = exp["timing"]["median"] / sqlexp["timing"]["median"]
        w("| Export of 1M contacts within 3× of `sqlite3 -csv` selecting the same columns | "
          "%s contacts in %s, %.1f× | %s |" % (fmt_int(exp["rows"]),
                                               fmt_time(exp["timing"]["median"]), ratio,
                                               "met" if exp["rows"] >= 1000000 and ratio <= 3
                                               else "not met"))
    fresh_targets(w, http, big)
    reads_targets(w, times, big)
    if len(mixed) == 2:
        k, f = (next(r for r in mixed if r["mode"] == m)["wrk"] for m in ("kept", "fresh"))
        w("| Mixed workload: keeping answers must not make it slower | kept %s/s, p99 %s; "
          "afresh %s/s, p99 %s | %s |" % (
              fmt_rps(k.get("rps")), fmt_time(k.get("p99")), fmt_rps(f.get("rps")),
              fmt_time(f.get("p99")),
              "met" if (k.get("rps") or 0) >= 0.95 * (f.get("rps") or 0) else "not met"))
    server_rss_target(w, list(servers.values()) + mixed + writes)
    w8 = next((r for r in writes if r["connections"] == 8), None)
    if w8 and floor_rate(w8) and w8["wrk"].get("rps"):
        ratio = w8["wrk"]["rps"] / floor_rate(w8)
        w("| Durable creates at 8 connections within 2× of the one-row commit floor | "
          "%s/s beside a floor of %s/s (%.2f×) | %s |" % (
              fmt_rps(w8["wrk"]["rps"]), fmt_rps(floor_rate(w8)), ratio,
              "met" if ratio >= 0.5 else "not met"))
    w("| Bad input gets a clear error and changes nothing; a crash loses no acknowledged "
      "write | not a timing: the test suite checks it | – |\n")

    w("## Reproducing\n")
    w("`make bench` builds the optimized binary, installs hyperfine and wrk when missing "
      "(`scripts/deps --bench`), and runs `bench/run`. `BENCH_SIZES=\"1000\" bench/run` is a "
      "quick run; `WRK_SECONDS`, `RAPPORT_BIN` and `BENCH_OUT` are the other knobs. A shared "
      "or busy machine makes every figure slower, the baselines too: compare ratios across "
      "machines, and absolute figures only on the same one.")
    with open(out, "w") as f:
        f.write("\n".join(md) + "\n")


def main(argv):
    if len(argv) >= 3 and argv[1] == "record":
        record(argv[2], argv[3:])
    elif len(argv) >= 5 and argv[1] == "loop":
        loop(argv[2], int(argv[3]), argv[4:])
    elif len(argv) == 4 and argv[1] == "render":
        render(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
