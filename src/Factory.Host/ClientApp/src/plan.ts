import { esc, tid } from "./html";
import { t, time } from "./i18n";
import { api } from "./api";
import type { PlantLive } from "./live";

/** A move of one operation in a plan change (hub `PlanChanged.moves`). */
interface PlanMove {
  workOrderId: string;
  sequence: number;
  from: { machineId: string; workerId?: string | null; start: string } | null;
  to: { machineId: string; workerId?: string | null; start: string };
}

/** A re-plan waiting for a manager (`PlanView.proposal`, hub `ProposalChanged.proposal`). */
interface Proposal {
  id: number;
  basedOnVersion: number;
  trigger: string;
  solver: string;
  plannedAt: string;
  objective?: { weightedTardinessSeconds: number; lateWorkOrders: number };
  moves: PlanMove[];
}

/** Where and when the plan runs one operation (`PlanView.operations`). */
export interface PlannedOperation {
  workOrderId: string;
  sequence: number;
  machineId: string;
  workerId: string | null;
  start: string;
  end: string;
  pinned: boolean;
}

interface PlanView {
  version: number;
  mode: string;
  releaseMode: string;
  operations: PlannedOperation[];
  appliedAt: string | null;
  trigger: string;
  solver: string;
  objective?: { weightedTardinessSeconds: number; lateWorkOrders: number } | null;
  unplanned: string[];
  proposal: Proposal | null;
}

/**
 * The dispatcher's side of the board: the plan version in force, why it last changed and what moved, work it could
 * not plan, and the pending re-plan proposal. Loaded from `GET /api/v1/sites/{id}/plan`, kept current by the hub's
 * `PlanChanged` and `ProposalChanged` events; a version gap reloads it.
 */
export class PlanDesk {
  private _siteId = "";
  private _plan: PlanView | null = null;
  private _lastMoves: PlanMove[] = [];
  private readonly _listeners = new Set<() => void>();

  constructor(live: PlantLive) {
    live.on("PlanChanged", (e: { planVersion: number; trigger: string; solver: string; moves: PlanMove[]; mode: string; releaseMode: string }) => {
      if (!this._plan || e.planVersion > this._plan.version + 1) {
        void this.load(this._siteId);
        return;
      }

      if (e.planVersion <= this._plan.version) return;
      this._plan = {
        ...this._plan, version: e.planVersion, trigger: e.trigger, solver: e.solver, appliedAt: new Date().toISOString(),
        mode: e.mode ?? this._plan.mode, releaseMode: e.releaseMode ?? this._plan.releaseMode,
      };
      this._lastMoves = e.moves ?? [];
      // Moves carry only what moved; the board's planned times come from the whole plan, read again. A version without
      // moves changed what cannot be planned (the event does not carry it), so it is read again too.
      void this.load(this._siteId);
      this.changed();
    });
    live.on("ProposalChanged", (e: { status: string; proposal: Proposal }) => {
      if (!this._plan) return;
      if (e.status === "offered") this._plan = { ...this._plan, proposal: e.proposal };
      else if (this._plan.proposal?.id === e.proposal.id) this._plan = { ...this._plan, proposal: null };
      this.changed();
    });
  }

  /** Reads the plan in force (on start and to resync). */
  async load(siteId: string): Promise<void> {
    this._siteId = siteId;
    const response = await fetch(`/api/v1/sites/${encodeURIComponent(siteId)}/plan`, { credentials: "same-origin" });
    if (!response.ok) return;
    this._plan = (await response.json()) as PlanView;
    this.changed();
  }

  /** Where and when the plan in force runs an operation, or undefined when it is not in the plan. */
  planned(workOrderId: string, sequence: number): PlannedOperation | undefined {
    return this._plan?.operations?.find((o) => o.workOrderId === workOrderId && o.sequence === sequence);
  }

  /**
   * Why the plan in force leaves a work order out (its `unplanned` entry, "WO-7 op 20: no machine can 'polish'"), or the
   * site's when no feasible plan was found; undefined when the plan does not say.
   */
  unplannedReason(workOrderId: string): string | undefined {
    const unplanned = this._plan?.unplanned ?? [];
    return unplanned.find((u) => u.startsWith(`${workOrderId} op `)) ?? unplanned.find((u) => u.startsWith("no feasible plan"));
  }

  get releaseMode(): string {
    return this._plan?.releaseMode ?? "Automatic";
  }

  subscribe(listener: () => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** A key that changes whenever the panel would look different. */
  get key(): string {
    return `${this._plan?.version}:${this._plan?.proposal?.id}:${this._lastMoves.length}:${this._plan?.mode}:${this._plan?.releaseMode}`;
  }

  panel(canManage: boolean): string {
    const plan = this._plan;
    if (!plan) {
      return `<div class="plan-panel"><span>${esc(t("plan.version"))}: <strong data-testid="plan-version"><span class="muted">${esc(t("common.loading"))}</span></strong></span></div>`;
    }

    const moved = this._lastMoves.filter((m) => m.from && m.from.machineId !== m.to.machineId);
    const p = plan.proposal;
    return `<div class="plan-panel">
      <span>${esc(t("plan.version"))}: <strong data-testid="plan-version">v${plan.version}</strong>
        <small class="muted">${esc(plan.trigger)} · ${esc(plan.solver)} · ${esc(time(plan.appliedAt))}</small></span>
      <span>${esc(t("plan.plans"))}: <strong data-testid="plan-mode" data-mode="${esc(plan.mode)}">${esc(plan.mode === "Proposal" ? t("plan.proposed") : t("plan.applied"))}</strong>
        ${canManage ? `<button data-action="plan-mode" data-mode="${plan.mode === "Proposal" ? "AutoApply" : "Proposal"}" data-testid="plan-mode-toggle">${esc(plan.mode === "Proposal" ? t("plan.applyAtOnce") : t("plan.proposeFirst"))}</button>` : ""}</span>
      <span>${esc(t("plan.release"))}: <strong data-testid="release-mode" data-mode="${esc(plan.releaseMode)}">${esc(plan.releaseMode === "Manual" ? t("plan.byHand") : t("plan.automatic"))}</strong>
        ${canManage ? `<button data-action="release-mode" data-mode="${plan.releaseMode === "Manual" ? "Automatic" : "Manual"}" data-testid="release-mode-toggle">${esc(plan.releaseMode === "Manual" ? t("plan.releaseAutomatically") : t("plan.releaseByHand"))}</button>` : ""}</span>
      ${moved.length > 0 ? `<span data-testid="plan-moves">${esc(t("plan.moved", { count: moved.length }))}: ${moved.slice(0, 4)
        .map((m) => `${esc(m.workOrderId)}#${m.sequence} ${esc(m.from!.machineId)}→${esc(m.to.machineId)}`).join(", ")}${moved.length > 4 ? "…" : ""}</span>` : ""}
      ${plan.unplanned.length > 0 ? `<span class="refusal" data-testid="plan-unplanned">${esc(t("plan.cannotPlan"))}: ${plan.unplanned.map(esc).join("; ")}</span>` : ""}
      <span data-testid="proposals">${!p ? `<span class="muted">${esc(t("plan.noProposals"))}</span>` : `
        <span class="proposal" data-testid="${tid("proposal", String(p.id))}">${esc(t("plan.proposal", { id: p.id }))}: ${esc(p.trigger)} — ${esc(t("plan.changes", { count: p.moves.length }))},
          ${p.objective ? esc(t("plan.late", { count: p.objective.lateWorkOrders })) : ""}
          ${canManage ? `<button data-action="proposal-accept" data-id="${p.id}">${esc(t("plan.accept"))}</button>
          <button data-action="proposal-reject" data-id="${p.id}">${esc(t("plan.reject"))}</button>` : ""}</span>`}</span>
    </div>`;
  }

  /** A manager switches how plans are taken ("plan-mode": AutoApply/Proposal) or how work is released ("release-mode"). */
  async switchMode(which: string, mode: string): Promise<void> {
    await (which === "plan-mode" ? api.setPlanMode(this._siteId, mode) : api.setReleaseMode(this._siteId, mode));
    await this.load(this._siteId);
  }

  async decide(id: string, accept: boolean): Promise<void> {
    const response = await fetch(
      `/api/v1/sites/${encodeURIComponent(this._siteId)}/plan/proposals/${encodeURIComponent(id)}/${accept ? "accept" : "reject"}`,
      { method: "POST", credentials: "same-origin" });
    if (!response.ok) {
      const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
      throw new Error(problem?.detail ?? t("plan.decisionRefused", { status: response.status }));
    }

    this._plan = (await response.json()) as PlanView;
    this.changed();
  }

  private changed(): void {
    for (const listener of this._listeners) listener();
  }
}
