import { t } from "./i18n";
import type { MachineView, OperationView, WorkerView } from "./types";

/** A machine or worker the move picker lists: `why` says why it cannot take the operation (null when it can). */
export interface Choice<T> {
  item: T;
  why: string | null;
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
// Ordinal, as the host sorts ids.
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The machines for an operation as the assignment rule sees them: those with the capability (and allowed) first,
 * available ones before unavailable ones, then by id; the rest after, each with why it cannot do the operation.
 * Availability only orders: the host has the last word on a machine that stopped a moment ago.
 */
export function machineChoices(op: OperationView, machines: Iterable<MachineView>): Choice<MachineView>[] {
  const why = (m: MachineView): string | null => {
    if (!m.capabilities.some((c) => same(c, op.capability))) return t("assign.cannot", { capability: op.capability });
    if (op.allowedMachines.length > 0 && !op.allowedMachines.some((id) => same(id, m.id))) return t("assign.notAllowed");
    return null;
  };
  const all = [...machines].map((item) => ({ item, why: why(item) }));
  return [
    ...all.filter((c) => c.why === null).sort((a, b) => Number(b.item.available) - Number(a.item.available) || byId(a.item, b.item)),
    ...all.filter((c) => c.why !== null).sort((a, b) => byId(a.item, b.item)),
  ];
}

/**
 * The workers for an operation: the qualified first (the skill at the level, with a certification for it valid now,
 * as the assignment rule checks), then the rest, each by id, the rest with why not. Clocking in is left to the host,
 * which refuses a worker who is not clocked in with that reason.
 */
export function workerChoices(op: OperationView, workers: Iterable<WorkerView>, now: number): Choice<WorkerView>[] {
  const why = (w: WorkerView): string | null => {
    const skill = op.skill;
    if (!skill) return null;
    const level = Object.entries(w.skills).find(([s]) => same(s, skill))?.[1] ?? 0;
    const needed = Math.max(1, op.minSkillLevel);
    if (level < needed) return t("assign.needsSkill", { skill, needed, level });
    const certificates = w.certifications.filter((c) => same(c.skill, skill));
    if (certificates.length === 0) return t("assign.noCertification", { skill });
    if (!certificates.some((c) => Date.parse(c.validUntil) > now)) return t("assign.expired", { skill });
    return null;
  };
  const all = [...workers].map((item) => ({ item, why: why(item) }));
  return [
    ...all.filter((c) => c.why === null).sort((a, b) => byId(a.item, b.item)),
    ...all.filter((c) => c.why !== null).sort((a, b) => byId(a.item, b.item)),
  ];
}
