import { andonKind, andonKinds, openCalls } from "../andon";
import { api } from "../api";
import { esc, tid } from "../html";
import { num, t, term, time } from "../i18n";
import type { PlannedOperation } from "../plan";
import type { DowntimeReason, DowntimeStop } from "../production";
import type { MachineView, OperationView } from "../types";
import type { View, ViewContext } from "../view";

/**
 * The operator station: one machine on a tablet at the machine. Its state, job and counters; the current stop with a
 * big reason picker; the andon. Actions show only on a machine the signed-in user may act on (an operator's own, or
 * any for a manager); the API refuses the others anyway.
 */
export class StationView implements View {
  readonly scopes;
  private readonly _mayAct: boolean;
  private readonly _unsubscribe: () => void;
  private _built = false;
  private _statusKey = "";
  private _andonKey = "";
  private _stopKey = "";
  private _reasons: DowntimeReason[] = [];
  private _stop: DowntimeStop | null = null;
  private _stopFor = "";
  private _retry: number | undefined;
  private _disposed = false;
  private _next: PlannedOperation[] | null = null;
  private _nextKey = "";
  private _jobKey = "";
  private _instructions: OperationView | null = null;
  private _instructionsKey = "";
  private readonly _planTimer: number;

  constructor(private readonly _ctx: ViewContext, private readonly _machineId: string) {
    this.scopes = [{ scope: "machine" as const, id: _machineId }];
    const me = _ctx.me;
    this._mayAct = me.canManage || (me.role === "Operator" && me.machines.includes(_machineId));
    this._unsubscribe = _ctx.alarms.subscribe(() => this.render());
    // The plan changes seldom and the list only looks ahead: read it now and every minute.
    this._planTimer = window.setInterval(() => void this.loadNext(), 60_000);
    void this.loadNext();
    void api.reasons(_ctx.siteId).then((r) => { this._reasons = r; this._stopKey = ""; this.render(); }).catch(() => undefined);
  }

  render(): void {
    const { store, root } = this._ctx;
    const m = store.machines.get(this._machineId);
    if (!m) {
      root.innerHTML = `<p class="muted">${esc(t("machine.waiting", { id: this._machineId }))}</p>`;
      this._built = false;
      return;
    }
    if (!this._built) this.build(m);
    this.drawStatus(m);
    this.drawInstructions(m);
    this.drawStop(m);
    this.drawAndon();
    this.drawNext();
  }

  dispose(): void {
    this._disposed = true;
    window.clearTimeout(this._retry);
    window.clearInterval(this._planTimer);
    this._unsubscribe();
  }

  private build(m: MachineView): void {
    this._built = true;
    this._statusKey = this._andonKey = this._stopKey = this._nextKey = this._instructionsKey = "";
    this._ctx.root.innerHTML = `<section class="station" data-testid="${tid("station", m.id)}" data-may-act="${this._mayAct}">
      <h1>${esc(m.name)} <small>${esc(m.id)}</small></h1>
      ${this._mayAct ? "" : `<p class="note" data-testid="station-readonly">${esc(t("station.readOnly", { id: m.id }))}</p>`}
      <div class="station-status"></div>
      <p class="station-message" data-testid="station-message" role="status"></p>
      <h2>${esc(t("station.instructions"))}</h2>
      <div class="station-instructions"></div>
      <h2>${esc(t("station.next"))}</h2>
      <div class="station-next"></div>
      <h2>${esc(t("station.stop"))}</h2>
      <div class="station-stop"></div>
      ${this._mayAct ? `<h2>${esc(t("station.scrap"))}</h2>
      <form class="station-scrap" data-testid="station-scrap">
        <label>${esc(t("station.parts"))} <input type="number" name="quantity" min="1" max="10000" value="1" required data-testid="station-scrap-quantity"></label>
        <label>${esc(t("station.reason"))} <input name="reason" maxlength="200" required placeholder="${esc(t("station.reasonPlaceholder"))}" data-testid="station-scrap-reason"></label>
        <button class="big" type="submit" data-testid="station-scrap-submit">${esc(t("station.recordScrap"))}</button>
      </form>
      <p class="muted">${esc(t("station.scrapNote"))}</p>` : ""}
      <h2>${esc(t("station.andon"))}</h2>
      <div class="station-andon"></div>
    </section>`;
    const form = this._ctx.root.querySelector<HTMLFormElement>(".station-scrap");
    form?.addEventListener("submit", (e) => {
      e.preventDefault();
      const quantity = Number(form.quantity.value);
      const reason = String(form.reason.value).trim();
      void this.act(form.querySelector("button")!, async () => {
        const answer = await api.scrap(m.id, quantity, reason);
        form.reason.value = "";
        return answer.workOrderId ? t("station.scrapRecordedFor", { quantity: answer.quantity, order: answer.workOrderId }) : t("station.scrapRecorded", { quantity: answer.quantity });
      });
    });
  }

  private drawStatus(m: MachineView): void {
    const key = `${m.version}:${this._ctx.store.live}`;
    const el = this._ctx.root.querySelector<HTMLElement>(".station-status");
    if (!el || key === this._statusKey) return;
    this._statusKey = key;
    const job = m.job;
    const order = job ? `${esc(job.workOrderId)} ${esc(t("tile.op", { op: job.sequence }))} — ${esc(job.operationName)} (${esc(job.product)})`
      : m.currentWorkOrderId ? `${esc(m.currentWorkOrderId)} ${esc(t("tile.op", { op: m.currentOperation ?? "—" }))}` : esc(t("station.noOrder"));
    const counts = esc(job ? t("station.countsOf", { good: num(job.good), scrap: num(job.scrap), quantity: num(job.quantity) })
      : t("station.counts", { good: num(m.telemetry.goodCount), scrap: num(m.telemetry.scrapCount) }));
    el.innerHTML = `<div class="station-state state-${esc(m.state)}" data-testid="station-state" data-state="${esc(m.state)}">
        ${esc(term("states", m.state))} <small>${esc(t("andon.since", { at: time(m.stateSince) }))}</small></div>
      <table class="grid kv"><tr><th>${esc(t("station.order"))}</th><td data-testid="station-order">${order}</td></tr>
        <tr><th>${esc(t("station.countsLabel"))}</th><td data-testid="station-counts">${counts}</td></tr></table>`;
  }

  /** The work instructions of the operation on the machine, read from its work order when the job changes. */
  private drawInstructions(m: MachineView): void {
    const job = m.job;
    const jobKey = job ? `${job.workOrderId}:${job.sequence}` : "";
    if (jobKey !== this._jobKey) {
      this._jobKey = jobKey;
      this._instructions = null;
      if (job) {
        void api.workOrder(job.workOrderId).then((order) => {
          if (this._jobKey !== jobKey) return;
          this._instructions = order.operations.find((o) => o.sequence === job.sequence) ?? null;
          this.render();
        }).catch(() => undefined);
      }
    }
    const el = this._ctx.root.querySelector<HTMLElement>(".station-instructions");
    const op = this._instructions;
    const key = `${jobKey}:${op?.instructions}:${op?.instructionsUrl}`;
    if (!el || key === this._instructionsKey) return;
    this._instructionsKey = key;
    if (!job || !op || (!op.instructions && !op.instructionsUrl)) {
      el.innerHTML = `<p class="muted" data-testid="station-instructions-none">${esc(job ? t("station.noInstructions") : t("station.noJob"))}</p>`;
      return;
    }
    // Only http(s) links get this far (the host refuses other schemes); rel=noopener keeps the kiosk tab safe.
    el.innerHTML = `<div data-testid="station-instructions">${op.instructions ? `<p class="station-instructions-text">${esc(op.instructions)}</p>` : ""}
      ${op.instructionsUrl ? `<p><a class="station-link" href="${esc(op.instructionsUrl)}" target="_blank" rel="noopener noreferrer"
        data-testid="station-instructions-link">${esc(t("station.openInstructions"))}</a></p>` : ""}</div>`;
  }

  /** The stop the machine is in now: the newest stop of its downtime report (fetched again when the state changes). */
  private drawStop(m: MachineView): void {
    const el = this._ctx.root.querySelector<HTMLElement>(".station-stop");
    if (!el) return;
    const running = m.state === "Execute";
    const stopFor = `${m.state}:${m.stateSince}`;
    if (!running && this._stopFor !== stopFor) {
      this._stopFor = stopFor;
      void this.loadStop();
    }
    const stop = running ? null : this._stop;
    const key = `${running}:${stop?.intervalStart}:${stop?.reasonCode}:${this._reasons.length}`;
    if (key === this._stopKey) return;
    this._stopKey = key;
    if (running || !stop) {
      el.innerHTML = `<p class="muted" data-testid="station-stop-none">${esc(running ? t("station.running") : t("station.lookingForStop"))}</p>`;
      return;
    }
    const reason = this._reasons.find((r) => r.code === stop.reasonCode);
    const parents = new Set(this._reasons.map((r) => r.parentCode).filter((p) => p !== null));
    // The picker offers the tree's leaves: a parent ("breakdown") is a heading, its children are the reasons.
    const leaves = this._reasons.filter((r) => !parents.has(r.code));
    el.innerHTML = `<p data-testid="station-stop" data-interval-start="${esc(stop.intervalStart)}" data-reason="${esc(stop.reasonCode ?? "")}">
        ${esc(t("station.stopSince", { state: term("states", stop.state), at: time(stop.start) }))}: <strong>${reason ? esc(reason.name) : esc(t("station.noReason"))}</strong></p>
      ${this._mayAct ? `<div class="station-reasons">${leaves.map((r) => `<button class="big${r.code === stop.reasonCode ? " chosen" : ""}"
          data-code="${esc(r.code)}" data-testid="${tid("station-reason", r.code)}">${esc(r.name)}</button>`).join("")}</div>` : ""}`;
    for (const button of el.querySelectorAll<HTMLButtonElement>("button[data-code]")) {
      button.addEventListener("click", () => void this.act(button, async () => {
        await api.attachReason(m.id, stop.intervalStart, button.dataset.code!, null);
        await this.loadStop();
        return t("station.reasonAttached", { reason: button.textContent?.trim() ?? "" });
      }));
    }
  }

  private drawAndon(): void {
    const el = this._ctx.root.querySelector<HTMLElement>(".station-andon");
    const alarms = this._ctx.alarms;
    if (!el || alarms.key === this._andonKey) return;
    this._andonKey = alarms.key;
    const open = openCalls(alarms.all, [this._machineId]);
    const openKinds = new Set(open.map((a) => andonKind(a)));
    el.innerHTML = `${this._mayAct ? `<div class="station-andon-buttons">${andonKinds.map((k) => `<button class="big andon-${k}"
        data-kind="${k}" data-testid="${tid("station-andon", k)}" ${openKinds.has(k) ? "disabled" : ""}>${esc(term("andonKind", k))}</button>`).join("")}</div>` : ""}
      <ul class="andon-calls" data-testid="station-andon-open" data-count="${open.length}">${open.map((a) => `<li data-testid="${tid("station-call", andonKind(a) ?? "")}">
        <strong>${esc(term("andonKind", andonKind(a)))}</strong> ${esc(t("station.called", { at: time(a.activeSince) }))} <span class="muted">${esc(term("alarmState", a.state))}</span>
        ${this._mayAct ? `<button class="big" data-answer="${esc(a.id)}" data-testid="${tid("station-answer", andonKind(a) ?? "")}">${esc(t("station.answered"))}</button>` : ""}</li>`).join("")}</ul>`;
    for (const button of el.querySelectorAll<HTMLButtonElement>("button[data-kind]")) {
      button.addEventListener("click", () => void this.act(button, async () => {
        const answer = await api.andon(this._machineId, button.dataset.kind!, null);
        alarms.apply(answer.alarm);
        if (answer.stopReason) await this.loadStop();
        return t("station.andonCalled", { kind: term("andonKind", button.dataset.kind) });
      }));
    }
    for (const button of el.querySelectorAll<HTMLButtonElement>("button[data-answer]")) {
      button.addEventListener("click", () => void this.act(button, async () => {
        alarms.apply(await api.clearAndon(this._machineId, button.dataset.answer!));
        return t("station.callAnswered");
      }));
    }
  }

  private async loadNext(): Promise<void> {
    try {
      const plan = await api.plan(this._ctx.siteId);
      const now = Date.now();
      this._next = plan.operations.filter((o) => o.machineId === this._machineId && Date.parse(o.end) > now)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).slice(0, 5);
    } catch {
      this._next = null;
    }
    this.render();
  }

  private drawNext(): void {
    const el = this._ctx.root.querySelector<HTMLElement>(".station-next");
    const key = JSON.stringify(this._next);
    if (!el || key === this._nextKey) return;
    this._nextKey = key;
    el.innerHTML = this._next === null ? `<p class="muted">${esc(t("station.noPlan"))}</p>`
      : this._next.length === 0 ? `<p class="muted" data-testid="station-next" data-count="0">${esc(t("station.nothingPlanned"))}</p>`
      : `<ol class="station-next-list" data-testid="station-next" data-count="${this._next.length}">${this._next.map((o) =>
        `<li>${esc(o.workOrderId)} ${esc(t("tile.op", { op: o.sequence }))} <span class="muted">${esc(time(o.start))}–${esc(time(o.end))}</span></li>`).join("")}</ol>`;
  }

  /**
   * The newest stop of the machine's downtime report, if it is the machine's current state. The log hears of a
   * state change a moment after the live view: until it has, the newest stop is an older one (or the acting state
   * on the way in), and it is asked again shortly (a reason must never go to a stop the operator is not in).
   */
  private async loadStop(): Promise<void> {
    const now = Date.now();
    window.clearTimeout(this._retry);
    try {
      const report = await api.downtime("machine", this._machineId, new Date(now - 24 * 3600_000).toISOString(), new Date(now + 60_000).toISOString());
      const newest = report.stops.reduce<DowntimeStop | null>((n, s) => !n || Date.parse(s.intervalStart) > Date.parse(n.intervalStart) ? s : n, null);
      const m = this._ctx.store.machines.get(this._machineId);
      // The stop must be in the machine's state: while the log has only the acting state before it (Holding before
      // Held), the stop's key is that acting stretch, which joins the next stop and would lose the reason.
      const current = newest !== null && m !== undefined && newest.state === m.state && Date.parse(newest.end) >= Date.parse(m.stateSince);
      this._stop = current ? newest : null;
      if (!current && !this._disposed && m?.state !== "Execute") this._retry = window.setTimeout(() => void this.loadStop(), 1000);
    } catch {
      this._stop = null;
    }
    this.render();
  }

  /** Runs one button's action, showing what happened (or why the host refused) in the message line. */
  private async act(button: HTMLButtonElement, action: () => Promise<string>): Promise<void> {
    const message = this._ctx.root.querySelector<HTMLElement>(".station-message");
    button.disabled = true;
    try {
      const done = await action();
      if (message) { message.textContent = done; message.className = "station-message"; }
    } catch (err) {
      if (message) { message.textContent = err instanceof Error ? err.message : String(err); message.className = "station-message refusal"; }
    } finally {
      button.disabled = false;
      this._andonKey = "";
      this.render();
    }
  }
}
