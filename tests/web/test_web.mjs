// The web app in a real browser against a real server: sign in (and the messages of a wrong
// password and a locked login), work the morning on Today (agree, log, hold, done with what
// happened, snooze, the draft reviewed and sent to the SMTP sink, until the list is empty),
// the deal page (stage, won, lost with its reason), the pipeline by keyboard and by drag,
// search, import (checked, then imported) and export, another rep's deal by URL, settings as
// a rep (tokens) and as an admin (signature, working days, templates, users, audit log),
// phone width, axe-core on every page, no console errors, and the headers of the assets.
// RAPPORT_SCREENSHOTS=DIR also writes today.png, deal.png, pipeline.png and settings.png there.
import { Book, PASSWORD, Suite, axeSource, closeBrowser, launch } from "./harness.mjs";

const t = new Suite();
const book = new Book();
book.seed(300, 2);
await book.smtp();
const url = await book.serve();
const browser = await launch();
const page = await browser.newPage();
const consoleErrors = [];
// The statuses a step expects the browser to log as failed loads: before signing in the app
// asks /me and hears 401 (that is how it knows); another rep's deal is 404; a locked login 429.
let expected = /status of 401/;
page.on("console", (m) => {
  if (m.type() === "error" && !expected.test(m.text())) consoleErrors.push(m.text());
});
page.on("pageerror", (e) => consoleErrors.push(e.message));

const api = (path, init) => page.evaluate(async ([p, i]) => {
  const r = await fetch("/api/v1" + p, i);
  return { status: r.status, body: await r.json() };
}, [path, init || {}]);

async function axe(name) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ["violations"] });
    return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  t.eq(r, [], `axe: no serious violation on ${name}`);
}

async function noSidewaysScroll(name) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  t.check(w <= 390, `${name} fits 390 px without sideways scrolling`, `scrollWidth ${w}`);
}

async function shot(name) {
  if (process.env.RAPPORT_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.RAPPORT_SCREENSHOTS}/${name}.png` });
}

async function signIn(email, password = PASSWORD) {
  await page.goto(url + "/");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await page.click("form button.primary");
}

const deals = {};

await t.run("the assets: headers, ETag, gzip, the app's paths", async () => {
  const r = await fetch(url + "/");
  t.eq(r.status, 200, "GET / answers the app");
  const csp = r.headers.get("content-security-policy") || "";
  t.check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), "a strict CSP", csp);
  t.eq(r.headers.get("x-content-type-options"), "nosniff", "nosniff");
  t.eq(r.headers.get("x-frame-options"), "DENY", "no framing");
  t.eq(r.headers.get("cache-control"), "no-cache", "index.html is revalidated");
  const html = await r.text();
  const js = html.match(/src="(\/assets\/app-[0-9a-f]+\.js)"/);
  t.check(js && !/<script>/.test(html), "index.html loads one hashed script, no inline script", html);
  const again = await fetch(url + "/", { headers: { "If-None-Match": r.headers.get("etag") } });
  t.eq(again.status, 304, "the ETag answers 304");
  const asset = await fetch(url + js[1]);
  t.check(/immutable/.test(asset.headers.get("cache-control")), "hashed assets are cached for long",
    asset.headers.get("cache-control"));
  t.eq(asset.headers.get("content-encoding"), "gzip", "assets are sent compressed");
  t.eq((await fetch(url + "/deals/1")).status, 200, "a path of the app answers the app");
  t.eq((await fetch(url + "/assets/nope.js")).status, 404, "a missing asset is 404");
  t.eq((await fetch(url + "/api/v1/nope")).status, 404, "the API still answers its own 404");
});

await t.run("sign in: a wrong password says so", async () => {
  await signIn("rep1@team.example", "not the password");
  const msg = await page.textContent("[role=alert]");
  t.check(/do not match/.test(msg), "the wrong password message", msg);
  await axe("sign-in");
  await signIn("rep1@team.example");
  await page.waitForSelector(".item");
  expected = /^$/;
  t.check(await page.isVisible("text=Sign out"), "signed in");
});

await t.run("Today: the agenda grouped by kind, contacts, keyboard", async () => {
  await page.waitForSelector(".today:not([aria-busy]) .item");
  const items = await page.$$eval(".item", (els) => els.map((e) => e.dataset.kind));
  const agenda = (await api("/agenda")).body.items;
  t.eq(items, agenda.map((i) => i.kind), "every agenda item is shown, in the agenda's order");
  console.log(`# ${agenda.length} items on Today`);
  const heads = await page.$$eval(".group h2.kind", (els) => els.length);
  t.check(heads >= 2, "the items are grouped by kind", heads);
  await page.waitForSelector(".who a[href^='tel:']");
  t.check(await page.$(".who a[href^='mailto:']"), "whom to contact, with tel: and mailto: links");
  await page.keyboard.press("j");
  t.eq(await page.evaluate(() => document.activeElement.dataset.index), "1", "j moves to the next item");
  await page.keyboard.press("k");
  t.eq(await page.evaluate(() => document.activeElement.dataset.index), "0", "k moves back");
  await page.keyboard.press("z");
  t.check(await page.waitForSelector("dialog[open][aria-label='Snooze until']", { timeout: 5000 }),
    "z snoozes the selected item");
  await page.keyboard.press("Escape");
  await page.keyboard.press("d");
  t.check(await page.waitForSelector("dialog[open][aria-label='Done: what happened?']", { timeout: 5000 }),
    "d marks it done");
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  t.check(await page.waitForSelector("dialog[open] >> text=Keyboard shortcuts", { timeout: 5000 }),
    "? lists the shortcuts");
  await page.keyboard.press("Escape");
  await axe("Today");
  await shot("today");
  await page.click("a[href='/week']");
  await page.waitForSelector(".dayhead");
  const days = await page.$$eval(".dayhead", (els) => els.length);
  t.check(days >= 2, "the week view has a heading per day", days);
  await axe("the week");
  await page.click("nav.tabs a[href='/']");
  await page.waitForSelector(".item");
});

await t.run("Today: agree the next step, log a call, hold a deal", async () => {
  const item = page.locator(".item:has(h3 a[href^='/deals/'])").first();
  const dealId = Number((await item.locator("h3 a[href^='/deals/']").getAttribute("href")).split("/").pop());
  deals.today = dealId;
  await item.locator("button", { hasText: "Agree next step" }).click();
  await page.fill("dialog[open] input[name=due_on]", "2026-11-30");
  await page.fill("dialog[open] input[name=note]", "speak after their board meeting");
  await page.click("dialog[open] button.primary");
  await page.waitForSelector(".toast >> text=Next step agreed");
  const ag = (await api(`/agreements?deal_id=${dealId}&status=open`)).body.items;
  t.check(ag.some((a) => a.due_on === "2026-11-30" && a.note === "speak after their board meeting"),
    "the agreement is recorded", ag);

  let logItem = page.locator(`.item:has(h3 a[href='/deals/${dealId}'])`).first();
  if (!(await logItem.count())) logItem = page.locator(".item").first();
  const logAccount = (await logItem.locator("h3 a[href^='/accounts/']").getAttribute("href")).split("/").pop();
  await logItem.locator("button", { hasText: "Log" }).click();
  await page.selectOption("dialog[open] select[name=outcome]", "connected");
  await page.fill("dialog[open] textarea[name=text]", "they liked the demo");
  await page.click("dialog[open] button.primary");
  await page.waitForSelector(".toast >> text=Logged");
  const acts = (await api(`/activities?limit=500&kind=call&account_id=${logAccount}`)).body.items;
  t.check(acts.some((a) => a.text === "they liked the demo" && a.outcome === "connected"),
    "the call is logged", acts.length);

  const holdItem = page.locator(".item:has(h3 a[href^='/deals/']):not([data-kind^='meeting'])").first();
  if (await holdItem.count()) {
    const hid = Number((await holdItem.locator("h3 a[href^='/deals/']").getAttribute("href")).split("/").pop());
    await holdItem.locator("button", { hasText: "Hold" }).click();
    await page.fill("dialog[open] input[name=until]", "2026-12-20");
    await page.click("dialog[open] button.primary");
    await page.waitForSelector(".toast >> text=On hold");
    await page.waitForFunction((id) => !document.querySelector(
      `.item:not([data-kind^='meeting']):not([data-kind='payment-late']) h3 a[href='/deals/${id}']`), hid);
    t.eq((await api(`/deals/${hid}`)).body.hold_until, "2026-12-20", "the hold is recorded and the list updates");
  }
});

// Clicks BUTTON on the agenda item ID, fills the dialog with FILL and sends it; answers when
// the item has left the list (without a reload of the page).
async function settle(id, button, fill = async () => {}) {
  const item = page.locator(`.item[data-id="${id}"]`);
  await item.locator("button", { hasText: button }).click();
  await page.waitForSelector("dialog[open]");
  await fill();
  await page.click("dialog[open] button.primary");
  await page.waitForFunction((i) => !document.querySelector(`.item[data-id="${i}"]`) &&
    !document.querySelector("dialog[open]"), id);
}

const firstItem = () => page.locator(".item").first().getAttribute("data-id");

await t.run("Today: done with what happened, snooze, send the draft", async () => {
  await page.goto(url + "/");
  await page.waitForSelector(".item");
  const navigations = [];
  const onNav = (f) => f === page.mainFrame() && navigations.push(f.url());
  page.on("framenavigated", onNav);

  const done = await firstItem();
  const doneAccount = (await page.locator(".item").first().locator("h3 a[href^='/accounts/']")
    .getAttribute("href")).split("/").pop();
  await settle(done, "Done", async () => {
    await page.selectOption("dialog[open] select[name=kind]", "call");
    await page.selectOption("dialog[open] select[name=outcome]", "connected");
    await page.fill("dialog[open] textarea[name=text]", "they sign after the board meets");
  });
  let agenda = (await api("/agenda")).body.items;
  t.check(!agenda.some((i) => i.id === done), "done: the item is off the agenda", done);
  const calls = (await api(`/activities?kind=call&limit=500&account_id=${doneAccount}`)).body.items;
  t.check(calls.some((a) => a.text === "they sign after the board meets" && a.outcome === "connected"),
    "done: what happened is logged");

  const snoozed = await firstItem();
  await settle(snoozed, "Snooze", () => page.fill("dialog[open] input[name=days]", "2"));
  const snoozes = (await api("/snoozes")).body.items;
  t.check(snoozes.some((s) => s.item === snoozed && s.until === "2026-11-25"),
    "snooze: the item sleeps for two days", snoozes);
  const untilId = await firstItem();
  await settle(untilId, "Snooze", () => page.fill("dialog[open] input[name=until]", "2026-12-01"));
  t.check((await api("/snoozes")).body.items.some((s) => s.item === untilId && s.until === "2026-12-01"),
    "snooze: or until a day");

  agenda = (await api("/agenda")).body.items;
  const draftItem = agenda.find((i) => i.draft && i.draft.to && i.draft.to.length);
  t.check(draftItem, "an item has a draft with an address");
  await page.locator(`.item[data-id="${draftItem.id}"] button`, { hasText: "Send draft" }).click();
  t.eq(await page.inputValue("dialog[open] input[name=subject]"), draftItem.draft.subject,
    "send: the draft's subject is shown for review");
  t.eq(await page.inputValue("dialog[open] textarea[name=body]"), draftItem.draft.body,
    "send: and its body");
  await page.fill("dialog[open] input[name=subject]", "Checked: " + draftItem.draft.subject);
  await page.fill("dialog[open] textarea[name=body]", draftItem.draft.body + "\nP.S. sent from the browser");
  await page.click("dialog[open] button.primary");
  await page.waitForFunction((i) => !document.querySelector(`.item[data-id="${i}"]`), draftItem.id);
  const mail = book.mails().find((m) => m.data.includes("P.S. sent from the browser"));
  t.check(mail, "send: the edited message reached the SMTP server", book.mails().length);
  if (mail) {
    t.check(mail.rcpt_tos.includes(draftItem.draft.to[0]), "send: to the draft's address", mail.rcpt_tos);
    t.check(/^Subject: (Checked: |=\?UTF-8\?B\?Q2hlY2tlZDog)/m.test(mail.data),
      "send: with the edited subject", mail.data.slice(0, 400));
  }
  t.check(!(await api("/agenda")).body.items.some((i) => i.id === draftItem.id),
    "send: the item is off the agenda");
  page.off("framenavigated", onNav);
  t.eq(navigations, [], "the list updated without loading the page again");
});

await t.run("a morning worked to an empty list", async () => {
  await page.goto(url + "/");
  await page.waitForSelector(".today:not([aria-busy]) .item, .empty");
  const mailsBefore = book.mails().length;
  let done = 0, sent = 0;
  while (done + sent < 300 && (await page.locator(".item").count())) {
    const first = page.locator(".item").first();
    const id = await first.getAttribute("data-id");
    if (await first.locator("button", { hasText: "Send draft" }).count()) {
      await settle(id, "Send draft");
      sent++;
    } else {
      await settle(id, "Done");
      done++;
    }
  }
  console.log(`# ${done} items done, ${sent} drafts sent`);
  await page.waitForSelector(".empty >> text=Nothing to do");
  t.eq((await api("/agenda")).body.items, [], "the agenda is empty once every item is settled");
  t.eq(book.mails().length - mailsBefore, sent, "each draft sent reached the SMTP server");
});

await t.run("the deal page: score, stage, won, lost with a reason", async () => {
  const open = (await api("/deals?stage=proposal&limit=50")).body.items;
  const [a, b] = open;
  await page.goto(`${url}/deals/${a.id}`);
  await page.waitForSelector(".deal h1");
  t.eq(await page.textContent(".deal h1"), a.title, "the deal's title");
  t.check(await page.isVisible("text=Why this deal ranks"), "the score with its factors");
  await axe("a deal");
  await shot("deal");
  await page.selectOption("select[name=stage]", "negotiation");
  await page.click("button:has-text('Move')");
  await page.waitForSelector(".toast >> text=Moved to Negotiation");
  t.eq((await api(`/deals/${a.id}`)).body.stage, "negotiation", "the stage changes");
  await page.click("button.lost");
  await page.click("dialog[open] button.primary");
  t.check(await page.isVisible("dialog[open]"), "lost without a reason is not sent");
  t.eq((await api(`/deals/${a.id}`)).body.stage, "negotiation", "and changes nothing");
  await page.selectOption("dialog[open] select[name=reason]", "price");
  await page.fill("dialog[open] input[name=competitor]", "Rival AG");
  await page.click("dialog[open] button.primary");
  await page.waitForSelector(".toast >> text=Closed as Lost");
  const lost = (await api(`/deals/${a.id}`)).body;
  t.eq([lost.stage, lost.close_reason, lost.competitor], ["lost", "price", "Rival AG"], "lost, with reason and competitor");
  await page.goto(`${url}/deals/${b.id}`);
  await page.click("button.won");
  await page.click("dialog[open] button.primary");
  await page.waitForSelector(".toast >> text=Won");
  t.eq((await api(`/deals/${b.id}`)).body.stage, "won", "won");
});

await t.run("the pipeline: move a deal by keyboard and by drag", async () => {
  await page.goto(`${url}/pipeline`);
  await page.waitForSelector(".dealcard");
  await shot("pipeline");
  await axe("the pipeline");
  const card = page.locator(".column[data-stage='qualified'] .dealcard").first();
  const id = Number(await card.getAttribute("data-deal"));
  await card.focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector(`.column[data-stage='meeting'] [data-deal='${id}']`);
  t.eq((await api(`/deals/${id}`)).body.stage, "meeting", "→ moves the deal one stage on");
  await page.dragAndDrop(`[data-deal='${id}']`, ".column[data-stage='proposal']");
  await page.waitForSelector(`.column[data-stage='proposal'] [data-deal='${id}']`);
  t.eq((await api(`/deals/${id}`)).body.stage, "proposal", "dragging moves it too");
  const forecast = await page.textContent(".forecast");
  t.check(/\d/.test(forecast), "the weighted forecast is shown", forecast);
});

await t.run("search: / focuses it, results as you type", async () => {
  await page.goto(`${url}/`);
  await page.waitForSelector(".item, .empty");
  await page.keyboard.press("/");
  t.eq(await page.evaluate(() => document.activeElement.id), "q", "/ focuses the search box");
  await page.keyboard.type("contract");
  await page.waitForSelector("#search-results .result");
  t.check(await page.locator("#search-results .result").count() > 0, "results appear while typing");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".results-page");
  await axe("search");
});

await t.run("an account, reports, settings, quick add", async () => {
  const acc = (await api("/accounts?limit=1")).body.items[0];
  await page.goto(`${url}/accounts/${acc.id}`);
  await page.waitForSelector(".account h1");
  t.eq(await page.textContent(".account h1"), acc.name, "the account page");
  await axe("an account");
  await page.goto(`${url}/reports`);
  await page.waitForSelector(".chart svg");
  await axe("reports");
  await page.goto(`${url}/settings`);
  await page.waitForSelector("#cal-url");
  t.check(/\/api\/v1\/cal\/[0-9a-f]+\.ics$/.test(await page.inputValue("#cal-url")), "the calendar feed URL");
  await axe("settings");
  await page.keyboard.press("n");
  await page.fill("dialog[open] input[name=name]", "Quickly Added GmbH");
  await page.click("dialog[open] button.primary");
  await page.waitForSelector(".account h1 >> text=Quickly Added GmbH");
  t.check(true, "quick add makes an account and opens it");
});

await t.run("import a CSV (checked first, then imported) and export what you see", async () => {
  await page.goto(`${url}/transfer`);
  await page.waitForSelector("#import-form");
  const csv = "Name,Email,Company,Title\r\nEva Webimport,eva@webimport.example,Webimport GmbH,CEO\r\n" +
    "Bad Mail,not-an-email,Webimport GmbH,\r\n";
  await page.setInputFiles("#import-form input[name=file]",
    { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.click("#import-form button:text-is('Check')");
  await page.waitForSelector(".summary >> text=Checked: nothing was changed");
  const find = async () => (await api("/search?q=webimport")).body.items.length;
  t.eq(await find(), 0, "a check changes nothing");
  t.check(/Line 3/.test(await page.textContent(".summary")), "the refused row is named by its line");
  await page.click("#import-form button.primary");
  await page.waitForSelector(".summary h2:text-is('Imported')");
  t.check(await find() > 0, "the import adds the contact and its account");
  await axe("import and export");
  const href = await page.getAttribute("a[download='contacts.csv']", "href");
  const out = await page.evaluate(async (h) => (await fetch(h)).text(), href);
  t.check(out.includes("Eva Webimport"), "the contacts export has the imported contact");
});

await t.run("another rep's deal by URL says not found", async () => {
  const mine = (await api("/deals?limit=500")).body.items.map((d) => d.id);
  const foreign = JSON.parse(book.cli(["--json", "deal", "list", "--limit", "500"])).find((d) => !mine.includes(d.id));
  t.check(foreign, "the book has another rep's deal");
  expected = /status of 404/;
  await page.goto(`${url}/deals/${foreign.id}`);
  await page.waitForSelector("h1");
  t.eq(await page.textContent("h1"), "Not found", "the page says not found");
  expected = /^$/;
});

await t.run("settings as a rep: the team's settings to read, API tokens made and revoked", async () => {
  const accept = (d) => d.accept();
  page.on("dialog", accept);
  await page.goto(`${url}/settings`);
  await page.waitForSelector("#drafts-form");
  t.check(await page.isDisabled("#drafts-form textarea[name=signature]"),
    "a rep reads the signature but does not change it");
  t.check(await page.isDisabled("#template-form input[name=subject]"), "nor the templates");
  await page.click("#token-form button.primary");
  await page.waitForSelector("#new-token");
  const token = await page.inputValue("#new-token");
  t.check(/^rpt_/.test(token), "the new token is shown once", token);
  const me = async () => (await fetch(url + "/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status;
  t.eq(await me(), 200, "and it works");
  const row = page.locator("table.tokens tr:has(button:text-is('Revoke'))").last();
  const id = await row.getAttribute("data-token");
  await row.locator("button").click();
  await page.waitForSelector(`table.tokens tr[data-token="${id}"] >> text=revoked`);
  t.eq(await me(), 401, "revoked, it stops working");
  page.off("dialog", accept);
});

await t.run("settings as an admin: signature, working days, templates, users, audit log", async () => {
  const accept = (d) => d.accept();
  page.on("dialog", accept);
  await page.goto(url + "/");
  await page.click("text=Sign out");
  expected = /status of 401/;
  await signIn("ada@example.com");
  await page.waitForSelector("button:text-is('Sign out')");
  expected = /^$/;
  await page.goto(`${url}/settings`);
  await page.waitForSelector("#drafts-form");
  const settings = async () => Object.fromEntries((await api("/settings")).body.items.map((i) => [i.key, i.value]));

  await page.fill("#drafts-form textarea[name=signature]", "Ada\nThe North team");
  await page.selectOption("#drafts-form select[name=locale]", "en-GB");
  await page.click("#drafts-form button.primary");
  await page.waitForSelector(".toast >> text=Drafts saved");
  let s = await settings();
  t.eq([s["draft.signature"], s["draft.locale"]], ["Ada\nThe North team", "en-GB"], "the signature and locale are saved");

  await page.uncheck("#workdays-form input[name=day-fri]");
  await page.fill("#workdays-form input[name=holiday]", "2026-12-24");
  await page.click("#workdays-form button:text-is('Add')");
  await page.click("#workdays-form button.primary");
  await page.waitForSelector(".toast >> text=Working days saved");
  s = await settings();
  t.eq([s.workdays, s.holidays], ["mon,tue,wed,thu", "2026-12-24"], "the working days and holidays are saved");

  await page.selectOption("select[name=tpl-kind]", "payment-late");
  await page.waitForSelector("#template-form");
  const tpl = (await api("/templates/payment-late?style=standard")).body;
  await page.waitForFunction((subj) => document.querySelector("#template-form input[name=subject]").value === subj, tpl.subject);
  await page.fill("#template-form input[name=subject]", tpl.subject + " (team)");
  await page.click("#template-form button.primary");
  await page.waitForSelector(".toast >> text=Template saved");
  let now = (await api("/templates/payment-late?style=standard")).body;
  t.eq([now.custom, now.subject], [true, tpl.subject + " (team)"], "the template is changed for the team");
  await page.click("#template-form button:text-is('Put the default back')");
  await page.waitForSelector(".toast >> text=Default template back");
  now = (await api("/templates/payment-late?style=standard")).body;
  t.eq([now.custom, now.subject], [false, tpl.subject], "and put back");

  const rep2 = (await api("/users?limit=500")).body.items.find((u) => u.email === "rep2@team.example");
  const row = `table.users tr[data-user="${rep2.id}"]`;
  await page.selectOption(`${row} select`, "manager");
  await page.waitForSelector(".toast >> text=now manager");
  t.eq((await api(`/users/${rep2.id}`)).body.role, "manager", "an admin changes a role");
  await page.selectOption(`${row} select`, "rep");
  await page.waitForSelector(".toast >> text=now rep");
  await page.click(`${row} button:text-is('Disable')`);
  await page.waitForSelector(`${row} button:text-is('Enable')`);
  t.eq((await api(`/users/${rep2.id}`)).body.disabled, true, "an admin disables a user");
  await page.click(`${row} button:text-is('Enable')`);
  await page.waitForSelector(`${row} button:text-is('Disable')`);
  t.eq((await api(`/users/${rep2.id}`)).body.disabled, false, "and enables them again");

  await page.reload();
  await page.waitForSelector("table.audit");
  const audit = await page.textContent("table.audit");
  t.check(audit.includes("PATCH /api/v1/users/{id}") && audit.includes("PUT /api/v1/settings"),
    "the audit log shows what was changed", audit.slice(0, 300));
  await axe("settings (admin)");
  await shot("settings");
  page.off("dialog", accept);
});

await t.run("phone width: nothing scrolls sideways", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/", `/deals/${deals.today}`, "/pipeline", "/reports", "/transfer", "/settings"]) {
    await page.goto(url + path);
    await page.waitForSelector("main h1");
    await page.waitForLoadState("networkidle");
    await noSidewaysScroll(path);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

await t.run("sign out, and a locked login says so", async () => {
  await page.goto(url + "/");
  await page.click("text=Sign out");
  await page.waitForSelector("input[name=email]");
  t.check(true, "signed out");
  expected = /status of (401|429)/;
  await Promise.all(Array.from({ length: 10 }, async () => {
    const r = await fetch(url + "/api/v1/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "rep2@team.example", password: "wrong" }) });
    await r.arrayBuffer();
  }));
  await signIn("rep2@team.example");
  await page.waitForSelector("[role=alert]");
  const msg = await page.textContent("[role=alert]");
  t.check(/Too many failed sign-ins/.test(msg), "a locked login says to wait", msg);
});

t.eq(consoleErrors, [], "no console errors");
await closeBrowser(browser);
const code = await book.stop();
t.eq(code, 0, "the server exits 0 on SIGTERM");
if (code) console.log(book.stderr.slice(-3000));
book.cleanup();
t.finish();
