import "./styles.css";
import { ApiError, api } from "./api";
import { esc } from "./html";
import { PlantLive, type ConnectionStatus } from "./live";
import { PlanDesk } from "./plan";
import { PlantStore } from "./store";
import type { Me } from "./types";
import type { View, ViewContext } from "./view";
import { BoardView } from "./views/board";
import { LineDetailView } from "./views/line";
import { MachineDetailView } from "./views/machine";
import { OverviewView } from "./views/overview";
import { signIn } from "./views/signin";
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
    <a href="#/board" data-testid="nav-board">Work orders</a>
    <a href="#/workers" data-testid="nav-workers">Workers</a>
    <span class="spacer"></span>
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
  const [, page, id] = (location.hash.replace(/^#/, "") || "/").split("/");
  for (const a of top.querySelectorAll<HTMLAnchorElement>("nav a")) {
    a.classList.toggle("active", a.getAttribute("href") === `#/${page ?? ""}`);
  }
  switch (page) {
    case "line": return new LineDetailView(ctx, decodeURIComponent(id ?? ""));
    case "machine": return new MachineDetailView(ctx, decodeURIComponent(id ?? ""));
    case "board": return new BoardView(ctx, plan);
    case "workers": return new WorkersView(ctx);
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
  header(me, site.name);
  const ctx: ViewContext = { store, live, me, siteId: site.id, root: app };
  void plan.load(site.id);
  window.factory = { store, live, me, drop: () => live.drop(), restore: () => live.restore() };

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
