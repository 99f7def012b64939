// Today: the agenda grouped as `rapport today` groups it (by day, then by kind in priority
// order), each item with whom to contact and why, its draft, and the actions that settle it.
import { useEffect, useRef, useState } from "preact/hooks";
import { contactCache, getEarly, post } from "./api.js";
import { navigate } from "./router.js";
import { Dialog, ErrorBox, Loading, toast, useLoad, useSubmit } from "./ui.jsx";
import { ACTIVITY_KINDS, KIND_TITLES, OUTCOMES, addDays, day, groupBy, label, longDay }
  from "./util.js";

// Whom to contact, looked up once the item comes near the screen.
function Contact({ id, load }) {
  const [c, setC] = useState(null);
  const ref = useRef();
  useEffect(() => {
    let live = true;
    const go = () => load(id).then((x) => live && setC(x));
    if (!ref.current || !window.IntersectionObserver) {
      go();
      return () => { live = false; };
    }
    const io = new IntersectionObserver((seen) => {
      if (seen.some((e) => e.isIntersecting)) { io.disconnect(); go(); }
    }, { rootMargin: "600px" });
    io.observe(ref.current);
    return () => { live = false; io.disconnect(); };
  }, [id]);
  if (!c) return <p class="who" ref={ref} />;
  return (
    <p class="who">
      <span class="name">{c.name}</span>
      {c.role && c.role !== "unknown" && <span class={`role ${c.role}`}>{label(c.role)}</span>}
      {c.phone && <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a>}
      {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
    </p>
  );
}

function Draft({ draft }) {
  return (
    <details class="draft">
      <summary>Draft: {draft.subject}</summary>
      <p class="muted small">
        To {draft.to && draft.to.length ? draft.to.join(", ") : "(no address on file)"}
        {draft.cc && draft.cc.length ? ` · Cc ${draft.cc.join(", ")}` : ""}
      </p>
      <pre>{draft.body}</pre>
    </details>
  );
}

function Field({ name, label: text, type = "text", ...rest }) {
  return <label>{text}<input name={name} type={type} {...rest} /></label>;
}

function Select({ name, label: text, options, value, required }) {
  return (
    <label>{text}
      <select name={name} required={required} value={value}>
        {!required && <option value="">—</option>}
        {options.map((o) => <option value={o}>{label(o)}</option>)}
      </select>
    </label>
  );
}

// The done form as the body of POST /agenda/{id}/done: a note alone is logged as a note.
function doneBody(f, item) {
  const kind = f.kind || (f.text ? "note" : null);
  if (!kind) return {};
  const log = { kind, dir: f.dir || (kind === "note" ? "none" : "out") };
  if (f.outcome) log.outcome = f.outcome;
  if (item.contact_id) log.contact_id = item.contact_id;
  return f.text ? { log, text: f.text } : { log };
}

const FIRST_SCREEN = 12;

// The keys that act on the selected item (the shortcuts dialog lists them).
const ACTION_KEYS = { d: "done", z: "snooze", e: "send", a: "agree", l: "log", h: "hold" };
const sendable = (item) => !!(item.id && item.draft && item.draft.to && item.draft.to.length);

// What settles an item for today: it leaves the list at once, before the agenda is asked again.
const SETTLES = new Set(["done", "snooze", "send"]);

// The forms that act on an item; each answers by closing and reloading the agenda.
function ActionForm({ what, item, today, onDone, onClose }) {
  const target = item.deal_id ? { deal_id: item.deal_id } : { account_id: item.account_id };
  const forms = {
    done: {
      title: "Done: what happened?",
      run: (f) => post(`/agenda/${encodeURIComponent(item.id)}/done`, doneBody(f, item)),
      body: (
        <>
          <p class="muted small">What happened? Leave it empty when there is nothing to log.</p>
          <Select name="kind" label="Log it as" options={ACTIVITY_KINDS} />
          <Select name="dir" label="Direction" options={["out", "in", "none"]} />
          <Select name="outcome" label="Outcome" options={OUTCOMES} />
          <label>Note<textarea name="text" rows="3" /></label>
        </>
      ),
      ok: "Marked done",
    },
    snooze: {
      title: "Snooze until",
      run: (f) => post(`/agenda/${encodeURIComponent(item.id)}/snooze`,
        f.until ? { until: f.until } : { days: Number(f.days || 1) }),
      body: (
        <>
          <Field name="days" label="For how many days" type="number" min="1" max="3650"
            value="3" inputmode="numeric" />
          <Field name="until" label="Or until a day" type="date" min={addDays(today, 1)} />
        </>
      ),
      ok: "Snoozed",
    },
    agree: {
      title: "Agree the next step",
      run: (f) => post("/agreements", { ...target, due_on: f.due_on,
        ...(item.contact_id ? { contact_id: item.contact_id } : {}),
        ...(f.note ? { note: f.note } : {}) }),
      body: (
        <>
          <Field name="due_on" label="We speak again on" type="date" required
            min={today} value={addDays(today, 7)} />
          <Field name="note" label="What we agreed" placeholder="call after the partner meeting" />
        </>
      ),
      ok: "Next step agreed",
    },
    hold: {
      title: "Hold off until",
      run: (f) => item.deal_id
        ? post(`/deals/${item.deal_id}/hold`, { until: f.until, ...(f.reason ? { reason: f.reason } : {}) })
        : post(`/accounts/${item.account_id}/hold`, { until: f.until, unless_inbound: !!f.unless_inbound,
          ...(f.reason ? { reason: f.reason } : {}) }),
      body: (
        <>
          <Field name="until" label="Not before" type="date" required min={addDays(today, 1)}
            value={addDays(today, 14)} />
          <Field name="reason" label="Why" placeholder="asked for room until the budget review" />
          {!item.deal_id && <label class="check"><input type="checkbox" name="unless_inbound" value="1" /> Unless they contact us first</label>}
        </>
      ),
      ok: "On hold",
    },
    log: {
      title: "Log what happened",
      run: (f) => post("/activities", { ...target, kind: f.kind, direction: f.direction,
        ...(f.outcome ? { outcome: f.outcome } : {}),
        ...(item.contact_id ? { contact_id: item.contact_id } : {}),
        ...(f.text ? { text: f.text } : {}) }),
      body: (
        <>
          <Select name="kind" label="Kind" options={ACTIVITY_KINDS} required value="call" />
          <Select name="direction" label="Direction" options={["out", "in", "none"]} required value="out" />
          <Select name="outcome" label="Outcome" options={OUTCOMES} />
          <label>Note<textarea name="text" rows="3" /></label>
        </>
      ),
      ok: "Logged",
    },
    send: {
      title: "Review and send",
      run: (f) => post(`/agenda/${encodeURIComponent(item.id)}/send`, { subject: f.subject, body: f.body }),
      body: item.draft && (
        <>
          <p class="muted small">To {(item.draft.to || []).join(", ") || "(no address on file)"}
            {item.draft.cc && item.draft.cc.length ? ` · Cc ${item.draft.cc.join(", ")}` : ""}</p>
          <Field name="subject" label="Subject" value={item.draft.subject} required />
          <label>Message<textarea name="body" rows="10" required>{item.draft.body}</textarea></label>
        </>
      ),
      ok: "Sent",
    },
  };
  const f = forms[what];
  const { onSubmit, error, busy } = useSubmit(async (fields) => {
    await f.run(fields);
    toast(`${f.ok}: ${item.account}`);
    onClose();
    onDone(SETTLES.has(what) ? item.id : null);
  });
  return (
    <Dialog title={f.title} onClose={onClose} wide={what === "send"}>
      <form onSubmit={onSubmit} class="stack">
        <p class="muted">{item.account}{item.deal ? ` · ${item.deal}` : ""}</p>
        {f.body}
        <ErrorBox error={error} />
        <div class="buttons">
          <button class="primary" disabled={busy}>{what === "send" ? "Send" : "Save"}</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

function Item({ item, selected, index, onSelect, onAct, load }) {
  const canAct = !!item.id;
  return (
    <article class={`item${selected ? " selected" : ""}`} tabindex={selected ? 0 : -1}
      data-index={index} data-kind={item.kind} data-id={item.id} onFocusIn={() => onSelect(index)}
      aria-label={`${item.account}: ${item.summary}`}>
      <header>
        <h3>
          <a href={`/accounts/${item.account_id}`}>{item.account}</a>
          {item.deal_id && <> · <a href={`/deals/${item.deal_id}`}>{item.deal}</a></>}
        </h3>
        {item.score > 0 && <span class="score" title="deal score">{item.score}</span>}
      </header>
      <p class="summary">{item.summary}</p>
      <p class="action">{item.action}</p>
      {item.contact_id && <Contact id={item.contact_id} load={load} />}
      {item.draft && <Draft draft={item.draft} />}
      <div class="buttons">
        {canAct && <button type="button" class="primary" onClick={() => onAct("done", item)}>Done</button>}
        {sendable(item) && <button type="button" onClick={() => onAct("send", item)}>Send draft</button>}
        <button type="button" onClick={() => onAct("log", item)}>Log</button>
        <button type="button" onClick={() => onAct("agree", item)}>Agree next step</button>
        <button type="button" onClick={() => onAct("hold", item)}>Hold</button>
        {canAct && <button type="button" onClick={() => onAct("snooze", item)}>Snooze</button>}
      </div>
    </article>
  );
}

export function Today({ days }) {
  const [data, error, reload] = useLoad(() => getEarly(days > 1 ? `/agenda?days=${days}` : "/agenda"), [days]);
  const [sel, setSel] = useState(0);
  const [acting, setActing] = useState(null);
  const [load] = useState(() => contactCache());
  const [gone, setGone] = useState(() => new Set());
  useEffect(() => setGone(new Set()), [data]);
  const items = data ? data.items.filter((it) => !gone.has(it.id)) : [];
  // The first screenful is painted at once; the rest of a long list follows a moment later.
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (!data || whole) return undefined;
    const h = setTimeout(() => setWhole(true), 0);
    return () => clearTimeout(h);
  }, [data]);
  const shown = whole ? items : items.slice(0, FIRST_SCREEN);
  const settled = (id) => {
    if (id) setGone((g) => new Set(g).add(id));
    reload();
  };
  useEffect(() => {
    const key = (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector("dialog[open]") ||
          /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const next = Math.max(0, Math.min(items.length - 1, sel + (e.key === "j" ? 1 : -1)));
        setSel(next);
        const el = document.querySelector(`.item[data-index="${next}"]`);
        if (el) el.focus();
      } else if (ACTION_KEYS[e.key] && items[sel]) {
        const what = ACTION_KEYS[e.key], it = items[sel];
        if (["done", "snooze", "send"].includes(what) && !it.id) return;
        if (what === "send" && !sendable(it)) return;
        e.preventDefault();
        setActing({ what, item: it });
      } else if (e.key === "Enter" && e.target.classList && e.target.classList.contains("item")) {
        const it = items[sel];
        if (it) navigate(it.deal_id ? `/deals/${it.deal_id}` : `/accounts/${it.account_id}`);
      }
    };
    document.addEventListener("keydown", key);
    return () => document.removeEventListener("keydown", key);
  }, [items, sel]);
  useEffect(() => { if (sel >= items.length && items.length) setSel(items.length - 1); }, [items]);
  const first = data ? data.date || data.from : null;
  let index = 0;
  const grouped = groupBy(shown, (it) => it.date || first);
  // The week shows every day, the quiet ones too.
  const byDay = days > 1 && first
    ? Array.from({ length: data.days || days }, (_, i) => addDays(first, i))
        .map((key) => grouped.find((g) => g.key === key) || { key, items: [] })
    : grouped;
  return (
    <section class="today" aria-busy={data && !whole ? "true" : undefined}>
      <div class="page-head">
        <h1>{days > 1 ? "This week" : "Today"}</h1>
        {first && <p class="muted">{longDay(first)} · {items.length} {items.length === 1 ? "thing" : "things"} to do</p>}
        <nav class="tabs" aria-label="Agenda range">
          <a href="/" aria-current={days === 1 ? "page" : undefined}>Today</a>
          <a href="/week" aria-current={days > 1 ? "page" : undefined}>Week</a>
        </nav>
      </div>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && !items.length && (
        <div class="card empty"><h2>Nothing to do</h2><p>Every promise is kept. Enjoy the quiet.</p></div>
      )}
      {byDay.map((d) => (
        <div class="day" key={d.key}>
          {days > 1 && <h2 class="dayhead">{day(d.key, { weekday: "long", day: "numeric", month: "long" })}</h2>}
          {days > 1 && whole && !d.items.length && <p class="muted">Nothing due.</p>}
          {groupBy(d.items, (it) => it.kind).map((g) => (
            <section class="group" aria-label={KIND_TITLES[g.key] || g.key}>
              <h2 class="kind">{KIND_TITLES[g.key] || label(g.key)} <span class="count">{g.items.length}</span></h2>
              {g.items.map((it) => {
                const i = index++;
                return <Item key={it.id || `${it.kind}-${i}`} item={it} index={i} selected={i === sel}
                  onSelect={setSel} load={load} onAct={(what, item) => setActing({ what, item })} />;
              })}
            </section>
          ))}
        </div>
      ))}
      {acting && <ActionForm what={acting.what} item={acting.item} today={first}
        onDone={settled} onClose={() => setActing(null)} />}
    </section>
  );
}
