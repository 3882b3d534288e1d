import { ApiError, api } from "../api";
import { esc } from "../html";
import { dateTime, num, t, term } from "../i18n";
import { finished } from "../risk";
import { liveModel, scenarioModel } from "../gantt/build";
import { GanttChart } from "../gantt/chart";
import { checkDrop } from "../gantt/drop";
import type { GanttBar, GanttModel } from "../gantt/model";
import type { FullPlan, PlanObjective, Scenario, ScenarioChange, SiteShifts } from "../gantt/wire";
import type { View, ViewContext } from "../view";

declare global {
  interface Window {
    /** The Gantt page's panes, for the browser benchmark: show a model, read the redraw time. */
    factoryGantt?: { live: GanttChart; show(model: GanttModel): void };
  }
}

/**
 * The planner's view (`#/plan`): machines as rows on a time axis over the plan's horizon, bars coloured by work order and
 * framed by due-date risk, shifts, breaks and down windows shaded, a now-line; zoom and scroll. Kept live from the hub's
 * `PlanChanged` (the plan is read again) and the site's deltas. Managers drag a pending operation onto another machine or
 * to another time: the drop is checked here first (see `checkDrop`), then sent as an assignment with the dropped time as
 * its earliest start, which the host checks again. A what-if
 * scenario is planned by the host and drawn below the live plan on the same time axis, with the comparison.
 */
export class GanttView implements View {
  readonly scopes;
  private _plan: FullPlan | null = null;
  private _shifts: SiteShifts | null = null;
  private _scenario: Scenario | null = null;
  private _live: GanttChart | null = null;
  private _what: GanttChart | null = null;
  private _key = "";
  private _bench = false;
  private _loading = false;
  private _again = false;
  private readonly _offPlan: () => void;
  private readonly _timer: number;

  constructor(private readonly _ctx: ViewContext) {
    this.scopes = [{ scope: "site" as const, id: _ctx.siteId }];
    this._offPlan = _ctx.live.on("PlanChanged", (e: { planVersion: number }) => {
      if (!this._plan || e.planVersion > this._plan.version) void this.load();
    });
    // The now-line and due-date risk move with the clock.
    this._timer = window.setInterval(() => this.refresh(true), 30_000);
    void this.load();
  }

  dispose(): void {
    this._offPlan();
    window.clearInterval(this._timer);
    if (window.factoryGantt?.live === this._live) delete window.factoryGantt;
  }

  render(): void {
    if (!this._live) this.layout();
    this.refresh(false);
  }

  private layout(): void {
    const { root, me } = this._ctx;
    root.innerHTML = `<section class="plan-page" data-testid="gantt-page">
      <h1>${esc(t("gantt.title"))} <small class="muted" data-testid="gantt-version">${esc(t("common.loading"))}</small></h1>
      <div class="gantt-tools">
        <button data-action="zoom-out" data-testid="gantt-zoom-out" title="${esc(t("gantt.zoomOut"))}">−</button>
        <button data-action="zoom-in" data-testid="gantt-zoom-in" title="${esc(t("gantt.zoomIn"))}">+</button>
        <button data-action="now" data-testid="gantt-now">${esc(t("gantt.now"))}</button>
        <span class="legend">
          <span><span class="swatch shade-off-shift"></span>${esc(t("gantt.noShift"))}</span>
          <span><span class="swatch shade-break"></span>${esc(t("gantt.break"))}</span>
          <span><span class="swatch shade-down"></span>${esc(t("gantt.down"))}</span>
          <span><span class="swatch frame-at-risk"></span>${esc(term("risk", "at-risk"))}</span>
          <span><span class="swatch frame-overdue"></span>${esc(term("risk", "overdue"))}</span>
          <span class="muted">${esc(me.canManage ? t("gantt.howToMove") : t("gantt.readOnly"))}</span>
        </span>
      </div>
      <div data-pane="live"></div>
      ${me.canManage ? this.scenarioForm() : ""}
      <div data-testid="scenario-result"></div>
      <div data-pane="scenario"></div>
    </section>`;
    this._live = new GanttChart(root.querySelector<HTMLElement>("[data-pane=live]")!, {
      testId: "gantt-live",
      height: 440,
      canDrag: me.canManage,
      check: (bar, rowId, at) => this.check(bar, rowId, at),
      drop: (bar, rowId, at) => this.drop(bar, rowId, at),
      onView: (px, left) => this._what?.follow(px, left),
    });
    window.factoryGantt = {
      live: this._live,
      show: (model) => {
        this._bench = true;
        this._live!.setModel(model);
      },
    };
    root.querySelector(".plan-page")!.addEventListener("click", (e) => void this.click(e));
  }

  private scenarioForm(): string {
    return `<form class="scenario-form" data-testid="scenario-form" onsubmit="return false">
      <strong>${esc(t("gantt.whatIf"))}</strong>
      <select data-field="kind" data-testid="scenario-kind">
        <option value="machineDown">${esc(t("gantt.machineDown"))}</option><option value="workerAbsent">${esc(t("gantt.workerAbsent"))}</option><option value="priority">${esc(t("gantt.priority"))}</option>
      </select>
      <select data-field="machine" data-testid="scenario-machine"></select>
      <select data-field="worker" data-testid="scenario-worker"></select>
      <select data-field="order" data-testid="scenario-order"></select>
      <label>${esc(t("gantt.fromNow"))} <input data-field="from" data-testid="scenario-from" type="number" min="0" max="720" step="0.25" value="0"> h</label>
      <label>${esc(t("kpis.for"))} <input data-field="hours" data-testid="scenario-hours" type="number" min="0.25" max="744" step="0.25" value="4"> h</label>
      <label>${esc(t("gantt.priority"))} <input data-field="priority" data-testid="scenario-priority" type="number" min="1" max="100" value="5"></label>
      <button data-action="run" data-testid="scenario-run">${esc(t("gantt.run"))}</button>
      <span data-testid="scenario-message" class="muted"></span>
    </form>`;
  }

  /**
   * The what-if choices follow the store: the page may open before the site's machines, workers and orders have loaded,
   * and orders come and go while it is open. A choice already made stays chosen while it is still offered.
   */
  private fillScenarioChoices(): void {
    const { store, root } = this._ctx;
    const fill = (field: string, ids: string[]) => {
      const select = root.querySelector<HTMLSelectElement>(`[data-testid=scenario-form] [data-field=${field}]`);
      if (!select || select.dataset.ids === ids.join("|")) return;
      const chosen = select.value;
      select.innerHTML = ids.map((id) => `<option value="${esc(id)}">${esc(id)}</option>`).join("");
      select.dataset.ids = ids.join("|");
      if (ids.includes(chosen)) select.value = chosen;
    };
    fill("machine", [...store.machines.keys()].sort());
    fill("worker", [...store.workers.values()].filter((w) => w.clockedIn).map((w) => w.id).sort());
    fill("order", [...store.workOrders.values()].filter((o) => !o.done).map((o) => o.id).sort());
  }

  private async load(): Promise<void> {
    // A version announced while a read is under way is read again after it: dropping it would leave the page on an old
    // plan until the next change (a manager's drop is followed by two versions within a second, re-plan then optimizer).
    if (this._loading) {
      this._again = true;
      return;
    }
    this._loading = true;
    this._again = false;
    try {
      const plan = await api.plan(this._ctx.siteId);
      const now = Date.now();
      const last = plan.operations.reduce((m, o) => Math.max(m, Date.parse(o.end)), now + 8 * 3_600_000);
      this._shifts = await api.shifts(this._ctx.siteId, new Date(now - 3_600_000).toISOString(),
        new Date(Math.min(last + 3_600_000, now + 30 * 86_400_000)).toISOString()).catch(() => this._shifts);
      this._plan = plan;
      this.refresh(true);
    } finally {
      this._loading = false;
    }
    if (this._again) await this.load();
  }

  private refresh(force: boolean): void {
    const { store, root } = this._ctx;
    this.fillScenarioChoices();
    if (!this._live || !this._plan || this._bench || !store.site) return;
    const key = [this._plan.version, store.live, ...[...store.machines.values()].map((m) => `${m.id}:${m.state}:${m.available}`),
      ...[...store.workOrders.values()].map((o) => `${o.id}:${o.version}`), this._scenario?.id, this._scenario?.status].join("|");
    if (!force && key === this._key) return;
    const first = this._key === "";
    this._key = key;
    const now = Date.now();
    const model = liveModel(store, this._plan.operations, this._shifts, now, this._plan.maintenance ?? []);
    this._live.setModel(model);
    if (first) this._live.scrollToTime(now - 15 * 60_000);
    const version = root.querySelector("[data-testid=gantt-version]");
    if (version) {
      version.textContent = `v${this._plan.version} · ${this._plan.trigger} · ${this._plan.solver} · ${objective(this._plan.objective)}`;
      (version as HTMLElement).dataset.version = String(this._plan.version);
    }
    this.showScenario(model);
  }

  private check(bar: GanttBar, rowId: string, at: number): string | null {
    const { store } = this._ctx;
    const order = store.workOrders.get(bar.workOrderId);
    const op = order?.operations.find((o) => o.sequence === bar.sequence);
    const previous = order?.operations.filter((o) => o.sequence < bar.sequence && !finished(o)).sort((a, b) => b.sequence - a.sequence)[0];
    const planned = previous && this._plan?.operations.find((o) => o.workOrderId === bar.workOrderId && o.sequence === previous.sequence);
    const result = checkDrop({
      order, op, machine: store.machines.get(rowId), workers: store.workers.values(), currentMachineId: bar.rowId, currentStart: bar.start, at,
      predecessorEnd: planned ? Date.parse(planned.end) : null, shades: this._live?.model.shades ?? [], now: Date.now(),
    });
    return result.ok ? null : result.reason;
  }

  private async drop(bar: GanttBar, rowId: string, at: number): Promise<string | null> {
    const { store } = this._ctx;
    const order = store.workOrders.get(bar.workOrderId);
    const op = order?.operations.find((o) => o.sequence === bar.sequence);
    const result = checkDrop({
      order, op, machine: store.machines.get(rowId), workers: store.workers.values(), currentMachineId: bar.rowId, currentStart: bar.start, at,
      predecessorEnd: null, shades: [], now: Date.now(),
    });
    if (!result.ok) return result.reason;
    try {
      store.applyWorkOrder(await api.assign(bar.workOrderId, bar.sequence, rowId, result.workerId, result.notBefore));
      return null;
    } catch (err) {
      return err instanceof ApiError ? `${err.message} (${err.status})` : String(err);
    }
  }

  private async click(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLElement>("button[data-action]");
    if (!button) return;
    e.preventDefault();
    switch (button.dataset.action) {
      case "zoom-in": this._live?.zoom(1.5); break;
      case "zoom-out": this._live?.zoom(1 / 1.5); break;
      case "now": this._live?.scrollToTime(Date.now() - 15 * 60_000); break;
      case "run": await this.run(button); break;
      case "propose":
      case "apply": await this.decide(button.dataset.action); break;
    }
  }

  private async run(button: HTMLElement): Promise<void> {
    const form = this._ctx.root.querySelector<HTMLFormElement>("[data-testid=scenario-form]")!;
    const field = (name: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field=${name}]`)!.value;
    const message = form.querySelector<HTMLElement>("[data-testid=scenario-message]")!;
    const from = Date.now() + Number(field("from")) * 3_600_000;
    const to = from + Number(field("hours")) * 3_600_000;
    const kind = field("kind");
    const change: ScenarioChange = kind === "machineDown" ? { kind, machineId: field("machine"), from: new Date(from).toISOString(), to: new Date(to).toISOString() }
      : kind === "workerAbsent" ? { kind, workerId: field("worker"), from: new Date(from).toISOString(), to: new Date(to).toISOString() }
      : { kind, workOrderId: field("order"), priority: Number(field("priority")) };
    const target = change.machineId ?? change.workerId ?? change.workOrderId;
    button.setAttribute("disabled", "");
    message.textContent = t("gantt.planning");
    try {
      this._scenario = await api.runScenario(this._ctx.siteId, { name: `${kind} ${target}`, changes: [change] });
      message.textContent = "";
    } catch (err) {
      message.textContent = err instanceof ApiError ? t("gantt.refused", { why: err.message }) : String(err);
    } finally {
      button.removeAttribute("disabled");
    }
    this.refresh(true);
  }

  private async decide(action: "propose" | "apply"): Promise<void> {
    const s = this._scenario;
    const out = this._ctx.root.querySelector<HTMLElement>("[data-testid=scenario-decision]");
    if (!s || !out) return;
    try {
      const plan = action === "apply" ? await api.applyScenario(this._ctx.siteId, s.id) : await api.proposeScenario(this._ctx.siteId, s.id);
      this._scenario = { ...s, status: action === "apply" ? "applied" : "proposed" };
      out.textContent = action === "apply" ? t("gantt.applied", { version: plan.version }) : t("gantt.proposed");
      if (action === "apply") await this.load();
    } catch (err) {
      out.textContent = err instanceof ApiError ? t("gantt.refused", { why: err.message }) : String(err);
    }
  }

  private showScenario(live: GanttModel): void {
    const s = this._scenario;
    const host = this._ctx.root.querySelector<HTMLElement>("[data-testid=scenario-result]");
    const pane = this._ctx.root.querySelector<HTMLElement>("[data-pane=scenario]");
    if (!host || !pane) return;
    if (!s) {
      host.innerHTML = "";
      return;
    }
    const decision = host.querySelector("[data-testid=scenario-decision]")?.textContent ?? "";
    const fig = (o: PlanObjective | null, testId: string) => o
      ? `<span data-testid="${testId}" data-late="${o.lateWorkOrders}">${esc(t("gantt.figures", { late: o.lateWorkOrders, minutes: num(Math.round(o.weightedTardinessSeconds / 60)), done: dateTime(o.makespan) }))}</span>`
      : `<span data-testid="${testId}">${esc(t("gantt.noPlan"))}</span>`;
    host.innerHTML = `<div class="scenario-summary" data-testid="scenario-summary" data-status="${esc(s.status)}">
      <strong>${esc(t("gantt.scenario", { id: s.id }))}: ${esc(s.name)}</strong> <small class="muted">${esc(term("scenarioStatus", s.status))} · ${esc(s.solver)} · ${num(Math.round(s.elapsedMilliseconds))} ms · ${esc(t("gantt.comparedWith", { version: s.basedOnVersion }))}</small>
      <div>${esc(t("gantt.live"))}: ${fig(s.live, "scenario-live")}</div>
      <div>${esc(t("gantt.scenarioLabel"))}: ${fig(s.scenario, "scenario-figures")}</div>
      <div data-testid="scenario-changes" data-machine="${s.machineChanges}" data-worker="${s.workerChanges}">${esc(t("gantt.changes", { machines: s.machineChanges, workers: s.workerChanges, moves: s.moves.length }))}</div>
      ${s.notes.map((n) => `<div class="muted">${esc(n)}</div>`).join("")}
      ${this._ctx.me.canManage && s.status === "planned" ? `<button data-action="propose" data-testid="scenario-propose">${esc(t("gantt.propose"))}</button>
        <button data-action="apply" data-testid="scenario-apply">${esc(t("gantt.apply"))}</button>` : ""}
      <span data-testid="scenario-decision">${esc(decision)}</span>
    </div>`;
    if (!this._what) {
      this._what = new GanttChart(pane, {
        testId: "gantt-scenario", height: 440, canDrag: false,
        onView: (px, left) => this._live?.follow(px, left),
      });
    }
    this._what.setModel(scenarioModel(this._ctx.store, s, live, this._shifts, Date.now()));
    this._what.follow(this._live!.pxPerHour, this._ctx.root.querySelector<HTMLElement>("[data-pane=live] .gantt-scroll")?.scrollLeft ?? 0);
  }
}

function objective(o: PlanObjective | null): string {
  return o ? t("gantt.objective", { late: o.lateWorkOrders, done: dateTime(o.makespan) }) : "";
}
