import type { PlantLive } from "./live";
import type { PlantStore } from "./store";
import type { Me, Scope } from "./types";

/** What every page gets. */
export interface ViewContext {
  store: PlantStore;
  live: PlantLive;
  me: Me;
  siteId: string;
  root: HTMLElement;
}

/** A page: what it subscribes to, and how it draws itself from the store. */
export interface View {
  readonly scopes: { scope: Scope; id: string }[];
  render(): void;
  dispose?(): void;
}
