// An account: contacts with their roles (a veto marked), deals, holds, the check-in
// cadence, invoices, and recall: what we told them and what they claimed, searchable.
import { useState } from "preact/hooks";
import { get, post } from "./api.js";
import { ErrorBox, Loading, NotFound, toast, useLoad, useSubmit } from "./ui.jsx";
import { day, instant, label, money } from "./util.js";

function Recall({ id }) {
  const [q, setQ] = useState("");
  const [data, error] = useLoad(() => get(`/recall?account=${id}${q ? `&q=${encodeURIComponent(q)}` : ""}`), [id, q]);
  return (
    <section class="card" aria-labelledby="recall-h">
      <h2 id="recall-h">Recall</h2>
      <label>What did we tell them, what did they claim?
        <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="contract, price, support…" />
      </label>
      <ErrorBox error={error} />
      <ul class="list">
        {(data ? data.items : []).slice(0, 30).map((r, i) => (
          <li key={i}><strong>{day(r.date)}</strong> <span class={`tag ${r.type}`}>{label(r.type)}</span> {r.text || r.note || r.name || ""}
            {r.contact && <span class="muted"> · {r.contact}</span>}</li>
        ))}
      </ul>
    </section>
  );
}

export function Account({ id }) {
  const [a, error, reload] = useLoad(() => get(`/accounts/${id}/overview`), [id]);
  const hold = useSubmit(async (f) => {
    await post(`/accounts/${id}/hold`, f.until ? { until: f.until, unless_inbound: !!f.unless_inbound,
      ...(f.reason ? { reason: f.reason } : {}) } : {});
    toast(f.until ? "On hold" : "Hold lifted");
    reload();
  });
  const checkin = useSubmit(async (f) => {
    await post(`/accounts/${id}/checkin`, { every: Number(f.every || 0) });
    toast("Check-in cadence saved");
    reload();
  });
  if (error && error.status === 404) return <NotFound what="account" />;
  if (error) return <ErrorBox error={error} />;
  if (!a) return <Loading />;
  const paid = async (inv) => { await post(`/invoices/${inv}/paid`, {}); toast("Marked paid"); reload(); };
  return (
    <section class="account">
      <div class="page-head">
        <h1>{a.name}</h1>
        <p class="facts">
          <span class={`tag ${a.status}`}>{label(a.status)}</span>
          {a.industry && <span>{a.industry}</span>}
          {a.trigger && <span>trigger: {label(a.trigger)}</span>}
          {a.urgency && <span>urgency: {a.urgency}</span>}
          {a.style && <span>style: {a.style}</span>}
          {a.provider && <span>now with {a.provider}{a.contract_ends ? ` until ${day(a.contract_ends)}` : ""}</span>}
          {a.hold_until && <span class="hold">on hold until {day(a.hold_until)}{a.hold_unless_inbound ? " (unless they call)" : ""}</span>}
        </p>
        {a.need && <p>{a.need}</p>}
      </div>
      <div class="columns">
        <div class="main-col">
          <section class="card">
            <h2>Contacts <span class="count">{a.contacts.length}</span></h2>
            <ul class="list">
              {a.contacts.map((c) => (
                <li key={c.id} class={c.role === "veto" ? "veto" : ""}>
                  <strong>{c.name}</strong>{c.title ? `, ${c.title}` : ""}
                  {c.role && <span class={`role ${c.role}`}>{c.role === "veto" ? "Veto" : label(c.role)}</span>}
                  {c.primary && <span class="tag">primary</span>}
                  {c.phone && <> · <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a></>}
                  {c.email && <> · <a href={`mailto:${c.email}`}>{c.email}</a></>}
                </li>
              ))}
            </ul>
          </section>
          <section class="card">
            <h2>Deals <span class="count">{a.deals.length}</span></h2>
            <ul class="list">
              {a.deals.map((d) => (
                <li key={d.id}><a href={`/deals/${d.id}`}>{d.title}</a> <span class={`stage ${d.stage}`}>{label(d.stage)}</span> {money(d.value_cents, d.currency)}</li>
              ))}
            </ul>
          </section>
          <Recall id={id} />
          <section class="card">
            <h2>Activity</h2>
            <ul class="list">
              {a.activities.slice(0, 40).map((x) => (
                <li key={x.id}><strong>{instant(x.at)}</strong> {label(x.kind)} {x.direction}{x.outcome ? ` · ${label(x.outcome)}` : ""}
                  {x.text && <span class="muted"> — {x.text}</span>}</li>
              ))}
            </ul>
          </section>
        </div>
        <aside class="side-col">
          <section class="card">
            <h2>Hold</h2>
            <form class="stack" onSubmit={hold.onSubmit}>
              <label>Not before<input type="date" name="until" /></label>
              <label>Why<input name="reason" /></label>
              <label class="check"><input type="checkbox" name="unless_inbound" value="1" /> Unless they contact us first</label>
              <div class="buttons"><button disabled={hold.busy}>Save hold</button></div>
              <ErrorBox error={hold.error} />
            </form>
          </section>
          <section class="card">
            <h2>Check-ins</h2>
            <form class="row" onSubmit={checkin.onSubmit}>
              <label class="grow">Every (days; 0 stops)<input type="number" min="0" name="every" value={a.checkin_days || ""} /></label>
              <button disabled={checkin.busy}>Save</button>
            </form>
            <ErrorBox error={checkin.error} />
          </section>
          <section class="card">
            <h2>Invoices <span class="count">{a.invoices.length}</span></h2>
            <ul class="list">
              {a.invoices.map((i) => (
                <li key={i.id}>{i.number || `#${i.id}`} · {money(i.amount_cents, i.currency)} · due {day(i.due_on)}
                  {i.paid_on ? <span class="tag paid">paid {day(i.paid_on)}</span>
                    : <button type="button" class="small" onClick={() => paid(i.id)}>Mark paid</button>}</li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </section>
  );
}
