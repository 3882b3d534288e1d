import { ApiError, api } from "../api";
import { budgetShare, type CostChanged, type CostRow } from "../costs";
import { esc, tid } from "../html";
import { money, percent, t, time } from "../i18n";
import type { View, ViewContext } from "../view";

/** Table headings from their keys. */
const th = (...keys: string[]) => keys.map((k) => `<th>${esc(t(k))}</th>`).join("");

/**
 * Cost against budget: every work order (actual so far, the plan's forecast, budget, variance, a bar of the budget
 * spent; live from the hub's `CostChanged`) and every line over the current shift, split by labour, machine, idle,
 * material and scrap.
 */
export class CostsView implements View {
  readonly scopes;
  private readonly _off: (() => void)[] = [];
  private _orders = new Map<string, CostRow>();
  private _versions = new Map<string, number>();
  private _lines: CostRow[] = [];
  private _built = false;
  private _liveUpdates = 0;
  private _refresh = 0;

  constructor(private readonly _ctx: ViewContext) {
    // CostChanged goes to the site's group.
    this.scopes = [{ scope: "site" as const, id: _ctx.siteId }];
    this._off.push(_ctx.live.on("CostChanged", (e: CostChanged) => this.applyLive(e)));
    // Lines cost idle time too, which no event announces: read them again every 30 s.
    this._refresh = window.setInterval(() => void this.loadLines(), 30_000);
  }

  render(): void {
    if (this._built && this._ctx.root.querySelector("[data-testid=costs-page]")) return;
    this._built = true;
    this._ctx.root.innerHTML = `<section class="costs-page" data-testid="costs-page">
      <h1>${esc(t("costs.title"))}</h1>
      <p class="muted">${esc(t("costs.intro"))} <a href="/api/v1/costs.csv?entity=workorder&siteId=${encodeURIComponent(this._ctx.siteId)}" download data-testid="costs-csv">CSV</a></p>
      <h2>${esc(t("costs.lines"))}</h2>
      <div data-testid="cost-lines"><p class="muted">${esc(t("common.loading"))}</p></div>
      <h2>${esc(t("costs.orders"))}</h2>
      <div data-testid="cost-orders"><p class="muted">${esc(t("common.loading"))}</p></div>
    </section>`;
    void this.loadOrders();
    void this.loadLines();
  }

  dispose(): void {
    window.clearInterval(this._refresh);
    for (const off of this._off) off();
  }

  private async loadOrders(): Promise<void> {
    try {
      const rows = await api.costs({ entity: "workorder", siteId: this._ctx.siteId });
      this._orders = new Map(rows.map((r) => [r.id, r]));
      this.drawOrders();
    } catch (err) {
      this.refuse("cost-orders", err);
    }
  }

  private async loadLines(): Promise<void> {
    try {
      this._lines = await api.costs({ entity: "line", siteId: this._ctx.siteId });
      this.drawLines();
    } catch (err) {
      this.refuse("cost-lines", err);
    }
  }

  private applyLive(e: CostChanged): void {
    const row = this._orders.get(e.workOrderId);
    if (!row || e.siteId !== this._ctx.siteId || (this._versions.get(e.workOrderId) ?? -1) >= e.version) return;
    this._versions.set(e.workOrderId, e.version);
    this._orders.set(e.workOrderId, { ...row, actual: e.actual, budget: e.budget, variance: e.variance, overBudget: e.overBudget });
    this._liveUpdates++;
    this.drawOrders();
  }

  private drawOrders(): void {
    const host = this._ctx.root.querySelector<HTMLElement>("[data-testid=cost-orders]");
    if (!host) return;
    const rows = [...this._orders.values()].sort((a, b) => (b.variance ?? -Infinity) - (a.variance ?? -Infinity) || a.id.localeCompare(b.id));
    host.dataset.liveUpdates = String(this._liveUpdates);
    host.innerHTML = `<table class="grid costs"><tr>${th("station.order", "costs.product", "costs.actual", "costs.budget", "costs.spent", "costs.variance", "costs.planned",
        "costs.labour", "line.machine", "costs.material", "line.scrap")}</tr>
      ${rows.map((r) => this.row(r, "cost-order", r.planned?.total ?? null)).join("")}</table>`;
  }

  private drawLines(): void {
    const host = this._ctx.root.querySelector<HTMLElement>("[data-testid=cost-lines]");
    if (!host) return;
    const span = this._lines[0] ? `${time(this._lines[0].from)} – ${time(this._lines[0].to)}` : "";
    host.innerHTML = `<p class="muted">${esc(span)}</p><table class="grid costs"><tr>${th("machine.line", "costs.name", "costs.actual", "costs.budget", "costs.spent", "costs.variance", "costs.idle",
        "costs.labour", "line.machine", "costs.material", "line.scrap")}</tr>
      ${this._lines.map((r) => this.row(r, "cost-line", r.actual.idle)).join("")}</table>`;
  }

  /** One row: the amounts, and a bar of the budget spent (red when over). */
  private row(r: CostRow, kind: string, extra: number | null): string {
    const c = r.currency;
    const share = budgetShare(r.actual.total, r.budget);
    return `<tr data-testid="${tid(kind, r.id)}" data-actual="${r.actual.total}" data-budget="${r.budget ?? ""}" data-variance="${r.variance ?? ""}" data-over="${r.overBudget}"
        class="${r.overBudget ? "over-budget" : ""}">
      <td><strong>${esc(r.id)}</strong></td><td>${esc(r.name)}</td>
      <td data-testid="${tid(kind, r.id, "actual")}">${esc(money(r.actual.total, c))}</td>
      <td>${esc(money(r.budget, c))}</td>
      <td>${share === null ? `<span class="muted">${esc(t("costs.noBudget"))}</span>` : `<span class="budget-bar" title="${esc(t("costs.share", { share: percent(share / 100, 0) }))}"><span class="budget-fill ${r.overBudget ? "over" : ""}" style="width:${share.toFixed(1)}%"></span></span>`}</td>
      <td data-testid="${tid(kind, r.id, "variance")}">${r.variance === null ? "—" : `${r.variance > 0 ? "+" : ""}${esc(money(r.variance, c))}`}</td>
      <td>${esc(money(extra, c))}</td>
      <td>${esc(money(r.actual.labour, c))}</td><td>${esc(money(r.actual.machine, c))}</td>
      <td>${esc(money(r.actual.material, c))}</td><td>${esc(money(r.actual.scrap, c))}</td>
    </tr>`;
  }

  private refuse(testId: string, err: unknown): void {
    const host = this._ctx.root.querySelector<HTMLElement>(`[data-testid=${testId}]`);
    if (host) host.innerHTML = `<p class="refusal">${esc(err instanceof ApiError ? err.message : String(err))}</p>`;
  }
}
