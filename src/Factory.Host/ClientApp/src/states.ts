import type { DataQuality, MachineView, PackMlState } from "./types";

/**
 * Colour families of PackML states. "failed" (Aborting/Aborted) and "stopped" are distinct; data quality
 * problems never use any of these colours (see {@link qualityClass}).
 */
export type StateCategory = "running" | "ready" | "transient" | "paused" | "stopped" | "failed" | "complete" | "unknown";

const categories: Record<PackMlState, StateCategory> = {
  Execute: "running",
  Idle: "ready",
  Starting: "transient",
  Resetting: "transient",
  Unholding: "transient",
  Unsuspending: "transient",
  Completing: "transient",
  Clearing: "transient",
  Holding: "paused",
  Held: "paused",
  Suspending: "paused",
  Suspended: "paused",
  Stopping: "stopped",
  Stopped: "stopped",
  Aborting: "failed",
  Aborted: "failed",
  Complete: "complete",
  Undefined: "unknown",
};

export function category(state: PackMlState | null): StateCategory {
  return state ? categories[state] ?? "unknown" : "unknown";
}

/** Qualities under which the shown state cannot be trusted: drawn hatched grey with a label, never in a state colour. */
export function untrusted(quality: DataQuality): boolean {
  return quality === "Stale" || quality === "Disconnected" || quality === "Bad";
}

export function qualityClass(quality: DataQuality | null): string {
  return quality ? `quality-${quality.toLowerCase()}` : "quality-unknown";
}

/** OEE quality rate (good / produced) where counters exist; availability and performance need run times we do not have yet. */
export function qualityRate(m: MachineView): number | null {
  return m.telemetry.producedCount > 0 ? m.telemetry.goodCount / m.telemetry.producedCount : null;
}

/** Start of the current shift: the last of 06:00, 14:00, 22:00 local time. */
export function shiftStart(now: Date = new Date()): number {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  const h = now.getHours();
  if (h >= 22) start.setHours(22);
  else if (h >= 14) start.setHours(14);
  else if (h >= 6) start.setHours(6);
  else {
    start.setDate(start.getDate() - 1);
    start.setHours(22);
  }
  return start.getTime();
}
