import { hidden, unacknowledged } from "../alarms";
import { ApiError, api, query } from "../api";
import { esc, tid } from "../html";
import { dateTime, num, t, term, time } from "../i18n";
import type { AlarmAnalytics, AlarmEventView, AlarmView } from "../production";
import type { View, ViewContext } from "../view";

const states = ["Unacknowledged", "Acknowledged", "ReturnedUnacknowledged", "Latched", "Shelved", "Suppressed", "OutOfService", "Normal"];
const shelveChoices: [string, number][] = [["15min", 15], ["1h", 60], ["4h", 240]];

/** `datetime-local` value (browser time) → ISO instant, or undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** ISO instant → `datetime-local` value in browser time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * Alarms (ISA-18.2): the site's active alarms live from the hub (unacknowledged first, then priority, then time) with
 * acknowledge and shelve for every signed-in user and suppress / out of service for managers (the API's rules), the
 * history search, analytics and CSV export.
 */
export class AlarmsView implements View {
  readonly scopes = [];
  private _built = false;
  private _key = "";
  private readonly _unsubscribe: () => void;
  private readonly _refusals = new Map<string, string>();
  private _showAll = false;

  constructor(private readonly _ctx: ViewContext) {
    this._unsubscribe = _ctx.alarms.subscribe(() => this.render());
  }

  render(): void {
    if (!this._built || !this._ctx.root.querySelector("[data-testid=alarms-page]")) this.build();
    this.renderActive();
  }

  dispose(): void {
    this._unsubscribe();
  }

  private build(): void {
    const { root, store } = this._ctx;
    const machines = store.site?.machineIds ?? [...store.machines.keys()];
    const now = Date.now();
    root.innerHTML = `<section class="alarms-page" data-testid="alarms-page">
      <h1>${esc(t("alarms.title"))}</h1>
      <h2>${esc(t("alarms.active"))} <small class="muted">${esc(t("alarms.order"))}</small></h2>
      <label class="muted"><input type="checkbox" data-testid="alarm-show-all"> ${esc(t("alarms.showAll"))}</label>
      <div data-testid="alarm-active"></div>
      <h2>${esc(t("alarms.history"))}</h2>
      <form class="filters" data-testid="alarm-search">
        <label>${esc(t("common.from"))} <input type="datetime-local" name="from" value="${toLocalInput(now - 24 * 3600_000)}"></label>
        <label>${esc(t("common.to"))} <input type="datetime-local" name="to" value=""></label>
        <label>${esc(t("line.machine"))} <select name="machineId"><option value="">${esc(t("common.all"))}</option>${machines.map((m) => `<option>${esc(m)}</option>`).join("")}</select></label>
        <label>${esc(t("line.state"))} <select name="state"><option value="">${esc(t("common.any"))}</option>${states.map((s) => `<option value="${s}">${esc(term("alarmState", s))}</option>`).join("")}</select></label>
        <label>${esc(t("common.user"))} <input name="user" size="10"></label>
        <button type="submit" data-testid="alarm-search-submit">${esc(t("common.search"))}</button>
        <a data-testid="alarm-csv" href="/api/v1/alarms.csv" download>CSV</a>
      </form>
      <div data-testid="alarm-history"><p class="muted">…</p></div>
      <h2>${esc(t("alarms.analytics"))} <small class="muted">${esc(t("alarms.forWindow"))}</small></h2>
      <div data-testid="alarm-analytics"><p class="muted">…</p></div>
    </section>`;
    this._built = true;
    this._key = "";
    const form = root.querySelector<HTMLFormElement>("[data-testid=alarm-search]")!;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.search();
    });
    root.querySelector("[data-testid=alarm-active]")!.addEventListener("click", (e) => void this.act(e));
    root.querySelector<HTMLInputElement>("[data-testid=alarm-show-all]")!.addEventListener("change", (e) => {
      this._showAll = (e.target as HTMLInputElement).checked;
      this.render();
    });
    void this.search();
  }

  private renderActive(): void {
    const { alarms, root } = this._ctx;
    const host = root.querySelector<HTMLElement>("[data-testid=alarm-active]");
    if (!host) return;
    const key = `${alarms.key}|${this._showAll}|${[...this._refusals.entries()].join(",")}`;
    if (key === this._key) return;
    // Redrawing would wipe a half-typed shelve reason; wait until the operator leaves the field.
    if (host.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement) {
      document.activeElement.addEventListener("blur", () => this.render(), { once: true });
      return;
    }
    this._key = key;
    const list = this._showAll ? alarms.all : alarms.active;
    host.dataset.live = String(alarms.loaded);
    host.className = alarms.loaded ? "" : "not-live";
    host.innerHTML = `${alarms.loaded ? "" : `<p class="refusal">${esc(t("alarms.notLive"))}</p>`}
      ${list.length === 0 ? `<p class="muted" data-testid="alarm-none">${esc(t("alarms.none"))}</p>` : `<table class="grid alarms">
      <tr><th>${esc(t("alarms.priority"))}</th><th>${esc(t("line.state"))}</th><th>${esc(t("alarms.alarm"))}</th><th>${esc(t("line.machine"))}</th><th>${esc(t("alarms.message"))}</th><th>${esc(t("alarms.activeSince"))}</th><th>${esc(t("alarms.stateSince"))}</th><th>${esc(t("alarms.actions"))}</th></tr>
      ${list.map((a) => this.row(a)).join("")}</table>`}`;
  }

  private row(a: AlarmView): string {
    const refusal = this._refusals.get(a.id);
    const shelf = a.state === "Shelved" ? `<div class="muted">${esc(t("alarms.shelvedBy", { who: a.shelvedBy, until: dateTime(a.shelvedUntil), reason: a.shelveReason }))}</div>` : "";
    const manage = this._ctx.me.canManage;
    const takesReason = !hidden(a.state) || (manage && a.state !== "OutOfService");
    const button = (action: string, label: string) =>
      `<button data-action="${action}" data-id="${esc(a.id)}" data-testid="${tid(`alarm-${action}`, a.id)}">${esc(label)}</button>`;
    const actions = [
      unacknowledged(a.state) ? button("ack", t("alarms.do.ack")) : "",
      takesReason ? `<input data-role="reason" placeholder="${esc(unacknowledged(a.state) ? t("alarms.reasonOptional") : t("alarms.reason"))}" size="14" data-testid="${tid("alarm-reason", a.id)}">` : "",
      !hidden(a.state) ? `<select data-role="minutes">${shelveChoices.map(([l, m]) => `<option value="${m}">${esc(t(`trend.range.${l}`))}</option>`).join("")}</select>
        ${button("shelve", t("alarms.do.shelve"))}` : "",
      a.state === "Shelved" ? button("unshelve", t("alarms.do.unshelve")) : "",
      a.state === "Latched" ? button("reset", t("alarms.do.reset")) : "",
      // Suppression and out-of-service change what the plant tells its operators: managers only, as the API rules.
      manage && a.state !== "Suppressed" && a.state !== "OutOfService" ? button("suppress", t("alarms.do.suppress")) : "",
      manage && a.state === "Suppressed" ? button("unsuppress", t("alarms.do.unsuppress")) : "",
      manage && a.state !== "OutOfService" ? button("out-of-service", t("alarms.do.outOfService")) : "",
      manage && a.state === "OutOfService" ? button("return-to-service", t("alarms.do.returnToService")) : "",
    ].join(" ");
    return `<tr class="alarm prio-${a.priority.toLowerCase()} ${unacknowledged(a.state) ? "unack" : ""}" data-testid="${tid("alarm", a.id)}"
        data-state="${esc(a.state)}" data-priority="${esc(a.priority)}" data-version="${a.version}">
      <td><span class="badge prio-${a.priority.toLowerCase()}">${esc(term("priority", a.priority))}</span></td>
      <td data-testid="${tid("alarm-state", a.id)}">${esc(term("alarmState", a.state))}${a.conditionActive ? "" : ` <small class="muted">(${esc(t("alarms.clear"))})</small>`}</td>
      <td>${esc(a.id)}</td>
      <td><a href="#/machine/${encodeURIComponent(a.machineId)}">${esc(a.machineId)}</a></td>
      <td>${esc(a.message)}${shelf}</td>
      <td>${esc(dateTime(a.activeSince))}</td>
      <td>${esc(time(a.stateSince))}</td>
      <td>${actions}${refusal ? `<div class="refusal" data-testid="${tid("alarm-refusal", a.id)}">${esc(refusal)}</div>` : ""}</td>
    </tr>`;
  }

  private async act(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
    if (!button) return;
    const id = button.dataset.id!;
    const row = button.closest("tr")!;
    button.disabled = true;
    this._refusals.delete(id);
    try {
      let answer: AlarmView;
      const typed = () => row.querySelector<HTMLInputElement>("[data-role=reason]")?.value.trim() ?? "";
      const reason = () => {
        const text = typed();
        if (!text) throw new Error(t("alarms.needsReason", { action: button.textContent?.trim() ?? "" }));
        return text;
      };
      switch (button.dataset.action) {
        case "ack":
          // Optional here, but what the operator typed is the audit's "why" (#21, item 9).
          answer = await api.acknowledge(id, typed() || null);
          break;
        case "unshelve":
          answer = await api.unshelve(id, null);
          break;
        case "reset":
          answer = await api.reset(id, null);
          break;
        case "suppress":
          answer = await api.suppress(id, reason());
          break;
        case "unsuppress":
          answer = await api.unsuppress(id, null);
          break;
        case "out-of-service":
          answer = await api.outOfService(id, reason());
          break;
        case "return-to-service":
          answer = await api.returnToService(id, null);
          break;
        default: {
          const minutes = Number(row.querySelector<HTMLSelectElement>("[data-role=minutes]")!.value);
          answer = await api.shelve(id, reason(), new Date(Date.now() + minutes * 60_000).toISOString());
        }
      }
      this._ctx.alarms.apply(answer);
      // The action is an event of the history too: show it there without a new search.
      void this.search();
    } catch (err) {
      this._refusals.set(id, err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      button.disabled = false;
      this.render();
    }
  }

  private filters(): Record<string, string | undefined> {
    const form = this._ctx.root.querySelector<HTMLFormElement>("[data-testid=alarm-search]")!;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? "").trim() || undefined;
    return {
      from: fromLocalInput(String(data.get("from") ?? "")),
      to: fromLocalInput(String(data.get("to") ?? "")),
      machineId: text("machineId"),
      state: text("state"),
      user: text("user"),
    };
  }

  private async search(): Promise<void> {
    const root = this._ctx.root;
    const f = this.filters();
    const history = root.querySelector<HTMLElement>("[data-testid=alarm-history]")!;
    const analytics = root.querySelector<HTMLElement>("[data-testid=alarm-analytics]")!;
    root.querySelector<HTMLAnchorElement>("[data-testid=alarm-csv]")!.href =
      `/api/v1/alarms.csv${query({ from: f.from, to: f.to, machineId: f.machineId, user: f.user })}`;
    try {
      const found = await api.alarms(f);
      history.innerHTML = historyTable(found.history);
    } catch (err) {
      history.innerHTML = `<p class="refusal">${esc(err instanceof Error ? err.message : String(err))}</p>`;
    }
    try {
      const to = f.to ?? new Date().toISOString();
      const from = f.from ?? new Date(Date.parse(to) - 24 * 3600_000).toISOString();
      analytics.innerHTML = analyticsPanel(await api.alarmAnalytics(from, to));
    } catch (err) {
      analytics.innerHTML = `<p class="refusal">${esc(err instanceof Error ? err.message : String(err))}</p>`;
    }
  }
}

function historyTable(events: AlarmEventView[]): string {
  if (events.length === 0) return `<p class="muted" data-testid="alarm-history-empty">${esc(t("alarms.noEvents"))}</p>`;
  const shown = events.slice(0, 500);
  return `<p class="muted">${esc(t("alarms.events", { count: events.length }))}${events.length > shown.length ? esc(t("alarms.newestShown", { shown: shown.length })) : ""}.</p>
    <table class="grid"><tr><th>${esc(t("alarms.time"))}</th><th>${esc(t("alarms.alarm"))}</th><th>${esc(t("line.machine"))}</th><th>${esc(t("alarms.priority"))}</th><th>${esc(t("alarms.action"))}</th><th>${esc(t("alarms.fromTo"))}</th><th>${esc(t("alarms.who"))}</th><th>${esc(t("alarms.why"))}</th></tr>
    ${shown.map((e) => `<tr data-testid="alarm-event" data-alarm="${esc(e.alarmId)}" data-action="${esc(e.action)}">
      <td>${esc(dateTime(e.at))}</td><td>${esc(e.alarmId)}</td><td>${esc(e.machineId)}</td><td>${esc(term("priority", e.priority))}</td>
      <td>${esc(term("alarmAction", e.action))}</td><td>${esc(term("alarmState", e.from))} → ${esc(term("alarmState", e.to))}</td><td>${esc(e.who)}</td><td>${esc(e.why ?? "")}</td></tr>`).join("")}
    </table>`;
}

function analyticsPanel(a: AlarmAnalytics): string {
  const max = Math.max(1, ...a.ratePerHour.map((r) => r.count));
  const total = a.ratePerHour.reduce((s, r) => s + r.count, 0);
  const hours = Math.max(1, a.ratePerHour.length);
  return `<div class="analytics">
    <div><strong data-testid="alarm-rate-average">${num(total / hours, 1)}</strong> ${esc(t("alarms.rate", { total, hours }))}
      <div class="bars" data-testid="alarm-rate">${a.ratePerHour.map((r) => `<span class="bar" style="height:${((r.count / max) * 100).toFixed(1)}%"
        title="${esc(dateTime(r.hourStart))}: ${r.count}"></span>`).join("")}</div></div>
    <div><h3>${esc(t("alarms.floods"))} (${a.floods.length})</h3>${a.floods.length === 0 ? `<p class="muted">${esc(t("common.none"))}</p>` : `<ul>${a.floods.map((f) =>
      `<li>${esc(f.area)}: ${esc(t("alarms.flood", { count: f.count, from: dateTime(f.start), to: time(f.end) }))}</li>`).join("")}</ul>`}</div>
    <div><h3>${esc(t("alarms.chattering"))} (${a.chattering.length})</h3>${a.chattering.length === 0 ? `<p class="muted">${esc(t("common.none"))}</p>` : `<ul>${a.chattering.map((c) =>
      `<li>${esc(c.alarmId)}: ${esc(t("alarms.chatter", { count: c.activations, from: dateTime(c.start), to: time(c.end) }))}</li>`).join("")}</ul>`}</div>
    <div><h3>${esc(t("alarms.stale"))} (${a.stale.length})</h3>${a.stale.length === 0 ? `<p class="muted">${esc(t("common.none"))}</p>` : `<ul>${a.stale.map((s) =>
      `<li>${esc(s.id)} ${esc(t("machine.since", { what: term("alarmState", s.state), at: dateTime(s.activeSince ?? s.stateSince) }))}</li>`).join("")}</ul>`}</div>
  </div>`;
}
