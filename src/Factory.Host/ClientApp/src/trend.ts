import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api } from "./api";
import { esc, tid } from "./html";
import { clock, dateTime, day, num, t, term, time } from "./i18n";
import { category, qualityClass, untrusted } from "./states";
import type { MaintenancePlan } from "./maintenance";
import type { DataQuality, PackMlState } from "./types";

/** `GET /machines/{id}/history`: a point is a raw sample (count 1) or a bucket (min/max/mean). */
interface TrendPoint { at: string; min: number; max: number; mean: number; first: number; last: number; count: number }
interface TagHistory { tag: string; bucketSeconds: number | null; points: TrendPoint[]; prior: TrendPoint | null }
interface StateBand { from: string; until: string | null; state: PackMlState; mode: string; quality: DataQuality }
export interface MachineHistory { machineId: string; from: string; to: string; points: number; tags: TagHistory[]; states: StateBand[] }

const RANGES: [string, number][] = [["15min", 15 * 60_000], ["1h", 3600_000], ["8h", 8 * 3600_000], ["24h", 24 * 3600_000], ["7days", 7 * 24 * 3600_000]];
/** Enough fraction digits to show a value as it is (at most 3): 5 → "5", 2.5 → "2,5". */
const fractionDigits = (v: number) => (Number.isInteger(v) ? 0 : Math.min(3, String(v).split(".")[1]?.length ?? 0));

const COLOURS = ["#2f80ed", "#eb5757", "#27ae60", "#f2994a", "#9b51e0", "#56ccf2", "#6fcf97", "#bb6bd9"];

/** A condition plan's limit on a tag: drawn as a dashed line on that tag's scale, which always includes it. */
interface TagLimit { tag: string; limit: number; comparison: "Above" | "Below"; minutes: number; planId: string }

/**
 * A machine's tags over time from the historian, drawn with uPlot: a range picker, several tags on one chart,
 * drag to zoom (double-click to zoom out), and the PackML state bands under the lines. The limits of the machine's
 * condition maintenance plans are drawn on their tags, so an operator sees how close the spindle runs to its check. The panel keeps its own
 * element, so the machine page can re-render around it without losing the chart; it re-reads the window every
 * 10 s while it ends at now.
 */
export class TrendPanel {
  readonly element: HTMLElement;
  private _rangeMs = 3600_000;
  private _chart: uPlot | null = null;
  private _history: MachineHistory | null = null;
  private _limits: TagLimit[] = [];
  private readonly _timer: number;
  private _disposed = false;

  constructor(private readonly _machineId: string) {
    this.element = document.createElement("section");
    this.element.className = "trend-panel";
    this.element.dataset.testid = tid("trend", _machineId);
    this.element.innerHTML = `<div class="trend-ranges">${RANGES.map(([label, ms]) =>
      `<button type="button" data-range="${ms}" class="${ms === this._rangeMs ? "active" : ""}">${esc(t(`trend.range.${label}`))}</button>`).join("")}</div>
      <div class="trend-chart"></div>
      <div class="trend-bands" data-testid="${tid("trend-bands", _machineId)}"></div>
      <p class="trend-limits muted" data-testid="${tid("trend-limits", _machineId)}"></p>
      <p class="trend-status muted"></p>`;
    this.element.querySelectorAll<HTMLButtonElement>("button[data-range]").forEach((b) => b.addEventListener("click", () => {
      this._rangeMs = Number(b.dataset.range);
      this.element.querySelectorAll("button[data-range]").forEach((o) => o.classList.toggle("active", o === b));
      void this.load();
    }));
    this._timer = window.setInterval(() => void this.load(), 10_000);
    void this.load();
  }

  /** Reads the window ending now and redraws. */
  async load(): Promise<void> {
    const to = Date.now();
    const from = to - this._rangeMs;
    const status = this.element.querySelector(".trend-status")!;
    try {
      const [history, limits] = await Promise.all([api.machineHistory(this._machineId, from, to, 800), this.limits()]);
      if (this._disposed) return;
      this._history = history;
      this.showLimits(limits, history);
      this.draw(history, from, to);
      const bucket = history.tags.find((h) => h.bucketSeconds !== null)?.bucketSeconds;
      status.textContent = history.tags.length === 0
        ? t("trend.noHistory")
        : t("trend.status", { count: history.tags.length, samples: bucket ? t("trend.buckets", { seconds: bucket }) : t("trend.raw") });
    } catch (e) {
      status.textContent = t("trend.unavailable", { reason: e instanceof Error ? e.message : String(e) });
    }
  }

  /** The machine's condition-plan limits; the ones known so far when the plans cannot be read (the trend still draws). */
  private async limits(): Promise<TagLimit[]> {
    try {
      const plans: MaintenancePlan[] = await api.maintenancePlans(this._machineId);
      return plans.flatMap((p) => (p.trigger === "Condition" && p.tag !== null && p.limit !== null
        ? [{ tag: p.tag, limit: p.limit, comparison: p.comparison ?? "Above", minutes: p.interval, planId: p.id }] : []));
    } catch {
      return this._limits;
    }
  }

  /** Keeps the limits of tags the chart shows, and lists them under it; a changed set draws the chart anew. */
  private showLimits(limits: TagLimit[], history: MachineHistory): void {
    const shown = limits.filter((l) => history.tags.some((tag) => tag.tag === l.tag));
    const key = (ls: TagLimit[]) => ls.map((l) => `${l.planId}:${l.tag}:${l.limit}:${l.comparison}`).join("|");
    if (key(shown) !== key(this._limits)) {
      this._chart?.destroy();
      this._chart = null;
    }
    this._limits = shown;
    this.element.querySelector(".trend-limits")!.innerHTML = shown.map((l) =>
      `<span class="trend-limit" data-plan="${esc(l.planId)}" data-tag="${esc(l.tag)}" data-limit="${l.limit}">${esc(t("trend.limit", {
        condition: t(`maintenance.condition${l.comparison}`, { tag: l.tag, limit: num(l.limit, fractionDigits(l.limit)) }), minutes: num(l.minutes, 0), plan: l.planId,
      }))}</span>`).join(" ");
  }

  /** Each limit as a dashed line across the plot, on its tag's scale. */
  private drawLimits(u: uPlot): void {
    const ctx = u.ctx;
    ctx.save();
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.lineWidth = devicePixelRatio;
    for (const l of this._limits) {
      const i = this._history?.tags.findIndex((tag) => tag.tag === l.tag) ?? -1;
      if (i < 0) continue;
      const y = u.valToPos(l.limit, l.tag, true);
      ctx.strokeStyle = COLOURS[i % COLOURS.length];
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
      // Labelled with its own value: the axis shows the first tag's scale, and each tag has its own.
      ctx.fillStyle = ctx.strokeStyle;
      ctx.font = `${11 * devicePixelRatio}px sans-serif`;
      ctx.fillText(`${l.tag} ${num(l.limit, fractionDigits(l.limit))}`, u.bbox.left + (4 * devicePixelRatio), y - (3 * devicePixelRatio));
      // Where the line is, in CSS pixels from the plot's top: what a test (or a curious reader) can check.
      this.element.querySelector(`.trend-limit[data-plan="${CSS.escape(l.planId)}"]`)
        ?.setAttribute("data-y", ((y - u.bbox.top) / devicePixelRatio).toFixed(1));
    }
    ctx.restore();
  }

  private draw(history: MachineHistory, from: number, to: number): void {
    // uPlot wants one x array: the union of every tag's times (seconds), each tag null where it has no point.
    const xs = [...new Set(history.tags.flatMap((tag) => tag.points.map((p) => Date.parse(p.at) / 1000)))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const ys = history.tags.map((tag) => {
      const y: (number | null)[] = new Array(xs.length).fill(null);
      for (const p of tag.points) y[index.get(Date.parse(p.at) / 1000)!] = p.mean;
      return y;
    });
    const data = [xs, ...ys] as uPlot.AlignedData;
    const container = this.element.querySelector<HTMLElement>(".trend-chart")!;
    const width = Math.max(320, container.clientWidth || this.element.clientWidth || 800);
    const sameSeries = this._chart && this._chart.series.length === history.tags.length + 1 &&
      history.tags.every((tag, i) => this._chart!.series[i + 1].label === tag.tag);
    if (this._chart && sameSeries) {
      this._chart.setData(data, false);
      this._chart.setScale("x", { min: from / 1000, max: to / 1000 });
    } else {
      this._chart?.destroy();
      this._chart = new uPlot({
        width, height: 260,
        // Each tag on its own y scale, so a counter in the millions does not flatten a temperature; the axis is the first tag's.
        // A tag with a limit keeps the limit in range, so its line is always on the chart.
        scales: { x: { time: true, min: from / 1000, max: to / 1000 }, ...Object.fromEntries(history.tags.map((tag) => [tag.tag, this.scale(tag.tag)])) },
        // The legend's values in the user's locale and the site's zone, as everywhere else on the page.
        series: [{ label: t("trend.time"), value: (_u: uPlot, v: number | null) => (v == null ? "—" : dateTime(v * 1000)) },
          ...history.tags.map((tag, i) => ({ label: tag.tag, scale: tag.tag, stroke: COLOURS[i % COLOURS.length], spanGaps: true, width: 1.5,
            value: (_u: uPlot, v: number | null) => (v == null ? "—" : num(v, fractionDigits(v))) }))],
        // The x axis in the site's zone and the user's locale (uPlot's own labels are the browser zone's, in English).
        axes: [{ stroke: "#9aa4b2", values: (_u: uPlot, splits: number[]) => splits.map((s) => (this._rangeMs > 24 * 3600_000 ? day(s * 1000) : clock(s * 1000))) },
          { scale: history.tags[0]?.tag, size: 70, stroke: "#9aa4b2", values: (_u: uPlot, splits: number[]) => splits.map((v) => num(v, fractionDigits(v))) }],
        cursor: { drag: { x: true, y: false } },
        hooks: { setScale: [(u: uPlot, key: string) => { if (key === "x") this.drawBands(u); }], ready: [(u: uPlot) => this.drawBands(u)], draw: [(u: uPlot) => this.drawLimits(u)] },
      }, data, container);
    }
    this.drawBands(this._chart!);
  }

  private scale(tag: string): uPlot.Scale {
    const limits = this._limits.filter((l) => l.tag === tag).map((l) => l.limit);
    if (limits.length === 0) return { auto: true };
    return { auto: true, range: (_u: uPlot, min: number | null, max: number | null) =>
      uPlot.rangeNum(Math.min(min ?? limits[0], ...limits), Math.max(max ?? limits[0], ...limits), 0.1, true) as uPlot.Range.MinMax };
  }

  /** The state bands as a strip under the plot area, aligned to the chart's x scale (so they follow a zoom). */
  private drawBands(u: uPlot): void {
    const strip = this.element.querySelector<HTMLElement>(".trend-bands")!;
    const history = this._history;
    if (!history) return;
    const left = u.bbox.left / devicePixelRatio;
    const plotWidth = u.bbox.width / devicePixelRatio;
    const min = u.scales.x.min ?? 0;
    const max = u.scales.x.max ?? 1;
    strip.style.marginLeft = `${left}px`;
    strip.style.width = `${plotWidth}px`;
    const end = Date.parse(history.to) / 1000;
    strip.innerHTML = history.states.map((s) => {
      const a = Math.max(min, Date.parse(s.from) / 1000);
      const b = Math.min(max, s.until ? Date.parse(s.until) / 1000 : end);
      if (b <= a) return "";
      const cls = `state-${category(s.state)} ${qualityClass(s.quality)} ${untrusted(s.quality) ? "untrusted" : ""}`;
      return `<span class="band ${cls}" data-state="${esc(s.state)}" style="left:${(((a - min) / (max - min)) * 100).toFixed(3)}%;width:${(((b - a) / (max - min)) * 100).toFixed(3)}%"
        title="${esc(t("trend.band", { state: term("states", s.state), quality: term("quality", s.quality), at: time(s.from) }))}"></span>`;
    }).join("");
  }

  dispose(): void {
    this._disposed = true;
    window.clearInterval(this._timer);
    this._chart?.destroy();
  }
}
