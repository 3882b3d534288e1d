import { esc, tid, time } from "./html";
import type { PlantLive } from "./live";

/** A re-plan the dispatcher offers; shape to be confirmed when the dispatcher lands. */
export interface Proposal {
  id: string;
  siteId?: string;
  reason?: string;
  summary?: string;
  planVersion?: number;
  offeredAt?: string;
}

/**
 * The dispatcher's side of the board: the current plan version and open re-plan proposals. It listens to the
 * hub's `PlanChanged` and `ProposalOffered` events (not sent yet by the host); until the first one arrives the
 * panel says the dispatcher is not connected. Deciding posts to `/api/v1/proposals/{id}/accept|reject`.
 */
export class PlanDesk {
  private _planVersion: number | null = null;
  private _planChangedAt: string | null = null;
  private readonly _proposals = new Map<string, Proposal>();
  private readonly _listeners = new Set<() => void>();

  constructor(live: PlantLive) {
    live.on("PlanChanged", (e: { siteId?: string; version?: number; planVersion?: number; at?: string }) => {
      this._planVersion = e.planVersion ?? e.version ?? null;
      this._planChangedAt = e.at ?? new Date().toISOString();
      this.changed();
    });
    live.on("ProposalOffered", (p: Proposal) => {
      this._proposals.set(p.id, p);
      this.changed();
    });
    live.on("ProposalDecided", (p: { id: string }) => {
      this._proposals.delete(p.id);
      this.changed();
    });
  }

  subscribe(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** A key that changes whenever the panel would look different. */
  get key(): string {
    return `${this._planVersion}:${[...this._proposals.keys()].join(",")}`;
  }

  panel(canManage: boolean): string {
    const version = this._planVersion === null
      ? `<span class="muted">— (dispatcher not connected yet)</span>`
      : `v${this._planVersion} <small class="muted">since ${esc(time(this._planChangedAt))}</small>`;
    const proposals = [...this._proposals.values()];
    return `<div class="plan-panel">
      <span>Plan version: <strong data-testid="plan-version">${version}</strong></span>
      <span data-testid="proposals">${proposals.length === 0 ? `<span class="muted">no re-plan proposals</span>` : proposals.map((p) => `
        <span class="proposal" data-testid="${tid("proposal", p.id)}">${esc(p.summary ?? p.reason ?? p.id)}
          ${canManage ? `<button data-action="proposal-accept" data-id="${esc(p.id)}">accept</button>
          <button data-action="proposal-reject" data-id="${esc(p.id)}">reject</button>` : ""}</span>`).join("")}</span>
    </div>`;
  }

  async decide(id: string, accept: boolean): Promise<void> {
    const response = await fetch(`/api/v1/proposals/${encodeURIComponent(id)}/${accept ? "accept" : "reject"}`, {
      method: "POST",
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`the host refused the decision (${response.status})`);
    this._proposals.delete(id);
    this.changed();
  }

  private changed(): void {
    for (const listener of this._listeners) listener();
  }
}
