/** Maintenance orders and plans as the API sends them, and how the maintenance page groups them. */

import { num, t } from "./i18n";

export type MaintenanceStatus = "Requested" | "Planned" | "InProgress" | "Done" | "Cancelled";

export interface MaintenanceOrder {
  id: string;
  machineId: string;
  kind: "Corrective" | "Preventive";
  reason: string;
  tasks: string[];
  skill: string | null;
  certification: string | null;
  estimatedSeconds: number;
  spareParts: string | null;
  status: MaintenanceStatus;
  requestedAt: string;
  requestedBy: string;
  planId: string | null;
  downtimeStart: string | null;
  alarmId: string | null;
  dueBy: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  /** Where the plan in force placed a due order without a window (null when it has a window or no slot). */
  plannedStart: string | null;
  plannedEnd: string | null;
  plannedWorkerId: string | null;
  startedAt: string | null;
  doneBy: string | null;
  finishedAt: string | null;
  note: string | null;
  timeTakenSeconds: number | null;
  overdue: boolean;
}

export interface MaintenancePlan {
  id: string;
  machineId: string;
  title: string;
  trigger: "RunHours" | "Cycles" | "CalendarDays" | "Condition";
  /** For a condition plan: the minutes {tag} must stay {comparison} {limit} (the interval is in minutes). */
  interval: number;
  tag: string | null;
  comparison: "Above" | "Below" | null;
  limit: number | null;
  openOrderId: string | null;
  used: number;
  remaining: number;
  nextDueAt: string | null;
  due: boolean;
}

/** A plan is due soon when a quarter of its interval or less is left. */
export const dueSoonShare = 0.25;

export function isOpen(o: MaintenanceOrder): boolean {
  return o.status !== "Done" && o.status !== "Cancelled";
}

/** Open orders, the overdue first, then by due time (none last), then by request. */
export function backlog(orders: MaintenanceOrder[]): MaintenanceOrder[] {
  const due = (o: MaintenanceOrder) => (o.dueBy ? Date.parse(o.dueBy) : Number.POSITIVE_INFINITY);
  return orders.filter(isOpen).sort((a, b) =>
    Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || a.requestedAt.localeCompare(b.requestedAt));
}

/** Plans due or with at most a quarter of their interval left, the least left first. */
export function dueSoon(plans: MaintenancePlan[]): MaintenancePlan[] {
  return plans.filter((p) => p.due || p.remaining <= p.interval * dueSoonShare).sort((a, b) => a.remaining / a.interval - b.remaining / b.interval);
}

/** Closed orders per machine, newest first. */
export function historyByMachine(orders: MaintenanceOrder[]): Map<string, MaintenanceOrder[]> {
  const byMachine = new Map<string, MaintenanceOrder[]>();
  for (const o of orders.filter((x) => !isOpen(x)).sort((a, b) => (b.finishedAt ?? "").localeCompare(a.finishedAt ?? ""))) {
    byMachine.set(o.machineId, [...(byMachine.get(o.machineId) ?? []), o]);
  }
  return new Map([...byMachine].sort(([a], [b]) => a.localeCompare(b)));
}

/** "1.5 of 2 run h" ("1,5 von 2 Betriebsstd."); a condition plan: "spindle above 55: 4 of 15 min". */
export function progress(p: MaintenancePlan): string {
  const n = (v: number) => num(v, Number.isInteger(v) ? 0 : 2);
  if (p.trigger === "Condition" && p.tag !== null && p.limit !== null) {
    return t(`maintenance.condition${p.comparison ?? "Above"}`, { tag: p.tag, limit: num(p.limit, Number.isInteger(p.limit) ? 0 : 2) }) + ": " +
      t("maintenance.progress", { used: n(Math.min(p.used, p.interval)), interval: n(p.interval), unit: t("maintenance.unit.Condition") });
  }
  return t("maintenance.progress", { used: n(Math.min(p.used, p.interval)), interval: n(p.interval), unit: t(`maintenance.unit.${p.trigger}`) });
}

/** The plan of a machine closest to falling due (the smallest share of its interval left), or null. */
export function nextDue(plans: MaintenancePlan[]): MaintenancePlan | null {
  return [...plans].sort((a, b) => a.remaining / a.interval - b.remaining / b.interval)[0] ?? null;
}

export type ComplianceOutcome = "OnTime" | "Late" | "Overdue" | "Open" | "Cancelled";

/** A machine's reliability over a window: the whole review's period, and each UTC day of its MTBF/MTTR trend. */
export interface ReviewDay {
  from: string;
  to: string;
  failures: number;
  mtbfSeconds: number | null;
  mttrSeconds: number | null;
  availability: number | null;
}

/** `GET /machines/{id}/review`: a machine's reliability, failure reasons, cost of downtime and maintenance compliance. */
export interface MachineReview extends ReviewDay {
  machineId: string;
  lostSeconds: number;
  topReasons: { reasonCode: string | null; reasonName: string; category: string | null; lostSeconds: number; stops: number; share: number }[];
  downtimeCost: { currency: string; amount: number } | null;
  compliance: {
    due: number; onTime: number; late: number; overdue: number; open: number; cancelled: number; rate: number | null;
    orders: { id: string; kind: string; reason: string; status: MaintenanceStatus; deadline: string; finishedAt: string | null; outcome: ComplianceOutcome }[];
  };
  days: ReviewDay[];
}

/** The periods the reliability section offers, in days. */
export const reviewPeriods = [7, 30] as const;

/** A machine's orders, newest request first (open and closed: its whole maintenance history). */
export function ordersOf(orders: MaintenanceOrder[], machineId: string): MaintenanceOrder[] {
  return orders.filter((o) => o.machineId === machineId).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}
