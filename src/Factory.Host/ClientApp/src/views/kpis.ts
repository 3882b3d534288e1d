import { ApiError, api, query } from "../api";
import { esc, tid } from "../html";
import { dateTime, duration, num, percent, t, term, time, timeZone } from "../i18n";
import type { DowntimeReason, DowntimeReport, DowntimeStop, KpiView } from "../production";
import { startOfDay } from "../shift";
import type { LineView } from "../types";
import { throughputTitle } from "../components";
import type { View, ViewContext } from "../view";
import { fromLocalInput, toLocalInput } from "./alarms";

type WindowKind = "shift" | "today" | "week" | "custom";

interface Row {
  entity: "site" | "line" | "machine";
  id: string;
  kpi: KpiView | null;
  error?: string;
}

const pct = (v: number | null | undefined) => percent(v, 1);
const secs = (v: number | null | undefined) => (v === null || v === undefined ? "—" : duration(v * 1000));

/**
 * Performance (ISO 22400): OEE, availability, effectiveness and quality per site, line and machine for the current
 * shift (live from the hub's `KpiChanged`), today, the last 7 days or a custom window; the downtime Pareto by reason,
 * MTBF/MTTR, CSV export, attaching a reason to an unexplained stop (any signed-in user, as the API allows), and for a manager
 * or the maintenance team a corrective maintenance order made from a stop in one click (linked to the stop and its alarm).
 * `#/kpis?window=custom&from=…&to=…` opens a given window (ISO instants).
 */
export class KpisView implements View {
  readonly scopes;
  private _kind: WindowKind;
  private _from = 0;
  private _to = 0;
  private _rows: Row[] = [];
  private _downtime: DowntimeReport | null = null;
  private _reasons: DowntimeReason[] = [];
  private _built = false;
  private _loading = 0;
  private _refresh: number | undefined;
  private readonly _off: (() => void)[] = [];
  private _refusal = "";
  private _lines: LineView[] | null = null;
  private _liveUpdates = 0;
  private _downtimeScope: { entity: string; id: string };
  /** The maintenance order made from each stop, by "machine|interval start" (read for those who may make them). */
  private _ordersByStop = new Map<string, string>();

  constructor(private readonly _ctx: ViewContext, params: URLSearchParams) {
    // The KPI deltas go to each entity's own group: the page joins the site, its lines and its machines.
    this.scopes = [
      { scope: "site" as const, id: _ctx.siteId },
      ..._ctx.site.lineIds.map((id) => ({ scope: "line" as const, id })),
      ..._ctx.site.machineIds.map((id) => ({ scope: "machine" as const, id })),
    ];
    this._downtimeScope = { entity: "site", id: _ctx.siteId };
    const kind = params.get("window") as WindowKind | null;
    this._kind = kind && ["shift", "today", "week", "custom"].includes(kind) ? kind : "shift";
    if (this._kind === "custom") {
      this._from = Date.parse(params.get("from") ?? "");
      this._to = Date.parse(params.get("to") ?? "");
      if (Number.isNaN(this._from) || Number.isNaN(this._to)) this._kind = "shift";
    }
    this._off.push(_ctx.live.on("KpiChanged", (e: { kpis: KpiView }) => this.applyLive(e.kpis)));
    this._off.push(_ctx.shift.subscribe(() => {
      if (this._kind === "shift") void this.load();
    }));
    void api.reasons(_ctx.siteId).then((r) => { this._reasons = r; this.drawDowntime(); }).catch(() => undefined);
    // Windows that end "now" move on; the live shift comes from the hub, the others are read again every 30 s.
    this._refresh = window.setInterval(() => {
      if (this._kind === "today" || this._kind === "week") void this.load();
    }, 30_000);
  }

  render(): void {
    if (!this._built || !this._ctx.root.querySelector("[data-testid=kpis-page]")) {
      this.build();
      void this.load();
    }
  }

  dispose(): void {
    window.clearInterval(this._refresh);
    for (const off of this._off) off();
  }

  private build(): void {
    const { root } = this._ctx;
    root.innerHTML = `<section class="kpis-page" data-testid="kpis-page">
      <h1>${esc(t("kpis.title"))} <small class="muted">ISO 22400</small></h1>
      <form class="filters" data-testid="kpi-window-form">
        <label>${esc(t("kpis.window"))} <select name="kind" data-testid="kpi-window">
          <option value="shift">${esc(t("kpis.shift"))}</option><option value="today">${esc(t("kpis.today"))}</option>
          <option value="week">${esc(t("kpis.week"))}</option><option value="custom">${esc(t("kpis.custom"))}</option></select></label>
        <label>${esc(t("common.from"))} <input type="datetime-local" name="from" data-testid="kpi-from"></label>
        <label>${esc(t("common.to"))} <input type="datetime-local" name="to" data-testid="kpi-to"></label>
        <button type="submit" data-testid="kpi-apply">${esc(t("kpis.show"))}</button>
        <span data-testid="kpi-window-label" class="muted"></span>
      </form>
      <div data-testid="kpi-table"><p class="muted">${esc(t("common.loading"))}</p></div>
      <h2>${esc(t("kpis.downtime"))}</h2>
      <label>${esc(t("kpis.for"))} <select data-testid="downtime-scope"><option value="site:${esc(this._ctx.siteId)}">${esc(t("kpis.wholeSite"))}</option>
        ${[...this._ctx.site.lineIds].sort().map((l) => `<option value="line:${esc(l)}">${esc(t("kpis.lineId", { id: l }))}</option>`).join("")}</select></label>
      <div data-testid="downtime"><p class="muted">${esc(t("common.loading"))}</p></div>
    </section>`;
    this._built = true;
    const form = root.querySelector<HTMLFormElement>("[data-testid=kpi-window-form]")!;
    form.kind.value = this._kind;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const kind = form.kind.value as WindowKind;
      if (kind === "custom") {
        const from = fromLocalInput(form.from.value);
        const to = fromLocalInput(form.to.value);
        if (!from || !to) {
          this._refusal = t("kpis.needsFromTo");
          this.drawTable();
          return;
        }
        location.hash = `#/kpis${query({ window: kind, from, to })}`;
      } else {
        location.hash = `#/kpis${query({ window: kind })}`;
      }
    });
    root.querySelector("[data-testid=downtime]")!.addEventListener("click", (e) => void this.attach(e));
    root.querySelector("[data-testid=downtime]")!.addEventListener("click", (e) => void this.createOrder(e));
    root.querySelector<HTMLSelectElement>("[data-testid=downtime-scope]")!.addEventListener("change", (e) => {
      const value = (e.target as HTMLSelectElement).value;
      const colon = value.indexOf(":");
      this._downtimeScope = { entity: value.slice(0, colon), id: value.slice(colon + 1) };
      void this.load();
    });
  }

  /** The window for the chosen kind, ending now except for a custom one. */
  private window(): [number, number] {
    const now = Date.now();
    switch (this._kind) {
      case "shift": return [this._ctx.shift.start, now];
      case "today": return [startOfDay(this._ctx.site.timeZone, now), now];
      case "week": return [now - 7 * 24 * 3600_000, now];
      default: return [this._from, this._to];
    }
  }

  private async load(): Promise<void> {
    const ticket = ++this._loading;
    const [from, to] = this.window();
    const fromIso = new Date(from).toISOString();
    const toIso = new Date(to).toISOString();
    this._lines ??= await api.lines(this._ctx.siteId).catch(() => null);
    const lines = [...(this._lines ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    const wanted: Row[] = [
      { entity: "site", id: this._ctx.siteId, kpi: null },
      ...lines.flatMap((l) => [
        { entity: "line" as const, id: l.id, kpi: null },
        ...l.machineIds.map((m) => ({ entity: "machine" as const, id: m, kpi: null })),
      ]),
    ];
    const rows = await Promise.all(wanted.map(async (r) => {
      try {
        return { ...r, kpi: (await api.kpis(r.entity, r.id, fromIso, toIso))[0] ?? null };
      } catch (err) {
        return { ...r, error: err instanceof Error ? err.message : String(err) };
      }
    }));
    let downtime: DowntimeReport | null = null;
    try {
      downtime = await api.downtime(this._downtimeScope.entity, this._downtimeScope.id, fromIso, toIso);
    } catch {
      downtime = null;
    }
    // Read before the staleness check, so a newer load's answer is never overwritten by this one's.
    const ordersByStop = this._ctx.me.canMaintain ? await this.ordersByStop() : this._ordersByStop;
    if (ticket !== this._loading) return;
    this._rows = rows;
    this._downtime = downtime;
    this._ordersByStop = ordersByStop;
    this._refusal = "";
    const form = this._ctx.root.querySelector<HTMLFormElement>("[data-testid=kpi-window-form]");
    if (form) {
      form.from.value = toLocalInput(from);
      form.to.value = toLocalInput(to);
    }
    this.drawTable();
    this.drawDowntime();
  }

  /** A live row replaces the held one when it is for the same entity and the same running window. */
  private applyLive(k: KpiView): void {
    if (this._kind !== "shift") return;
    const row = this._rows.find((r) => r.entity === k.entity && r.id === k.id);
    if (!row?.kpi || Date.parse(row.kpi.from) !== Date.parse(k.from) || Date.parse(k.to) < Date.parse(row.kpi.to)) return;
    row.kpi = k;
    this._liveUpdates++;
    this.drawTable();
  }

  private drawTable(): void {
    const root = this._ctx.root;
    const host = root.querySelector<HTMLElement>("[data-testid=kpi-table]");
    if (!host) return;
    const siteRow = this._rows.find((r) => r.entity === "site")?.kpi;
    const label = root.querySelector<HTMLElement>("[data-testid=kpi-window-label]")!;
    label.textContent = this._kind === "shift" ? t("kpis.live", { shift: this._ctx.shift.label })
      : this._kind === "today" ? t("kpis.sinceMidnight", { zone: this._ctx.site.timeZone }) : "";
    const from = siteRow?.from ?? new Date(this.window()[0]).toISOString();
    const to = siteRow?.to ?? new Date(this.window()[1]).toISOString();
    host.dataset.from = from;
    host.dataset.to = to;
    host.dataset.window = this._kind;
    host.dataset.liveUpdates = String(this._liveUpdates);
    const csv = (entity: string, id: string) => `/api/v1/kpis.csv${query({ entity, id, from, to })}`;
    host.innerHTML = `${this._refusal ? `<p class="refusal">${esc(this._refusal)}</p>` : ""}
      <p class="muted">${esc(t("kpis.fromTo", { from: dateTime(from), to: dateTime(to) }))} <small>${esc(timeZone())}</small>
        · <a href="${csv("site", this._ctx.siteId)}" data-testid="kpi-csv" download>${esc(t("kpis.csvSite"))}</a>
        · <a href="${csv("shift", this._ctx.siteId)}" download>${esc(t("kpis.csvShift"))}</a></p>
      <table class="grid kpis"><tr><th></th><th>OEE</th><th>${esc(t("kpis.availability"))}</th><th>${esc(t("kpis.effectiveness"))}</th><th>${esc(t("kpis.quality"))}</th>
        <th>${esc(t("kpis.goodProduced"))}</th><th>${esc(t("kpis.failures"))}</th><th>MTBF</th><th>MTTR</th><th title="${esc(t("kpis.goodPerHourTitle"))}">${esc(t("kpis.goodPerHour"))}</th><th>${esc(t("kpis.unknown"))}</th><th></th></tr>
      ${this._rows.map((r) => this.kpiRow(r, csv)).join("")}</table>`;
  }

  private kpiRow(r: Row, csv: (entity: string, id: string) => string): string {
    const k = r.kpi;
    const name = r.entity === "site" ? esc(t("kpis.site", { id: r.id })) : r.entity === "line" ? `<a href="#/line/${encodeURIComponent(r.id)}">${esc(r.id)}</a>`
      : `<a href="#/machine/${encodeURIComponent(r.id)}">${esc(r.id)}</a>`;
    const attrs = k ? `data-oee="${k.oee ?? ""}" data-availability="${k.availability ?? ""}" data-effectiveness="${k.effectiveness ?? ""}"
      data-quality="${k.qualityRatio ?? ""}" data-from="${esc(k.from)}" data-to="${esc(k.to)}"` : "";
    const cell = (field: string, v: number | null) => `<td data-testid="${tid("kpi", r.entity, r.id, field)}">${pct(v)}</td>`;
    return `<tr class="kpi-${r.entity}" data-testid="${tid("kpi", r.entity, r.id)}" ${attrs}>
      <th>${name}</th>
      ${k ? `${cell("oee", k.oee)}${cell("availability", k.availability)}${cell("effectiveness", k.effectiveness)}${cell("quality", k.qualityRatio)}
        <td>${num(k.good)} / ${num(k.produced)}</td><td>${num(k.failures)}</td><td>${secs(k.mtbfSeconds)}</td><td>${secs(k.mttrSeconds)}</td>
        <td data-testid="${tid("kpi", r.entity, r.id, "good-per-hour")}" title="${r.entity === "line" ? esc(throughputTitle(k.goodPerHourOf ?? [])) : ""}">${num(k.goodPerHour, 0)}${r.entity === "line" && k.goodPerHourOf?.length ? ` <small>${esc(t("line.outOf", { machines: k.goodPerHourOf.join(" + ") }))}</small>` : ""}</td><td>${pct(k.unknownShare)}</td>
        <td>${r.entity === "line" ? `<a href="${csv("line", r.id)}" download>CSV</a>` : ""}</td>`
        : `<td colspan="11" class="muted">${esc(r.error ?? "—")}</td>`}
    </tr>`;
  }

  private drawDowntime(): void {
    const host = this._ctx.root.querySelector<HTMLElement>("[data-testid=downtime]");
    if (!host) return;
    const d = this._downtime;
    if (!d) {
      host.innerHTML = `<p class="muted">${esc(t("kpis.noDowntime"))}</p>`;
      return;
    }
    if (host.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement) return;
    host.dataset.entity = d.entity;
    host.dataset.id = d.id;
    const unexplained = d.stops.filter((s) => s.unexplained);
    const options = this._reasons.map((r) => `<option value="${esc(r.code)}">${esc(r.name)} (${esc(r.category)})</option>`).join("");
    const maxLost = Math.max(1, ...d.pareto.map((p) => p.lostSeconds));
    host.innerHTML = `<p class="muted">${esc(t("kpis.lostSummary", { lost: duration(d.lostSeconds * 1000), stops: d.stops.length, unexplained: unexplained.length }))}</p>
      <table class="grid pareto" data-testid="pareto"><tr><th>${esc(t("station.reason"))}</th><th>${esc(t("kpis.category"))}</th><th>${esc(t("kpis.lost"))}</th><th></th><th>${esc(t("kpis.stops"))}</th><th>${esc(t("kpis.share"))}</th><th>${esc(t("kpis.cumulative"))}</th></tr>
      ${d.pareto.map((p) => `<tr data-testid="${tid("pareto", p.reasonCode ?? "unexplained")}" data-seconds="${p.lostSeconds}">
        <td>${esc(p.reasonCode ? p.reasonName : t("kpis.unexplained"))}</td><td>${esc(p.category ?? "—")}</td><td>${esc(duration(p.lostSeconds * 1000))}</td>
        <td class="bar-cell"><span class="hbar ${p.reasonCode ? "" : "unexplained"}" style="width:${((p.lostSeconds / maxLost) * 100).toFixed(1)}%"></span></td>
        <td>${num(p.stops)}</td><td>${pct(p.share)}</td><td>${pct(p.cumulativeShare)}</td></tr>`).join("")}
      </table>
      <h3>${esc(t("kpis.stopsTitle"))} <small class="muted">${esc(t("kpis.stopsHint"))}</small></h3>
      <table class="grid stops" data-testid="downtime-stops"><tr><th>${esc(t("line.machine"))}</th><th>${esc(t("common.from"))}</th><th>${esc(t("kpis.lasted"))}</th><th>${esc(t("line.state"))}</th><th>${esc(t("kpis.countsAs"))}</th><th>${esc(t("station.reason"))}</th>${this._ctx.me.canMaintain ? `<th>${esc(t("kpis.maintenance"))}</th>` : ""}</tr>
      ${d.stops.slice(0, 100).map((s) => `<tr data-testid="${tid("stop", s.machineId, s.intervalStart)}" data-machine="${esc(s.machineId)}"
          data-interval-start="${esc(s.intervalStart)}" data-unexplained="${s.unexplained}">
        <td>${esc(s.machineId)}</td><td>${esc(time(s.start))}</td><td>${esc(duration(s.seconds * 1000))}</td><td>${esc(term("states", s.state))}</td>
        <td>${esc(s.element.toUpperCase())}</td>
        <td>${s.unexplained ? `<select data-role="code"><option value="">${esc(t("kpis.chooseReason"))}</option>${options}</select>
          <input data-role="comment" placeholder="${esc(t("kpis.comment"))}" size="10"> <button data-action="attach">${esc(t("kpis.attach"))}</button>`
          : esc(this._reasons.find((r) => r.code.toLowerCase() === s.reasonCode?.toLowerCase())?.name ?? s.reasonCode)}</td>${this.orderCell(s)}</tr>`).join("")}
      </table>`;
  }

  /** The stop's maintenance cell: the order made from it (a link), else the button that makes one; nothing for other users. */
  private orderCell(s: DowntimeStop): string {
    if (!this._ctx.me.canMaintain) return "";
    const made = this._ordersByStop.get(stopKey(s.machineId, s.intervalStart));
    return `<td data-role="order">${made
      ? `<a href="#/maintenance" data-testid="stop-order">${esc(t("kpis.orderMade", { id: made }))}</a>`
      : `<button data-action="order" data-alarm="${esc(s.alarmId ?? "")}" data-state="${esc(s.state)}" data-start="${esc(s.start)}">${esc(t("kpis.createOrder"))}</button>`}</td>`;
  }

  /** The maintenance orders made from stops, by stop; the ones known so far when they cannot be read. */
  private async ordersByStop(): Promise<Map<string, string>> {
    try {
      const orders = await api.maintenanceOrders();
      return new Map(orders.filter((o) => o.downtimeStart).map((o) => [stopKey(o.machineId, o.downtimeStart!), o.id]));
    } catch {
      return this._ordersByStop;
    }
  }

  /** Makes a corrective order from the stop: its machine, the stop's start as the downtime it answers, and its alarm. */
  private async createOrder(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-action=order]");
    if (!button) return;
    const row = button.closest<HTMLElement>("tr")!;
    const cell = button.closest<HTMLElement>("td")!;
    const machineId = row.dataset.machine!;
    const intervalStart = row.dataset.intervalStart!;
    button.disabled = true;
    try {
      const order = await api.createMaintenanceOrder({
        machineId,
        kind: "Corrective",
        reason: t("kpis.orderReason", { machine: machineId, state: term("states", button.dataset.state ?? ""), time: dateTime(button.dataset.start ?? intervalStart) }),
        // No estimate or skill: the host learns them from the repairs done on this machine.
        downtimeStart: intervalStart,
        alarmId: button.dataset.alarm || null,
      });
      this._ordersByStop.set(stopKey(machineId, intervalStart), order.id);
      cell.innerHTML = `<a href="#/maintenance" data-testid="stop-order">${esc(t("kpis.orderMade", { id: order.id }))}</a>`;
    } catch (err) {
      button.disabled = false;
      cell.querySelector(".refusal")?.remove();
      cell.insertAdjacentHTML("beforeend", `<div class="refusal" data-testid="stop-refusal">${esc(err instanceof Error ? err.message : String(err))}</div>`);
    }
  }

  private async attach(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-action=attach]");
    if (!button) return;
    const row = button.closest<HTMLElement>("tr")!;
    const code = row.querySelector<HTMLSelectElement>("[data-role=code]")!.value;
    const comment = row.querySelector<HTMLInputElement>("[data-role=comment]")!.value.trim() || null;
    const refuse = (message: string) => {
      row.querySelector(".refusal")?.remove();
      row.lastElementChild!.insertAdjacentHTML("beforeend", `<div class="refusal" data-testid="stop-refusal">${esc(message)}</div>`);
    };
    if (!code) {
      refuse(t("kpis.needsReason"));
      return;
    }
    button.disabled = true;
    try {
      await api.attachReason(row.dataset.machine!, row.dataset.intervalStart!, code, comment);
      await this.load();
    } catch (err) {
      refuse(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      button.disabled = false;
    }
  }
}

/** A stop's key: its machine and the start of its whole state interval (what an order's downtime start is). */
function stopKey(machineId: string, intervalStart: string): string {
  return `${machineId}|${Date.parse(intervalStart)}`;
}
