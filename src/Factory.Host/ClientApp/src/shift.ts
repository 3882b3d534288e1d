import { api } from "./api";
import type { CurrentShift } from "./production";
import { clock, t } from "./i18n";
import { shiftStart } from "./states";

/**
 * The site's current shift from its calendar (`GET /sites/{id}/shifts/current`), read again when it ends. Until the
 * first answer arrives the fixed 06/14/22 guess stands in.
 */
export class ShiftClock {
  private _shift: CurrentShift | null = null;
  private _timer: number | undefined;
  private readonly _listeners = new Set<() => void>();

  constructor(private readonly _siteId: string) {}

  get current(): CurrentShift | null {
    return this._shift;
  }

  /** Start of the current shift (ms since the epoch). */
  get start(): number {
    return this._shift ? Date.parse(this._shift.start) : shiftStart();
  }

  /** A short label: name, local start–end in the site's time zone. */
  get label(): string {
    const s = this._shift;
    if (!s) return t("shift.current");
    return `${s.name}, ${clock(s.start, s.timeZone)}–${clock(s.end, s.timeZone)} ${s.timeZone}`;
  }

  subscribe(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  async load(): Promise<void> {
    window.clearTimeout(this._timer);
    try {
      this._shift = await api.currentShift(this._siteId);
      for (const listener of this._listeners) listener();
      // Ask again just after the shift ends (timers are capped, so a long wait is re-armed rather than overflowing).
      const wait = Math.min(Math.max(Date.parse(this._shift.end) - Date.now() + 1000, 1000), 6 * 3600_000);
      this._timer = window.setTimeout(() => void this.load(), wait);
    } catch {
      this._timer = window.setTimeout(() => void this.load(), 10_000);
    }
  }
}

// Building an Intl.DateTimeFormat costs far more than using one (the Gantt's axis asks for an offset per tick, every
// frame while scrolling): one per zone, kept.
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    });
    wallClocks.set(timeZone, f);
  }
  return f;
}

/** The wall-clock offset (ms) of `timeZone` at instant `at`: local time read as UTC, minus the instant. */
export function offsetAt(timeZone: string, at: number): number {
  const parts = wallClock(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** Midnight of the current day in the site's time zone (browser midnight when the zone is unknown to the browser). */
export function startOfDay(timeZone: string, now: number = Date.now()): number {
  try {
    const local = new Date(now + offsetAt(timeZone, now));
    const midnightWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    // The offset at midnight can differ from now's on a clock-change day: take it at the first guess.
    const guess = midnightWall - offsetAt(timeZone, now);
    return midnightWall - offsetAt(timeZone, guess);
  } catch {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }
}
