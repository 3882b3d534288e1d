import "./styles.css";
import { AlarmDesk, unacknowledged } from "./alarms";
import { ApiError, api } from "./api";
import { esc } from "./html";
import { browserLanguage, language, languages, setTimeZone, supported, t, term, timeZone, type Language, useLanguage } from "./i18n";
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

// The language last used in this browser, so the sign-in page (before the server knows who it is) speaks it too.
const lastLanguageKey = "factory.language";

/** The user's language: their choice kept on the server, else the browser's when supported, else English. */
function startLanguage(me: Me | null): Language {
  return supported(me?.language) ?? supported(localStorage.getItem(lastLanguageKey)) ?? browserLanguage();
}

function header(me: Me, siteName: string): void {
  const choices = languages.map((l) => `<option value="${l}" ${l === language() ? "selected" : ""}>${esc(t(`languages.${l}`))}</option>`).join("");
  top.innerHTML = `<nav>
    <strong class="brand">Factory</strong> <span class="muted">${esc(siteName)}</span>
    <a href="#/" data-testid="nav-overview">${esc(t("nav.overview"))}</a>
    ${me.machines.length > 0 ? `<a href="#/station/${encodeURIComponent(me.machines[0])}" data-testid="nav-station">${esc(t("nav.station"))}</a>` : ""}
    <a href="#/board" data-testid="nav-board">${esc(t("nav.board"))}</a>
    <a href="#/plan" data-testid="nav-plan">${esc(t("nav.plan"))}</a>
    <a href="#/workers" data-testid="nav-workers">${esc(t("nav.workers"))}</a>
    <a href="#/kpis" data-testid="nav-kpis">${esc(t("nav.kpis"))}</a>
    <a href="#/costs" data-testid="nav-costs">${esc(t("nav.costs"))}</a>
    <a href="#/maintenance" data-testid="nav-maintenance">${esc(t("nav.maintenance"))}</a>
    <a href="#/alarms" data-testid="nav-alarms">${esc(t("nav.alarms"))} <span class="badge alarm-count" data-testid="alarm-count" data-count="0" data-unacknowledged="0" data-live="false">…</span></a>
    ${me.canManage ? `<a href="#/audit" data-testid="nav-audit">${esc(t("nav.audit"))}</a>` : ""}
    <span class="spacer"></span>
    <span class="muted" data-testid="site-zone" title="${esc(t("header.zoneTitle"))}">${esc(t("header.zone", { zone: timeZone() }))}</span>
    <label class="language" title="${esc(t("header.language"))}"><select data-testid="language" aria-label="${esc(t("header.language"))}">${choices}</select></label>
    <span data-testid="user">${esc(me.displayName)}</span>
    <span class="badge" data-testid="user-role" data-role="${esc(me.role)}">${esc(term("roles", me.role))}</span>
    <button data-testid="signout">${esc(t("header.signOut"))}</button>
  </nav>`;
  top.querySelector("[data-testid=signout]")!.addEventListener("click", async () => {
    await api.logout().catch(() => undefined);
    location.hash = "#/";
    location.reload();
  });
  top.querySelector<HTMLSelectElement>("[data-testid=language]")!.addEventListener("change", async (e) => {
    const chosen = supported((e.target as HTMLSelectElement).value);
    if (!chosen) return;
    try {
      // Kept on the server first, so the choice follows the user to other screens; then the page is drawn anew.
      await api.setLanguage(chosen);
      localStorage.setItem(lastLanguageKey, chosen);
      location.reload();
    } catch (err) {
      banner.hidden = false;
      banner.className = "banner banner-offline";
      banner.textContent = t("header.languageFailed", { reason: err instanceof Error ? err.message : String(err) });
    }
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
  badge.title = alarms.loaded ? t("header.alarmCount", { active: standing.length, unacknowledged: unack }) : t("header.notLive");
  badge.classList.toggle("alarm-unack", unack > 0);
  badge.classList.toggle("not-live", !alarms.loaded);
}

function showStatus(status: ConnectionStatus): void {
  banner.dataset.status = status;
  banner.hidden = status === "live";
  banner.className = `banner banner-${status}`;
  banner.textContent = status === "live" ? "" : t(`banner.${status}`);
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
    case "maintenance": return new MaintenanceView(ctx, params);
    case "audit": return new AuditView(ctx, params);
    default: return new OverviewView(ctx);
  }
}

async function main(): Promise<void> {
  const known = await whoAmI();
  useLanguage(startLanguage(known));
  document.title = t("common.title");
  const me = known ?? (await signIn(app));
  // Signed in just now: the user's own choice (if any) replaces the sign-in page's language.
  if (!known) {
    useLanguage(startLanguage(me));
    document.title = t("common.title");
  }
  if (me.language) localStorage.setItem(lastLanguageKey, me.language);
  const store = new PlantStore();
  const live = new PlantLive(store);
  const plan = new PlanDesk(live);
  live.onStatus(showStatus);
  // The hub connects while the site list loads; subscriptions follow as soon as both are there.
  const connected = live.start();
  const sites = await api.sites();
  if (sites.length === 0) {
    app.textContent = t("common.noSites");
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
  // The maintenance team works from the maintenance page.
  if (me.role === "Maintenance" && (location.hash === "" || location.hash === "#/")) {
    history.replaceState(null, "", "#/maintenance");
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
  app.innerHTML = `<p class="refusal" data-testid="start-error">${esc(t("common.startError", { reason: err instanceof Error ? err.message : String(err) }))}</p>`;
  window.setTimeout(() => location.reload(), 5000);
});
