import type { PlantLive } from "./live";
import type { AlarmPriority, AlarmState, AlarmView } from "./production";

const priorityRank: Record<AlarmPriority, number> = { Urgent: 4, High: 3, Medium: 2, Low: 1 };

/** States an operator still has to acknowledge. */
export function unacknowledged(state: AlarmState): boolean {
  return state === "Unacknowledged" || state === "ReturnedUnacknowledged";
}

/** States that keep an alarm off the operator's active list on purpose (ISA-18.2 shelved, suppressed, out of service). */
export function hidden(state: AlarmState): boolean {
  return state === "Shelved" || state === "Suppressed" || state === "OutOfService";
}

/** Active list order: unacknowledged first, then by priority (urgent first), then newest first. */
export function alarmOrder(a: AlarmView, b: AlarmView): number {
  const u = Number(unacknowledged(b.state)) - Number(unacknowledged(a.state));
  if (u !== 0) return u;
  const p = priorityRank[b.priority] - priorityRank[a.priority];
  if (p !== 0) return p;
  return Date.parse(b.activeSince ?? b.stateSince) - Date.parse(a.activeSince ?? a.stateSince);
}

/**
 * The site's live alarms for every page (the navigation badge and the alarms page): subscribed with the hub's
 * `SubscribeAlarms` whenever the connection is live, kept current by `AlarmChanged`. Each change carries the alarm's
 * whole view, so a newer version simply replaces the one held; a copy from a second group is dropped by its version.
 */
export class AlarmDesk {
  private readonly _alarms = new Map<string, AlarmView>();
  private readonly _listeners = new Set<() => void>();
  private _loaded = false;
  private _retry: number | undefined;

  constructor(private readonly _live: PlantLive, private readonly _siteId: string) {
    _live.on("AlarmChanged", (e: { alarm: AlarmView }) => this.apply(e.alarm));
    _live.onStatus((status) => {
      if (status === "live") void this.load();
      else if (this._loaded) {
        this._loaded = false;
        this.changed();
      }
    });
  }

  /** True while the list comes from a live subscription. */
  get loaded(): boolean {
    return this._loaded;
  }

  /** Every alarm that is not Normal, in the active list's order. */
  get active(): AlarmView[] {
    return [...this._alarms.values()].filter((a) => a.state !== "Normal").sort(alarmOrder);
  }

  /** Every alarm of the site, Normal ones too, in the active list's order. */
  get all(): AlarmView[] {
    return [...this._alarms.values()].sort(alarmOrder);
  }

  /** Alarms needing the operator: not Normal and not shelved, suppressed or out of service. */
  get standing(): AlarmView[] {
    return this.active.filter((a) => !hidden(a.state));
  }

  get key(): string {
    return `${this._loaded}|${[...this._alarms.values()].map((a) => `${a.id}:${a.version}`).join(",")}`;
  }

  subscribe(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** Applies an alarm's view if it is newer than the one held (deltas and command answers alike). */
  apply(alarm: AlarmView): void {
    const held = this._alarms.get(alarm.id);
    if (held && held.version >= alarm.version) return;
    this._alarms.set(alarm.id, alarm);
    this.changed();
  }

  private async load(): Promise<void> {
    window.clearTimeout(this._retry);
    try {
      const alarms = await this._live.invoke<AlarmView[]>("SubscribeAlarms", this._siteId);
      for (const a of alarms) this.apply(a);
      this._loaded = true;
      this.changed();
    } catch {
      if (this._live.status === "live") this._retry = window.setTimeout(() => void this.load(), 2000);
    }
  }

  private changed(): void {
    for (const listener of this._listeners) listener();
  }
}
