import { t, term, time } from "../i18n";
import { finished, onMachine } from "../risk";
import type { MachineView, OperationView, WorkOrderView, WorkerView } from "../types";
import type { GanttShade } from "./model";

/**
 * The answer of the client-side drop check: the worker and the earliest start to send (null when the drop lies at or
 * before now: as soon as possible), or why the drop is refused.
 */
export type DropCheck = { ok: true; workerId: string; notBefore: number | null } | { ok: false; reason: string };

const MINUTE = 60_000;

/** A drop's instant on the minute: what is sent and checked, so a pixel's worth of seconds never decides a refusal. */
export function snapToMinute(at: number): number {
  return Math.round(at / MINUTE) * MINUTE;
}

/** What the check needs to know about the plan around the dropped operation. */
export interface DropContext {
  order: WorkOrderView | undefined;
  op: OperationView | undefined;
  machine: MachineView | undefined;
  workers: Iterable<WorkerView>;
  /** Where the operation is planned now. */
  currentMachineId: string;
  /** When it is planned to start now (ms). */
  currentStart: number;
  /** The instant under the drop (ms): where the bar's start lands; snapped to the minute here. */
  at: number;
  /** Planned end of the order's previous open operation (ms), if any. */
  predecessorEnd: number | null;
  /** Shades of the target row and of every row (breaks, off-shift time, down windows). */
  shades: GanttShade[];
  now: number;
}

function certified(worker: WorkerView, skill: string, now: number): boolean {
  return worker.certifications.some((c) => c.skill.toLowerCase() === skill.toLowerCase() && Date.parse(c.validUntil) > now);
}

function qualified(worker: WorkerView, op: OperationView, now: number): boolean {
  if (!worker.clockedIn) return false;
  if (!op.skill) return true;
  const level = Object.entries(worker.skills).find(([s]) => s.toLowerCase() === op.skill!.toLowerCase())?.[1] ?? 0;
  return level >= Math.max(1, op.minSkillLevel) && certified(worker, op.skill, now);
}

/**
 * Checks a drop of an operation onto a machine row at an instant, as the server will (capability, availability, a
 * qualified, certified, clocked-in worker, work not released, running or finished) plus what the drop position says: not before the order's
 * previous operation ends (precedence), not into a down window or time outside every shift (calendar). A drop on the
 * operation's own machine at another time is a move in time. The instant (on the minute) is sent as the earliest start
 * the plan may give it, unless it is now or past, or the bar only changed machines at the time it had (then the new
 * machine runs it as soon as it can); the dispatcher plans the start at or after it. The server checks again.
 */
export function checkDrop(c: DropContext): DropCheck {
  const { order, op, machine } = c;
  const at = snapToMinute(c.at);
  if (!order || !op) return { ok: false, reason: t("drop.notOpen") };
  const name = `${order.id} ${t("tile.op", { op: op.sequence })}`;
  if (finished(op) || onMachine(op)) {
    return { ok: false, reason: t("drop.stays", { name, status: term("operationStatus", op.status) }) };
  }
  if (!machine) return { ok: false, reason: t("gantt.dropOnRow") };
  if (machine.id === c.currentMachineId && at === snapToMinute(c.currentStart)) {
    return { ok: false, reason: t("drop.already", { name, machine: machine.id }) };
  }
  if (!machine.capabilities.some((cap) => cap.toLowerCase() === op.capability.toLowerCase())) {
    return { ok: false, reason: `${machine.id} ${t("assign.cannot", { capability: op.capability })}` };
  }
  if (op.allowedMachines.length > 0 && !op.allowedMachines.some((m) => m.toLowerCase() === machine.id.toLowerCase())) {
    return { ok: false, reason: t("drop.onlyOn", { name, machines: op.allowedMachines.join(", ") }) };
  }
  if (!machine.available) return { ok: false, reason: t("drop.unavailable", { machine: machine.id, why: machine.unavailableReason ?? term("states", machine.state) }) };
  if (c.predecessorEnd !== null && at < c.predecessorEnd) {
    return { ok: false, reason: t("drop.precedence", { name, at: time(c.predecessorEnd) }) };
  }
  // Breaks are shown, but the plan runs work through them (the scheduling model has no breaks yet), so only time the
  // plan itself keeps free refuses a drop: the machine down, or no shift at all.
  const blocked = c.shades.find((s) => (s.kind === "down" || s.kind === "off-shift" || s.kind === "maintenance") &&
    (s.rowId === null || s.rowId === machine.id) && s.start <= at && at < s.end);
  if (blocked) return { ok: false, reason: t("drop.blocked", { machine: machine.id, what: blocked.label }) };
  const workers = [...c.workers];
  const current = workers.find((w) => w.id === op.workerId);
  const worker = current && qualified(current, op, c.now) ? current : workers.find((w) => qualified(w, op, c.now));
  if (!worker) {
    return { ok: false, reason: t("drop.noWorker", { skill: op.skill, level: Math.max(1, op.minSkillLevel) }) };
  }
  // Dropped on another machine at the time it had (a drag straight up or down): that machine, as soon as it can.
  const sameTime = at === snapToMinute(c.currentStart);
  return { ok: true, workerId: worker.id, notBefore: at > c.now && !sameTime ? at : null };
}
