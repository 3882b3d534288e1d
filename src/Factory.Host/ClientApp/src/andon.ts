import { esc, tid } from "./html";
import { t, term, time } from "./i18n";
import type { AlarmView } from "./production";

/** The andon kinds, in the order the station shows their buttons. */
export const andonKinds = ["material", "quality", "maintenance", "help"] as const;
export type AndonKind = (typeof andonKinds)[number];

const prefix = "andon:";

/** The kind of an andon alarm (its source is `andon:<kind>`), or null for any other alarm. */
export function andonKind(alarm: AlarmView): AndonKind | null {
  if (!alarm.source.startsWith(prefix)) return null;
  const kind = alarm.source.slice(prefix.length);
  return (andonKinds as readonly string[]).includes(kind) ? (kind as AndonKind) : null;
}

/** Open calls: andon alarms whose condition is active (pulled and not yet answered), oldest first. */
export function openCalls(alarms: AlarmView[], machineIds?: readonly string[]): AlarmView[] {
  return alarms
    .filter((a) => a.conditionActive && andonKind(a) !== null && (!machineIds || machineIds.includes(a.machineId)))
    .sort((a, b) => Date.parse(a.activeSince ?? a.stateSince) - Date.parse(b.activeSince ?? b.stateSince));
}

/** The open calls as a panel for the control room (overview, line): machine, kind, since. */
export function andonPanel(calls: AlarmView[], loaded: boolean): string {
  const rows = calls.map((a) => `<li class="andon-call andon-${esc(andonKind(a))}" data-testid="${tid("andon-call", a.machineId, andonKind(a) ?? "")}"
      data-machine="${esc(a.machineId)}" data-kind="${esc(andonKind(a))}">
      <a href="#/station/${encodeURIComponent(a.machineId)}">${esc(a.machineId)}</a>
      <strong>${esc(term("andonKind", andonKind(a)))}</strong> ${esc(t("andon.since", { at: time(a.activeSince) }))}
      <span class="muted">${esc(a.state === "Acknowledged" ? t("andon.acknowledged") : t("andon.notAcknowledged"))}</span></li>`).join("");
  return `<section class="andon-panel" data-testid="andon-panel" data-count="${calls.length}" data-live="${loaded}">
    <h2>${esc(t("andon.calls"))} ${loaded ? "" : `<small class="muted">(${esc(t("header.notLive"))})</small>`}</h2>
    ${calls.length === 0 ? `<p class="muted">${esc(t("andon.none"))}</p>` : `<ul class="andon-calls">${rows}</ul>`}
  </section>`;
}
