// Settings: the calendar feed (copy, rotate), the drafts' signature and templates, the working
// days and holidays, API tokens; for admins, the users (role, disable) and the audit log.
// The team's settings and templates are changed by admins and managers; a rep reads them.
import { useEffect, useState } from "preact/hooks";
import { api, get, patch, post } from "./api.js";
import { ErrorBox, Loading, toast, useLoad, useSubmit } from "./ui.jsx";
import { day, instant, label } from "./util.js";

const put = (path, body) => api("PUT", path, body);
const del = (path) => api("DELETE", path);

function Calendar() {
  const [me, error, reload] = useLoad(() => get("/me"), []);
  const [err, setErr] = useState(null);
  if (error) return <ErrorBox error={error} />;
  if (!me) return <Loading />;
  const copy = async () => {
    try { await navigator.clipboard.writeText(me.calendar_url); toast("Feed URL copied"); }
    catch { document.getElementById("cal-url").select(); toast("Select and copy the URL", "warn"); }
  };
  const rotate = async () => {
    if (!confirm("Make a new feed URL? Calendars subscribed to the old one stop updating.")) return;
    try { await post("/me/calendar"); toast("New feed URL made"); reload(); } catch (e) { setErr(e); }
  };
  return (
    <section class="card">
      <h2>Calendar feed</h2>
      <p class="muted small">Subscribe to it in your calendar app: planned meetings and agreed follow-up days. Anyone with the URL can read it.</p>
      <label>Feed URL<input id="cal-url" readOnly value={me.calendar_url} /></label>
      <div class="buttons">
        <button type="button" onClick={copy}>Copy</button>
        <button type="button" onClick={rotate}>Make a new URL</button>
      </div>
      <ErrorBox error={err} />
    </section>
  );
}

const LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR"];
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// "mon-fri" or "mon,wed,fri-sun" as the set of days it names.
function parseWorkdays(text) {
  const out = new Set();
  for (const part of (text || "").toLowerCase().split(",").map((p) => p.trim()).filter(Boolean)) {
    const [a, b] = part.split("-").map((d) => WEEKDAYS.indexOf(d.slice(0, 3)));
    if (a < 0) continue;
    for (let i = a; ; i = (i + 1) % 7) {
      out.add(WEEKDAYS[i]);
      if (b === undefined || b < 0 || i === b) break;
    }
  }
  return out;
}

// The team's settings as {key: value}, with a save that answers them again.
function useSettings() {
  const [data, error, reload] = useLoad(() => get("/settings"), []);
  const values = data ? Object.fromEntries(data.items.map((i) => [i.key, i.value])) : null;
  const save = async (changes) => { await put("/settings", changes); reload(); };
  return [values, error, save];
}

function ReadOnlyNote({ canEdit }) {
  return !canEdit && <p class="muted small">Only admins and managers change the team's settings.</p>;
}

function Drafts({ values, save, canEdit }) {
  const { onSubmit, error, busy } = useSubmit(async (f) => {
    await save({ "draft.signature": f.signature || null, "draft.sender": f.sender || null,
      "draft.locale": f.locale || null });
    toast("Drafts saved");
  });
  return (
    <section class="card">
      <h2>Signature</h2>
      <p class="muted small">The lines under every draft (<code>{"{signature}"}</code>), your name in them (<code>{"{sender}"}</code>), and how they write dates and amounts.</p>
      <form class="stack" onSubmit={onSubmit} id="drafts-form">
        <fieldset disabled={!canEdit} class="plain-set stack">
          <label>Signature<textarea name="signature" rows="3" value={values["draft.signature"]} /></label>
          <div class="row">
            <label class="grow">Sender name<input name="sender" value={values["draft.sender"]} placeholder="your user's name" /></label>
            <label>Dates and amounts
              <select name="locale" value={values["draft.locale"]}>
                {LOCALES.map((l) => <option value={l}>{l}</option>)}
              </select>
            </label>
          </div>
          {canEdit && <div class="buttons"><button class="primary" disabled={busy}>Save</button></div>}
        </fieldset>
        <ReadOnlyNote canEdit={canEdit} />
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

function WorkingDays({ values, save, canEdit }) {
  const [days, setDays] = useState(() => parseWorkdays(values.workdays));
  const [holidays, setHolidays] = useState(() => (values.holidays || "").split(",").filter(Boolean).sort());
  const [newDay, setNewDay] = useState("");
  const { onSubmit, error, busy } = useSubmit(async () => {
    await save({ workdays: WEEKDAYS.filter((d) => days.has(d)).join(","),
      holidays: holidays.join(",") || null });
    toast("Working days saved");
  });
  const toggle = (d) => setDays((s) => { const n = new Set(s); if (n.has(d)) n.delete(d); else n.add(d); return n; });
  const add = () => {
    if (newDay && !holidays.includes(newDay)) setHolidays([...holidays, newDay].sort());
    setNewDay("");
  };
  return (
    <section class="card">
      <h2>Working days</h2>
      <p class="muted small">Reminders and retries count working days; nothing falls due on a day off.</p>
      <form class="stack" onSubmit={onSubmit} id="workdays-form">
        <fieldset disabled={!canEdit} class="plain-set stack">
          <div class="weekdays" role="group" aria-label="Days you work">
            {WEEKDAYS.map((d) => (
              <label class="check" key={d}><input type="checkbox" name={`day-${d}`} checked={days.has(d)}
                onChange={() => toggle(d)} /> {label(d)}</label>
            ))}
          </div>
          <h3>Holidays</h3>
          {!holidays.length && <p class="muted small">No days off set.</p>}
          <ul class="list holidays">
            {holidays.map((h) => (
              <li key={h}>{day(h, { weekday: "short", day: "numeric", month: "long", year: "numeric" })}
                {canEdit && <button type="button" class="small plain" aria-label={`Remove ${h}`}
                  onClick={() => setHolidays(holidays.filter((x) => x !== h))}>Remove</button>}</li>
            ))}
          </ul>
          {canEdit && (
            <div class="row">
              <label>Add a day off<input type="date" name="holiday" value={newDay}
                onInput={(e) => setNewDay(e.currentTarget.value)} /></label>
              <button type="button" onClick={add}>Add</button>
            </div>
          )}
          {canEdit && <div class="buttons"><button class="primary" disabled={busy}>Save</button></div>}
        </fieldset>
        <ReadOnlyNote canEdit={canEdit} />
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

function Templates({ canEdit }) {
  const [list, listError] = useLoad(() => get("/templates"), []);
  const [pick, setPick] = useState({ kind: "followup-missed", style: "standard" });
  const [tpl, error, reload] = useLoad(() => get(`/templates/${pick.kind}?style=${pick.style}`),
    [pick.kind, pick.style]);
  const { onSubmit, error: saveError, busy } = useSubmit(async (f) => {
    await put(`/templates/${pick.kind}?style=${pick.style}`, { subject: f.subject || "", body: f.body || "" });
    toast("Template saved");
    reload();
  });
  const [resetError, setResetError] = useState(null);
  const reset = async () => {
    try { await del(`/templates/${pick.kind}?style=${pick.style}`); toast("Default template back"); reload(); }
    catch (e) { setResetError(e); }
  };
  if (listError) return <ErrorBox error={listError} />;
  const kinds = list ? [...new Set(list.items.map((t) => t.kind))] : [];
  return (
    <section class="card">
      <h2>Draft templates</h2>
      <div class="row">
        <label>Draft<select name="tpl-kind" value={pick.kind}
          onChange={(e) => setPick({ ...pick, kind: e.currentTarget.value })}>
          {kinds.map((k) => <option value={k}>{label(k)}</option>)}</select></label>
        <label>Style<select name="tpl-style" value={pick.style}
          onChange={(e) => setPick({ ...pick, style: e.currentTarget.value })}>
          {["direct", "standard", "gentle"].map((s) => <option value={s}>{label(s)}</option>)}</select></label>
      </div>
      <ErrorBox error={error} />
      {tpl && (
        <form class="stack" onSubmit={onSubmit} id="template-form" key={`${tpl.kind}-${tpl.style}-${tpl.subject}`}>
          <fieldset disabled={!canEdit} class="plain-set stack">
            <p class="muted small">{tpl.custom ? "Changed for the team." : "The default."} Placeholders: {tpl.placeholders.map((p) => <code key={p}>{`{${p}}`} </code>)}</p>
            <label>Subject<input name="subject" value={tpl.subject} /></label>
            <label>Body<textarea name="body" rows="8" value={tpl.body} /></label>
            {canEdit && (
              <div class="buttons">
                <button class="primary" disabled={busy}>Save template</button>
                {tpl.custom && <button type="button" onClick={reset}>Put the default back</button>}
              </div>
            )}
          </fieldset>
          <ReadOnlyNote canEdit={canEdit} />
          <ErrorBox error={saveError || resetError} />
        </form>
      )}
    </section>
  );
}

function Tokens({ me }) {
  const [d, error, reload] = useLoad(() => get("/me/tokens"), []);
  const [made, setMade] = useState(null);
  const [err, setErr] = useState(null);
  const { onSubmit, error: makeError, busy } = useSubmit(async (f) => {
    const t = await post("/me/tokens", f.expires ? { expires: f.expires } : {});
    setMade(t.token);
    toast("Token made: copy it now");
    reload();
  });
  const revoke = async (id) => {
    if (!confirm(`Revoke token ${id}? Scripts using it stop working.`)) return;
    try { await del(`/me/tokens/${id}`); toast("Token revoked"); reload(); } catch (e) { setErr(e); }
  };
  return (
    <section class="card">
      <h2>API tokens</h2>
      <p class="muted small">For scripts and other tools: send as <code>Authorization: Bearer …</code>. A token is shown once; Rapport keeps only its hash.</p>
      {made && <label>Your new token (copy it now)<input id="new-token" readOnly value={made} /></label>}
      <ErrorBox error={error || err} />
      {!d && !error && <Loading />}
      {d && (d.items.length ? (
        <table class="table tokens">
          <thead><tr><th scope="col">Token</th><th scope="col">Made</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>{d.items.map((t) => (
            <tr key={t.id} data-token={t.id}><td>#{t.id}</td><td>{instant(t.created_at)}</td><td>{t.expires_at ? instant(t.expires_at) : "never"}</td>
              <td>{t.active ? "active" : t.revoked_at ? "revoked" : "expired"}</td>
              <td>{t.active && <button type="button" class="small" onClick={() => revoke(t.id)}>Revoke</button>}</td></tr>))}</tbody>
        </table>
      ) : <p class="muted">No tokens yet.</p>)}
      <form class="row" onSubmit={onSubmit} id="token-form">
        <label>Expires (optional)<input type="date" name="expires" /></label>
        <button class="primary" disabled={busy}>Make a token</button>
      </form>
      <ErrorBox error={makeError} />
      <p class="muted small">Also on the command line: <code>rapport user token {me.email}</code>.</p>
    </section>
  );
}

function Users({ me }) {
  const [d, error, reload] = useLoad(() => get("/users?limit=500"), []);
  const [err, setErr] = useState(null);
  const change = async (u, body, what) => {
    setErr(null);
    try { await patch(`/users/${u.id}`, body); toast(`${u.name}: ${what}`); reload(); }
    catch (e) { setErr(e); reload(); }
  };
  if (error) return <ErrorBox error={error} />;
  if (!d) return <Loading />;
  return (
    <section class="card">
      <h2>Users</h2>
      <ErrorBox error={err} />
      <table class="table users">
        <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Team</th><th scope="col">Status</th></tr></thead>
        <tbody>{d.items.map((u) => (
          <tr key={u.id} data-user={u.id}><td>{u.name}</td><td>{u.email}</td>
            <td><select aria-label={`Role of ${u.name}`} value={u.role} disabled={u.id === me.id}
              onChange={(e) => change(u, { role: e.currentTarget.value }, `now ${e.currentTarget.value}`)}>
              {["rep", "manager", "admin"].map((r) => <option value={r}>{label(r)}</option>)}</select></td>
            <td>{u.team || ""}</td>
            <td>{u.disabled ? "disabled" : "active"}
              {u.id !== me.id && <button type="button" class="small" onClick={() => change(u, { disabled: !u.disabled },
                u.disabled ? "enabled" : "disabled")}>{u.disabled ? "Enable" : "Disable"}</button>}</td></tr>))}</tbody>
      </table>
    </section>
  );
}

function Audit() {
  const [pages, setPages] = useState([]);
  const [next, setNext] = useState(undefined);
  const [error, setError] = useState(null);
  const more = async (before) => {
    try {
      const r = await get(`/audit?limit=50${before ? `&before=${before}` : ""}`);
      setPages((p) => (before ? [...p, ...r.items] : r.items));
      setNext(r.next);
    } catch (e) { setError(e); }
  };
  useEffect(() => { more(null); }, []);
  if (error) return <ErrorBox error={error} />;
  if (next === undefined) return <Loading />;
  return (
    <section class="card">
      <h2>Audit log</h2>
      <table class="table audit">
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Record</th><th scope="col">From</th></tr></thead>
        <tbody>{pages.map((a) => (
          <tr key={a.id}><td>{instant(a.at)}</td><td>{a.user || "—"}</td><td>{a.action}{a.detail ? ` (${a.detail})` : ""}</td>
            <td>{a.entity ? `${a.entity} ${a.entity_id || ""}` : ""}</td><td>{a.address || ""}</td></tr>))}</tbody>
      </table>
      {next && <div class="buttons"><button type="button" onClick={() => more(next)}>Older</button></div>}
    </section>
  );
}

function Team({ me }) {
  const [values, error, save] = useSettings();
  const canEdit = me.role === "admin" || me.role === "manager";
  if (error) return <ErrorBox error={error} />;
  if (!values) return <Loading />;
  return (
    <>
      <Drafts values={values} save={save} canEdit={canEdit} />
      <WorkingDays values={values} save={save} canEdit={canEdit} />
    </>
  );
}

export function Settings({ me }) {
  return (
    <section class="settings">
      <div class="page-head"><h1>Settings</h1><p class="muted">Signed in as {me.name} ({me.email}), {me.role}.</p></div>
      <Calendar />
      <Team me={me} />
      <Templates canEdit={me.role === "admin" || me.role === "manager"} />
      <Tokens me={me} />
      {me.role === "admin" && <Users me={me} />}
      {me.role === "admin" && <Audit />}
    </section>
  );
}
