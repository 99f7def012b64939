// Quick add (n): an account, a contact, a deal, or a logged call, from anywhere.
import { useState } from "preact/hooks";
import { get, post } from "./api.js";
import { navigate } from "./router.js";
import { Dialog, ErrorBox, toast, useLoad, useSubmit } from "./ui.jsx";
import { OPEN_STAGES, OUTCOMES, ROLES, TRIGGERS, label } from "./util.js";

const TABS = [["account", "Account"], ["contact", "Contact"], ["deal", "Deal"], ["call", "Log a call"]];

function AccountPick() {
  const [accounts] = useLoad(() => get("/accounts?limit=500"), []);
  return (
    <label>Account
      <select name="account_id" required>
        <option value="">Choose…</option>
        {(accounts ? accounts.items : []).map((a) => <option value={a.id}>{a.name}</option>)}
      </select>
    </label>
  );
}

const cents = (s) => Math.round(Number(String(s).replace(/[^\d.]/g, "")) * 100);

export function QuickAdd({ onClose }) {
  const [tab, setTab] = useState("account");
  const { onSubmit, error, busy } = useSubmit(async (f) => {
    if (tab === "account") {
      const a = await post("/accounts", f);
      toast(`Account ${a.name} added`);
      onClose();
      navigate(`/accounts/${a.id}`);
    } else if (tab === "contact") {
      const c = await post("/contacts", { ...f, account_id: Number(f.account_id) });
      toast(`Contact ${c.name} added`);
      onClose();
    } else if (tab === "deal") {
      const d = await post("/deals", { ...f, account_id: Number(f.account_id),
        ...(f.value ? { value_cents: cents(f.value) } : {}), value: undefined });
      toast(`Deal ${d.title} added`);
      onClose();
      navigate(`/deals/${d.id}`);
    } else {
      await post("/activities", { account_id: Number(f.account_id), kind: f.kind, direction: f.direction,
        ...(f.outcome ? { outcome: f.outcome } : {}), ...(f.text ? { text: f.text } : {}) });
      toast("Call logged");
      onClose();
    }
  });
  return (
    <Dialog title="Quick add" onClose={onClose}>
      <div class="tabs" role="tablist" aria-label="What to add">
        {TABS.map(([k, name]) => (
          <button type="button" role="tab" aria-selected={tab === k} class={tab === k ? "on" : ""}
            onClick={() => setTab(k)}>{name}</button>
        ))}
      </div>
      <form class="stack" onSubmit={onSubmit} key={tab}>
        {tab === "account" && (
          <>
            <label>Name<input name="name" required /></label>
            <label>Why are they talking to us?
              <select name="trigger"><option value="">—</option>{TRIGGERS.map((t) => <option value={t}>{label(t)}</option>)}</select>
            </label>
            <label>Need<input name="need" /></label>
          </>
        )}
        {tab === "contact" && (
          <>
            <AccountPick />
            <label>Name<input name="name" required /></label>
            <label>E-mail<input name="email" type="email" /></label>
            <label>Phone<input name="phone" type="tel" /></label>
            <label>Role<select name="role"><option value="">—</option>{ROLES.map((r) => <option value={r}>{label(r)}</option>)}</select></label>
          </>
        )}
        {tab === "deal" && (
          <>
            <AccountPick />
            <label>Title<input name="title" required /></label>
            <label>Value<input name="value" inputmode="decimal" placeholder="24,000" /></label>
            <label>Stage<select name="stage">{OPEN_STAGES.map((s) => <option value={s}>{label(s)}</option>)}</select></label>
          </>
        )}
        {tab === "call" && (
          <>
            <AccountPick />
            <input type="hidden" name="kind" value="call" />
            <label>Direction<select name="direction"><option value="out">Out</option><option value="in">In</option></select></label>
            <label>Outcome<select name="outcome"><option value="">—</option>{OUTCOMES.map((o) => <option value={o}>{label(o)}</option>)}</select></label>
            <label>Note<textarea name="text" rows="3" /></label>
          </>
        )}
        <ErrorBox error={error} />
        <div class="buttons"><button class="primary" disabled={busy}>Add</button><button type="button" onClick={onClose}>Cancel</button></div>
      </form>
    </Dialog>
  );
}
