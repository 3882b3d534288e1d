import "./styles.css";
import { AlarmDesk, unacknowledged } from "./alarms";
import { ApiError, api } from "./api";
import { esc, setTimeZone, timeZone } from "./html";
import { PlantLive, type ConnectionStatus } from "./live";
import { PlanDesk } from "./plan";
import { ShiftClock } from "./shift";
import { PlantStore } from "./store";
import type { Me } from "./types";
import type { View, ViewContext } from "./view";
import { AlarmsView } from "./views/alarms";
import { AuditView } from "./views/audit";
import { BoardView } from "./views/board";
import { CostsView } from "./views/costs";
import { GanttView } from "./views/gantt";
import { KpisView } from "./views/kpis";
import { MaintenanceView } from "./views/maintenance";
import { LineDetailView } from "./views/line";
import { MachineDetailView } from "./views/machine";
import { OverviewView } from "./views/overview";
import { signIn } from "./views/signin";
import { StationView } from "./views/station";
import { WorkersView } from "./views/workers";

declare global {
  interface Window {
    /** Hooks for tests and the benchmark: the store, and dropping/restoring the hub connection. */
    factory?: { store: PlantStore; live: PlantLive; drop(): Promise<void>; restore(): void; me: Me };
  }
}

const app = document.getElementById("app")!;
const top = document.getElementById("top")!;
const banner = document.getElementById("banner")!;

async function whoAmI(): Promise<Me | null> {
  try {
    return await api.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

function header(me: Me, siteName: string): void {
  top.innerHTML = `<nav>
    <strong class="brand">Factory</strong> <span class="muted">${esc(siteName)}</span>
    <a href="#/" data-testid="nav-overview">Overview</a>
    ${me.machines.length > 0 ? `<a href="#/station/${encodeURIComponent(me.machines[0])}" data-testid="nav-station">Station</a>` : ""}
    <a href="#/board" data-testid="nav-board">Work orders</a>
    <a href="#/plan" data-testid="nav-plan">Plan</a>
    <a href="#/workers" data-testid="nav-workers">Workers</a>
    <a href="#/kpis" data-testid="nav-kpis">Performance</a>
    <a href="#/costs" data-testid="nav-costs">Costs</a>
    <a href="#/maintenance" data-testid="nav-maintenance">Maintenance</a>
    <a href="#/alarms" data-testid="nav-alarms">Alarms <span class="badge alarm-count" data-testid="alarm-count" data-count="0" data-unacknowledged="0" data-live="false">…</span></a>
    ${me.canManage ? `<a href="#/audit" data-testid="nav-audit">Audit</a>` : ""}
    <span class="spacer"></span>
    <span class="muted" data-testid="site-zone" title="every time is shown in the site's time zone">times in ${esc(timeZone())}</span>
    <span data-testid="user">${esc(me.displayName)}</span>
    <span class="badge" data-testid="user-role">${esc(me.role)}</span>
    <button data-testid="signout">Sign out</button>
  </nav>`;
  top.querySelector("[data-testid=signout]")!.addEventListener("click", async () => {
    await api.logout().catch(() => undefined);
    location.hash = "#/";
    location.reload();
  });
}

/** The navigation's alarm count: alarms needing the operator (not shelved, suppressed or out of service). */
function showAlarmCount(alarms: AlarmDesk): void {
  const badge = top.querySelector<HTMLElement>("[data-testid=alarm-count]");
  if (!badge) return;
  const standing = alarms.standing;
  const unack = standing.filter((a) => unacknowledged(a.state)).length;
  badge.dataset.count = String(standing.length);
  badge.dataset.unacknowledged = String(unack);
  badge.dataset.live = String(alarms.loaded);
  badge.textContent = alarms.loaded ? String(standing.length) : "?";
  badge.title = alarms.loaded ? `${standing.length} active, ${unack} unacknowledged` : "not live";
  badge.classList.toggle("alarm-unack", unack > 0);
  badge.classList.toggle("not-live", !alarms.loaded);
}

function showStatus(status: ConnectionStatus): void {
  banner.dataset.status = status;
  banner.hidden = status === "live";
  banner.className = `banner banner-${status}`;
  banner.textContent = {
    connecting: "Connecting to the plant… values are not live yet.",
    reconnecting: "Connection to the plant lost — reconnecting. Values shown are NOT live.",
    offline: "Disconnected from the plant — retrying. Values shown are NOT live.",
    live: "",
  }[status];
  document.body.classList.toggle("not-live", status !== "live");
}

function route(ctx: ViewContext, plan: PlanDesk): View {
  const [path, search] = (location.hash.replace(/^#/, "") || "/").split("?");
  const [, page, id] = path.split("/");
  const params = new URLSearchParams(search ?? "");
  for (const a of top.querySelectorAll<HTMLAnchorElement>("nav a")) {
    a.classList.toggle("active", a.getAttribute("href") === `#/${page ?? ""}`);
  }
  switch (page) {
    case "line": return new LineDetailView(ctx, decodeURIComponent(id ?? ""));
    case "machine": return new MachineDetailView(ctx, decodeURIComponent(id ?? ""));
    case "station": return new StationView(ctx, decodeURIComponent(id ?? ""));
    case "board": return new BoardView(ctx, plan);
    case "plan": return new GanttView(ctx);
    case "workers": return new WorkersView(ctx);
    case "alarms": return new AlarmsView(ctx);
    case "kpis": return new KpisView(ctx, params);
    case "costs": return new CostsView(ctx);
    case "maintenance": return new MaintenanceView(ctx);
    case "audit": return new AuditView(ctx, params);
    default: return new OverviewView(ctx);
  }
}

async function main(): Promise<void> {
  const me = (await whoAmI()) ?? (await signIn(app));
  const store = new PlantStore();
  const live = new PlantLive(store);
  const plan = new PlanDesk(live);
  live.onStatus(showStatus);
  // The hub connects while the site list loads; subscriptions follow as soon as both are there.
  const connected = live.start();
  const sites = await api.sites();
  if (sites.length === 0) {
    app.textContent = "The host has no sites.";
    return;
  }
  const site = sites[0];
  setTimeZone(site.timeZone);
  header(me, site.name);
  const alarms = new AlarmDesk(live, site.id);
  const shift = new ShiftClock(site.id);
  void shift.load();
  alarms.subscribe(() => showAlarmCount(alarms));
  showAlarmCount(alarms);
  const ctx: ViewContext = { store, live, me, siteId: site.id, site, root: app, alarms, shift };
  void plan.load(site.id);
  window.factory = { store, live, me, drop: () => live.drop(), restore: () => live.restore() };

  // An operator works at a machine: without a page asked for, they land on their (first) machine's station.
  if (me.role === "Operator" && me.machines.length > 0 && (location.hash === "" || location.hash === "#/")) {
    history.replaceState(null, "", `#/station/${encodeURIComponent(me.machines[0])}`);
  }
  let view: View | null = null;
  const navigate = () => {
    view?.dispose?.();
    app.innerHTML = "";
    view = route(ctx, plan);
    view.render();
    void live.show(view.scopes);
  };
  store.subscribe(() => view?.render());
  window.addEventListener("hashchange", navigate);
  navigate();
  await connected;
}

main().catch((err) => {
  // A wall screen must recover by itself when the host comes back.
  app.innerHTML = `<p class="refusal" data-testid="start-error">The dashboard could not start: ${esc(err instanceof Error ? err.message : String(err))}. Retrying in 5 s…</p>`;
  window.setTimeout(() => location.reload(), 5000);
});
