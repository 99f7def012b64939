// The pipeline: open deals as columns by stage, the value and weighted value of each stage,
// and the forecast. A deal moves by drag and drop, or with ← / → on its focused card.
import { useState } from "preact/hooks";
import { get, post } from "./api.js";
import { ErrorBox, Loading, toast, useLoad } from "./ui.jsx";
import { OPEN_STAGES, day, label, money } from "./util.js";

function sum(values, key) {
  // One figure per currency: "€12,000 + $3,000".
  return (values || []).map((v) => money(v[key], v.currency)).join(" + ") || "—";
}

export function Pipeline() {
  const [data, error, reload] = useLoad(async () => {
    const [report, ...cols] = await Promise.all([
      get("/reports/pipeline"),
      ...OPEN_STAGES.map((s) => get(`/deals?stage=${s}&limit=200`)),
    ]);
    return { report, cols: Object.fromEntries(OPEN_STAGES.map((s, i) => [s, cols[i].items])) };
  }, []);
  const [over, setOver] = useState(null);
  const [moveError, setMoveError] = useState(null);
  const move = async (id, stage, title) => {
    setMoveError(null);
    try {
      await post(`/deals/${id}/stage`, { stage });
      toast(`${title} moved to ${label(stage)}`);
      reload();
      setTimeout(() => { const el = document.querySelector(`[data-deal="${id}"]`); if (el) el.focus(); }, 150);
    } catch (e) { setMoveError(e); }
  };
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const stats = Object.fromEntries(data.report.stages.map((s) => [s.stage, s]));
  const weighted = {};
  data.report.stages.forEach((s) => (s.values || []).forEach((v) => {
    weighted[v.currency] = (weighted[v.currency] || 0) + v.weighted_cents;
  }));
  return (
    <section class="pipeline">
      <div class="page-head">
        <h1>Pipeline</h1>
        <p class="muted">{data.report.open} open deals · weighted forecast{" "}
          <strong class="forecast">{Object.entries(weighted).map(([c, v]) => money(v, c)).join(" + ") || money(0)}</strong></p>
        <p class="muted small">Drag a card to another stage, or focus it and press ← / →.</p>
      </div>
      <ErrorBox error={moveError} />
      <div class="board">
        {OPEN_STAGES.map((stage, si) => {
          const st = stats[stage] || {};
          return (
            <section key={stage} class={`column${over === stage ? " over" : ""}`} aria-labelledby={`col-${stage}`}
              data-stage={stage}
              onDragOver={(e) => { e.preventDefault(); setOver(stage); }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const [id, from, title] = e.dataTransfer.getData("text/plain").split("|");
                if (from !== stage) move(Number(id), stage, title);
              }}>
              <header>
                <h2 id={`col-${stage}`}>{label(stage)} <span class="count">{st.deals || 0}</span></h2>
                <p class="small">{sum(st.values, "value_cents")}
                  <span class="muted"> · {st.probability_pct}% → {sum(st.values, "weighted_cents")}</span></p>
              </header>
              <ul>
                {data.cols[stage].map((d) => (
                  <li key={d.id}>
                    <article class="dealcard" tabindex="0" draggable="true" data-deal={d.id}
                      aria-label={`${d.title}, ${label(stage)}`}
                      aria-keyshortcuts="ArrowLeft ArrowRight"
                      onDragStart={(e) => e.dataTransfer.setData("text/plain", `${d.id}|${stage}|${d.title}`)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") { e.currentTarget.querySelector("a").click(); return; }
                        const to = e.key === "ArrowRight" ? si + 1 : e.key === "ArrowLeft" ? si - 1 : -1;
                        if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
                        e.preventDefault();
                        if (to >= 0 && to < OPEN_STAGES.length) move(d.id, OPEN_STAGES[to], d.title);
                      }}>
                      <a href={`/deals/${d.id}`} tabindex="-1">{d.title}</a>
                      <p class="small"><strong>{money(d.value_cents, d.currency)}</strong>
                        {d.decision_by && <span class="muted"> · decides {day(d.decision_by)}</span>}</p>
                    </article>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
