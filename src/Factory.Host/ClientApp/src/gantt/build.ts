import { t, term } from "../i18n";
import { dueRisk, finished, onMachine } from "../risk";
import type { PlantStore } from "../store";
import type { GanttBar, GanttModel, GanttRow, GanttShade } from "./model";
import { orderHue } from "./model";
import type { PlannedMaintenance, PlannedOperation, Scenario, SiteShifts } from "./wire";

const HOUR = 3_600_000;

/** The machines of the site as rows, by line then id. */
export function machineRows(store: PlantStore): GanttRow[] {
  return [...store.machines.values()]
    .sort((a, b) => a.lineId.localeCompare(b.lineId) || a.id.localeCompare(b.id))
    .map((m) => ({ id: m.id, label: m.id, note: m.available ? term("states", m.state) : `${term("states", m.state)} · ${t("board.unavailable")}`, available: m.available }));
}

/** The horizon shown: from an hour ago to an hour after the last planned end (at least 8 hours ahead). */
export function horizon(operations: PlannedOperation[], now: number): { from: number; to: number } {
  const last = operations.reduce((max, o) => Math.max(max, Date.parse(o.end)), now + 8 * HOUR);
  return { from: now - HOUR, to: Math.min(last + HOUR, now + 31 * 24 * HOUR) };
}

/** Time outside every shift and the shifts' breaks, for every row (nothing without a calendar). */
export function calendarShades(shifts: SiteShifts | null, from: number, to: number): GanttShade[] {
  if (!shifts?.fromCalendar) return [];
  const shades: GanttShade[] = [];
  let cursor = from;
  for (const s of [...shifts.shifts].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const start = Date.parse(s.start);
    const end = Date.parse(s.end);
    if (start > cursor) shades.push({ rowId: null, start: cursor, end: start, kind: "off-shift", label: t("gantt.noShift") });
    cursor = Math.max(cursor, end);
    for (const b of s.breaks) {
      shades.push({ rowId: null, start: Date.parse(b.start), end: Date.parse(b.end), kind: "break", label: `${term("breakKind", b.kind)} (${s.name})` });
    }
  }
  if (cursor < to) shades.push({ rowId: null, start: cursor, end: to, kind: "off-shift", label: t("gantt.noShift") });
  return shades;
}

/** A machine that cannot work now is shaded from now until the plan gives it work again (its expected return). */
function downShades(store: PlantStore, operations: PlannedOperation[], now: number, to: number): GanttShade[] {
  const shades: GanttShade[] = [];
  for (const m of store.machines.values()) {
    if (m.available) continue;
    const next = operations.filter((o) => o.machineId === m.id && Date.parse(o.start) >= now).reduce((min, o) => Math.min(min, Date.parse(o.start)), to);
    shades.push({ rowId: m.id, start: now, end: Math.max(next, now + 60_000), kind: "down", label: t("gantt.downBecause", { why: m.unavailableReason ?? term("states", m.state) }) });
  }
  return shades;
}

/** Each slot the plan placed due maintenance in, on its machine's row (with the booked worker). */
function maintenanceShades(maintenance: PlannedMaintenance[]): GanttShade[] {
  return maintenance.map((m) => ({
    rowId: m.machineId, start: Date.parse(m.start), end: Date.parse(m.end), kind: "maintenance" as const,
    label: t("gantt.maintenanceSlot", { order: m.orderId, worker: m.workerId ? ` · ${m.workerId}` : "" }),
  }));
}

function bars(store: PlantStore, operations: PlannedOperation[], now: number): GanttBar[] {
  return operations.map((o) => {
    const order = store.workOrders.get(o.workOrderId);
    const op = order?.operations.find((x) => x.sequence === o.sequence);
    return {
      key: `${o.workOrderId}#${o.sequence}`,
      rowId: o.machineId,
      workOrderId: o.workOrderId,
      sequence: o.sequence,
      workerId: o.workerId,
      start: Date.parse(o.start),
      end: Date.parse(o.end),
      label: `${o.workOrderId} · ${op?.name ?? t("tile.op", { op: o.sequence })}`,
      hue: orderHue(o.workOrderId),
      risk: order ? dueRisk(order, now) : "at-risk",
      movable: op !== undefined && !finished(op) && !onMachine(op),
      notBefore: op?.notBefore ? Date.parse(op.notBefore) : null,
    };
  });
}

/** The live plan as a Gantt. */
export function liveModel(store: PlantStore, operations: PlannedOperation[], shifts: SiteShifts | null, now: number, maintenance: PlannedMaintenance[] = []): GanttModel {
  const { from, to } = horizon(operations, now);
  return {
    from, to,
    rows: machineRows(store),
    bars: bars(store, operations, now),
    shades: [...calendarShades(shifts, from, to), ...downShades(store, operations, now, to), ...maintenanceShades(maintenance)],
  };
}

/** A scenario's plan on the same rows and horizon as <paramref name="live"/>, with what differs marked, its down windows and its maintenance slots shaded. */
export function scenarioModel(store: PlantStore, scenario: Scenario, live: GanttModel, shifts: SiteShifts | null, now: number): GanttModel {
  const moved = new Map(scenario.moves.map((m) => [`${m.workOrderId}#${m.sequence}`, m]));
  const from = live.from;
  const to = Math.max(live.to, horizon(scenario.operations, now).to);
  const scenarioBars = bars(store, scenario.operations, now).map((b) => {
    const m = moved.get(b.key);
    const changed: GanttBar["changed"] = !m ? undefined
      : !m.from ? "new"
      : m.from.machineId !== m.to.machineId ? "machine"
      : m.from.workerId !== m.to.workerId ? "worker" : "time";
    return { ...b, movable: false, changed, risk: store.workOrders.has(b.workOrderId) ? b.risk : "on-track" as const };
  });
  const down: GanttShade[] = scenario.changes
    .filter((c) => c.kind === "MachineDown" && c.machineId && c.from && c.to)
    .map((c) => ({ rowId: c.machineId!, start: Date.parse(c.from!), end: Date.parse(c.to!), kind: "down" as const, label: t("gantt.downInScenario") }));
  return {
    from, to, rows: live.rows, bars: scenarioBars,
    shades: [...calendarShades(shifts, from, to), ...downShades(store, scenario.operations, now, to), ...down, ...maintenanceShades(scenario.maintenance ?? [])],
  };
}
