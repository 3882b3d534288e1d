import { esc, tid } from "./html";
import { duration, num, percent, t, term, time } from "./i18n";
import { category, qualityClass, qualityRate, untrusted } from "./states";
import type { Segment } from "./store";
import type { JobView, LineView, MachineView } from "./types";

/** A machine tile's inner HTML and attributes; `live` false marks everything as not live. */
export function machineTile(m: MachineView, live: boolean): string {
  const cat = category(m.state);
  const bad = untrusted(m.quality);
  const rate = qualityRate(m);
  const op = m.currentWorkOrderId ? `${m.currentWorkOrderId}${m.currentOperation !== null ? ` · ${t("tile.op", { op: m.currentOperation })}` : ""}` : t("tile.noWork");
  const job = m.job ?? null;
  const qualityLabel = m.quality === "Good" ? "" : `<span class="quality-label" data-testid="${tid("machine-quality", m.id)}">${esc(term("quality", m.quality).toUpperCase())}</span>`;
  return `<a class="tile state-${cat} ${qualityClass(m.quality)} ${bad ? "untrusted" : ""} ${live ? "" : "not-live"}"
      href="#/machine/${encodeURIComponent(m.id)}" data-testid="${tid("machine-tile", m.id)}"
      data-state="${esc(m.state)}" data-category="${cat}" data-quality="${esc(m.quality)}" data-live="${live}" data-version="${m.version}"
      title="${esc(t("tile.title", { name: m.name, state: term("states", m.state), since: time(m.stateSince), quality: term("quality", m.quality) }))}">
    <div class="tile-head"><span class="tile-id">${esc(m.id)}</span>${qualityLabel}</div>
    <div class="tile-state">${bad ? `<span class="last-known">${esc(t("tile.lastKnown"))}</span> ` : ""}${esc(term("states", m.state))}</div>
    <div class="tile-work">${esc(op)}${job ? ` <span class="job-phase">${esc(term("jobPhase", job.phase))}</span>` : ""}</div>
    ${job ? jobProgress(m, job) : ""}
    <div class="tile-figures">
      <span title="${esc(t("tile.speedTitle"))}">${esc(t("tile.perMin", { value: num(m.telemetry.speed, 1) }))}</span>
      <span title="${esc(t("tile.qualityTitle"))}">${rate === null ? "Q —" : `Q ${esc(percent(rate, 0))}`}</span>
    </div>
    ${live ? "" : `<div class="not-live-label">${esc(t("tile.notLive"))}</div>`}
  </a>`;
}

/** A tile's job line: good of the run's quantity as a bar, the ETA, and why parts are not credited when they are not. */
function jobProgress(m: MachineView, job: JobView): string {
  const share = Math.min(1, job.good / Math.max(1, job.quantity));
  const warn = job.mismatch ?? job.plcError;
  return `<div class="tile-job" data-testid="${tid("job", m.id)}" data-job="${esc(job.id)}" data-good="${job.good}" data-quantity="${job.quantity}" data-phase="${esc(job.phase)}">
      <div class="progress" title="${esc(t("tile.goodOf", { good: job.good, quantity: job.quantity }))}"><span style="width:${(share * 100).toFixed(1)}%"></span></div>
      <span>${job.good}/${job.quantity}</span>${job.eta && job.phase !== "Finished" ? ` <span title="${esc(t("tile.etaTitle"))}">${esc(t("tile.eta", { at: time(job.eta) }))}</span>` : ""}
      ${warn ? `<div class="job-warning" role="alert" data-testid="${tid("job-warning", m.id)}">${esc(warn)}</div>` : ""}
    </div>`;
}

/** The one definition of a line's good/h, said where the figure is shown (overview and KPI page alike). */
export function throughputTitle(stage: string[]): string {
  return t("line.throughputTitle", { stage: stage.join(", ") || t("line.noStage") });
}

export function lineHeader(line: LineView, live: boolean): string {
  return `<div class="line-head">
    <a href="#/line/${encodeURIComponent(line.id)}" class="line-name">${esc(line.name)} <small>${esc(line.id)}</small></a>
    <span class="badge line-${line.status.toLowerCase()} ${live ? "" : "not-live"}" data-testid="${tid("line-status", line.id)}" data-status="${line.status}">${esc(term("lineStatus", line.status))}</span>
    <span class="figure" data-testid="${tid("line-throughput", line.id)}" title="${esc(throughputTitle(line.outputMachineIds ?? []))}">${esc(t("line.goodPerHour", { value: num(line.throughputPerHour, 0) }))}
      <small data-testid="${tid("line-throughput-of", line.id)}">${esc(t("line.outOf", { machines: (line.outputMachineIds ?? []).join(" + ") || "—" }))}</small></span>
    <span class="figure">${esc(t("line.producingFailed", { producing: line.machinesProducing, failed: line.machinesFailed }))}</span>
  </div>`;
}

/** A horizontal state timeline from `from` to `to`; unknown stretches are drawn as "no data". */
export function timelineBar(segments: Segment[], from: number, to: number, testId: string): string {
  const span = Math.max(1, to - from);
  const parts = segments.map((s, i) => {
    const end = segments[i + 1]?.from ?? to;
    const width = ((end - s.from) / span) * 100;
    if (width <= 0) return "";
    const cls = s.state === null ? "no-data" : `state-${category(s.state)} ${qualityClass(s.quality)} ${s.quality && untrusted(s.quality) ? "untrusted" : ""}`;
    const label = s.state === null ? t("timeline.noData") : `${term("states", s.state)}${s.quality && s.quality !== "Good" ? ` (${term("quality", s.quality)})` : ""}`;
    return `<span class="seg ${cls}" style="width:${width.toFixed(3)}%" title="${esc(t("timeline.segment", { label, from: time(s.from), duration: duration(end - s.from) }))}"></span>`;
  });
  return `<div class="timeline" data-testid="${esc(testId)}">${parts.join("")}</div>
    <div class="timeline-axis"><span>${esc(time(from))}</span><span>${esc(time(to))}</span></div>`;
}

export function legend(): string {
  const items: [string, string][] = [
    ["state-running", term("states", "Execute")], ["state-ready", term("states", "Idle")], ["state-transient", t("legend.changing")],
    ["state-paused", `${term("states", "Held")} / ${term("states", "Suspended")}`], ["state-stopped", term("states", "Stopped")],
    ["state-failed", t("legend.aborted")], ["state-complete", term("states", "Complete")],
    ["untrusted quality-stale", t("legend.untrusted")], ["not-live", t("legend.notLive")],
  ];
  return `<div class="legend">${items.map(([c, l]) => `<span class="swatch ${c}"></span>${esc(l)}`).join(" ")}</div>`;
}

/** A small speed trend (items/min) over the last `windowMs`, drawn as an SVG line; no chart library needed. */
export function speedTrend(samples: readonly { t: number; v: number }[], now: number, windowMs: number, testId: string): string {
  const from = now - windowMs;
  const points = samples.filter((s) => s.t >= from);
  const before = samples.filter((s) => s.t < from).at(-1);
  if (before) points.unshift({ t: from, v: before.v });
  if (points.length === 0) return `<p class="muted" data-testid="${esc(testId)}">${esc(t("trend.noSpeed"))}</p>`;
  points.push({ t: now, v: points[points.length - 1].v });
  const max = Math.max(1, ...points.map((p) => p.v));
  const w = 600, h = 80;
  // A step line: a value holds until the next one arrives.
  const path = points.map((p, i) => {
    const x = ((p.t - from) / windowMs) * w;
    const y = h - 4 - (p.v / max) * (h - 8);
    return i === 0 ? `M${x.toFixed(1)},${y.toFixed(1)}` : `H${x.toFixed(1)} V${y.toFixed(1)}`;
  }).join(" ");
  return `<div class="trend-box"><svg class="trend" data-testid="${esc(testId)}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(t("trend.speedTrend"))}">
    <path d="${path}" fill="none" stroke="#7cc4ff" stroke-width="2" vector-effect="non-scaling-stroke"/></svg>
    <div class="timeline-axis"><span>${esc(time(from))}</span><span>${esc(t("trend.max", { value: num(max, 1) }))}</span><span>${esc(time(now))}</span></div></div>`;
}
