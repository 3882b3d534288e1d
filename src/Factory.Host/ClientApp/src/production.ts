// Shapes of the host's production views (alarms, KPIs, downtime, audit, shifts); camelCase JSON, enums by name.

export type AlarmState =
  | "Normal" | "Unacknowledged" | "Acknowledged" | "ReturnedUnacknowledged" | "Latched" | "Shelved" | "Suppressed" | "OutOfService";
export type AlarmPriority = "Low" | "Medium" | "High" | "Urgent";

export interface AlarmView {
  id: string;
  machineId: string;
  area: string;
  priority: AlarmPriority;
  message: string;
  source: string;
  state: AlarmState;
  conditionActive: boolean;
  activeSince: string | null;
  stateSince: string;
  shelvedUntil: string | null;
  shelvedBy: string | null;
  shelveReason: string | null;
  version: number;
}

export interface AlarmEventView {
  alarmId: string;
  machineId: string;
  area: string;
  priority: AlarmPriority;
  at: string;
  who: string;
  action: string;
  from: AlarmState;
  to: AlarmState;
  why: string | null;
}

export interface AlarmAnalytics {
  from: string;
  to: string;
  ratePerHour: { hourStart: string; count: number }[];
  floods: { area: string; start: string; end: string; count: number }[];
  chattering: { alarmId: string; machineId: string; start: string; end: string; activations: number }[];
  stale: AlarmView[];
}

export interface TimeElements {
  pot: number; pdot: number; pbt: number; apt: number; adot: number; adet: number; asut: number; apmt: number; unknown: number; notCounted: number;
}

export interface KpiView {
  entity: string;
  id: string;
  from: string;
  to: string;
  time: TimeElements;
  availability: number | null;
  effectiveness: number | null;
  qualityRatio: number | null;
  oee: number | null;
  technicalEfficiency: number | null;
  scrapRatio: number | null;
  reworkRatio: number | null;
  mtbfSeconds: number | null;
  mttrSeconds: number | null;
  throughputPerHour: number | null;
  /** Good parts per elapsed hour: a machine's, a line's last stage's (`goodPerHourOf`), a site's lines' summed. */
  goodPerHour?: number | null;
  goodPerHourOf?: string[];
  unknownShare: number | null;
  produced: number;
  good: number;
  scrap: number;
  rework: number;
  failures: number;
}

export interface CurrentShift {
  siteId: string;
  name: string;
  id: string;
  start: string;
  end: string;
  timeZone: string;
  fromCalendar: boolean;
}

export interface DowntimeReason {
  code: string;
  name: string;
  parentCode: string | null;
  category: string;
  plcCode: number | null;
}

export interface DowntimeStop {
  machineId: string;
  intervalStart: string;
  start: string;
  end: string;
  seconds: number;
  state: string;
  element: string;
  reasonCode: string | null;
  unexplained: boolean;
  /** The alarm activated when the stop began, if one was. */
  alarmId: string | null;
}

export interface DowntimeReport {
  entity: string;
  id: string;
  from: string;
  to: string;
  lostSeconds: number;
  pareto: { reasonCode: string | null; reasonName: string; category: string | null; lostSeconds: number; stops: number; share: number; cumulativeShare: number }[];
  stops: DowntimeStop[];
}

export interface AuditEntry {
  sequence: number;
  at: string;
  who: string;
  action: string;
  target: string;
  why: string | null;
  result: string;
  details: string | null;
  previousHash: string;
  hash: string;
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  firstBrokenSequence: number | null;
  /** True when entries at the end were removed (the trail ends before its anchor). */
  truncated: boolean;
  problem: string | null;
  anchor: { sequence: number; hash: string } | null;
}
