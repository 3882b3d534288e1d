/** Money split by what it paid for (GET /api/v1/costs); the parts add up to `total`. */
export interface CostBreakdown {
  labour: number;
  machine: number;
  idle: number;
  material: number;
  scrap: number;
  total: number;
}

/** One row of GET /api/v1/costs: a work order, line, site or shift against its budget. */
export interface CostRow {
  entity: "workorder" | "line" | "site" | "shift";
  id: string;
  name: string;
  siteId: string;
  currency: string;
  from: string | null;
  to: string | null;
  actual: CostBreakdown;
  planned: CostBreakdown | null;
  budget: number | null;
  variance: number | null;
  plannedVariance: number | null;
  overBudget: boolean;
}

/** Hub delta CostChanged: a work order's actual cost after one of its changes. */
export interface CostChanged {
  siteId: string;
  workOrderId: string;
  version: number;
  currency: string;
  actual: CostBreakdown;
  budget: number | null;
  variance: number | null;
  overBudget: boolean;
}

/** How much of the budget is spent, as a bar's width in percent (capped at 100; null without a budget). */
export function budgetShare(actual: number, budget: number | null): number | null {
  if (budget === null || budget <= 0) return null;
  return Math.min(100, Math.max(0, (actual / budget) * 100));
}
