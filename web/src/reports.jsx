// Reports: win/loss by reason and competitor, the push, the pipeline and activity, each a
// bar chart with its numbers one click away.
import { get } from "./api.js";
import { ErrorBox, Loading, useLoad } from "./ui.jsx";
import { label, money } from "./util.js";

function Bars({ title, rows, unit = "" }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 26;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 400 ${rows.length * h}`} role="img" aria-label={title} preserveAspectRatio="none"
        height={rows.length * h}>
        {rows.map((r, i) => (
          <g key={r.name}>
            <text x="0" y={i * h + 17} class="bar-label">{r.name}</text>
            <rect x="130" y={i * h + 5} height="16" rx="3" width={Math.max(2, (r.value / max) * 220)} class="bar" />
            <text x={136 + (r.value / max) * 220} y={i * h + 17} class="bar-value">{r.value}{unit}</text>
          </g>
        ))}
      </svg>
      <details>
        <summary>Numbers</summary>
        <table><thead><tr><th scope="col">{title}</th><th scope="col">Value</th></tr></thead>
          <tbody>{rows.map((r) => <tr key={r.name}><th scope="row">{r.name}</th><td>{r.value}{unit}</td></tr>)}</tbody></table>
      </details>
    </figure>
  );
}

export function Reports() {
  const [d, error] = useLoad(async () => {
    const [winloss, push, pipeline, activity] = await Promise.all(
      ["winloss", "push", "pipeline", "activity"].map((n) => get(`/reports/${n}`)));
    return { winloss, push, pipeline, activity };
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!d) return <Loading />;
  const { winloss, push, pipeline, activity } = d;
  return (
    <section class="reports">
      <div class="page-head"><h1>Reports</h1><p class="muted">All time, as <code>rapport report</code> shows it.</p></div>
      <div class="grid">
        <section class="card">
          <h2>Win / loss <span class="muted">{winloss.closed} closed · {winloss.win_pct}% won</span></h2>
          <Bars title="Outcomes" rows={winloss.outcomes.map((o) => ({ name: label(o.outcome), value: o.deals }))} />
          <Bars title="Why we lost" rows={(winloss.by_reason || []).map((o) => ({ name: label(o.reason), value: o.deals }))} />
          {winloss.by_competitor && <Bars title="Lost to" rows={winloss.by_competitor.map((o) => ({ name: o.competitor || "unknown", value: o.deals }))} />}
        </section>
        <section class="card">
          <h2>The push <span class="muted">{push.sent} sent · {push.revival_pct}% revived</span></h2>
          <Bars title="Push outcomes" rows={push.outcomes.map((o) => ({ name: label(o.outcome), value: o.pushes }))} />
        </section>
        <section class="card">
          <h2>Pipeline <span class="muted">{pipeline.open} open</span></h2>
          <Bars title="Deals per stage" rows={pipeline.stages.map((s) => ({ name: label(s.stage), value: s.deals }))} />
          <details><summary>Values</summary>
            <table><thead><tr><th scope="col">Stage</th><th scope="col">Value</th><th scope="col">Weighted</th></tr></thead>
              <tbody>{pipeline.stages.map((s) => (
                <tr key={s.stage}><th scope="row">{label(s.stage)}</th>
                  <td>{(s.values || []).map((v) => money(v.value_cents, v.currency)).join(" + ")}</td>
                  <td>{(s.values || []).map((v) => money(v.weighted_cents, v.currency)).join(" + ")}</td></tr>))}</tbody></table>
          </details>
        </section>
        <section class="card">
          <h2>Activity <span class="muted">{activity.two_way_pct}% two-way</span></h2>
          <Bars title="Two-way contact by style" unit="%" rows={(activity.two_way_by_style || []).map((s) => ({ name: label(s.style), value: s.pct }))} />
          <Bars title="Meetings" rows={["held", "no_show", "rescheduled", "cancelled", "planned"].map((k) => ({ name: label(k.replace("_", "-")), value: (activity.meetings || {})[k] || 0 }))} />
          <p class="small muted">{activity.touches_per_won_deal} touches per won deal (median {activity.median_touches_per_won_deal}).</p>
        </section>
      </div>
    </section>
  );
}
