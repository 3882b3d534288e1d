import type { DueRisk } from "../risk";

/** One row of the Gantt: a machine (or a worker). */
export interface GanttRow {
  id: string;
  label: string;
  /** Short status shown under the label (e.g. the PackML state). */
  note: string;
  /** Greyed when the machine cannot take work now. */
  available: boolean;
}

/** One planned operation. Times in ms since the epoch. */
export interface GanttBar {
  key: string;
  rowId: string;
  workOrderId: string;
  sequence: number;
  workerId: string | null;
  start: number;
  end: number;
  label: string;
  /** Hue of the order's colour (0–359): every operation of one order has the same. */
  hue: number;
  risk: DueRisk;
  /** Pending work can be dragged; running or done work stays where it runs. */
  movable: boolean;
  /** The earliest start a manager dragged it to (ms), shown on the bar; null when the plan chooses its time freely. */
  notBefore?: number | null;
  /** Set in a scenario pane: what is different from the live plan. */
  changed?: "machine" | "worker" | "time" | "new";
}

/** A shaded stretch: a machine down, a break, time outside every shift. rowId null = every row. */
export interface GanttShade {
  rowId: string | null;
  start: number;
  end: number;
  kind: "down" | "break" | "off-shift" | "stop" | "maintenance";
  label: string;
}

/** Everything one Gantt pane draws. */
export interface GanttModel {
  from: number;
  to: number;
  rows: GanttRow[];
  bars: GanttBar[];
  shades: GanttShade[];
}

/** A stable hue per work order. */
export function orderHue(workOrderId: string): number {
  let h = 2166136261;
  for (let i = 0; i < workOrderId.length; i++) {
    h ^= workOrderId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 360;
}
