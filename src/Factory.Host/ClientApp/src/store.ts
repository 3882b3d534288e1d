import type {
  DataQuality, LineView, MachineStateSpan, MachineView, PackMlState, PlantSnapshot, SiteView, WorkOrderView, WorkerView,
} from "./types";

/** How a delta relates to what the store holds. */
export type DeltaOutcome = "applied" | "old" | "gap";

/** One stretch of a machine's state timeline. `known` is false before the first thing we heard about it. */
export interface Segment {
  state: PackMlState | null;
  quality: DataQuality | null;
  from: number;
}

type Versioned = { id: string; version: number };

/**
 * The plant as this page knows it: entities by id with their versions, and whether that knowledge is live.
 * A snapshot replaces what it covers; a delta applies only when it is the next version.
 */
export class PlantStore {
  site: SiteView | null = null;
  readonly machines = new Map<string, MachineView>();
  readonly lines = new Map<string, LineView>();
  readonly workOrders = new Map<string, WorkOrderView>();
  readonly workers = new Map<string, WorkerView>();
  private readonly _timelines = new Map<string, Segment[]>();
  private readonly _speeds = new Map<string, { t: number; v: number }[]>();
  private readonly _listeners = new Set<() => void>();
  private _live = false;
  private _notifyQueued = false;

  /** True while the hub is connected and every subscription has its snapshot. */
  get live(): boolean {
    return this._live;
  }

  setLive(live: boolean): void {
    if (this._live !== live) {
      this._live = live;
      this.changed();
    }
  }

  subscribe(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  applySnapshot(snapshot: PlantSnapshot): void {
    if (snapshot.scope === "site") {
      this.site = snapshot.site;
      this.replaceAll(this.lines, snapshot.lines);
      this.replaceAll(this.workOrders, snapshot.workOrders);
      this.replaceAll(this.workers, snapshot.workers);
      const kept = new Set(snapshot.machines.map((m) => m.id));
      for (const id of [...this.machines.keys()]) {
        if (!kept.has(id)) this.machines.delete(id);
      }
    } else {
      for (const line of snapshot.lines) {
        if ((this.lines.get(line.id)?.version ?? -1) <= line.version) this.lines.set(line.id, line);
      }
    }
    for (const machine of snapshot.machines) {
      if ((this.machines.get(machine.id)?.version ?? -1) <= machine.version) this.putMachine(machine);
    }
    this.changed();
  }

  applyMachine(machine: MachineView): DeltaOutcome {
    const outcome = this.classify(this.machines.get(machine.id), machine);
    if (outcome === "applied") {
      this.putMachine(machine);
      this.changed();
    }
    return outcome;
  }

  applyLine(line: LineView): DeltaOutcome {
    return this.applyTo(this.lines, line);
  }

  applyWorkOrder(order: WorkOrderView): DeltaOutcome {
    return this.applyTo(this.workOrders, order);
  }

  applyWorker(worker: WorkerView): DeltaOutcome {
    return this.applyTo(this.workers, worker);
  }

  /** The machine's state history since `since`, oldest first; time before the first known state has state null. */
  timeline(machineId: string, since: number): Segment[] {
    const segments = this._timelines.get(machineId) ?? [];
    const result: Segment[] = [];
    if (segments.length === 0 || segments[0].from > since) {
      result.push({ state: null, quality: null, from: since });
    }
    for (let i = 0; i < segments.length; i++) {
      const next = segments[i + 1];
      if (next && next.from <= since) continue;
      result.push({ ...segments[i], from: Math.max(segments[i].from, since) });
    }
    return result;
  }

  /**
   * Puts a machine's recorded history (from the API) in front of what the hub has delivered, so the timeline covers
   * the time before this page opened; live segments are never replaced by it.
   */
  seedHistory(machineId: string, spans: readonly MachineStateSpan[]): void {
    const live = this._timelines.get(machineId) ?? [];
    const firstLive = live.length > 0 ? live[0].from : Number.POSITIVE_INFINITY;
    const history: Segment[] = spans
      .map((s) => ({ state: s.state === "Undefined" ? null : s.state, quality: s.state === "Undefined" ? null : s.quality, from: Date.parse(s.start) }))
      .filter((s) => s.from < firstLive);
    if (history.length === 0) return;
    this._timelines.set(machineId, [...history, ...live]);
    this.changed();
  }

  /** Speed samples (items/min) received since the page opened, oldest first. */
  speeds(machineId: string): readonly { t: number; v: number }[] {
    return this._speeds.get(machineId) ?? [];
  }

  private applyTo<T extends Versioned>(map: Map<string, T>, item: T): DeltaOutcome {
    const outcome = this.classify(map.get(item.id), item);
    if (outcome === "applied") {
      map.set(item.id, item);
      this.changed();
    }
    return outcome;
  }

  private classify(held: Versioned | undefined, incoming: Versioned): DeltaOutcome {
    if (!held) {
      // Something new in a subscribed scope (e.g. a work order just created): nothing to compare with.
      return "applied";
    }
    if (incoming.version <= held.version) return "old";
    return incoming.version === held.version + 1 ? "applied" : "gap";
  }

  /**
   * A delta sent after the snapshot was read can overtake the snapshot's answer; keep whichever is newer, so the
   * snapshot never rolls an entity back.
   */
  private replaceAll<T extends Versioned>(map: Map<string, T>, items: T[]): void {
    const held = new Map(map);
    map.clear();
    for (const item of items) {
      const current = held.get(item.id);
      map.set(item.id, current && current.version > item.version ? current : item);
    }
  }

  private putMachine(machine: MachineView): void {
    this.machines.set(machine.id, machine);
    const segments = this._timelines.get(machine.id) ?? [];
    const last = segments[segments.length - 1];
    const since = Date.parse(machine.stateSince);
    if (!last) {
      segments.push({ state: machine.state, quality: machine.quality, from: since });
    } else if (last.state !== machine.state || last.quality !== machine.quality) {
      // A state we missed while offline begins at its own stateSince; a quality change begins now.
      const from = last.state !== machine.state ? Math.max(since, last.from) : Math.max(Date.now(), last.from);
      segments.push({ state: machine.state, quality: machine.quality, from });
    }
    if (segments.length > 2000) segments.splice(0, segments.length - 2000);
    this._timelines.set(machine.id, segments);
    const speeds = this._speeds.get(machine.id) ?? [];
    const t = machine.telemetry.sourceTimestamp ? Date.parse(machine.telemetry.sourceTimestamp) : Date.now();
    if (speeds.length === 0 || speeds[speeds.length - 1].t < t) speeds.push({ t, v: machine.telemetry.speed });
    if (speeds.length > 1000) speeds.splice(0, speeds.length - 1000);
    this._speeds.set(machine.id, speeds);
  }

  // Listeners (the page's render) run at most once per animation frame, however many deltas arrived in it: at plant
  // size deltas come in many separate messages a frame, and drawing after each one is what made a page fall behind.
  // A page in a background tab draws nothing until it is shown again, then once.
  private changed(): void {
    if (this._notifyQueued) return;
    this._notifyQueued = true;
    requestAnimationFrame(() => {
      this._notifyQueued = false;
      for (const listener of this._listeners) listener();
    });
  }
}
