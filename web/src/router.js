// Client-side paths (/deals/12, /pipeline): the server answers index.html for each of them.
import { useEffect, useState } from "preact/hooks";

const listeners = new Set();

export function navigate(to, replace = false) {
  if (to === location.pathname + location.search) return;
  history[replace ? "replaceState" : "pushState"]({}, "", to);
  listeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}

export function useLocation() {
  const [, force] = useState(0);
  useEffect(() => {
    const fn = () => force((n) => n + 1);
    listeners.add(fn);
    window.addEventListener("popstate", fn);
    return () => {
      listeners.delete(fn);
      window.removeEventListener("popstate", fn);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

// Same-origin links navigate in place; modified clicks open as the browser would.
export function interceptLinks() {
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a[href]");
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey ||
        a.target || a.origin !== location.origin || a.pathname.startsWith("/api/"))
      return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
}
