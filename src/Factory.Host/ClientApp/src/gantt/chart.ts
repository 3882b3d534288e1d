import { esc, tid } from "../html";
import { clock, day, t, term, timeZone } from "../i18n";
import { offsetAt } from "../shift";
import { snapToMinute } from "./drop";
import type { GanttBar, GanttModel, GanttShade } from "./model";

/** How a pane behaves. */
export interface GanttOptions {
  /** data-testid of the pane; its message line is `${testId}-message`. */
  testId: string;
  /** Height of the scrolling area in px. */
  height: number;
  /** Managers may drag pending operations onto other rows. */
  canDrag: boolean;
  /** The client-side check of a drop: null when it may be sent, else why not. */
  check?: (bar: GanttBar, rowId: string, at: number) => string | null;
  /** Sends a checked drop; resolves to null when the server took it, else its refusal. */
  drop?: (bar: GanttBar, rowId: string, at: number) => Promise<string | null>;
  /** Told when the user zooms or scrolls sideways, so other panes can follow. */
  onView?: (pxPerHour: number, scrollLeft: number) => void;
}

const ROW = 28;
const LABEL = 150;
const AXIS = 34;
const OVERSCAN_ROWS = 4;
const HOUR = 3_600_000;
const MIN_PX_PER_HOUR = 4;
const MAX_PX_PER_HOUR = 960;

interface Drag {
  bar: GanttBar;
  ghost: HTMLElement;
  grabX: number;
  startX: number;
  startY: number;
  rowId: string | null;
  at: number;
  moved: boolean;
}

/**
 * A Gantt pane of plain divs: rows on a time axis, bars, shaded stretches and a now-line. Only what is in view is in the
 * DOM (rows and bars outside the scrolled window are not drawn), so 200 machines over 7 days stay light: a redraw on
 * scroll writes the few dozen visible rows. Zoom with the buttons or Ctrl + wheel (around the pointer); scroll natively.
 */
export class GanttChart {
  /** Duration of the last redraw in ms (read by the browser benchmark). */
  lastRenderMs = 0;
  /** Elements written by the last redraw (bars, shades, labels). */
  lastRenderedBars = 0;

  private _model: GanttModel = { from: 0, to: 1, rows: [], bars: [], shades: [] };
  private _pxPerHour = 48;
  private _byRow = new Map<string, GanttBar[]>();
  private _rowShades = new Map<string, GanttShade[]>();
  private _allShades: GanttShade[] = [];
  private _frame = 0;
  private _drag: Drag | null = null;
  private readonly _root: HTMLElement;
  private readonly _message: HTMLElement;
  private readonly _scroll: HTMLElement;
  private readonly _canvas: HTMLElement;
  private readonly _axis: HTMLElement;
  private readonly _layer: HTMLElement;
  private readonly _rows: HTMLElement;

  constructor(host: HTMLElement, private readonly _options: GanttOptions) {
    host.innerHTML = `<div class="gantt" data-testid="${esc(_options.testId)}">
      <div class="gantt-message" data-testid="${esc(_options.testId)}-message" role="status"></div>
      <div class="gantt-scroll" style="height:${_options.height}px">
        <div class="gantt-canvas">
          <div class="gantt-axis"></div>
          <div class="gantt-layer"></div>
          <div class="gantt-rows"></div>
        </div>
      </div>
    </div>`;
    this._root = host.querySelector(".gantt")!;
    this._message = host.querySelector(".gantt-message")!;
    this._scroll = host.querySelector(".gantt-scroll")!;
    this._canvas = host.querySelector(".gantt-canvas")!;
    this._axis = host.querySelector(".gantt-axis")!;
    this._layer = host.querySelector(".gantt-layer")!;
    this._rows = host.querySelector(".gantt-rows")!;
    this._scroll.addEventListener("scroll", () => {
      this.schedule();
      this._options.onView?.(this._pxPerHour, this._scroll.scrollLeft);
    });
    this._scroll.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    this._rows.addEventListener("pointerdown", (e) => this.pointerDown(e));
    this._rows.addEventListener("pointermove", (e) => this.pointerMove(e));
    this._rows.addEventListener("pointerup", (e) => void this.pointerUp(e));
    this._rows.addEventListener("pointercancel", () => this.endDrag());
    this._rows.addEventListener("pointerover", (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>(".gantt-bar");
      if (el) this.describe(el);
    });
  }

  get pxPerHour(): number {
    return this._pxPerHour;
  }

  get model(): GanttModel {
    return this._model;
  }

  /** Replaces what the pane shows and redraws at once; the scroll position is kept. */
  setModel(model: GanttModel): void {
    this._model = model;
    this._byRow = new Map(model.rows.map((r) => [r.id, [] as GanttBar[]]));
    for (const bar of model.bars) this._byRow.get(bar.rowId)?.push(bar);
    for (const list of this._byRow.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
    this._rowShades = new Map();
    this._allShades = [];
    for (const s of model.shades) {
      if (s.rowId === null) this._allShades.push(s);
      else this._rowShades.set(s.rowId, [...(this._rowShades.get(s.rowId) ?? []), s]);
    }
    this.render();
  }

  /** Zooms by <paramref name="factor"/> keeping the instant under <paramref name="anchorX"/> (px in the viewport) in place. */
  zoom(factor: number, anchorX?: number): void {
    const x = anchorX ?? (this._scroll.clientWidth - LABEL) / 2 + LABEL;
    const at = this.timeAt(this._scroll.scrollLeft + x);
    this._pxPerHour = Math.min(MAX_PX_PER_HOUR, Math.max(MIN_PX_PER_HOUR, this._pxPerHour * factor));
    this.sizeCanvas();
    this._scroll.scrollLeft = Math.max(0, this.x(at) - x);
    this.render();
    this._options.onView?.(this._pxPerHour, this._scroll.scrollLeft);
  }

  /** Follows another pane's zoom and sideways scroll. */
  follow(pxPerHour: number, scrollLeft: number): void {
    if (pxPerHour !== this._pxPerHour) {
      this._pxPerHour = pxPerHour;
      this.sizeCanvas();
    }
    if (Math.abs(this._scroll.scrollLeft - scrollLeft) > 0.5) this._scroll.scrollLeft = scrollLeft;
    this.schedule();
  }

  /** Scrolls so that <paramref name="at"/> is near the left edge of the time area. */
  scrollToTime(at: number): void {
    this._scroll.scrollLeft = Math.max(0, this.x(at) - LABEL - 40);
    this.render();
  }

  /** Shows a line above the pane (a refusal, an accepted move, a drag hint). */
  say(text: string, kind: "refused" | "accepted" | "hint" | "none"): void {
    this._message.textContent = text;
    this._message.title = text; // the line is cut to one line; the whole text on hover
    this._message.dataset.kind = kind;
  }

  private schedule(): void {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this.render();
    });
  }

  private x(t: number): number {
    return LABEL + ((t - this._model.from) / HOUR) * this._pxPerHour;
  }

  private timeAt(x: number): number {
    return this._model.from + ((x - LABEL) / this._pxPerHour) * HOUR;
  }

  private sizeCanvas(): void {
    const width = Math.ceil(this.x(this._model.to)) + 20;
    this._canvas.style.width = `${width}px`;
    this._canvas.style.height = `${AXIS + this._model.rows.length * ROW}px`;
  }

  /** Writes the rows, bars and shades in view. */
  render(): void {
    const began = performance.now();
    this.sizeCanvas();
    const left = this._scroll.scrollLeft;
    const width = this._scroll.clientWidth || 1200;
    const top = this._scroll.scrollTop;
    const height = this._scroll.clientHeight || this._options.height;
    const t0 = this.timeAt(left + LABEL - 40);
    const t1 = this.timeAt(left + width + 40);
    const rows = this._model.rows;
    const first = Math.max(0, Math.floor((top - AXIS) / ROW) - OVERSCAN_ROWS);
    const last = Math.min(rows.length, Math.ceil((top + height) / ROW) + OVERSCAN_ROWS);
    let count = 0;

    const html: string[] = [];
    for (let i = first; i < last; i++) {
      const row = rows[i];
      html.push(`<div class="gantt-row${row.available ? "" : " unavailable"}" style="top:${AXIS + i * ROW}px" data-row="${esc(row.id)}" data-testid="${tid("gantt-row", row.id)}">`);
      html.push(`<div class="gantt-label" title="${esc(row.note)}"><strong>${esc(row.label)}</strong> <small>${esc(row.note)}</small></div>`);
      for (const s of this._rowShades.get(row.id) ?? []) {
        if (s.end <= t0 || s.start >= t1) continue;
        html.push(this.shade(s, "gantt-row-shade"));
        count++;
      }
      const bars = this._byRow.get(row.id) ?? [];
      // Bars of one row do not overlap, so ends grow with starts: find the first in view by its end.
      let lo = 0;
      let hi = bars.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (bars[mid].end <= t0) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < bars.length && bars[k].start < t1; k++) {
        html.push(this.bar(bars[k]));
        count++;
      }
      html.push(`</div>`);
    }
    this._rows.innerHTML = html.join("");

    const layer: string[] = [];
    for (const s of this._allShades) {
      if (s.end <= t0 || s.start >= t1) continue;
      layer.push(this.shade(s, "gantt-shade"));
      count++;
    }
    const now = Date.now();
    if (now >= this._model.from && now <= this._model.to) {
      layer.push(`<div class="gantt-now" data-testid="${esc(this._options.testId)}-now" style="left:${this.x(now)}px" title="${esc(t("gantt.now"))}"></div>`);
    }
    this._layer.innerHTML = layer.join("");
    this._axis.innerHTML = this.axis(t0, t1);
    this.lastRenderedBars = count;
    this.lastRenderMs = performance.now() - began;
    this._root.dataset.rendered = String(count);
  }

  private bar(b: GanttBar): string {
    const left = this.x(b.start);
    const w = Math.max(2, this.x(b.end) - left);
    const label = w > 44 ? esc(b.label) : "";
    const movable = this._options.canDrag && b.movable;
    // A bar a manager put off to a later time carries a marker at its left edge (and says so in its tooltip).
    const held = b.notBefore ? ` data-not-before="${new Date(b.notBefore).toISOString()}"` : "";
    return `<div class="gantt-bar risk-${b.risk}${b.changed ? ` changed changed-${b.changed}` : ""}${movable ? " movable" : ""}${held ? " not-before" : ""}"
      style="left:${left}px;width:${w}px;background:hsl(${b.hue} 50% 36%)" data-key="${esc(b.key)}"
      data-testid="${tid("bar", b.workOrderId, b.sequence)}" data-machine="${esc(b.rowId)}" data-risk="${b.risk}"${held}>${label}</div>`;
  }

  /** A bar's tooltip, written when the pointer reaches it: formatting times for every bar in view would cost more than drawing them. */
  private describe(el: HTMLElement): void {
    const b = this._model.bars.find((x) => x.key === el.dataset.key);
    if (!b || el.title) return;
    el.title = `${b.workOrderId} ${t("tile.op", { op: b.sequence })} · ${b.rowId}${b.workerId ? ` · ${b.workerId}` : ""} · ${clock(b.start)}–${clock(b.end)} · ${term("risk", b.risk)}${b.notBefore ? ` · ${t("gantt.notBefore", { at: clock(b.notBefore) })}` : ""}${b.changed ? ` · ${t(`gantt.changed.${b.changed}`)}` : ""}`;
  }

  private shade(s: GanttShade, cls: string): string {
    const left = this.x(Math.max(s.start, this._model.from));
    const w = Math.max(1, this.x(Math.min(s.end, this._model.to)) - left);
    return `<div class="${cls} shade-${s.kind}" style="left:${left}px;width:${w}px" data-kind="${s.kind}" title="${esc(s.label)}"></div>`;
  }

  private axis(t0: number, t1: number): string {
    const steps = [1, 2, 3, 6, 12, 24];
    const step = (steps.find((h) => h * this._pxPerHour >= 70) ?? 24) * HOUR;
    const parts = [`<div class="gantt-corner">${esc(t("line.machine"))}</div>`];
    // Ticks fall on whole hours of the site's zone, as every other time on the screens.
    const zone = timeZone();
    const offset = -offsetAt(zone, t0);
    for (let t = Math.floor((t0 - offset) / step) * step + offset; t < Math.min(t1, this._model.to); t += step) {
      if (t < this._model.from) continue;
      const d = new Date(t);
      const midnight = (t + offsetAt(zone, t)) % (24 * HOUR) === 0;
      const text = midnight || step >= 24 * HOUR ? day(d) : clock(t);
      parts.push(`<div class="gantt-tick${midnight ? " day" : ""}" style="left:${this.x(t)}px">${esc(text)}</div>`);
    }
    return parts.join("");
  }

  private wheel(e: WheelEvent): void {
    if (!e.ctrlKey) return;
    e.preventDefault();
    const rect = this._scroll.getBoundingClientRect();
    this.zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - rect.left);
  }

  private pointerDown(e: PointerEvent): void {
    const el = (e.target as HTMLElement).closest<HTMLElement>(".gantt-bar.movable");
    if (!el || e.button !== 0 || !this._options.canDrag) return;
    const bar = this._model.bars.find((b) => b.key === el.dataset.key);
    if (!bar) return;
    e.preventDefault();
    this._rows.setPointerCapture(e.pointerId);
    const ghost = el.cloneNode(true) as HTMLElement;
    ghost.classList.add("gantt-ghost");
    ghost.dataset.testid = "gantt-ghost";
    ghost.style.top = `${AXIS + this._model.rows.findIndex((r) => r.id === bar.rowId) * ROW + 3}px`;
    ghost.hidden = true;
    this._layer.after(ghost);
    const canvas = this._canvas.getBoundingClientRect();
    this._drag = { bar, ghost, grabX: e.clientX - canvas.left - this.x(bar.start), startX: e.clientX, startY: e.clientY, rowId: null, at: bar.start, moved: false };
  }

  private pointerMove(e: PointerEvent): void {
    const drag = this._drag;
    if (!drag) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.startX, e.clientY - drag.startY) < 4) return;
    drag.moved = true;
    drag.ghost.hidden = false;
    const canvas = this._canvas.getBoundingClientRect();
    const index = Math.floor((e.clientY - canvas.top - AXIS) / ROW);
    const row = this._model.rows[index];
    const left = e.clientX - canvas.left - drag.grabX;
    drag.rowId = row?.id ?? null;
    drag.at = snapToMinute(this.timeAt(left));
    drag.ghost.style.left = `${left}px`;
    if (row) drag.ghost.style.top = `${AXIS + index * ROW + 3}px`;
    const refusal = row ? this._options.check?.(drag.bar, row.id, drag.at) ?? null : t("gantt.dropOnRow");
    drag.ghost.dataset.ok = String(refusal === null);
    this.say(refusal ? t("gantt.cannotDrop", { why: refusal }) : t("gantt.dropToMove", { order: drag.bar.workOrderId, op: drag.bar.sequence, machine: row!.id, at: clock(drag.at) }), "hint");
  }

  private async pointerUp(e: PointerEvent): Promise<void> {
    const drag = this._drag;
    if (!drag) return;
    this.pointerMove(e);
    this.endDrag();
    if (!drag.moved) {
      this.say("", "none");
      return;
    }
    const refusal = drag.rowId ? this._options.check?.(drag.bar, drag.rowId, drag.at) ?? null : t("gantt.dropOnRow");
    if (refusal) {
      this.say(t("gantt.refused", { why: refusal }), "refused");
      return;
    }
    this.say(t("gantt.moving", { order: drag.bar.workOrderId, op: drag.bar.sequence, machine: drag.rowId, at: clock(drag.at) }), "hint");
    const answer = await (this._options.drop?.(drag.bar, drag.rowId!, drag.at) ?? Promise.resolve(t("gantt.noDrops")));
    this.say(answer === null
      ? t(drag.at > Date.now() ? "gantt.movedAt" : "gantt.moved", { order: drag.bar.workOrderId, op: drag.bar.sequence, machine: drag.rowId, at: clock(drag.at) })
      : t("gantt.refused", { why: answer }), answer === null ? "accepted" : "refused");
  }

  private endDrag(): void {
    this._drag?.ghost.remove();
    this._drag = null;
  }
}

