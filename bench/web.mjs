// The web app's speed for bench/run, in headless Chromium against a running `rapport serve`:
// signed in as one user, the time from navigation to Today ready (its items visible) and to
// the deal page ready (title and score), over repeated navigations with the browser's cache
// warm, and once cold; the assets' compressed and plain sizes; and, in the same run and from
// the same page, the API routes those pages call and /healthz.
//
// Usage: node bench/web.mjs URL EMAIL PASSWORD OUT.json     env CHROMIUM, WEB_RUNS (15)
import { writeFileSync } from "node:fs";
import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { closeBrowser, launch } from "../tests/web/harness.mjs";

const [url, email, password, out] = process.argv.slice(2);
const runs = Number(process.env.WEB_RUNS || 15);
if (!out) {
  console.error("usage: node bench/web.mjs URL EMAIL PASSWORD OUT.json");
  process.exit(2);
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: (s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2) / 1000,
    min: s[0] / 1000, max: s[s.length - 1] / 1000, runs: s.length };
};

// Milliseconds from the start of navigating to PATH until SELECTOR is on the screen: an
// observer put in the page before its scripts notes when SELECTOR first appears, and the
// time is read after the next frame (laid out and painted), by the page's own clock, whose
// zero is the start of the navigation.
async function ready(page, path, selector) {
  await page.goto(url + path, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
  const ms = await page.evaluate(() => window.__ready);
  await page.waitForSelector(selector, { state: "visible" });
  return ms;
}

function watch(selector) {
  window.__ready = undefined;
  const seen = () => {
    if (!document.querySelector(selector)) return false;
    requestAnimationFrame(() => setTimeout(() => { window.__ready = performance.now(); }, 0));
    return true;
  };
  const obs = new MutationObserver(() => seen() && obs.disconnect());
  obs.observe(document, { childList: true, subtree: true });
}

// The median time of a fetch of an API route from the page (the same session and run).
async function route(page, path, n = 30) {
  const ms = await page.evaluate(async ([p, k]) => {
    const t = [];
    for (let i = 0; i < k; i++) {
      const t0 = performance.now();
      const r = await fetch("/api/v1" + p, { cache: "no-store" });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${p}: ${r.status}`);
      t.push(performance.now() - t0);
    }
    return t;
  }, [path, n]);
  return { path: "/api/v1" + path, ...stats(ms) };
}

// The bytes of GET PATH as sent with Accept-Encoding: gzip (what travels), and unpacked.
function fetchRaw(path) {
  return new Promise((resolve, reject) => {
    get(url + path, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const parts = [];
      res.on("data", (d) => parts.push(d));
      res.on("end", () => {
        const body = Buffer.concat(parts);
        const plain = res.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body;
        resolve({ path, compressed: body.length, plain: plain.length, text: plain.toString() });
      });
    }).on("error", reject);
  });
}

// Every asset of the app: index.html and what it names.
async function assetSizes() {
  const index = await fetchRaw("/");
  const paths = [...new Set(index.text.match(/\/assets\/[\w.-]+/g))];
  const files = [index, ...(await Promise.all(paths.map(fetchRaw)))]
    .map(({ path, compressed, plain }) => ({ path, compressed, plain }));
  return { files, compressed: files.reduce((a, f) => a + f.compressed, 0),
    plain: files.reduce((a, f) => a + f.plain, 0) };
}

const browser = await launch();
const page = await browser.newPage();
// What makes each measured page ready: Today's items (or its empty state), a deal's title.
await page.addInitScript(watch, ".today .item, .today .empty, .deal h1");
const result = {};
try {
  // Signing in (its cost is the password hash's, not the app's) comes first.
  await page.goto(url + "/");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await page.click("form button.primary");
  await page.waitForSelector(".item, .empty", { timeout: 60000 });

  // Cold: the session kept, the browser's cache emptied.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  const coldToday = await ready(page, "/", ".item, .empty");
  result.assets = await assetSizes();
  result.items = await page.locator(".item").count();

  const today = [];
  for (let i = 0; i < runs; i++) today.push(await ready(page, "/", ".item, .empty"));
  result.today = { cold: coldToday / 1000, ...stats(today) };

  const deal = await page.evaluate(async () => {
    const r = await fetch("/api/v1/agenda");
    const items = (await r.json()).items.filter((i) => i.deal_id);
    return items.length ? items[0].deal_id : null;
  });
  if (deal) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await ready(page, `/deals/${deal}`, ".deal h1"));
    result.deal = { id: deal, ...stats(times) };
  }
  result.routes = [await route(page, "/healthz"), await route(page, "/me"),
    await route(page, "/agenda")];
  if (deal) result.routes.push(await route(page, `/deals/${deal}/overview`));
} finally {
  await closeBrowser(browser);
}
writeFileSync(out, JSON.stringify(result) + "\n");
