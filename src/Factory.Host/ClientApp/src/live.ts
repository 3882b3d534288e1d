import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import type { PlantStore, DeltaOutcome } from "./store";
import type { LineView, MachineView, PlantSnapshot, Scope, WorkOrderView, WorkerView } from "./types";
import { t } from "./i18n";

/** What the connection banner shows. */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

const subscribeMethod: Record<Scope, string> = {
  site: "SubscribeSite",
  line: "SubscribeLine",
  machine: "SubscribeMachine",
};

const key = (scope: Scope, id: string) => `${scope}:${id}`;

/**
 * The page's one connection to /hubs/plant. It holds the subscriptions of what is on screen, feeds snapshots
 * and deltas into the store, resubscribes after a reconnect or a version gap, and marks the store not live
 * whenever it cannot vouch for the data.
 */
export class PlantLive {
  private readonly _hub: HubConnection;
  private readonly _wanted = new Map<string, { scope: Scope; id: string }>();
  private readonly _statusListeners = new Set<(status: ConnectionStatus) => void>();
  private _status: ConnectionStatus = "connecting";
  private _held = false;
  private _restartTimer: number | undefined;
  private _resyncQueued = false;
  private _stopped = false;
  private _snapshots = 0;

  constructor(private readonly _store: PlantStore) {
    this._hub = new HubConnectionBuilder()
      .withUrl("/hubs/plant")
      // Never give up: a wall screen must come back by itself when the host does.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(250 * 2 ** c.previousRetryCount, 5000) })
      .configureLogging(LogLevel.Warning)
      .build();
    for (const method of ["MachineChanged", "LineChanged", "WorkOrderChanged", "WorkerChanged"] as const) {
      // A handler must not return a value: SignalR would take it for a client result the server never asked for.
      this._hub.on(method, (e: unknown) => {
        this.receive(method, e);
      });
    }
    // Events a page listens to only while it is open still arrive in between: heard here, so SignalR does not warn.
    for (const method of ["PlanChanged", "ProposalChanged", "KpiChanged", "CostChanged", "AlarmChanged", "SafetyEvent", "ConnectionChanged", "MachineLogChanged"]) {
      this._hub.on(method, () => undefined);
    }
    this._hub.onreconnecting(() => this.setStatus("reconnecting"));
    this._hub.onreconnected(() => void this.resubscribeAll());
    this._hub.onclose(() => {
      this.setStatus("offline");
      this.scheduleRestart();
    });
  }

  /** How many snapshots were applied (initial subscriptions, reconnects and resyncs). */
  get snapshotCount(): number {
    return this._snapshots;
  }

  /** Applies one hub delta; a version gap triggers a resync of everything on screen. */
  receive(method: "MachineChanged" | "LineChanged" | "WorkOrderChanged" | "WorkerChanged", e: unknown): DeltaOutcome {
    const outcome = (() => {
      switch (method) {
        case "MachineChanged": return this._store.applyMachine((e as { machine: MachineView }).machine);
        case "LineChanged": return this._store.applyLine((e as { line: LineView }).line);
        case "WorkOrderChanged": return this._store.applyWorkOrder((e as { workOrder: WorkOrderView }).workOrder);
        case "WorkerChanged": return this._store.applyWorker((e as { worker: WorkerView }).worker);
      }
    })();
    if (outcome === "gap") this.queueResync(0);
    return outcome;
  }

  get status(): ConnectionStatus {
    return this._status;
  }

  /** Registers a handler for a hub event this class does not know (e.g. the dispatcher's); returns its removal. */
  on(method: string, handler: (...args: never[]) => void): () => void {
    const h = handler as (...args: unknown[]) => void;
    this._hub.on(method, h);
    return () => this._hub.off(method, h);
  }

  /** Calls a hub method that answers with a value (alarm lists, KPIs); rejects while the hub is not connected. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this._hub.state !== HubConnectionState.Connected) return Promise.reject(new Error(t("common.hubNotConnected")));
    return this._hub.invoke<T>(method, ...args);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this._statusListeners.add(listener);
    listener(this._status);
    return () => this._statusListeners.delete(listener);
  }

  async start(): Promise<void> {
    this._stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this._stopped = true;
    window.clearTimeout(this._restartTimer);
    await this._hub.stop();
  }

  /** Makes the subscriptions exactly `wanted`: unsubscribes what left the screen, subscribes what came. */
  async show(wanted: { scope: Scope; id: string }[]): Promise<void> {
    const next = new Map(wanted.map((w) => [key(w.scope, w.id), w]));
    const leaving = [...this._wanted.entries()].filter(([k]) => !next.has(k)).map(([, w]) => w);
    const coming = [...next.entries()].filter(([k]) => !this._wanted.has(k)).map(([, w]) => w);
    this._wanted.clear();
    for (const [k, w] of next) this._wanted.set(k, w);
    if (this._hub.state !== HubConnectionState.Connected) return;
    for (const w of leaving) {
      await this._hub.invoke("Unsubscribe", w.scope, w.id).catch(() => undefined);
    }
    if (coming.length > 0) {
      // What the store holds for the new scope may be old (it was off screen): not live until its snapshot is in.
      this._store.setLive(false);
      try {
        await Promise.all(coming.map((w) => this.subscribe(w.scope, w.id)));
      } catch {
        this.queueResync(1000);
        return;
      }
      if (this._hub.state === HubConnectionState.Connected && this._status === "live") this._store.setLive(true);
    }
  }

  /** Test and operator hook: drops the connection and keeps it down until {@link restore}. */
  async drop(): Promise<void> {
    this._held = true;
    window.clearTimeout(this._restartTimer);
    await this._hub.stop();
  }

  restore(): void {
    this._held = false;
    this.scheduleRestart(0);
  }

  private async connect(): Promise<void> {
    if (this._held || this._stopped) return;
    this.setStatus(this._status === "offline" ? "reconnecting" : this._status);
    try {
      await this._hub.start();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 401) {
        // The session ended: the page reloads into the sign-in form.
        location.reload();
        return;
      }
      this.setStatus("offline");
      this.scheduleRestart();
      return;
    }
    await this.resubscribeAll();
  }

  private scheduleRestart(delay = 2000): void {
    if (this._held || this._stopped) return;
    window.clearTimeout(this._restartTimer);
    this._restartTimer = window.setTimeout(() => void this.connect(), delay);
  }

  private async resubscribeAll(): Promise<void> {
    this._store.setLive(false);
    try {
      await Promise.all([...this._wanted.values()].map((w) => this.subscribe(w.scope, w.id)));
      if (this._hub.state === HubConnectionState.Connected) this.setStatus("live");
    } catch {
      // The hub refused or dropped mid-way; the reconnect path or the next gap tries again.
      if (this._hub.state === HubConnectionState.Connected) this.queueResync(1000);
    }
  }

  private async subscribe(scope: Scope, id: string): Promise<void> {
    const snapshot = await this._hub.invoke<PlantSnapshot>(subscribeMethod[scope], id);
    this._store.applySnapshot(snapshot);
    this._snapshots++;
  }

  /** A version gap means a delta was missed: take a fresh snapshot of everything on screen. */
  private queueResync(delay: number): void {
    if (this._resyncQueued) return;
    this._resyncQueued = true;
    window.setTimeout(() => {
      this._resyncQueued = false;
      void this.resubscribeAll();
    }, delay);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status !== "live") this._store.setLive(false);
    else this._store.setLive(true);
    if (this._status === status) return;
    this._status = status;
    for (const listener of this._statusListeners) listener(status);
  }
}
