// The client of /api/v1: the session cookie rides along; unsafe requests carry the CSRF
// token of the login (the server also accepts the browser's Sec-Fetch-Site: same-origin,
// which covers a reloaded page). Errors become ApiError with the API's message.
let csrf = sessionStorage.getItem("rapport.csrf") || "";
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `request failed (${status})`);
    this.status = status;
    this.code = e.code;
    this.field = e.field;
  }
}

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function setCsrf(token) {
  csrf = token || "";
  if (token) sessionStorage.setItem("rapport.csrf", token);
  else sessionStorage.removeItem("rapport.csrf");
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const r = await fetch("/api/v1" + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  return answer(r, path);
}

// POST of a file (an import) as its own body, of content type TYPE.
export async function upload(path, file, type) {
  const headers = { Accept: "application/json", "Content-Type": type };
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const r = await fetch("/api/v1" + path, { method: "POST", headers, body: file,
    credentials: "same-origin" });
  return answer(r, path);
}

async function answer(r, path) {
  let data = null;
  try {
    data = await r.json();
  } catch {
    data = null;
  }
  if (!r.ok) {
    if (r.status === 401 && path !== "/login") onUnauthorized();
    throw new ApiError(r.status, data);
  }
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body = {}) => api("POST", path, body);
export const patch = (path, body) => api("PATCH", path, body);

// The first page's data is asked for as the script starts, beside /me rather than after
// it; the page takes it (once) instead of asking again.
const early = new Map();
export function prefetch(path) {
  const p = get(path);
  p.catch(() => {}); // the page that takes it sees the error
  early.set(path, p);
}
export function getEarly(path) {
  const p = early.get(path);
  early.delete(path);
  // Asked before signing in, it was refused: ask again now.
  return p ? p.catch((e) => (e.status === 401 ? get(path) : Promise.reject(e))) : get(path);
}

// The agenda's items name their contact by id only: a page looks each one up once, and
// keeps it for as long as it is open (a new visit asks afresh).
export function contactCache() {
  const kept = new Map();
  return (id) => {
    if (!kept.has(id)) kept.set(id, get(`/contacts/${id}`).catch(() => null));
    return kept.get(id);
  };
}
