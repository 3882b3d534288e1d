import { api } from "../api";
import { machineTile, speedTrend, timelineBar } from "../components";
import { esc, tid } from "../html";
import { dateTime, duration, num, t, term, time } from "../i18n";
import { nextDue, progress, type MaintenancePlan } from "../maintenance";
import { TrendPanel } from "../trend";
import type { View, ViewContext } from "../view";

/** One machine: tile, timeline for the current shift, counters, telemetry and recent state changes. */
export class MachineDetailView implements View {
  readonly scopes;
  private readonly _timer: number;
  private _trend: TrendPanel | null = null;
  private _nextPlan: MaintenancePlan | null = null;

  constructor(private readonly _ctx: ViewContext, private readonly _machineId: string) {
    this.scopes = [{ scope: "machine" as const, id: _machineId }];
    this._timer = window.setInterval(() => this.render(), 10_000);
    // The hub brings changes from now on; the shift so far comes from the machine's recorded history (a day of it, so
    // the shift is covered even before the site's calendar has answered).
    api.machineStates(_machineId, Date.now() - 24 * 3600_000)
      .then((spans) => _ctx.store.seedHistory(_machineId, spans))
      .catch(() => { /* the live timeline still works; the history is only missing its past */ });
    api.maintenancePlans(_machineId)
      .then((plans) => { this._nextPlan = nextDue(plans); this.render(); })
      .catch(() => { /* the page works without it; the maintenance page shows the plans */ });
  }

  render(): void {
    const { store, root } = this._ctx;
    const m = store.machines.get(this._machineId);
    if (!m) {
      root.innerHTML = `<p class="muted">${esc(t("machine.waiting", { id: this._machineId }))}</p>`;
      return;
    }
    const from = this._ctx.shift.start;
    const now = Date.now();
    const segments = store.timeline(m.id, from);
    const tel = m.telemetry;
    const since = (what: string, at: string | null) => esc(t("machine.since", { what, at: time(at) }));
    const rows: [string, string][] = [
      [t("machine.line"), `<a href="#/line/${encodeURIComponent(m.lineId)}">${esc(m.lineId)}</a>`],
      [t("machine.state"), since(term("states", m.state), m.stateSince)],
      [t("machine.mode"), esc(term("modes", m.mode))],
      [t("machine.quality"), `${since(term("quality", m.quality), m.qualitySince)}${m.qualityReason ? ` — ${esc(m.qualityReason)}` : ""}`],
      [t("machine.fault"), fault(m.faultReason, tel.numbers?.fault ?? tel.tags.fault)],
      [t("machine.available"), m.available ? esc(t("common.yes")) : `${esc(t("common.no"))} — ${esc(m.unavailableReason ?? "")}`],
      [t("machine.workOrder"), esc(m.currentWorkOrderId ? `${m.currentWorkOrderId} ${t("tile.op", { op: m.currentOperation ?? "—" })}` : "—")],
      [t("machine.speedSetpoint"), esc(t("machine.perMin", { speed: num(tel.speed, 1), setpoint: num(tel.setpoint, 1) }))],
      [t("machine.counts"), `${num(tel.producedCount)} / ${num(tel.goodCount)} / ${num(tel.scrapCount)}`],
      [t("machine.idealCycle"), esc(t("machine.seconds", { value: num(m.idealCycleTimeSeconds, Number.isInteger(m.idealCycleTimeSeconds) ? 0 : 1) }))],
      [t("machine.capabilities"), esc(m.capabilities.join(", "))],
      [t("machine.nextMaintenance"), `<span data-testid="${tid("next-maintenance", m.id)}">${nextPlanText(this._nextPlan)}</span>`],
      [t("machine.reliability"), `<a href="#/maintenance?machine=${encodeURIComponent(m.id)}" data-testid="${tid("review-link", m.id)}">${esc(t("machine.review"))}</a>`],
      ...Object.entries(tel.temperatures).map(([k, v]) => [`${k} °C`, num(v, 1)] as [string, string]),
      // The fault bit is shown in the fault row, and the heartbeat only proves the PLC runs: its count means nothing to a person.
      ...Object.entries(tel.numbers ?? {}).filter(([k]) => k !== "fault" && k !== "heartbeat").map(([k, v]) => [k, num(v, Number.isInteger(v) ? 0 : 2)] as [string, string]),
      ...Object.entries(tel.tags).filter(([k]) => k !== "fault" && k !== "heartbeat").map(([k, v]) => [k, esc(v)] as [string, string]),
      [t("machine.sourceTime"), esc(time(tel.sourceTimestamp))],
    ];
    const events = segments.filter((s) => s.state !== null).slice(-20).reverse();
    root.innerHTML = `<section class="machine-detail" data-testid="${tid("machine-detail", m.id)}">
      <p><a href="#/">← ${esc(t("common.backToOverview"))}</a></p>
      <h1>${esc(m.name)} <small>${esc(m.id)}</small></h1>
      <div class="tiles">${machineTile(m, store.live)}</div>
      <h2>${esc(t("common.timelineShift"))} <small class="muted" data-testid="shift-label">${esc(this._ctx.shift.label)}</small></h2>
      ${timelineBar(segments, from, now, tid("timeline", m.id))}
      <h2>${esc(t("machine.trends"))}</h2>
      <div class="trend-slot"></div>
      <h2>${esc(t("machine.speed30"))}</h2>
      ${speedTrend(store.speeds(m.id), now, 30 * 60_000, tid("speed-trend", m.id))}
      <h2>${esc(t("machine.telemetry"))}</h2>
      <table class="grid kv" data-testid="${tid("telemetry", m.id)}">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join("")}</table>
      <h2>${esc(t("machine.events"))}</h2>
      <ul class="events" data-testid="${tid("events", m.id)}">${events.map((s, i) => {
        const end = i === 0 ? now : events[i - 1].from;
        return `<li>${esc(time(s.from))} — ${esc(term("states", s.state))}${s.quality !== "Good" ? ` (${esc(term("quality", s.quality))})` : ""}, ${esc(duration(end - s.from))}</li>`;
      }).join("")}</ul>
    </section>`;
    // The trend panel keeps its chart across re-renders: its element moves into the new slot.
    this._trend ??= new TrendPanel(m.id);
    root.querySelector(".trend-slot")?.appendChild(this._trend.element);
  }

  dispose(): void {
    window.clearInterval(this._timer);
    this._trend?.dispose();
  }
}

/** One fault row: the PLC's fault bit (when its tag map reads one) and the reason the host knows. */
function fault(reason: string | null, bit: number | string | undefined): string {
  const on = typeof bit === "number" ? bit !== 0 : bit !== undefined && bit !== "" && bit !== "0" && bit.toLowerCase() !== "false";
  const parts = [bit === undefined ? null : on ? t("machine.faultBitOn") : t("machine.noFaultBit"), reason];
  return esc(parts.filter((p): p is string => !!p).join(" — ") || "—");
}

/** The machine's plan closest to due: title, how far along it is, and when (calendar plans) or that it is due. */
function nextPlanText(p: MaintenancePlan | null): string {
  if (!p) return "—";
  const when = p.due ? t("machine.dueNow") : p.nextDueAt ? t("machine.nextAt", { at: dateTime(p.nextDueAt) }) : "";
  return `<a href="#/maintenance">${esc(p.title)}</a> (${esc(p.id)}): ${esc(progress(p))}${when ? `, ${esc(when)}` : ""}`;
}
