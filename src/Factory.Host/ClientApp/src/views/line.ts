import { andonPanel, openCalls } from "../andon";
import { api } from "../api";
import { lineHeader, machineTile, timelineBar } from "../components";
import { esc, tid } from "../html";
import { num, t, term } from "../i18n";
import type { View, ViewContext } from "../view";

/** One line: status, its machines, and each machine's state timeline for the current shift. */
export class LineDetailView implements View {
  readonly scopes;
  private readonly _timer: number;
  private _historyRequested = false;
  private readonly _unsubscribe: () => void;

  constructor(private readonly _ctx: ViewContext, private readonly _lineId: string) {
    this.scopes = [{ scope: "line" as const, id: _lineId }];
    this._unsubscribe = _ctx.alarms.subscribe(() => this.render());
    // The timelines grow with the clock even when nothing changes.
    this._timer = window.setInterval(() => this.render(), 10_000);
  }

  render(): void {
    const { store, root } = this._ctx;
    const line = store.lines.get(this._lineId);
    if (!line) {
      root.innerHTML = `<p class="muted">${esc(t("line.waiting", { id: this._lineId }))}</p>`;
      return;
    }
    const live = store.live;
    const from = this._ctx.shift.start;
    if (!this._historyRequested) {
      // Once the line (and so its machines) is known: the shift so far comes from each machine's recorded history (a
      // day of it, so the shift is covered even before the site's calendar has answered).
      this._historyRequested = true;
      for (const id of line.machineIds) {
        api.machineStates(id, Date.now() - 24 * 3600_000).then((spans) => store.seedHistory(id, spans)).catch(() => { /* live timeline only */ });
      }
    }
    const now = Date.now();
    const machines = line.machineIds.map((id) => store.machines.get(id)).filter((m) => m !== undefined);
    root.innerHTML = `<section class="line-detail" data-testid="${tid("line-detail", line.id)}">
      <p><a href="#/">← ${esc(t("common.backToOverview"))}</a></p>
      ${lineHeader(line, live)}
      <div class="tiles">${machines.map((m) => machineTile(m, live)).join("")}</div>
      ${andonPanel(openCalls(this._ctx.alarms.all, line.machineIds), this._ctx.alarms.loaded)}
      <h2>${esc(t("common.timelineShift"))} <small class="muted" data-testid="shift-label">${esc(this._ctx.shift.label)}</small></h2>
      <table class="timelines">${machines.map((m) => `<tr>
        <th><a href="#/machine/${encodeURIComponent(m.id)}">${esc(m.id)}</a></th>
        <td>${timelineBar(store.timeline(m.id, from), from, now, tid("timeline", m.id))}</td></tr>`).join("")}
      </table>
      <h2>${esc(t("line.counters"))}</h2>
      <table class="grid"><tr><th>${esc(t("line.machine"))}</th><th>${esc(t("line.state"))}</th><th>${esc(t("line.speed"))}</th><th>${esc(t("line.setpoint"))}</th><th>${esc(t("line.produced"))}</th><th>${esc(t("line.good"))}</th><th>${esc(t("line.scrap"))}</th></tr>
      ${machines.map((m) => `<tr data-testid="${tid("counters", m.id)}"><td>${esc(m.id)}</td><td>${esc(term("states", m.state))}</td>
        <td>${num(m.telemetry.speed, 1)}</td><td>${num(m.telemetry.setpoint, 1)}</td><td>${num(m.telemetry.producedCount)}</td>
        <td>${num(m.telemetry.goodCount)}</td><td>${num(m.telemetry.scrapCount)}</td></tr>`).join("")}
      </table>
    </section>`;
  }

  dispose(): void {
    this._unsubscribe();
    window.clearInterval(this._timer);
  }
}
