/** What the host sends for plans, shifts and scenarios (`GET /sites/{id}/plan`, `/shifts`, `/scenarios`). */

import type { PlannedOperation } from "../plan";

export type { PlannedOperation };

export interface PlanObjective {
  weightedTardinessSeconds: number;
  makespan: string;
  lateWorkOrders: number;
}

export interface FullPlan {
  siteId: string;
  version: number;
  trigger: string;
  solver: string;
  objective: PlanObjective | null;
  operations: PlannedOperation[];
  /** Due maintenance orders the plan placed: their machines are down then. */
  maintenance?: PlannedMaintenance[];
  unplanned: string[];
}

export interface PlannedMaintenance {
  orderId: string;
  machineId: string;
  workerId: string | null;
  start: string;
  end: string;
}

export interface ShiftSpan {
  name: string;
  id: string;
  start: string;
  end: string;
  breaks: { start: string; end: string; kind: string }[];
}

export interface SiteShifts {
  fromCalendar: boolean;
  timeZone: string;
  shifts: ShiftSpan[];
}

export interface ScenarioChange {
  kind: string;
  machineId?: string | null;
  workerId?: string | null;
  workOrderId?: string | null;
  from?: string | null;
  to?: string | null;
  dueDate?: string | null;
  priority?: number | null;
}

export interface ScenarioMove {
  workOrderId: string;
  sequence: number;
  from: PlannedOperation | null;
  to: PlannedOperation;
}

export interface Scenario {
  id: number;
  name: string;
  basedOnVersion: number;
  status: string;
  solver: string;
  elapsedMilliseconds: number;
  changes: ScenarioChange[];
  live: PlanObjective;
  scenario: PlanObjective | null;
  machineChanges: number;
  workerChanges: number;
  moves: ScenarioMove[];
  operations: PlannedOperation[];
  notes: string[];
  /** Where the scenario placed the maintenance due (its slots move with the work around them). */
  maintenance: PlannedMaintenance[];
}
