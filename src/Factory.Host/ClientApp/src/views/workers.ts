import { esc, tid } from "../html";
import { date, t, time } from "../i18n";
import type { CertificationView } from "../types";
import type { View, ViewContext } from "../view";

const day = 24 * 60 * 60 * 1000;

/** How a certification stands today: expired, expiring within 30 days, or valid. */
export function certificationStatus(c: CertificationView, now: number = Date.now()): "expired" | "expiring" | "valid" {
  const until = Date.parse(c.validUntil);
  if (until <= now) return "expired";
  return until - now <= 30 * day ? "expiring" : "valid";
}

/** Workers: clock, skills, certifications (expiring soon highlighted, expired marked) and their assignments. */
export class WorkersView implements View {
  readonly scopes;
  private _key = "";

  constructor(private readonly _ctx: ViewContext) {
    this.scopes = [{ scope: "site" as const, id: _ctx.siteId }];
  }

  render(): void {
    const { store, root } = this._ctx;
    if (!store.site) {
      root.innerHTML = `<p class="muted">${esc(t("common.waitingSnapshot"))}</p>`;
      return;
    }
    const workers = [...store.workers.values()].sort((a, b) => a.id.localeCompare(b.id));
    const orders = [...store.workOrders.values()];
    const key = [store.live, Math.floor(Date.now() / 60_000), ...workers.map((w) => `${w.id}:${w.version}`), ...orders.map((o) => `${o.id}:${o.version}`)].join("|");
    if (key === this._key) return;
    this._key = key;
    const now = Date.now();
    root.innerHTML = `<section class="workers ${store.live ? "" : "not-live"}" data-testid="workers">
      <h1>${esc(t("workers.title"))}</h1>
      <p class="muted">${esc(t("workers.summary", { inCount: workers.filter((w) => w.clockedIn).length, total: workers.length }))}</p>
      <table class="grid"><tr><th>${esc(t("board.worker"))}</th><th>${esc(t("workers.shift"))}</th><th>${esc(t("workers.clock"))}</th><th>${esc(t("workers.skills"))}</th><th>${esc(t("workers.certifications"))}</th><th>${esc(t("workers.assigned"))}</th></tr>
      ${workers.map((w) => {
        const assigned = orders.flatMap((o) => o.operations.filter((op) => op.workerId === w.id && op.status !== "Completed" && op.status !== "Cancelled").map((op) => t("workers.assignment", { order: o.id, op: op.sequence, machine: op.machineId ?? "—" })));
        return `<tr data-testid="${tid("worker", w.id)}" data-clocked-in="${w.clockedIn}">
          <td><strong>${esc(w.name)}</strong> <small>${esc(w.id)}</small></td>
          <td>${esc(w.shift)}</td>
          <td>${w.clockedIn ? `<span class="badge clocked-in">${esc(t("workers.in"))}</span> ${esc(t("andon.since", { at: time(w.clockedInSince) }))}` : `<span class="badge clocked-out">${esc(t("workers.out"))}</span>`}</td>
          <td>${Object.entries(w.skills).map(([s, l]) => `<span class="chip">${esc(s)} ${l}</span>`).join(" ")}</td>
          <td>${w.certifications.map((c) => {
            const status = certificationStatus(c, now);
            return `<span class="chip cert-${status}" data-testid="${tid("cert", w.id, c.skill)}" data-cert-status="${status}"
              title="${esc(t("workers.validUntil", { at: date(c.validUntil) }))}">${esc(c.skill)} ${status === "valid" ? "" : status === "expired" ? esc(t("workers.expired")) : esc(t("workers.expires", { at: date(c.validUntil) }))}</span>`;
          }).join(" ")}</td>
          <td>${assigned.length === 0 ? `<span class="muted">—</span>` : assigned.map((a) => esc(a)).join("<br>")}</td>
        </tr>`;
      }).join("")}
      </table>
    </section>`;
  }
}
