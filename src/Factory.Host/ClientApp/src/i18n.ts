import i18next, { type i18n as I18n } from "i18next";
import de from "./locales/de.json";
import en from "./locales/en.json";

/**
 * The dashboard's words and formats. Texts live in `locales/<code>.json` (nested per page), bundled with the script;
 * `t` looks them up in the chosen language. Dates, numbers, money and durations are formatted with the browser's
 * `Intl` in the user's locale, and times in the site's time zone (see `setTimeZone` in html.ts).
 */

/** The languages the dashboard speaks; the server accepts the same codes (DashboardLanguage). */
export const languages = ["de", "en"] as const;
export type Language = (typeof languages)[number];

const resources = { en: { translation: en }, de: { translation: de } };

let siteZone: string | undefined;

/**
 * Every time on every screen is shown in the site's time zone, not the browser's: a shift that starts at 06:00 in
 * Europe/Berlin reads 06:00 on the timeline too, wherever the screen is. An unknown zone falls back to the browser's.
 */
export function setTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat([], { timeZone: zone });
    siteZone = zone;
  } catch {
    siteZone = undefined;
  }
  formats.clear();
}

// The browser's own zone, read once: resolving it builds a formatter, and every time on a screen asks for the zone.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The zone times are shown in (the site's, once known). */
export function timeZone(): string {
  return siteZone ?? browserZone;
}

let current: Language = "en";
let engine: I18n = make("en");

function make(lng: Language): I18n {
  const instance = i18next.createInstance();
  // Resources are bundled, so the set-up is synchronous; markup is escaped where it is put into HTML, not here.
  void instance.init({ lng, fallbackLng: "en", resources, initAsync: false, interpolation: { escapeValue: false }, returnNull: false });
  return instance;
}

/** A supported language for `code` ("de-AT" → "de"), or null. */
export function supported(code: string | null | undefined): Language | null {
  const base = (code ?? "").slice(0, 2).toLowerCase();
  return (languages as readonly string[]).includes(base) ? (base as Language) : null;
}

/** The browser's first supported language, else English: the default for a user who never chose. */
export function browserLanguage(): Language {
  for (const code of navigator.languages ?? [navigator.language]) {
    const lang = supported(code);
    if (lang) return lang;
  }
  return "en";
}

/** Switches every later `t` and format to `lang`; `<html lang>` follows. */
export function useLanguage(lang: Language): void {
  current = lang;
  engine = make(lang);
  document.documentElement.lang = lang;
  formats.clear();
}

/** The language texts are shown in. */
export function language(): Language {
  return current;
}

/** The locale formats use: the browser's own when it is of the chosen language (de-AT keeps its style), else the language. */
export function locale(): string {
  const own = (navigator.languages ?? [navigator.language]).find((c) => supported(c) === current);
  return own ?? current;
}

/** The text for `key` in the chosen language, with `{{name}}` placeholders filled from `params`. */
export function t(key: string, params?: Record<string, unknown>): string {
  return engine.t(key, params ?? {}) as string;
}

/** A wire value shown to users (a state, a status, a role...): its text under `group`, or the value itself when unknown. */
export function term(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const key = `${group}.${value}`;
  return engine.exists(key) ? t(key) : value;
}

// Intl formatters are costly to build (tens of microseconds): one per option set, dropped when the language changes.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions, zone: string = timeZone()): Intl.DateTimeFormat {
  const key = `d|${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat(locale(), options);
    }
    formats.set(key, f);
  }
  return f;
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${JSON.stringify(options)}`;
  let f = formats.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(), options);
    formats.set(key, f);
  }
  return f;
}

/** Time of day to the second in the site's zone. */
export function time(at: string | number | null | undefined): string {
  if (at === null || at === undefined) return "—";
  return dateFormat({ hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(at));
}

/** Time of day to the minute, in the site's zone (or `zone`). */
export function clock(at: string | number | Date, zone?: string): string {
  return dateFormat({ hour: "2-digit", minute: "2-digit" }, zone).format(new Date(at));
}

/** Date and time to the second, once (no separate time next to it). */
export function dateTime(at: string | number | null | undefined): string {
  if (at === null || at === undefined || at === "") return "—";
  return dateFormat({ year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(at));
}

/** A date alone ("03.12.2026", "12/3/2026"). */
export function date(at: string | number | null | undefined): string {
  if (at === null || at === undefined || at === "") return "—";
  return dateFormat({ year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
}

/** A short day label for axes ("Do., 3. Dez.", "Thu, Dec 3"). */
export function day(at: number | Date): string {
  return dateFormat({ weekday: "short", day: "numeric", month: "short" }).format(new Date(at));
}

/** A number with a fixed number of fraction digits, grouped ("1.234,5"). */
export function num(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share (0..1) as a percentage ("87,5 %", "87.5%"). */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return numberFormat({ style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

/** An amount in `currency`, to the cent. */
export function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return "—";
  return numberFormat({ style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

function unit(value: number, name: "second" | "minute" | "hour", pad: boolean): string {
  return numberFormat({ style: "unit", unit: name, unitDisplay: "short", minimumIntegerDigits: pad ? 2 : 1 }).format(value);
}

/**
 * A span of time in the two largest units ("45 s", "3 min 05 s", "1 h 05 min"; German "1 Std., 05 Min." style from
 * Intl's unit names). Written on `Intl.NumberFormat` units because `Intl.DurationFormat` is not in every Chromium.
 */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return unit(s, "second", false);
  const m = Math.floor(s / 60);
  if (m < 60) return `${unit(m, "minute", false)} ${unit(s % 60, "second", true)}`;
  return `${unit(Math.floor(m / 60), "hour", false)} ${unit(m % 60, "minute", true)}`;
}
