import { ApiError, api } from "../api";
import { machineChoices, workerChoices } from "../assignable";
import { budgetShare, type CostChanged } from "../costs";
import { esc, tid } from "../html";
import { dateTime, money, num, t, term, time } from "../i18n";
import type { PlanDesk } from "../plan";
import { dueRisk, finished, onMachine, progress } from "../risk";
import { category } from "../states";
import type { MachineView, OperationView, WorkOrderView } from "../types";
import type { View, ViewContext } from "../view";

interface Picker {
  workOrderId: string;
  sequence: number;
  machineId: string;
  workerId: string;
  busy: boolean;
  error: string | null;
}

interface Card {
  order: WorkOrderView;
  op: OperationView;
}

/** An order's cost against its budget, as the cost API and the hub's CostChanged give it. */
interface OrderCost {
  actual: number;
  budget: number | null;
  overBudget: boolean;
  currency: string;
  version: number;
}


/**
 * Work-order board: one queue per machine built from the assignments, plus the unassigned operations.
 * Managers move an operation with a picker (or by dropping its card on another machine's queue); a refusal's
 * reason is shown on the card. Control-room users see the same board without any of that.
 */
export class BoardView implements View {
  readonly scopes;
  private _picker: Picker | null = null;
  private readonly _errors = new Map<string, string>();
  private _key = "";
  private readonly _timer: number;
  private readonly _unsubscribePlan: () => void;
  private readonly _costs = new Map<string, OrderCost>();
  private readonly _offCost: () => void;
  private readonly _onClick = (e: Event) => void this.click(e);
  private readonly _onChange = (e: Event) => this.change(e);
  private readonly _onDragStart = (e: DragEvent) => this.dragStart(e);
  private readonly _onDragOver = (e: DragEvent) => {
    if (this._ctx.me.canManage && (e.target as HTMLElement).closest(".queue")) e.preventDefault();
  };
  private readonly _onDrop = (e: DragEvent) => this.drop(e);
  private readonly _onScroll = () => this.scrollHint();

  constructor(private readonly _ctx: ViewContext, private readonly _plan: PlanDesk) {
    this.scopes = [{ scope: "site" as const, id: _ctx.siteId }];
    const root = _ctx.root;
    root.addEventListener("click", this._onClick);
    root.addEventListener("change", this._onChange);
    root.addEventListener("dragstart", this._onDragStart);
    root.addEventListener("dragover", this._onDragOver);
    root.addEventListener("drop", this._onDrop);
    // Scroll events do not bubble: caught on the way down, they tell the hint when the queues scroll.
    root.addEventListener("scroll", this._onScroll, true);
    window.addEventListener("resize", this._onScroll);
    this._unsubscribePlan = _plan.subscribe(() => this.render(true));
    // Budget against actual per order: read once, then kept by the hub's CostChanged.
    this._offCost = _ctx.live.on("CostChanged", (e: CostChanged) => {
      if ((this._costs.get(e.workOrderId)?.version ?? -1) >= e.version) return;
      this._costs.set(e.workOrderId, { actual: e.actual.total, budget: e.budget, overBudget: e.overBudget, currency: e.currency, version: e.version });
      this.render();
    });
    void api.costs({ entity: "workorder", siteId: _ctx.siteId }).then((rows) => {
      for (const r of rows) {
        if (!this._costs.has(r.id)) this._costs.set(r.id, { actual: r.actual.total, budget: r.budget, overBudget: r.overBudget, currency: r.currency, version: -1 });
      }
      this.render(true);
    }).catch(() => undefined);
    // Due-date risk moves with the clock even when no order changes.
    this._timer = window.setInterval(() => this.render(), 30_000);
  }

  dispose(): void {
    const root = this._ctx.root;
    root.removeEventListener("click", this._onClick);
    root.removeEventListener("change", this._onChange);
    root.removeEventListener("dragstart", this._onDragStart);
    root.removeEventListener("dragover", this._onDragOver);
    root.removeEventListener("drop", this._onDrop);
    root.removeEventListener("scroll", this._onScroll, true);
    window.removeEventListener("resize", this._onScroll);
    this._unsubscribePlan();
    this._offCost();
    window.clearInterval(this._timer);
  }

  render(force = false): void {
    const { store, root, me } = this._ctx;
    const site = store.site;
    if (!site) {
      root.innerHTML = `<p class="muted">${esc(t("common.waitingSnapshot"))}</p>`;
      return;
    }
    const orders = [...store.workOrders.values()];
    const machines = site.machineIds.map((id) => store.machines.get(id)).filter((m) => m !== undefined)
      .sort((a, b) => a.lineId.localeCompare(b.lineId) || a.id.localeCompare(b.id));
    const key = [
      store.live, this._plan.key, JSON.stringify(this._picker), Math.floor(Date.now() / 60_000), [...this._errors.values()].join(),
      ...orders.map((o) => `${o.id}:${o.version}`),
      ...machines.map((m) => `${m.id}:${m.state}:${m.quality}:${m.available}`),
      ...[...store.workers.values()].map((w) => `${w.id}:${w.version}`),
      ...[...this._costs].map(([id, c]) => `${id}:${c.actual}`),
    ].join("|");
    if (!force && key === this._key) return;
    this._key = key;

    const cards: Card[] = orders.flatMap((order) => order.operations.filter((op) => !finished(op)).map((op) => ({ order, op })));
    const byMachine = new Map<string, Card[]>();
    for (const card of cards) {
      const k = card.op.machineId ?? "";
      byMachine.set(k, [...(byMachine.get(k) ?? []), card]);
    }
    // What runs first, then what was released, then the plan's order.
    const rank = (op: OperationView) => ({ Running: 0, Released: 1, Interrupted: 2, Ready: 3 } as Record<string, number>)[op.status] ?? 4;
    const plannedStart = (c: Card) => Date.parse(this._plan.planned(c.order.id, c.op.sequence)?.start ?? c.order.dueDate);
    const sortCards = (list: Card[]) => list.sort((a, b) =>
      rank(a.op) - rank(b.op)
      || plannedStart(a) - plannedStart(b)
      || Date.parse(a.order.dueDate) - Date.parse(b.order.dueDate)
      || b.order.priority - a.order.priority
      || a.op.sequence - b.op.sequence);
    const focused = document.activeElement instanceof HTMLSelectElement ? document.activeElement.dataset.testid : undefined;
    // Redrawing must not throw the reader back to the top of a long queue.
    const scrolled = new Map([...root.querySelectorAll<HTMLElement>(".queue")].map((q) => [q.dataset.testid, q.querySelector(".queue-cards")?.scrollTop ?? 0]));
    const scrolledLeft = root.querySelector(".queues")?.scrollLeft ?? 0;

    root.innerHTML = `<section class="board" data-testid="board" data-can-manage="${me.canManage}">
      <h1>${esc(t("board.title"))}</h1>
      ${this._plan.panel(me.canManage)}
      <p class="muted">${esc(me.canManage ? t("board.howToMove") : t("board.readOnly"))}</p>
      <p class="scroll-hint muted" data-testid="board-scroll-hint" hidden></p>
      <div class="queues ${store.live ? "" : "not-live"}">
        ${this.queue("unassigned", t("board.unassigned"), null, sortCards(byMachine.get("") ?? []))}
        ${machines.map((m) => this.queue(m.id, m.id, m, sortCards(byMachine.get(m.id) ?? []))).join("")}
      </div>
      ${this.completed(orders)}
    </section>`;
    for (const q of root.querySelectorAll<HTMLElement>(".queue")) {
      const top = scrolled.get(q.dataset.testid);
      const cards = q.querySelector(".queue-cards");
      if (top && cards) cards.scrollTop = top;
    }
    const queues = root.querySelector(".queues");
    if (queues) queues.scrollLeft = scrolledLeft;
    this.scrollHint();
    if (focused) root.querySelector<HTMLSelectElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
  }

  /**
   * Which queues fit in view, and that the rest are a scroll away (#21, item 7: 5 of 14 queues showed at 1600 px with no
   * hint): "showing 6 of 15 queues (1–6) · scroll →", with faded edges on the side that has more; hidden when all fit.
   */
  private scrollHint(): void {
    const root = this._ctx.root;
    const queues = root.querySelector<HTMLElement>(".queues");
    const hint = root.querySelector<HTMLElement>("[data-testid=board-scroll-hint]");
    if (!queues || !hint) return;
    const box = queues.getBoundingClientRect();
    const all = [...queues.querySelectorAll<HTMLElement>(".queue")];
    const inView = all.map((q, i) => ({ i, r: q.getBoundingClientRect() })).filter(({ r }) => r.left >= box.left - 1 && r.right <= box.right + 1);
    const first = inView.length > 0 ? inView[0].i + 1 : 0;
    const last = inView.length > 0 ? inView[inView.length - 1].i + 1 : 0;
    const left = queues.scrollLeft > 1;
    const right = queues.scrollLeft + queues.clientWidth < queues.scrollWidth - 1;
    queues.classList.toggle("more-left", left);
    queues.classList.toggle("more-right", right);
    Object.assign(hint.dataset, { total: String(all.length), shown: String(inView.length), first: String(first), last: String(last) });
    hint.hidden = !left && !right;
    hint.textContent = `${left ? `← ${t("board.scroll")} · ` : ""}${t("board.showing", { shown: inView.length, total: all.length, first, last })}${right ? ` · ${t("board.scroll")} →` : ""}`;
  }

  /** The orders finished lately (completed or cancelled), newest first. */
  private completed(orders: WorkOrderView[]): string {
    const done = orders.filter((o) => o.done)
      .sort((a, b) => Date.parse(b.completedAt ?? b.cancelledAt ?? "") - Date.parse(a.completedAt ?? a.cancelledAt ?? ""));
    return `<section class="done-list" data-testid="done-orders" data-count="${done.length}">
      <h2>${esc(t("board.finished"))} <small>${done.length}</small></h2>
      ${done.length === 0 ? `<p class="muted">${esc(t("board.noneFinished"))}</p>` : `<ul>${done.slice(0, 12).map((o) => `<li data-testid="${tid("done", o.id)}" data-status="${esc(o.status)}">
        <strong>${esc(o.id)}</strong> ${esc(o.product)} ×${num(o.quantity)} · ${esc(term("orderStatus", o.status))} ${esc(dateTime(o.completedAt ?? o.cancelledAt))}
        ${o.status === "Completed" ? (Date.parse(o.completedAt ?? "") <= Date.parse(o.dueDate) ? `<span class="badge risk" data-risk="on-track">${esc(t("board.onTime"))}</span>` : `<span class="badge risk" data-risk="overdue">${esc(t("board.late"))}</span>`) : ""}
      </li>`).join("")}</ul>`}
    </section>`;
  }

  private queue(id: string, title: string, machine: MachineView | null, cards: Card[]): string {
    const head = machine
      ? `<span class="badge state-${category(machine.state)}" title="${esc(machine.unavailableReason ?? t("board.available"))}">${esc(term("states", machine.state))}</span>
         ${machine.available ? "" : `<span class="muted" title="${esc(machine.unavailableReason ?? "")}">${esc(t("board.unavailable"))}</span>`}`
      : "";
    return `<div class="queue" data-testid="${tid("queue", id)}" data-machine="${esc(machine?.id ?? "")}">
      <h3>${esc(title)} ${head} <small>${cards.length}</small></h3>
      <div class="queue-cards">${cards.map((c) => this.card(c, machine === null)).join("")}</div>
    </div>`;
  }

  /** The order's budget against its actual cost so far, as a bar (red when over); nothing for an order without a budget. */
  private budget(orderId: string, id: string): string {
    const cost = this._costs.get(orderId);
    const share = cost ? budgetShare(cost.actual, cost.budget) : null;
    if (!cost || share === null) return "";
    return `<div class="card-budget" data-testid="budget-${id}" data-actual="${cost.actual}" data-budget="${cost.budget}" data-over="${cost.overBudget}"
        title="${esc(t("board.budgetTitle", { actual: money(cost.actual, cost.currency), budget: money(cost.budget, cost.currency) }))}">
      <span class="budget-bar"><span class="budget-fill ${cost.overBudget ? "over" : ""}" style="width:${share.toFixed(1)}%"></span></span>
      <small>${esc(money(cost.actual, cost.currency))} / ${esc(money(cost.budget, cost.currency))}</small>
    </div>`;
  }

  private card({ order, op }: Card, compact: boolean): string {
    const { me, store } = this._ctx;
    const risk = dueRisk(order);
    const p = progress(order);
    const worker = op.workerId ? store.workers.get(op.workerId) : undefined;
    const picker = this._picker && this._picker.workOrderId === order.id && this._picker.sequence === op.sequence ? this._picker : null;
    const id = tid(order.id, op.sequence);
    if (compact && !picker) {
      // Unassigned work is long; one line per operation keeps the queues in view.
      return `<div class="card compact risk-${risk}" data-testid="op-${id}" data-machine="" data-worker="${esc(op.workerId ?? "")}"
          data-work-order="${esc(order.id)}" data-sequence="${op.sequence}" ${me.canManage ? `draggable="true"` : ""}
          title="${esc(t("board.compactTitle", { product: order.product, quantity: order.quantity, capability: op.capability, due: dateTime(order.dueDate), done: p.done, total: p.total }))}">
        <strong>${esc(order.id)}</strong> ${esc(t("tile.op", { op: op.sequence }))} ${esc(op.name)}
        <span class="badge risk" data-testid="risk-${id}" data-risk="${risk}">${esc(term("risk", risk))}</span>
        ${this.plannedHtml(order.id, op.sequence, id)}
        ${me.canManage ? `<button data-action="open" data-testid="reassign-${id}">${esc(t("board.move"))}</button>` : ""}
      </div>`;
    }
    const planned = this._plan.planned(order.id, op.sequence);
    const left = Math.max(0, order.quantity - op.good);
    const releasable = me.canManage && (op.status === "Ready" || op.status === "Interrupted") && planned !== undefined;
    return `<div class="card risk-${risk}" data-testid="op-${id}" data-machine="${esc(op.machineId ?? "")}" data-status="${esc(op.status)}"
        data-worker="${esc(op.workerId ?? "")}" data-work-order="${esc(order.id)}" data-sequence="${op.sequence}"
        ${me.canManage ? `draggable="true"` : ""}>
      <div class="card-head"><strong>${esc(order.id)}</strong> · ${esc(t("tile.op", { op: op.sequence }))} ${esc(op.name)}
        <span class="badge op-${op.status.toLowerCase()}" data-testid="status-${id}" data-status="${esc(op.status)}">${esc(term("operationStatus", op.status))}</span></div>
      ${this.budget(order.id, id)}
      <div>${esc(order.product)} ×${num(order.quantity)} · ${esc(t("board.needs", { capability: op.capability }))}${op.skill ? ` / ${esc(op.skill)} ≥${op.minSkillLevel}` : ""}</div>
      <div>${esc(t("board.worker"))}: ${esc(worker ? `${worker.name} (${worker.id})` : op.workerId ?? "—")}${op.pinned ? ` · ${esc(t("board.pinned"))}` : ""}</div>
      <div class="progress" data-testid="progress-${id}" title="${esc(t("board.goodOf", { good: op.good, quantity: order.quantity }))}${op.scrap ? `, ${esc(t("board.scrap", { scrap: op.scrap }))}` : ""}${op.runs.map((r) => `&#10;${esc(r.machineId)}: ${esc(t("board.run", { good: r.good, outcome: r.outcome ? term("operationStatus", r.outcome) : t("board.open") }))}${r.note ? ` (${esc(r.note)})` : ""}`).join("")}"><span style="width:${(100 * Math.min(op.good, order.quantity)) / Math.max(1, order.quantity)}%"></span></div>
      <div class="planned">${esc(t("board.goodCount", { good: num(op.good), quantity: num(order.quantity) }))}${op.scrap ? ` · ${esc(t("board.scrap", { scrap: num(op.scrap) }))}` : ""}
        ${[onMachine(op) && op.eta ? esc(t("tile.eta", { at: time(op.eta) })) : "", this.plannedHtml(order.id, op.sequence, id)].filter((x) => x).map((x) => ` · ${x}`).join("")}
        ${op.status === "Interrupted" ? ` · ${esc(t("board.left", { left: num(left) }))}` : ""}${op.runs.length > 1 ? ` · ${esc(t("board.runs", { runs: op.runs.length }))}` : ""}</div>
      <div>${esc(t("board.due", { at: dateTime(order.dueDate) }))} <span class="badge risk" data-testid="risk-${id}" data-risk="${risk}">${esc(term("risk", risk))}</span> · ${esc(t("board.priority", { priority: order.priority }))} · ${esc(t("board.opsDone", { done: p.done, total: p.total }))}</div>
      ${releasable ? `<button data-action="release" data-testid="release-${id}">${esc(t("board.release"))}</button>` : ""}
      ${me.canManage && op.status !== "Pending" ? `<button data-action="complete" data-testid="complete-${id}">${esc(t("board.complete"))}</button>` : ""}
      ${me.canManage && !picker ? `<button data-action="open" data-testid="reassign-${id}">${esc(t("board.move"))}</button>` : ""}
      ${me.canManage && picker ? this.pickerHtml(id, op, picker) : ""}
      ${this._errors.get(`${order.id}#${op.sequence}`) ? `<div class="refusal" role="alert">${esc(this._errors.get(`${order.id}#${op.sequence}`))}</div>` : ""}
    </div>`;
  }

  /**
   * When the plan in force runs the operation, in the site's zone (#21, item 6), or that it is not in the plan and why;
   * nothing until the plan is read.
   */
  private plannedHtml(workOrderId: string, sequence: number, id: string): string {
    const planned = this._plan.planned(workOrderId, sequence);
    if (planned) {
      return `<span class="planned-at" data-testid="planned-${id}" data-start="${esc(planned.start)}" data-end="${esc(planned.end)}"
        data-machine="${esc(planned.machineId)}" title="${esc(t("board.plannedOn", { machine: planned.machineId }))}">${esc(t("board.planned", { from: time(planned.start), to: time(planned.end) }))}</span>`;
    }
    const why = this._plan.unplannedReason(workOrderId);
    return why === undefined ? "" : `<span class="planned-at unplanned" data-testid="planned-${id}" data-unplanned="true">${esc(t("board.notInPlan", { why }))}</span>`;
  }

  private pickerHtml(id: string, op: OperationView, picker: Picker): string {
    const { store } = this._ctx;
    // Only what can do the operation is a choice; the rest stay listed, disabled, with why (#21, item 7).
    const option = (value: string, label: string, selected: boolean, why: string | null) =>
      `<option value="${esc(value)}" ${selected ? "selected" : ""} ${why ? `disabled class="incapable" title="${esc(why)}"` : ""}>${esc(label)}${why ? ` — ${esc(why)}` : ""}</option>`;
    const machines = machineChoices(op, store.machines.values()).map(({ item: m, why }) =>
      option(m.id, `${m.id} — ${term("states", m.state)}${m.available ? "" : ` (${t("board.unavailable")})`}`, m.id === picker.machineId, why));
    const workers = workerChoices(op, store.workers.values(), Date.now()).map(({ item: w, why }) =>
      option(w.id, `${w.id} ${w.name}${op.skill ? ` — ${op.skill} ${w.skills[op.skill] ?? 0}` : ""}${w.clockedIn ? "" : ` (${t("board.clockedOut")})`}`, w.id === picker.workerId, why));
    return `<div class="picker" data-testid="picker-${id}">
      <label>${esc(t("line.machine"))} <select data-field="machineId" data-testid="pick-machine-${id}">${machines.join("")}</select></label>
      <label>${esc(t("board.worker"))} <select data-field="workerId" data-testid="pick-worker-${id}">${workers.join("")}</select></label>
      <button data-action="assign" data-testid="assign-${id}" ${picker.busy ? "disabled" : ""}>${esc(picker.busy ? t("board.assigning") : t("board.assign"))}</button>
      <button data-action="cancel">${esc(t("common.cancel"))}</button>
      ${picker.error ? `<div class="refusal" role="alert" data-testid="refusal-${id}">${esc(picker.error)}</div>` : ""}
    </div>`;
  }

  private open(workOrderId: string, sequence: number, machineId?: string): void {
    const order = this._ctx.store.workOrders.get(workOrderId);
    const op = order?.operations.find((o) => o.sequence === sequence);
    if (!op) return;
    const store = this._ctx.store;
    const machines = machineChoices(op, store.machines.values());
    const firstMachine = machines.find((c) => c.why === null)?.item.id ?? "";
    const firstWorker = workerChoices(op, store.workers.values(), Date.now()).find((c) => c.why === null && c.item.clockedIn)?.item.id ?? "";
    // A card dropped on a machine that cannot do the operation says so at once, and the picker offers one that can.
    const dropped = machineId === undefined ? undefined : machines.find((c) => c.item.id === machineId);
    this._picker = {
      workOrderId, sequence,
      machineId: dropped?.why ? firstMachine : machineId ?? op.machineId ?? firstMachine,
      workerId: op.workerId ?? firstWorker,
      busy: false, error: dropped?.why ? t("board.droppedOn", { machine: dropped.item.id, why: dropped.why }) : null,
    };
    this.render(true);
  }

  private async click(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLElement>("button[data-action]");
    if (!button) return;
    const card = button.closest<HTMLElement>(".card");
    const action = button.dataset.action;
    if (action === "proposal-accept" || action === "proposal-reject") {
      await this._plan.decide(button.dataset.id ?? "", action === "proposal-accept").catch((err: Error) => alert(err.message));
      return;
    }
    if (action === "plan-mode" || action === "release-mode") {
      await this._plan.switchMode(action, button.dataset.mode ?? "").catch((err: Error) => alert(err.message));
      return;
    }
    if (!card) return;
    const workOrderId = card.dataset.workOrder ?? "";
    const sequence = Number(card.dataset.sequence);
    if (action === "release" || action === "complete") {
      const reason = action === "complete" ? window.prompt(t("board.completePrompt"), "") : null;
      if (action === "complete" && reason === null) return;
      this._errors.delete(`${workOrderId}#${sequence}`);
      try {
        const updated = action === "release" ? await api.release(workOrderId, sequence) : await api.completeOperation(workOrderId, sequence, reason || null);
        this._ctx.store.applyWorkOrder(updated);
      } catch (err) {
        this._errors.set(`${workOrderId}#${sequence}`, err instanceof ApiError ? t("common.refused", { status: err.status, reason: err.message }) : String(err));
      }
      this.render(true);
      return;
    }
    if (action === "open") {
      this.open(card.dataset.workOrder ?? "", Number(card.dataset.sequence));
    } else if (action === "cancel") {
      this._picker = null;
      this.render(true);
    } else if (action === "assign" && this._picker) {
      const picker = this._picker;
      picker.busy = true;
      picker.error = null;
      this.render(true);
      try {
        const updated = await api.assign(picker.workOrderId, picker.sequence, picker.machineId, picker.workerId);
        // The hub delta follows; applying the answer now shows the move at once.
        this._ctx.store.applyWorkOrder(updated);
        this._picker = null;
      } catch (err) {
        picker.busy = false;
        picker.error = err instanceof ApiError ? t("common.refused", { status: err.status, reason: err.message }) : t("board.couldNotAssign", { reason: String(err) });
      }
      this.render(true);
    }
  }

  private change(e: Event): void {
    const select = e.target as HTMLSelectElement;
    if (!this._picker || !select.dataset.field) return;
    if (select.dataset.field === "machineId") this._picker.machineId = select.value;
    if (select.dataset.field === "workerId") this._picker.workerId = select.value;
  }

  private dragStart(e: DragEvent): void {
    const card = (e.target as HTMLElement).closest<HTMLElement>(".card");
    if (!card || !e.dataTransfer) return;
    e.dataTransfer.setData("text/plain", `${card.dataset.workOrder}\n${card.dataset.sequence}`);
  }

  private drop(e: DragEvent): void {
    const queue = (e.target as HTMLElement).closest<HTMLElement>(".queue");
    const data = e.dataTransfer?.getData("text/plain");
    if (!queue || !data || !this._ctx.me.canManage) return;
    e.preventDefault();
    const [workOrderId, sequence] = data.split("\n");
    this.open(workOrderId, Number(sequence), queue.dataset.machine || undefined);
  }
}
