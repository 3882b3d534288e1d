import type { WorkOrderView } from "./types";

/** Due-date risk of a work order: late already, unlikely to make it with the standard times left, or fine. */
export type DueRisk = "done" | "overdue" | "at-risk" | "on-track";

export function dueRisk(order: WorkOrderView, now: number = Date.now()): DueRisk {
  if (order.done) return "done";
  const slack = Date.parse(order.dueDate) - now;
  if (slack < 0) return "overdue";
  const remaining = order.operations
    .filter((o) => o.status !== "Done")
    .reduce((sum, o) => sum + o.standardDurationSeconds * 1000, 0);
  return remaining > slack ? "at-risk" : "on-track";
}

export function progress(order: WorkOrderView): { done: number; total: number } {
  return { done: order.operations.filter((o) => o.status === "Done").length, total: order.operations.length };
}
