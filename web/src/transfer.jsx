// Import and export: a file from a spreadsheet or an address book in (checked first, then
// imported, with the summary of what happened to each row), and what you may see out as files.
import { useState } from "preact/hooks";
import { upload } from "./api.js";
import { ErrorBox } from "./ui.jsx";
import { label } from "./util.js";

const KINDS = ["contacts", "accounts", "deals"];
const EXPORTS = [
  ["accounts.csv", "Accounts (CSV)"],
  ["contacts.csv", "Contacts (CSV)"],
  ["deals.csv", "Deals (CSV)"],
  ["activities.csv", "Activities (CSV)"],
  ["contacts.vcf", "Contacts (vCard, for an address book)"],
];

const isVcard = (name) => /\.(vcf|vcard)$/i.test(name);

function Summary({ s }) {
  const added = s.added || {};
  return (
    <section class="card summary" aria-live="polite">
      <h2>{s.dry_run ? "Checked: nothing was changed" : "Imported"}</h2>
      <table class="table">
        <tbody>
          <tr><th scope="row">Rows read</th><td>{s.rows}</td></tr>
          {KINDS.map((k) => (
            <tr key={k}><th scope="row">{s.dry_run ? "Would add" : "Added"} {k}</th><td>{added[k] || 0}</td></tr>
          ))}
          <tr><th scope="row">{s.dry_run ? "Would merge" : "Merged"} into existing records</th><td>{s.merged}</td></tr>
          <tr><th scope="row">Already there, unchanged</th><td>{s.unchanged}</td></tr>
          <tr><th scope="row">Refused</th><td>{s.rejected}</td></tr>
        </tbody>
      </table>
      {s.rejects && s.rejects.length > 0 && (
        <>
          <h3>Refused rows</h3>
          <ul class="list rejects">
            {s.rejects.slice(0, 100).map((r) => <li key={r.line}>Line {r.line}: {r.reason}</li>)}
          </ul>
          {s.rejects.length > 100 && <p class="muted small">and {s.rejects.length - 100} more.</p>}
        </>
      )}
      {s.unknown_columns && s.unknown_columns.length > 0 && (
        <p class="muted small">Columns left out: {s.unknown_columns.join(", ")}</p>
      )}
    </section>
  );
}

export function Transfer({ me }) {
  const [file, setFile] = useState(null);
  const [kind, setKind] = useState("contacts");
  const [summary, setSummary] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async (dry) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      const vcard = isVcard(file.name);
      const q = vcard ? "?kind=contacts" : `?kind=${kind}`;
      setSummary(await upload(`/imports${q}${dry ? "&dry_run=1" : ""}`, file,
        vcard ? "text/vcard" : "text/csv"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="transfer">
      <div class="page-head"><h1>Import and export</h1>
        <p class="muted">Bring in accounts, contacts and deals from a spreadsheet or another CRM's CSV export, or contacts from an address book (vCard). New records are yours.</p></div>
      <section class="card">
        <h2>Import a file</h2>
        <form class="stack" id="import-form" onSubmit={(e) => { e.preventDefault(); run(false); }}>
          <label>File (CSV or vCard)<input type="file" name="file" required accept=".csv,.vcf,.vcard,text/csv,text/vcard"
            onChange={(e) => { setFile(e.currentTarget.files[0] || null); setSummary(null); }} /></label>
          {!(file && isVcard(file.name)) && (
            <label>Each row is
              <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
                {KINDS.map((k) => <option value={k}>{label(k).replace(/s$/, "")}</option>)}
              </select>
            </label>
          )}
          <p class="muted small">Check first: it reads the whole file and says what an import would do, changing nothing.</p>
          <div class="buttons">
            <button type="button" disabled={!file || busy} onClick={() => run(true)}>Check</button>
            <button class="primary" disabled={!file || busy}>Import</button>
          </div>
          <ErrorBox error={error} />
        </form>
      </section>
      {summary && <Summary s={summary} />}
      <section class="card">
        <h2>Export</h2>
        <p class="muted small">What you may see, as files for a spreadsheet or an address book.</p>
        <ul class="list exports">
          {EXPORTS.map(([name, what]) => (
            <li key={name}><a href={`/api/v1/exports/${name}`} download={name}>{what}</a></li>
          ))}
          {me.role === "admin" && (
            <li><a href={"/api/v1/exports/book.json"} download="book.json">The whole book (JSON backup, for <code>rapport import json</code>)</a></li>
          )}
        </ul>
      </section>
    </section>
  );
}
