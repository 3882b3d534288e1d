import type { OperationView, WorkOrderView } from "./types";

/** Due-date risk of a work order: late already, unlikely to make it, or fine. */
export type DueRisk = "done" | "overdue" | "at-risk" | "on-track";

/** Completed or cancelled: nothing more happens to the operation. */
export const finished = (op: OperationView): boolean => op.status === "Completed" || op.status === "Cancelled";

/** Released to a machine or running on it. */
export const onMachine = (op: OperationView): boolean => op.status === "Released" || op.status === "Running";

/**
 * At risk when the order's live ETA (the rate of what runs now, then the standard times of the rest, as the host computes
 * it) is after its due date; overdue once the due date has passed.
 */
export function dueRisk(order: WorkOrderView, now: number = Date.now()): DueRisk {
  if (order.done) return "done";
  const due = Date.parse(order.dueDate);
  if (due < now) return "overdue";
  const eta = order.eta ? Date.parse(order.eta) : now + order.operations.filter((o) => !finished(o))
    .reduce((sum, o) => sum + o.standardDurationSeconds * 1000 * Math.max(0, order.quantity - o.good) / Math.max(1, order.quantity), 0);
  return eta > due ? "at-risk" : "on-track";
}

export function progress(order: WorkOrderView): { done: number; total: number } {
  return { done: order.operations.filter((o) => o.status === "Completed").length, total: order.operations.length };
}
