import { ApiError, api } from "../api";
import { esc, tid } from "../html";
import { dateTime, duration, t, term } from "../i18n";
import { backlog, dueSoon, historyByMachine, progress, type MaintenanceOrder, type MaintenancePlan } from "../maintenance";
import type { View, ViewContext } from "../view";
import { ReliabilityPanel } from "./reliability";

/** Table headings from their keys. */
const th = (...keys: string[]) => keys.map((k) => `<th>${esc(t(k))}</th>`).join("");

/**
 * The maintenance team's page: the backlog of open orders (overdue first; managers and the maintenance team start and
 * finish them), the plans due or due soon, each machine's history of done and cancelled orders, and one machine's
 * reliability (its performance review, MTBF/MTTR per day and whole history, see {@link ReliabilityPanel}). Orders, plans
 * and the review are read every 30 s, since a plan falling due is found by the host's evaluation, which no event announces.
 */
export class MaintenanceView implements View {
  readonly scopes = [];
  private _refresh = 0;
  private _orders: MaintenanceOrder[] = [];
  private _plans: MaintenancePlan[] = [];
  private readonly _reliability: ReliabilityPanel;

  constructor(private readonly _ctx: ViewContext, params: URLSearchParams) {
    this._reliability = new ReliabilityPanel(_ctx.site.machineIds, params);
    this._refresh = window.setInterval(() => void this.load(), 30_000);
  }

  render(): void {
    if (this._ctx.root.querySelector("[data-testid=maintenance-page]")) return;
    this._ctx.root.innerHTML = `<section class="maintenance-page" data-testid="maintenance-page">
      <h1>${esc(t("maintenance.title"))}</h1>
      <p class="muted">${esc(t("maintenance.intro"))}</p>
      <p class="refusal" data-testid="maintenance-message" hidden></p>
      <h2>${esc(t("maintenance.backlog"))}</h2>
      <div data-testid="maintenance-backlog"><p class="muted">${esc(t("common.loading"))}</p></div>
      <h2>${esc(t("maintenance.dueSoon"))}</h2>
      <div data-testid="maintenance-due"><p class="muted">${esc(t("common.loading"))}</p></div>
      <h2>${esc(t("maintenance.history"))}</h2>
      <div data-testid="maintenance-history"><p class="muted">${esc(t("common.loading"))}</p></div>
    </section>`;
    this._ctx.root.querySelector("[data-testid=maintenance-page]")!.appendChild(this._reliability.element);
    this._ctx.root.querySelector("[data-testid=maintenance-backlog]")!.addEventListener("click", (e) => void this.act(e));
    void this.load();
  }

  dispose(): void {
    window.clearInterval(this._refresh);
  }

  private async load(): Promise<void> {
    try {
      const review = this._reliability.load();
      [this._orders, this._plans] = await Promise.all([api.maintenanceOrders(), api.maintenancePlans()]);
      this.say(null);
      this.draw();
      this._reliability.orders = this._orders;
      await review;
    } catch (err) {
      this.say(err);
    }
  }

  private async act(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-step]");
    if (!button) return;
    button.disabled = true;
    try {
      await api.maintenanceStep(button.dataset.order!, button.dataset.step as "start" | "finish");
      await this.load();
    } catch (err) {
      this.say(err);
      button.disabled = false;
    }
  }

  private draw(): void {
    const root = this._ctx.root;
    const open = backlog(this._orders);
    root.querySelector("[data-testid=maintenance-backlog]")!.innerHTML = open.length === 0 ? `<p class="muted">${esc(t("maintenance.noOpen"))}</p>` :
      `<table class="grid"><tr>${th("station.order", "line.machine", "maintenance.kind", "station.reason", "maintenance.skill", "maintenance.status", "maintenance.due", "maintenance.window")}<th></th></tr>
      ${open.map((o) => this.openRow(o)).join("")}</table>`;
    const soon = dueSoon(this._plans);
    root.querySelector("[data-testid=maintenance-due]")!.innerHTML = soon.length === 0 ? `<p class="muted">${esc(t("maintenance.noneDue"))}</p>` :
      `<table class="grid"><tr>${th("maintenance.plan", "line.machine", "maintenance.planTitle", "maintenance.used", "line.state")}</tr>
      ${soon.map((p) => `<tr data-testid="${tid("maintenance-plan", p.id)}" data-due="${p.due}">
        <td><strong>${esc(p.id)}</strong></td><td>${esc(p.machineId)}</td><td>${esc(p.title)}</td><td>${esc(progress(p))}</td>
        <td>${p.due ? `${esc(t("maintenance.isDue"))}${p.openOrderId ? `: ${esc(p.openOrderId)}` : ""}` : p.nextDueAt ? esc(t("machine.nextAt", { at: dateTime(p.nextDueAt) })) : esc(t("maintenance.soon"))}</td></tr>`).join("")}</table>`;
    const history = historyByMachine(this._orders);
    root.querySelector("[data-testid=maintenance-history]")!.innerHTML = history.size === 0 ? `<p class="muted">${esc(t("maintenance.nothingDone"))}</p>` :
      [...history].map(([machine, orders]) => `<h3>${esc(machine)}</h3><table class="grid" data-testid="${tid("maintenance-history", machine)}">
        <tr>${th("station.order", "station.reason", "maintenance.status", "maintenance.by", "maintenance.finished", "maintenance.took", "maintenance.note")}</tr>
        ${orders.map((o) => `<tr data-testid="${tid("maintenance-done", o.id)}"><td>${esc(o.id)}</td><td>${esc(o.reason)}</td><td>${esc(term("maintenanceStatus", o.status))}</td>
          <td>${esc(o.doneBy ?? "")}</td><td>${esc(dateTime(o.finishedAt))}</td>
          <td>${o.timeTakenSeconds === null ? "—" : esc(duration(o.timeTakenSeconds * 1000))}</td><td>${esc(o.note ?? "")}</td></tr>`).join("")}
      </table>`).join("");
  }

  private openRow(o: MaintenanceOrder): string {
    const step = !this._ctx.me.canMaintain ? null : o.status === "InProgress" ? "finish" : "start";
    return `<tr data-testid="${tid("maintenance-order", o.id)}" data-status="${o.status}" data-overdue="${o.overdue}" class="${o.overdue ? "overdue" : ""}">
      <td><strong>${esc(o.id)}</strong></td><td>${esc(o.machineId)}</td><td>${esc(term("maintenanceKind", o.kind))}</td><td>${esc(o.reason)}</td><td>${esc(o.skill ?? "")}</td>
      <td data-testid="${tid("maintenance-order", o.id, "status")}">${esc(term("maintenanceStatus", o.status))}${o.overdue ? ` <strong>${esc(t("risk.overdue"))}</strong>` : ""}</td>
      <td>${esc(dateTime(o.dueBy))}</td>
      <td>${this.windowCell(o)}</td>
      <td>${step ? `<button type="button" data-step="${step}" data-order="${esc(o.id)}" data-testid="${tid("maintenance-order", o.id, step)}">${esc(step === "start" ? t("maintenance.start") : t("maintenance.finish"))}</button>` : ""}</td>
    </tr>`;
  }

  /** The order's window, or else the slot the plan in force placed it in (with its worker), or a dash. */
  private windowCell(o: MaintenanceOrder): string {
    if (o.windowStart) return `${esc(dateTime(o.windowStart))} – ${esc(dateTime(o.windowEnd))}`;
    if (!o.plannedStart) return "—";
    const worker = o.plannedWorkerId ? ` · ${esc(o.plannedWorkerId)}` : "";
    return `<span data-testid="${tid("maintenance-order", o.id, "placed")}">${esc(dateTime(o.plannedStart))} – ${esc(dateTime(o.plannedEnd))}</span>
      <em>(${esc(t("maintenance.placed"))}${worker})</em>`;
  }

  private say(err: unknown): void {
    const line = this._ctx.root.querySelector<HTMLElement>("[data-testid=maintenance-message]");
    if (!line) return;
    line.hidden = err === null;
    line.textContent = err === null ? "" : err instanceof ApiError ? err.message : String(err);
  }
}
