// Shapes of the host's views and events (camelCase JSON, enums by name). Mirrors Factory.Contracts.Views.

export type PackMlState =
  | "Undefined" | "Clearing" | "Stopped" | "Starting" | "Idle" | "Suspended" | "Execute" | "Stopping"
  | "Aborting" | "Aborted" | "Holding" | "Held" | "Unholding" | "Suspending" | "Unsuspending"
  | "Resetting" | "Completing" | "Complete";
export type DataQuality = "Good" | "Uncertain" | "Bad" | "Disconnected" | "Stale";
export type LineStatus = "Idle" | "Running" | "Degraded" | "Down";
export type OperationStatus = "Pending" | "Ready" | "Released" | "Running" | "Completed" | "Interrupted" | "Cancelled";
export type WorkOrderStatus = "Open" | "InProgress" | "Completed" | "Cancelled";
export type Role = "Manager" | "ControlRoom" | "Operator" | "Maintenance";

export interface Telemetry {
  speed: number;
  setpoint: number;
  producedCount: number;
  goodCount: number;
  scrapCount: number;
  temperatures: Record<string, number>;
  /** Tags whose values are text. */
  tags: Record<string, string>;
  /** Tags whose values are numbers or booleans (true is 1): alarm bits, extra tags, the heartbeat. */
  numbers: Record<string, number>;
  sourceTimestamp: string | null;
}

export interface MachineView {
  id: string;
  siteId: string;
  lineId: string;
  name: string;
  capabilities: string[];
  idealCycleTimeSeconds: number;
  holdExtensions: boolean;
  /** The state the plant definition says it starts in (its spec's); `state` is the one it is in now. */
  initialState: PackMlState;
  state: PackMlState;
  stateSince: string;
  mode: string;
  quality: DataQuality;
  qualitySince: string;
  /** Why the quality is not Good (e.g. a PLC state its stateTable does not know), when known. */
  qualityReason?: string | null;
  faultReason: string | null;
  telemetry: Telemetry;
  currentWorkOrderId: string | null;
  currentOperation: number | null;
  available: boolean;
  unavailableReason: string | null;
  version: number;
  source?: string | null;
  job?: JobView | null;
}

/** The job a machine holds (released, running, or finished until the next one). */
export interface JobView {
  id: string;
  workOrderId: string;
  sequence: number;
  operationName: string;
  product: string;
  quantity: number;
  program: string | null;
  workerId: string | null;
  phase: "Released" | "Running" | "Finished";
  releasedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  good: number;
  scrap: number;
  mismatch: string | null;
  eta: string | null;
  plcError: string | null;
}

/** One run of an operation on a machine. */
export interface OperationRunView {
  machineId: string;
  workerId: string | null;
  releasedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  good: number;
  scrap: number;
  outcome: OperationStatus | null;
  note: string | null;
}

export interface LineView {
  id: string;
  siteId: string;
  name: string;
  machineIds: string[];
  status: LineStatus;
  /** Good items per hour out of the line's last stage (`outputMachineIds`) over the last few minutes. */
  throughputPerHour: number;
  /** The line's last stage: the machines whose good output is the line's (README "Line throughput"). */
  outputMachineIds?: string[] | null;
  machinesProducing: number;
  machinesFailed: number;
  version: number;
}

export interface OperationView {
  sequence: number;
  name: string;
  capability: string;
  skill: string | null;
  minSkillLevel: number;
  standardDurationSeconds: number;
  allowedMachines: string[];
  machineId: string | null;
  workerId: string | null;
  pinned: boolean;
  status: OperationStatus;
  good: number;
  scrap: number;
  readyAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  eta: string | null;
  note: string | null;
  program: string | null;
  runs: OperationRunView[];
  instructions: string | null;
  instructionsUrl: string | null;
  /** The earliest start a manager gave it (a Gantt bar dragged to a later time); null for as soon as possible. */
  notBefore?: string | null;
}

export interface WorkOrderView {
  id: string;
  siteId: string;
  product: string;
  quantity: number;
  dueDate: string;
  priority: number;
  operations: OperationView[];
  done: boolean;
  version: number;
  status: WorkOrderStatus;
  good: number;
  completedAt: string | null;
  cancelledAt: string | null;
  eta: string | null;
}

export interface CertificationView {
  skill: string;
  validUntil: string;
}

export interface WorkerView {
  id: string;
  siteId: string;
  name: string;
  skills: Record<string, number>;
  certifications: CertificationView[];
  shift: string;
  clockedIn: boolean;
  clockedInSince: string | null;
  version: number;
}

export interface SiteView {
  id: string;
  name: string;
  timeZone: string;
  lineIds: string[];
  machineIds: string[];
  workerIds: string[];
  workOrderIds: string[];
  version: number;
}

export type Scope = "site" | "line" | "machine";

export interface PlantSnapshot {
  scope: Scope;
  id: string;
  site: SiteView | null;
  lines: LineView[];
  machines: MachineView[];
  workOrders: WorkOrderView[];
  workers: WorkerView[];
}

export interface Me {
  name: string;
  displayName: string;
  role: Role;
  canManage: boolean;
  /** Whether the user may run maintenance orders and plans: managers and the maintenance team. */
  canMaintain: boolean;
  /** An operator's machines (the only ones they may act on); empty for other roles. */
  machines: string[];
  /** The dashboard language the user chose ("de", "en"); null when never chosen (the browser's language applies). */
  language: string | null;
}

/** RFC 7807 problem details as the API answers a refused request. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** One stretch of a machine's recorded history (GET /machines/{id}/states). */
export interface MachineStateSpan {
  state: PackMlState;
  mode: string;
  quality: DataQuality;
  reasonCode: string | null;
  workOrderId: string | null;
  start: string;
  end: string;
}
