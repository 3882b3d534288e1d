/** Escapes text for use inside HTML and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** `data-testid` values must be stable and selector-safe. */
export function tid(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, "_")).join("-");
}

let siteZone: string | undefined;

/**
 * Every time on every screen is shown in the site's time zone, not the browser's: a shift that starts at 06:00 in
 * Europe/Berlin reads 06:00 on the timeline too, wherever the screen is. An unknown zone falls back to the browser's.
 */
export function setTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat([], { timeZone });
    siteZone = timeZone;
  } catch {
    siteZone = undefined;
  }
}

/** The zone times are shown in (the site's, once known). */
export function timeZone(): string {
  return siteZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function time(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: siteZone });
}

/** Date and time to the second, once (no separate time next to it). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: siteZone });
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}
