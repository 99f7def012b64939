// The web app: sign-in, then the shell (navigation, search, quick add, shortcuts) around
// one page per path.
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, get, post, prefetch, setCsrf, setUnauthorizedHandler } from "./api.js";
import { interceptLinks, navigate, useLocation } from "./router.js";
import { Dialog, NotFound, Toasts } from "./ui.jsx";
import { Today } from "./today.jsx";
import { Deal } from "./deal.jsx";
import { Account } from "./account.jsx";
import { Pipeline } from "./pipeline.jsx";
import { SearchBox, SearchPage } from "./search.jsx";
import { Reports } from "./reports.jsx";
import { Settings } from "./settings.jsx";
import { QuickAdd } from "./quickadd.jsx";
import { Transfer } from "./transfer.jsx";

function Login({ onIn }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const r = await post("/login", { email: f.get("email"), password: f.get("password") });
      setCsrf(r.csrf_token);
      onIn(r.user);
    } catch (err) {
      setError(err.status === 429
        ? "Too many failed sign-ins from here. Wait a few minutes, then try again."
        : err.status === 401
          ? "That e-mail and password do not match an active account. Check them and try again."
          : err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title"><span class="logo" aria-hidden="true">R</span> Rapport</h1>
        <p class="muted">Sign in to see whom to contact today.</p>
        <label>E-mail<input name="email" type="email" autocomplete="username" required /></label>
        <label>Password
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </form>
    </main>
  );
}

const SHORTCUTS = [
  ["j / k", "next / previous item on Today"],
  ["Enter", "open the selected item's deal"],
  ["d / z / e", "on Today: done, snooze, send the draft of the selected item"],
  ["a / l / h", "on Today: agree the next step, log, hold"],
  ["/", "search"],
  ["n", "quick add: account, contact, deal, call"],
  ["g t", "go to Today"],
  ["g w", "go to the week"],
  ["g p", "go to the pipeline"],
  ["g r", "go to reports"],
  ["?", "this list"],
  ["← / →", "on a pipeline card: move the deal one stage"],
];

function Shortcuts({ onClose }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table class="shortcuts">
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}><th scope="row"><kbd>{k}</kbd></th><td>{what}</td></tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

function typing(e) {
  const t = e.target;
  return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) ||
    document.querySelector("dialog[open]");
}

const NAV = [["/", "Today"], ["/pipeline", "Pipeline"], ["/reports", "Reports"],
  ["/transfer", "Import"], ["/settings", "Settings"]];

function Page({ path, query, me }) {
  let m;
  if (path === "/" || path === "/today") return <Today days={1} />;
  if (path === "/week") return <Today days={7} />;
  if ((m = path.match(/^\/deals\/(\d+)$/))) return <Deal id={Number(m[1])} key={m[1]} />;
  if ((m = path.match(/^\/accounts\/(\d+)$/))) return <Account id={Number(m[1])} key={m[1]} />;
  if (path === "/pipeline") return <Pipeline />;
  if (path === "/search") return <SearchPage q={query.get("q") || ""} />;
  if (path === "/reports") return <Reports />;
  if (path === "/settings") return <Settings me={me} />;
  if (path === "/transfer") return <Transfer me={me} />;
  return <NotFound />;
}

function Shell({ me, onOut }) {
  const { path, query } = useLocation();
  const [dialog, setDialog] = useState(null);
  const search = useRef();
  useEffect(() => {
    let g = false;
    const key = (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
      if (g) {
        g = false;
        const to = { t: "/", w: "/week", p: "/pipeline", r: "/reports", s: "/settings" }[e.key];
        if (to) { e.preventDefault(); navigate(to); }
        return;
      }
      if (e.key === "/") { e.preventDefault(); search.current && search.current.focus(); }
      else if (e.key === "n") { e.preventDefault(); setDialog("add"); }
      else if (e.key === "?") { e.preventDefault(); setDialog("keys"); }
      else if (e.key === "g") g = true;
    };
    document.addEventListener("keydown", key);
    return () => document.removeEventListener("keydown", key);
  }, []);
  const signOut = async () => {
    try { await post("/logout"); } catch { /* the session is gone either way */ }
    setCsrf("");
    onOut();
  };
  const current = (to) => (to === "/" ? path === "/" || path === "/week" : path.startsWith(to));
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href="/" aria-label="Rapport, Today"><span class="logo">R</span></a>
        <nav aria-label="Main">
          {NAV.map(([to, name]) => (
            <a href={to} aria-current={current(to) ? "page" : undefined}>{name}</a>
          ))}
        </nav>
        <SearchBox inputRef={search} />
        <button type="button" class="primary add" onClick={() => setDialog("add")}
          aria-keyshortcuts="n" title="Quick add (n)">+ New</button>
        <button type="button" class="plain keys" onClick={() => setDialog("keys")}
          aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
        <button type="button" class="plain" onClick={signOut}>Sign out</button>
      </header>
      <main id="main" tabindex="-1">
        <Page path={path} query={query} me={me} />
      </main>
      {dialog === "keys" && <Shortcuts onClose={() => setDialog(null)} />}
      {dialog === "add" && <QuickAdd onClose={() => setDialog(null)} />}
      <Toasts />
    </>
  );
}

// Who is signed in is asked as the script starts (with the first page's data).
const signedIn = get("/me");
signedIn.catch(() => {});

function App() {
  const [me, setMe] = useState(undefined);
  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    signedIn.then((r) => setMe(r.user), (e) => {
      if (!(e instanceof ApiError) || e.status === 401) setMe(null);
      else setMe(null);
    });
  }, []);
  if (me === undefined) return <p class="boot">Loading…</p>;
  if (!me) return <Login onIn={setMe} />;
  return <Shell me={me} onOut={() => setMe(null)} />;
}

// What the page opened on will ask for first.
function prefetchFirstPage() {
  const path = location.pathname;
  const deal = path.match(/^\/deals\/(\d+)$/);
  if (path === "/" || path === "/today") prefetch("/agenda");
  else if (path === "/week") prefetch("/agenda?days=7");
  else if (deal) prefetch(`/deals/${deal[1]}/overview`);
}

prefetchFirstPage();
interceptLinks();
render(<App />, document.getElementById("app"));
