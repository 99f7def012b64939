// The harness of the browser tests: a real `rapport serve` on 127.0.0.1 over a seeded team
// book (two reps with passwords, an admin), an SMTP sink, and Debian's chromium driven by
// playwright-core. Checks count as "N passed, N failed"; a failure prints what and where.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../../web/package.json"));
export const { chromium } = require("playwright-core");
export const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const RAPPORT = process.env.RAPPORT_BIN || "rapport";
export const NOW = "2026-11-23T09:00:00Z";
export const PASSWORD = "correct horse battery";

export class Book {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "rapport-web-"));
    this.db = join(this.dir, "rapport.db");
    this.env = { ...process.env, TZ: "UTC", HOME: this.dir, XDG_DATA_HOME: join(this.dir, "xdg") };
    delete this.env.RAPPORT_DB;
    delete this.env.RAPPORT_USER;
  }

  cli(args, input) {
    return execFileSync(RAPPORT, ["--db", this.db, "--now", NOW, ...args],
      { env: this.env, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  }

  json(args) {
    return JSON.parse(this.cli(["--json", ...args]));
  }

  seed(accounts = 40, reps = 2) {
    this.cli(["seed", "--accounts", String(accounts), "--reps", String(reps)]);
    for (let k = 1; k <= reps; k++) this.cli(["user", "password", `rep${k}@team.example`], PASSWORD + "\n");
    this.cli(["user", "add", "Ada Admin", "--email", "ada@example.com", "--role", "admin"], PASSWORD + "\n");
  }

  async smtp() {
    this.mail = join(this.dir, "mail.jsonl");
    this.sink = spawn("/usr/bin/python3", [join(here, "../cli/smtp_sink.py"), this.mail],
      { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise((resolve, reject) => {
      this.sink.stdout.once("data", (d) => resolve(Number(String(d).trim())));
      this.sink.once("exit", () => reject(new Error("the SMTP sink did not start")));
    });
    this.cli(["config", "set", "smtp.url", `smtp://127.0.0.1:${port}`]);
    this.cli(["config", "set", "smtp.from", "rep1@team.example"]);
    return port;
  }

  mails() {
    try {
      return readFileSync(this.mail, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
    } catch {
      return [];
    }
  }

  async serve() {
    this.proc = spawn(RAPPORT, ["--db", this.db, "--now", NOW, "serve", "--listen", "127.0.0.1:0"],
      { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.stderr = "";
    this.proc.stderr.on("data", (d) => (this.stderr += d));
    this.url = await new Promise((resolve, reject) => {
      let out = "";
      this.proc.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
        if (m) resolve(m[1]);
      });
      this.proc.once("exit", (code) => reject(new Error(`the server exited ${code}: ${this.stderr}`)));
    });
    return this.url;
  }

  async stop() {
    if (this.sink) this.sink.kill("SIGTERM");
    if (!this.proc) return 0;
    const code = await new Promise((resolve) => {
      this.proc.removeAllListeners("exit");
      this.proc.once("exit", (c) => resolve(c));
      this.proc.kill("SIGTERM");
    });
    this.proc = null;
    return code;
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// A fresh browser profile each time (a persistent context is how playwright takes one).
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "rapport-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context.profile = profile;
  return context;
}

export async function closeBrowser(context) {
  await context.close();
  rmSync(context.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

export class Suite {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  check(cond, what, detail) {
    if (cond) {
      this.passed++;
      return true;
    }
    this.failed++;
    const where = (new Error().stack.split("\n")[2] || "").trim();
    console.log(`FAIL: ${what} (${where})`);
    if (detail !== undefined) console.log("  " + String(typeof detail === "string" ? detail : JSON.stringify(detail)).slice(0, 800));
    return false;
  }

  eq(got, want, what) {
    return this.check(JSON.stringify(got) === JSON.stringify(want), what, `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }

  async run(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
    } catch (e) {
      this.failed++;
      console.log(`FAIL: ${name} threw: ${e.stack || e}`);
    }
    console.log(`# ${name} (${Date.now() - t0} ms)`);
  }

  finish() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exit(this.failed ? 1 : 0);
  }
}
