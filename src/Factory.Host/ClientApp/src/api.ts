import type {
  AlarmAnalytics, AlarmEventView, AlarmView, AuditEntry, AuditVerification, CurrentShift, DowntimeReason, DowntimeReport, KpiView,
} from "./production";
import type { CostRow } from "./costs";
import type { MachineReview, MaintenanceOrder, MaintenancePlan } from "./maintenance";
import type { FullPlan, Scenario, ScenarioChange, SiteShifts } from "./gantt/wire";
import type { LineView, MachineStateSpan, MachineView, Me, Problem, SiteView, WorkOrderView, WorkerView } from "./types";
import { t } from "./i18n";

/** A request the API refused, with the reason it gave. */
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(describe(status, problem));
  }
}

function describe(status: number, p: Problem): string {
  const fieldErrors = p.errors ? Object.values(p.errors).flat().join("; ") : "";
  return p.detail || fieldErrors || p.title || t("common.requestFailed", { status });
}

/** A query string from the parameters that have a value. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(response.status, (json as Problem) ?? { status: response.status });
  }
  return json as T;
}

/** The REST API at /api/v1, authenticated by the session cookie. */
export const api = {
  me: () => call<Me>("GET", "/auth/me"),
  login: (userName: string, password: string) => call<Me>("POST", "/auth/login", { userName, password }),
  logout: () => call<void>("POST", "/auth/logout"),
  setLanguage: (language: string) => call<void>("PUT", "/auth/me/preferences", { language }),
  sites: () => call<SiteView[]>("GET", "/sites"),
  lines: (siteId: string) => call<LineView[]>("GET", `/lines?siteId=${encodeURIComponent(siteId)}`),
  machine: (id: string) => call<MachineView>("GET", `/machines/${encodeURIComponent(id)}`),
  machineStates: (id: string, from: number) =>
    call<MachineStateSpan[]>("GET", `/machines/${encodeURIComponent(id)}/states?from=${encodeURIComponent(new Date(from).toISOString())}`),
  machineHistory: (id: string, from: number, to: number, points: number) =>
    call<import("./trend").MachineHistory>("GET", `/machines/${encodeURIComponent(id)}/history?from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}&points=${points}`),
  workOrder: (id: string) => call<WorkOrderView>("GET", `/workorders/${encodeURIComponent(id)}`),
  workOrders: (siteId: string) => call<WorkOrderView[]>("GET", `/workorders?siteId=${encodeURIComponent(siteId)}`),
  workers: (siteId: string) => call<WorkerView[]>("GET", `/workers?siteId=${encodeURIComponent(siteId)}`),
  /** A manager's move; <paramref name="notBefore"/> (ms) is the earliest start the plan may give it, null for as soon as possible. */
  assign: (workOrderId: string, sequence: number, machineId: string, workerId: string, notBefore: number | null = null) =>
    call<WorkOrderView>(
      "PUT",
      `/workorders/${encodeURIComponent(workOrderId)}/operations/${sequence}/assignment`,
      { machineId, workerId, pinned: false, notBefore: notBefore === null ? null : new Date(notBefore).toISOString() },
    ),
  release: (workOrderId: string, sequence: number) =>
    call<WorkOrderView>("POST", `/workorders/${encodeURIComponent(workOrderId)}/operations/${sequence}/release`),
  completeOperation: (workOrderId: string, sequence: number, reason: string | null) =>
    call<WorkOrderView>("POST", `/workorders/${encodeURIComponent(workOrderId)}/operations/${sequence}/complete`, { reason }),
  cancelOrder: (workOrderId: string, reason: string) =>
    call<WorkOrderView>("POST", `/workorders/${encodeURIComponent(workOrderId)}/cancel`, { reason }),
  setPlanMode: (siteId: string, mode: string) => call<unknown>("PUT", `/sites/${encodeURIComponent(siteId)}/plan/mode`, { mode }),
  setReleaseMode: (siteId: string, mode: string) => call<unknown>("PUT", `/sites/${encodeURIComponent(siteId)}/plan/release-mode`, { mode }),
  alarms: (q: { state?: string; machineId?: string; from?: string; to?: string; user?: string }) =>
    call<{ alarms: AlarmView[]; history: AlarmEventView[] }>("GET", `/alarms${query(q)}`),
  alarmAnalytics: (from: string, to: string) => call<AlarmAnalytics>("GET", `/alarms/analytics${query({ from, to })}`),
  acknowledge: (id: string, comment: string | null) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/acknowledge`, { comment }),
  shelve: (id: string, reason: string, until: string) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/shelve`, { reason, until }),
  unshelve: (id: string, comment: string | null) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/unshelve`, { comment }),
  reset: (id: string, comment: string | null) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/reset`, { comment }),
  suppress: (id: string, reason: string) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/suppress`, { reason }),
  unsuppress: (id: string, comment: string | null) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/unsuppress`, { comment }),
  outOfService: (id: string, reason: string) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/out-of-service`, { reason }),
  returnToService: (id: string, comment: string | null) => call<AlarmView>("POST", `/alarms/${encodeURIComponent(id)}/return-to-service`, { comment }),
  kpis: (entity: string, id: string, from: string, to: string) => call<KpiView[]>("GET", `/kpis${query({ entity, id, from, to })}`),
  downtime: (entity: string, id: string, from: string, to: string) => call<DowntimeReport>("GET", `/downtime${query({ entity, id, from, to })}`),
  reasons: (siteId: string) => call<DowntimeReason[]>("GET", `/sites/${encodeURIComponent(siteId)}/downtime-reasons`),
  attachReason: (machineId: string, intervalStart: string, code: string, comment: string | null) =>
    call<unknown>("POST", `/machines/${encodeURIComponent(machineId)}/downtime/${encodeURIComponent(intervalStart)}/reason`, { code, comment }),
  andon: (machineId: string, kind: string, note: string | null) =>
    call<{ alarm: AlarmView; stopReason: string | null }>("POST", `/machines/${encodeURIComponent(machineId)}/andon`, { kind, note }),
  scrap: (machineId: string, quantity: number, reason: string) =>
    call<{ quantity: number; workOrderId: string | null }>("POST", `/machines/${encodeURIComponent(machineId)}/scrap`, { quantity, reason }),
  clearAndon: (machineId: string, alarmId: string) =>
    call<AlarmView>("POST", `/machines/${encodeURIComponent(machineId)}/andon/${encodeURIComponent(alarmId)}/clear`, {}),
  currentShift: (siteId: string) => call<CurrentShift>("GET", `/sites/${encodeURIComponent(siteId)}/shifts/current`),
  audit: (q: { from?: string; to?: string; user?: string; action?: string; limit?: number }) => call<AuditEntry[]>("GET", `/audit${query(q)}`),
  auditVerify: () => call<AuditVerification>("GET", "/audit/verify"),
  maintenanceOrders: () => call<MaintenanceOrder[]>("GET", "/maintenance/orders"),
  createMaintenanceOrder: (body: { machineId: string; kind: "Corrective" | "Preventive"; reason: string; estimatedSeconds?: number; downtimeStart?: string; alarmId?: string | null }) =>
    call<MaintenanceOrder>("POST", "/maintenance/orders", body),
  maintenancePlans: (machineId?: string) => call<MaintenancePlan[]>("GET", `/maintenance/plans${query({ machineId })}`),
  machineReview: (machineId: string, from: string, to: string) =>
    call<MachineReview>("GET", `/machines/${encodeURIComponent(machineId)}/review${query({ from, to })}`),
  maintenanceStep: (orderId: string, step: "start" | "finish" | "cancel", body: { note?: string; reason?: string } = {}) =>
    call<MaintenanceOrder>("POST", `/maintenance/orders/${encodeURIComponent(orderId)}/${step}`, body),
  costs: (q: { entity: string; id?: string; siteId?: string; from?: string; to?: string }) => call<CostRow[]>("GET", `/costs${query(q)}`),
  plan: (siteId: string) => call<FullPlan>("GET", `/sites/${encodeURIComponent(siteId)}/plan`),
  shifts: (siteId: string, from: string, to: string) => call<SiteShifts>("GET", `/sites/${encodeURIComponent(siteId)}/shifts${query({ from, to })}`),
  runScenario: (siteId: string, body: { name: string; changes: ScenarioChange[] }) =>
    call<Scenario>("POST", `/sites/${encodeURIComponent(siteId)}/scenarios`, body),
  proposeScenario: (siteId: string, id: number) => call<FullPlan>("POST", `/sites/${encodeURIComponent(siteId)}/scenarios/${id}/propose`),
  applyScenario: (siteId: string, id: number) => call<FullPlan>("POST", `/sites/${encodeURIComponent(siteId)}/scenarios/${id}/apply`),
};
