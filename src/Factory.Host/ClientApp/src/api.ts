import type { LineView, MachineStateSpan, MachineView, Me, Problem, SiteView, WorkOrderView, WorkerView } from "./types";

/** A request the API refused, with the reason it gave. */
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(describe(status, problem));
  }
}

function describe(status: number, p: Problem): string {
  const fieldErrors = p.errors ? Object.values(p.errors).flat().join("; ") : "";
  return p.detail || fieldErrors || p.title || `request failed (${status})`;
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
  sites: () => call<SiteView[]>("GET", "/sites"),
  lines: (siteId: string) => call<LineView[]>("GET", `/lines?siteId=${encodeURIComponent(siteId)}`),
  machine: (id: string) => call<MachineView>("GET", `/machines/${encodeURIComponent(id)}`),
  machineStates: (id: string, from: number) =>
    call<MachineStateSpan[]>("GET", `/machines/${encodeURIComponent(id)}/states?from=${encodeURIComponent(new Date(from).toISOString())}`),
  workOrders: (siteId: string) => call<WorkOrderView[]>("GET", `/workorders?siteId=${encodeURIComponent(siteId)}`),
  workers: (siteId: string) => call<WorkerView[]>("GET", `/workers?siteId=${encodeURIComponent(siteId)}`),
  assign: (workOrderId: string, sequence: number, machineId: string, workerId: string) =>
    call<WorkOrderView>(
      "PUT",
      `/workorders/${encodeURIComponent(workOrderId)}/operations/${sequence}/assignment`,
      { machineId, workerId, pinned: false },
    ),
};
