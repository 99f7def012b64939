// Formatting in the user's locale and time zone, and the closed vocabularies of DESIGN.md.
const locale = navigator.language || "en";

export function money(cents, currency = "EUR") {
  if (cents == null) return "";
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: (currency || "EUR").toUpperCase(),
      maximumFractionDigits: 0,
    }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(0)} ${currency}`;
  }
}

// A YYYY-MM-DD day, read as that calendar day wherever the browser is.
export function day(s, opts = { weekday: "short", day: "numeric", month: "short" }) {
  if (!s) return "";
  const [y, m, d] = s.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { ...opts, timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function longDay(s) {
  return day(s, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

export function instant(s) {
  if (!s) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(s),
  );
}

export function time(s) {
  if (!s) return "";
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(s));
}

// A day N days after the YYYY-MM-DD day S.
export function addDays(s, n) {
  const [y, m, d] = s.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export const OPEN_STAGES = ["lead", "qualified", "meeting", "proposal", "negotiation"];
export const LOSS_REASONS = ["price", "turnaround", "support", "features", "trust", "timing",
  "relationship", "status-quo", "other"];
export const ACTIVITY_KINDS = ["call", "email", "meeting", "demo", "voicemail", "text", "visit",
  "note", "card"];
export const OUTCOMES = ["connected", "replied", "held", "no-answer", "left-message", "no-show"];
export const ROLES = ["decision-maker", "co-decider", "veto", "influencer", "user", "gatekeeper",
  "unknown"];
export const TRIGGERS = ["moving", "new-office", "growth", "new-staff", "contract-ending",
  "referral", "inbound", "cold-call", "other"];

export const KIND_TITLES = {
  meeting: "Meetings today",
  "meeting-too-short": "Meetings too short",
  "meeting-outcome": "How did it go?",
  "push-answered": "Answers to your push",
  "call-back": "Calls to return",
  "followup-missed": "Missed follow-ups",
  "followup-due": "Follow-ups due",
  "hold-ends": "Holds ending",
  "payment-late": "Late payments",
  "push-ignored": "Pushes ignored",
  "push-suggested": "Time for a push",
  "no-show": "No-shows",
  "verify-claim": "Claims to verify",
  qualify: "To qualify",
  "contract-ends": "Contracts ending",
  "checkin-due": "Check-ins due",
  "thank-you": "Thank-you cards",
  stale: "Gone quiet",
  "no-next-step": "No next step",
};

export const label = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, " ") : "");

// Groups consecutive items with the same key, keeping their order.
export function groupBy(items, key) {
  const groups = [];
  for (const it of items) {
    const k = key(it);
    if (!groups.length || groups[groups.length - 1].key !== k) groups.push({ key: k, items: [] });
    groups[groups.length - 1].items.push(it);
  }
  return groups;
}
