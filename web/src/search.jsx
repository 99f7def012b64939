// Search everywhere: the box in the header answers as you type; Enter opens the full page.
import { useEffect, useState } from "preact/hooks";
import { get } from "./api.js";
import { navigate } from "./router.js";
import { ErrorBox, Loading, useLoad } from "./ui.jsx";
import { day, label } from "./util.js";

function href(r) {
  if (r.type === "deal" || (r.deal_id && r.type !== "account" && r.type !== "contact"))
    return `/deals/${r.deal_id || r.id}`;
  return `/accounts/${r.account_id || r.id}`;
}

function Result({ r }) {
  return (
    <a class="result" href={href(r)}>
      <span class={`tag ${r.type}`}>{label(r.type)}</span>
      <span class="what">{r.text || r.note || r.name || r.title || r.deal || r.account}</span>
      <span class="muted small">{r.account}{r.deal ? ` · ${r.deal}` : ""}{r.date ? ` · ${day(r.date)}` : ""}</span>
    </a>
  );
}

export function SearchBox({ inputRef }) {
  const [q, setQ] = useState("");
  const [items, setItems] = useState(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (q.trim().length < 2) { setItems(null); return; }
    const h = setTimeout(() => {
      get(`/search?q=${encodeURIComponent(q.trim())}`).then((r) => setItems(r.items), () => setItems([]));
    }, 120);
    return () => clearTimeout(h);
  }, [q]);
  return (
    <form class="search" role="search" onSubmit={(e) => { e.preventDefault(); setOpen(false);
      if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`); }}
      onFocusOut={(e) => { if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false); }}>
      <label class="sr-only" for="q">Search</label>
      <input id="q" ref={inputRef} type="search" placeholder="Search  /" value={q} autocomplete="off"
        aria-keyshortcuts="/" aria-controls={open && items ? "search-results" : undefined}
        onInput={(e) => { setQ(e.currentTarget.value); setOpen(true); }}
        onKeyDown={(e) => { if (e.key === "Escape") { setOpen(false); e.currentTarget.blur(); } }} />
      {open && items && (
        <div id="search-results" class="results" role="region" aria-label="Search results">
          {items.length ? items.slice(0, 8).map((r, i) => <Result key={i} r={r} />)
            : <p class="muted small">Nothing matches “{q}”.</p>}
        </div>
      )}
    </form>
  );
}

export function SearchPage({ q }) {
  const [data, error] = useLoad(() => (q ? get(`/search?q=${encodeURIComponent(q)}`) : Promise.resolve({ items: [] })), [q]);
  return (
    <section>
      <div class="page-head"><h1>Search</h1><p class="muted">{q ? `Results for “${q}”` : "Type in the search box (press /)."}</p></div>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && <div class="card results-page">{data.items.length ? data.items.map((r, i) => <Result key={i} r={r} />)
        : <p class="muted">Nothing matches.</p>}</div>}
    </section>
  );
}
