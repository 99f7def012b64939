// Small shared pieces: a toast line, a modal dialog, the loading and error states.
import { useEffect, useRef, useState } from "preact/hooks";

let toastSet = null;
export function toast(text, kind = "ok") {
  if (toastSet) toastSet({ text, kind, at: Date.now() });
}

export function Toasts() {
  const [t, setT] = useState(null);
  toastSet = setT;
  useEffect(() => {
    if (!t) return;
    const h = setTimeout(() => setT(null), 4000);
    return () => clearTimeout(h);
  }, [t]);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {t && <div class={`toast ${t.kind}`}>{t.text}</div>}
    </div>
  );
}

// A modal <dialog>: focus moves into it, Escape and the close button end it.
export function Dialog({ title, onClose, children, wide }) {
  const ref = useRef();
  useEffect(() => {
    const d = ref.current;
    const before = document.activeElement;
    d.showModal();
    const first = d.querySelector("input, select, textarea, button:not(.close)");
    if (first) first.focus();
    return () => before && before.focus && before.focus();
  }, []);
  return (
    <dialog ref={ref} class={wide ? "wide" : ""} aria-label={title}
      onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <header>
        <h2>{title}</h2>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>×</button>
      </header>
      {children}
    </dialog>
  );
}

export function Loading() {
  return <p class="muted" aria-busy="true">Loading…</p>;
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return <p class="error" role="alert">{error.message || String(error)}</p>;
}

// Loads with FN whenever DEPS change: [data, error, reload].
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    fn().then(
      (data) => live && setState({ data, error: null }),
      (error) => live && setState({ data: null, error }),
    );
    return () => { live = false; };
  }, [...deps, n]);
  return [state.data, state.error, () => setN((k) => k + 1)];
}

// A form's fields as an object; empty strings left out.
export function formData(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (v !== "") out[k] = v;
  return out;
}

// A submit handler that runs FN(fields), shows its error, and blocks double submits.
export function useSubmit(fn) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn(formData(e.currentTarget), e.currentTarget);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { onSubmit, error, busy };
}

export function NotFound({ what = "page" }) {
  return (
    <section class="card">
      <h1>Not found</h1>
      <p>There is no such {what}, or it is not yours to see. <a href="/">Back to Today</a></p>
    </section>
  );
}

