import { ApiError, api } from "../api";
import { esc, tid } from "../html";
import { dateTime, day, duration, money, num, percent, t, term } from "../i18n";
import { ordersOf, reviewPeriods, type MachineReview, type MaintenanceOrder } from "../maintenance";

/** Table headings from their keys. */
const th = (...keys: string[]) => keys.map((k) => `<th>${esc(t(k))}</th>`).join("");

/** Seconds as a span of time, or a dash when there is none (no failure: no MTBF or MTTR). */
const span = (seconds: number | null) => (seconds === null ? "—" : duration(seconds * 1000));

/**
 * The maintenance page's per-machine reliability section: the machine's performance review for the last 7 or 30 days
 * (failures, MTBF, MTTR, availability, lost time, cost of downtime, maintenance compliance), the MTBF/MTTR trend per day,
 * its top failure reasons and its whole maintenance history. The machine and period come from the page's address
 * (`#/maintenance?machine=CNC-01&days=30`, what the machine page links to) and are kept there when changed.
 */
export class ReliabilityPanel {
  readonly element: HTMLElement;
  private _machine: string;
  private _days: number;
  private _review: MachineReview | null = null;
  private _orders: MaintenanceOrder[] = [];
  private _ordersKnown = false;
  private _request = 0;

  constructor(siteMachineIds: string[], params: URLSearchParams) {
    // In id order, whatever order the site registered its machines in, so the default machine is always the same.
    const machineIds = [...siteMachineIds].sort((a, b) => a.localeCompare(b));
    const asked = params.get("machine");
    this._machine = asked && machineIds.includes(asked) ? asked : machineIds[0] ?? "";
    const days = Number(params.get("days"));
    this._days = (reviewPeriods as readonly number[]).includes(days) ? days : reviewPeriods[0];
    this.element = document.createElement("section");
    this.element.className = "reliability";
    this.element.dataset.testid = "reliability";
    this.element.innerHTML = `<h2>${esc(t("reliability.title"))}</h2>
      <p class="muted">${esc(t("reliability.intro"))}</p>
      <div class="filters">
        <label>${esc(t("line.machine"))} <select data-testid="reliability-machine">${machineIds.map((m) =>
          `<option value="${esc(m)}"${m === this._machine ? " selected" : ""}>${esc(m)}</option>`).join("")}</select></label>
        <label>${esc(t("reliability.period"))} <select data-testid="reliability-period">${reviewPeriods.map((d) =>
          `<option value="${d}"${d === this._days ? " selected" : ""}>${esc(t("reliability.lastDays", { days: d }))}</option>`).join("")}</select></label>
      </div>
      <p class="refusal" data-testid="reliability-message" hidden></p>
      <div data-testid="reliability-review"><p class="muted">${esc(t("common.loading"))}</p></div>`;
    this.element.addEventListener("change", (e) => {
      const select = e.target as HTMLSelectElement;
      if (select.dataset.testid === "reliability-machine") this._machine = select.value;
      else if (select.dataset.testid === "reliability-period") this._days = Number(select.value);
      else return;
      // The address keeps the choice (a reload or a shared link opens the same review) without re-opening the page.
      history.replaceState(null, "", `#/maintenance?machine=${encodeURIComponent(this._machine)}&days=${this._days}`);
      void this.load();
    });
  }

  /** The site's orders as the page last read them: the machine's history is drawn from them. */
  set orders(orders: MaintenanceOrder[]) {
    this._orders = orders;
    this._ordersKnown = true;
    this.draw();
  }

  /** Reads the review of the chosen machine and period (up to now); an answer for an earlier choice is dropped. */
  async load(): Promise<void> {
    if (!this._machine) return;
    const request = ++this._request;
    const to = new Date();
    const from = new Date(to.getTime() - this._days * 24 * 3600_000);
    try {
      const review = await api.machineReview(this._machine, from.toISOString(), to.toISOString());
      if (request !== this._request) return;
      this._review = review;
      this.say(null);
      this.draw();
    } catch (err) {
      if (request === this._request) this.say(err);
    }
  }

  private draw(): void {
    const host = this.element.querySelector<HTMLElement>("[data-testid=reliability-review]")!;
    const r = this._review;
    if (!r || r.machineId !== this._machine) return;
    this.element.dataset.machine = r.machineId;
    this.element.dataset.days = String(this._days);
    const c = r.compliance;
    const figures: [string, string, string][] = [
      ["failures", t("kpis.failures"), num(r.failures)],
      ["mtbf", t("reliability.mtbf"), span(r.mtbfSeconds)],
      ["mttr", t("reliability.mttr"), span(r.mttrSeconds)],
      ["availability", t("kpis.availability"), percent(r.availability)],
      ["lost", t("reliability.lostTime"), duration(r.lostSeconds * 1000)],
      ["cost", t("reliability.downtimeCost"), r.downtimeCost ? money(r.downtimeCost.amount, r.downtimeCost.currency) : t("reliability.noRate")],
      ["compliance", t("reliability.compliance"), c.due === 0 ? t("reliability.nothingDue")
        : t("reliability.complianceSummary", { onTime: c.onTime, decided: c.onTime + c.late + c.overdue, rate: percent(c.rate, 0), late: c.late, overdue: c.overdue, open: c.open, cancelled: c.cancelled })],
    ];
    const maxMtbf = Math.max(1, ...r.days.map((d) => d.mtbfSeconds ?? 0));
    const history = ordersOf(this._orders, r.machineId);
    host.innerHTML = `<p class="muted">${esc(t("kpis.fromTo", { from: dateTime(r.from), to: dateTime(r.to) }))}</p>
      <table class="grid kv" data-testid="${tid("reliability-figures", r.machineId)}">${figures.map(([key, label, value]) =>
        `<tr data-testid="${tid("reliability", key)}"><th>${esc(label)}</th><td>${esc(value)}</td></tr>`).join("")}</table>
      <h3>${esc(t("reliability.trend"))}</h3>
      <table class="grid" data-testid="reliability-trend"><tr>${th("reliability.day", "kpis.failures", "reliability.mtbf", "reliability.mttr", "kpis.availability")}<th></th></tr>
        ${r.days.map((d) => `<tr data-testid="${tid("reliability-day", d.from.slice(0, 10))}" data-failures="${d.failures}">
          <td>${esc(day(Date.parse(d.from)))}</td><td>${esc(num(d.failures))}</td><td>${esc(span(d.mtbfSeconds))}</td><td>${esc(span(d.mttrSeconds))}</td>
          <td>${esc(percent(d.availability))}</td>
          <td class="bar-cell"><span class="hbar mtbf" title="${esc(t("reliability.mtbf"))}" style="width:${(((d.mtbfSeconds ?? 0) / maxMtbf) * 100).toFixed(1)}%"></span></td></tr>`).join("")}
      </table>
      <h3>${esc(t("reliability.topReasons"))}</h3>
      ${r.topReasons.length === 0 ? `<p class="muted">${esc(t("reliability.noFailures"))}</p>` :
        `<table class="grid" data-testid="reliability-reasons"><tr>${th("station.reason", "kpis.lost", "kpis.stops", "kpis.share")}</tr>
        ${r.topReasons.map((p) => `<tr data-testid="${tid("reliability-reason", p.reasonCode ?? "unexplained")}" data-seconds="${p.lostSeconds}">
          <td>${esc(p.reasonCode ? p.reasonName : t("kpis.unexplained"))}</td><td>${esc(duration(p.lostSeconds * 1000))}</td><td>${esc(num(p.stops))}</td>
          <td>${esc(percent(p.share))}</td></tr>`).join("")}</table>`}
      <h3>${esc(t("reliability.complianceOrders"))}</h3>
      ${c.orders.length === 0 ? `<p class="muted">${esc(t("reliability.nothingDue"))}</p>` :
        `<table class="grid" data-testid="reliability-due"><tr>${th("station.order", "station.reason", "reliability.deadline", "maintenance.finished", "reliability.outcome")}</tr>
        ${c.orders.map((o) => `<tr data-testid="${tid("reliability-due", o.id)}" data-outcome="${o.outcome}">
          <td>${esc(o.id)}</td><td>${esc(o.reason)}</td><td>${esc(dateTime(o.deadline))}</td><td>${esc(dateTime(o.finishedAt))}</td>
          <td>${esc(term("complianceOutcome", o.outcome))}</td></tr>`).join("")}</table>`}
      <h3>${esc(t("reliability.machineHistory", { machine: r.machineId }))}</h3>
      ${history.length === 0 ? `<p class="muted">${esc(t("reliability.noOrders"))}</p>` :
        `<table class="grid" data-testid="${tid("reliability-history", r.machineId)}">
        <tr>${th("station.order", "maintenance.kind", "station.reason", "maintenance.status", "maintenance.by", "maintenance.finished", "maintenance.took")}</tr>
        ${history.map((o) => `<tr data-testid="${tid("reliability-order", o.id)}"><td>${esc(o.id)}</td><td>${esc(term("maintenanceKind", o.kind))}</td>
          <td>${esc(o.reason)}</td><td>${esc(term("maintenanceStatus", o.status))}</td><td>${esc(o.doneBy ?? "")}</td><td>${esc(dateTime(o.finishedAt))}</td>
          <td>${o.timeTakenSeconds === null ? "—" : esc(duration(o.timeTakenSeconds * 1000))}</td></tr>`).join("")}</table>`}`;
    // Loaded once both the review and the orders (the history) are drawn.
    this.element.dataset.loaded = String(this._ordersKnown);
  }

  private say(err: unknown): void {
    const line = this.element.querySelector<HTMLElement>("[data-testid=reliability-message]")!;
    line.hidden = err === null;
    line.textContent = err === null ? "" : err instanceof ApiError ? err.message : String(err);
  }
}
