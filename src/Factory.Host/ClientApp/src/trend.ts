import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api } from "./api";
import { esc, tid } from "./html";
import { clock, dateTime, day, num, t, term, time } from "./i18n";
import { category, qualityClass, untrusted } from "./states";
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

/**
 * A machine's tags over time from the historian, drawn with uPlot: a range picker, several tags on one chart,
 * drag to zoom (double-click to zoom out), and the PackML state bands under the lines. The panel keeps its own
 * element, so the machine page can re-render around it without losing the chart; it re-reads the window every
 * 10 s while it ends at now.
 */
export class TrendPanel {
  readonly element: HTMLElement;
  private _rangeMs = 3600_000;
  private _chart: uPlot | null = null;
  private _history: MachineHistory | null = null;
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
      const history = await api.machineHistory(this._machineId, from, to, 800);
      if (this._disposed) return;
      this._history = history;
      this.draw(history, from, to);
      const bucket = history.tags.find((h) => h.bucketSeconds !== null)?.bucketSeconds;
      status.textContent = history.tags.length === 0
        ? t("trend.noHistory")
        : t("trend.status", { count: history.tags.length, samples: bucket ? t("trend.buckets", { seconds: bucket }) : t("trend.raw") });
    } catch (e) {
      status.textContent = t("trend.unavailable", { reason: e instanceof Error ? e.message : String(e) });
    }
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
        scales: { x: { time: true, min: from / 1000, max: to / 1000 }, ...Object.fromEntries(history.tags.map((tag) => [tag.tag, { auto: true }])) },
        // The legend's values in the user's locale and the site's zone, as everywhere else on the page.
        series: [{ label: t("trend.time"), value: (_u: uPlot, v: number | null) => (v == null ? "—" : dateTime(v * 1000)) },
          ...history.tags.map((tag, i) => ({ label: tag.tag, scale: tag.tag, stroke: COLOURS[i % COLOURS.length], spanGaps: true, width: 1.5,
            value: (_u: uPlot, v: number | null) => (v == null ? "—" : num(v, fractionDigits(v))) }))],
        // The x axis in the site's zone and the user's locale (uPlot's own labels are the browser zone's, in English).
        axes: [{ stroke: "#9aa4b2", values: (_u: uPlot, splits: number[]) => splits.map((s) => (this._rangeMs > 24 * 3600_000 ? day(s * 1000) : clock(s * 1000))) },
          { scale: history.tags[0]?.tag, size: 70, stroke: "#9aa4b2", values: (_u: uPlot, splits: number[]) => splits.map((v) => num(v, fractionDigits(v))) }],
        cursor: { drag: { x: true, y: false } },
        hooks: { setScale: [(u: uPlot, key: string) => { if (key === "x") this.drawBands(u); }], ready: [(u: uPlot) => this.drawBands(u)] },
      }, data, container);
    }
    this.drawBands(this._chart!);
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
