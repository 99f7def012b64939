// A deal: the score and why, stage, what was agreed, said and claimed, the meetings, the
// history, closing it (won / lost with reason and competitor / no decision), and the push.
import { useState } from "preact/hooks";
import { get, getEarly, post } from "./api.js";
import { Dialog, ErrorBox, Loading, NotFound, toast, useLoad, useSubmit } from "./ui.jsx";
import { LOSS_REASONS, OPEN_STAGES, day, instant, label, money } from "./util.js";

const FACTORS = [["trigger", "Trigger", 30], ["urgency", "Urgency", 30],
  ["decision_date", "Decision date within 90 days", 20], ["decision_contact", "A decision maker known", 10],
  ["value", "Value rank", 10]];

function Score({ score }) {
  return (
    <section class="card" aria-labelledby="score-h">
      <h2 id="score-h">Score <span class="big">{score.total}</span><span class="muted"> of 100</span></h2>
      <p class="muted small">Why this deal ranks where it does on Today:</p>
      <dl class="factors">
        {FACTORS.map(([k, name, max]) => (
          <div key={k}>
            <dt>{name}</dt>
            <dd>
              <meter min="0" max={max} value={score.factors[k] || 0} aria-label={name} />
              <span>{score.factors[k] || 0} / {max}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function List({ title, items, empty, render }) {
  return (
    <section class="card">
      <h2>{title} <span class="count">{items.length}</span></h2>
      {items.length ? <ul class="list">{items.map(render)}</ul> : <p class="muted">{empty}</p>}
    </section>
  );
}

function Close({ deal, onDone }) {
  const [mode, setMode] = useState(null);
  const { onSubmit, error, busy } = useSubmit(async (f) => {
    const body = { ...(f.reason ? { reason: f.reason } : {}), ...(f.competitor ? { competitor: f.competitor } : {}),
      ...(f.note ? { note: f.note } : {}) };
    await post(`/deals/${deal.id}/${mode}`, body);
    toast(mode === "won" ? "Won. Time for a thank-you card." : `Closed as ${label(mode)}`);
    setMode(null);
    onDone();
  });
  return (
    <>
      <div class="buttons">
        <button type="button" class="won" onClick={() => setMode("won")}>Won</button>
        <button type="button" class="lost" onClick={() => setMode("lost")}>Lost</button>
        <button type="button" onClick={() => setMode("no-decision")}>No decision</button>
      </div>
      {mode && (
        <Dialog title={mode === "won" ? "Mark as won" : mode === "lost" ? "Mark as lost" : "Close: no decision"}
          onClose={() => setMode(null)}>
          <form class="stack" onSubmit={onSubmit}>
            {mode === "lost" && (
              <>
                <p class="muted">A concrete reason and who won teach you more than "they went another way".</p>
                <label>Reason
                  <select name="reason" required>
                    <option value="">Choose…</option>
                    {LOSS_REASONS.map((r) => <option value={r}>{label(r)}</option>)}
                  </select>
                </label>
                <label>Competitor who won it
                  <input name="competitor" required value={deal.competitor || ""} />
                </label>
              </>
            )}
            <label>Note<textarea name="note" rows="3" /></label>
            <ErrorBox error={error} />
            <div class="buttons">
              <button class="primary" disabled={busy}>Close the deal</button>
              <button type="button" onClick={() => setMode(null)}>Cancel</button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}

function Push({ deal, onDone }) {
  const [draft, setDraft] = useState(null);
  const [error, setError] = useState(null);
  const act = async (body, ok) => {
    setError(null);
    try {
      const r = await post(`/deals/${deal.id}/push`, body);
      if (body.mode === "draft") setDraft(r.draft || r);
      else { toast(ok); setDraft(null); onDone(); }
    } catch (e) { setError(e); }
  };
  const outcome = useSubmit(async (f) => {
    await post(`/deals/${deal.id}/push-outcome`, f);
    toast("Push outcome recorded");
    onDone();
  });
  return (
    <section class="card" aria-labelledby="push-h">
      <h2 id="push-h">The push</h2>
      <p class="muted small">When everything is answered and they have gone quiet: one clear message to everyone
        involved, then leave them alone.</p>
      <div class="buttons">
        <button type="button" onClick={() => act({ mode: "draft" })}>Draft the push</button>
      </div>
      {draft && (
        <div class="draft open">
          <p class="muted small">To {(draft.to || []).join(", ") || "(no address on file)"}
            {draft.cc && draft.cc.length ? ` · Cc ${draft.cc.join(", ")}` : ""}</p>
          <p><strong>{draft.subject}</strong></p>
          <pre>{draft.body}</pre>
          <div class="buttons">
            <button type="button" class="primary" onClick={() => act({ mode: "send" }, "Push sent")}>Send</button>
            <button type="button" onClick={() => act({ mode: "record" }, "Push recorded")}>I sent it myself</button>
          </div>
        </div>
      )}
      <ErrorBox error={error} />
      <details>
        <summary>Record how they answered a push</summary>
        <form class="row" onSubmit={outcome.onSubmit}>
          <label>Outcome
            <select name="outcome" required>
              <option value="ignored">Ignored</option>
              <option value="informed">They told us who and why</option>
              <option value="revived">Revived: "we're not done!"</option>
            </select>
          </label>
          <label>Competitor<input name="competitor" /></label>
          <label>Reason
            <select name="reason"><option value="">—</option>{LOSS_REASONS.map((r) => <option value={r}>{label(r)}</option>)}</select>
          </label>
          <button disabled={outcome.busy}>Record outcome</button>
          <ErrorBox error={outcome.error} />
        </form>
      </details>
    </section>
  );
}

function AddLine({ placeholder, onAdd, label: text }) {
  const { onSubmit, error, busy } = useSubmit(async (f, form) => { await onAdd(f); form.reset(); });
  return (
    <form class="row" onSubmit={onSubmit}>
      <label class="grow">{text}<input name="text" required placeholder={placeholder} /></label>
      <button disabled={busy}>Add</button>
      <ErrorBox error={error} />
    </form>
  );
}

export function Deal({ id }) {
  // The deal shows as soon as it is here; its account's name and people follow.
  const [deal, error, reload] = useLoad(() => getEarly(`/deals/${id}/overview`), [id]);
  const accountId = deal && deal.account_id;
  const [around] = useLoad(async () => {
    if (!accountId) return null;
    const [account, contacts] = await Promise.all([
      get(`/accounts/${accountId}`),
      get(`/contacts?account_id=${accountId}&limit=100`),
    ]);
    return { account, contacts: contacts.items };
  }, [accountId]);
  const stage = useSubmit(async (f) => {
    await post(`/deals/${id}/stage`, { stage: f.stage });
    toast(`Moved to ${label(f.stage)}`);
    reload();
  });
  const agree = useSubmit(async (f, form) => {
    await post("/agreements", { deal_id: id, due_on: f.due_on, ...(f.note ? { note: f.note } : {}) });
    toast("Next step agreed");
    form.reset();
    reload();
  });
  if (error && error.status === 404) return <NotFound what="deal" />;
  if (error) return <ErrorBox error={error} />;
  if (!deal) return <Loading />;
  const account = around ? around.account : { id: deal.account_id, name: "" };
  const contacts = around ? around.contacts : [];
  const names = Object.fromEntries(contacts.map((c) => [c.id, c.name]));
  const who = (cid) => (cid && names[cid] ? ` · ${names[cid]}` : "");
  const open = OPEN_STAGES.includes(deal.stage);
  const claimAct = async (cid, verb) => {
    await post(`/claims/${cid}/${verb}`, {});
    toast(`Claim ${verb === "verify" ? "verified" : verb === "clarify" ? "clarified" : "contradicted"}`);
    reload();
  };
  const meetAct = async (mid, verb) => { await post(`/meetings/${mid}/${verb}`, {}); toast("Meeting updated"); reload(); };
  return (
    <section class="deal">
      <div class="page-head">
        <p class="crumb"><a href={`/accounts/${account.id}`}>{account.name || "Account"}</a></p>
        <h1>{deal.title}</h1>
        <p class="facts">
          <span class={`stage ${deal.stage}`}>{label(deal.stage)}</span>
          <span>{money(deal.value_cents, deal.currency)}</span>
          {deal.decision_by && <span>decides by {day(deal.decision_by)}</span>}
          {deal.decision_process && <span>{deal.decision_process}</span>}
          {deal.competitor && <span>vs {deal.competitor}</span>}
          {deal.hold_until && <span class="hold">on hold until {day(deal.hold_until)}</span>}
        </p>
        {deal.close_reason && <p class="muted">Closed: {label(deal.close_reason)}{deal.close_note ? ` — ${deal.close_note}` : ""}</p>}
      </div>
      <div class="columns">
        <div class="main-col">
          <section class="card">
            <h2>Next step</h2>
            <form class="row" onSubmit={agree.onSubmit}>
              <label>We speak again on<input type="date" name="due_on" required /></label>
              <label class="grow">What we agreed<input name="note" placeholder="call after the partner meeting" /></label>
              <button class="primary" disabled={agree.busy}>Agree</button>
            </form>
            <ErrorBox error={agree.error} />
            <ul class="list">
              {deal.agreements.map((a) => (
                <li key={a.id} class={a.status}>
                  <strong>{day(a.due_on)}</strong> {a.note || "follow up"}{who(a.contact_id)}
                  <span class={`tag ${a.status}`}>{label(a.status)}</span>
                </li>
              ))}
            </ul>
          </section>
          <List title="Meetings" items={deal.meetings} empty="No meetings yet." render={(m) => (
            <li key={m.id}>
              <strong>{instant(m.at)}</strong> {label(m.kind)}, {m.minutes} min
              {m.attendees && m.attendees.length ? ` · ${m.attendees.map((a) => names[a] || `#${a}`).join(", ")}` : ""}
              <span class={`tag ${m.status}`}>{label(m.status)}</span>
              {m.status === "planned" && (
                <span class="inline-actions">
                  <button type="button" class="small" onClick={() => meetAct(m.id, "held")}>Held</button>
                  <button type="button" class="small" onClick={() => meetAct(m.id, "no-show")}>No-show</button>
                </span>
              )}
            </li>
          )} />
          <List title="What they claimed" items={deal.claims} empty="No claims recorded." render={(c) => (
            <li key={c.id}>
              “{c.text}”{who(c.contact_id)} <span class={`tag ${c.status}`}>{label(c.status)}</span>
              {c.note && <span class="muted"> — {c.note}</span>}
              {c.status === "unverified" && (
                <span class="inline-actions">
                  <button type="button" class="small" onClick={() => claimAct(c.id, "verify")}>Verified</button>
                  <button type="button" class="small" onClick={() => claimAct(c.id, "clarify")}>Clarified</button>
                  <button type="button" class="small" onClick={() => claimAct(c.id, "contradict")}>Contradicted</button>
                </span>
              )}
            </li>
          )} />
          <section class="card">
            <h2>What we told them <span class="count">{deal.statements.length}</span></h2>
            <AddLine label="We told them" placeholder="migration is included if they sign before January"
              onAdd={async (f) => { await post("/statements", { deal_id: id, text: f.text }); toast("Noted"); reload(); }} />
            <ul class="list">
              {deal.statements.map((s) => <li key={s.id}><strong>{day((s.at || s.created_at || "").slice(0, 10))}</strong> {s.text}{who(s.contact_id)}</li>)}
            </ul>
          </section>
          <List title="Activity" items={deal.activities} empty="Nothing logged yet." render={(a) => (
            <li key={a.id}>
              <strong>{instant(a.at)}</strong> {label(a.kind)} {a.direction === "in" ? "from them" : a.direction === "out" ? "to them" : ""}
              {a.outcome ? ` · ${label(a.outcome)}` : ""}{who(a.contact_id)}
              {a.text && <span class="muted"> — {a.text}</span>}
            </li>
          )} />
        </div>
        <aside class="side-col">
          <Score score={deal.score} />
          <section class="card">
            <h2>Stage</h2>
            <form class="row" onSubmit={stage.onSubmit}>
              <label class="grow">Move to
                <select name="stage" value={open ? deal.stage : "lead"}>
                  {OPEN_STAGES.map((s) => <option value={s}>{label(s)}</option>)}
                </select>
              </label>
              <button disabled={stage.busy}>{open ? "Move" : "Reopen"}</button>
            </form>
            <ErrorBox error={stage.error} />
            {open && <Close deal={deal} onDone={reload} />}
          </section>
          {open && <Push deal={deal} onDone={reload} />}
          <List title="History" items={deal.history} empty="No changes yet." render={(h) => (
            <li key={h.id}><strong>{instant(h.at)}</strong> {label(h.field)}: {h.from ? `${label(h.from)} → ` : ""}{label(h.to || "")}
              {h.reason && <span class="muted"> ({h.reason})</span>}</li>
          )} />
        </aside>
      </div>
    </section>
  );
}
