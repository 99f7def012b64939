// Settings: the calendar feed (copy, rotate); for admins, the users and the audit log.
import { useState } from "preact/hooks";
import { get, post } from "./api.js";
import { ErrorBox, Loading, toast, useLoad } from "./ui.jsx";
import { instant, label } from "./util.js";

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

function Admin() {
  const [d, error] = useLoad(async () => {
    const [users, audit] = await Promise.all([get("/users?limit=200"), get("/audit?limit=50")]);
    return { users: users.items, audit: audit.items };
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!d) return <Loading />;
  return (
    <>
      <section class="card">
        <h2>Users</h2>
        <table class="table">
          <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Team</th><th scope="col">Status</th></tr></thead>
          <tbody>{d.users.map((u) => (
            <tr key={u.id}><td>{u.name}</td><td>{u.email}</td><td>{label(u.role)}</td><td>{u.team || ""}</td><td>{u.disabled ? "disabled" : "active"}</td></tr>))}</tbody>
        </table>
      </section>
      <section class="card">
        <h2>Audit log</h2>
        <table class="table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Record</th></tr></thead>
          <tbody>{d.audit.map((a) => (
            <tr key={a.id}><td>{instant(a.at)}</td><td>{a.user || "—"}</td><td>{a.action}</td>
              <td>{a.entity ? `${a.entity} ${a.entity_id || ""}` : a.detail || ""}</td></tr>))}</tbody>
        </table>
      </section>
    </>
  );
}

export function Settings({ me }) {
  return (
    <section class="settings">
      <div class="page-head"><h1>Settings</h1><p class="muted">Signed in as {me.name} ({me.email}), {me.role}.</p></div>
      <Calendar />
      <section class="card">
        <h2>API tokens</h2>
        <p class="muted small">For scripts: <code>rapport user token {me.email}</code> prints a new token (shown once).</p>
      </section>
      {me.role === "admin" && <Admin />}
    </section>
  );
}
