import type { AlarmDesk } from "./alarms";
import type { PlantLive } from "./live";
import type { ShiftClock } from "./shift";
import type { PlantStore } from "./store";
import type { Me, Scope, SiteView } from "./types";

/** What every page gets. */
export interface ViewContext {
  store: PlantStore;
  live: PlantLive;
  me: Me;
  siteId: string;
  /** The site as the host listed it when the page started (ids of its lines and machines). */
  site: SiteView;
  root: HTMLElement;
  /** The site's live alarms (navigation badge, alarms page). */
  alarms: AlarmDesk;
  /** The site's current shift from its calendar. */
  shift: ShiftClock;
}

/** A page: what it subscribes to, and how it draws itself from the store. */
export interface View {
  readonly scopes: { scope: Scope; id: string }[];
  render(): void;
  dispose?(): void;
}
