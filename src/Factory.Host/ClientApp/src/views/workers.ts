import { esc, tid } from "../html";
import { dateTime, time } from "../i18n";
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
      root.innerHTML = `<p class="muted">Waiting for the plant snapshot…</p>`;
      return;
    }
    const workers = [...store.workers.values()].sort((a, b) => a.id.localeCompare(b.id));
    const orders = [...store.workOrders.values()];
    const key = [store.live, Math.floor(Date.now() / 60_000), ...workers.map((w) => `${w.id}:${w.version}`), ...orders.map((o) => `${o.id}:${o.version}`)].join("|");
    if (key === this._key) return;
    this._key = key;
    const now = Date.now();
    root.innerHTML = `<section class="workers ${store.live ? "" : "not-live"}" data-testid="workers">
      <h1>Workers</h1>
      <p class="muted">${workers.filter((w) => w.clockedIn).length} of ${workers.length} clocked in. Certifications expiring within 30 days are highlighted; expired ones are struck through.</p>
      <table class="grid"><tr><th>worker</th><th>shift</th><th>clock</th><th>skills</th><th>certifications</th><th>assigned</th></tr>
      ${workers.map((w) => {
        const assigned = orders.flatMap((o) => o.operations.filter((op) => op.workerId === w.id && op.status !== "Completed" && op.status !== "Cancelled").map((op) => `${o.id} op ${op.sequence} on ${op.machineId ?? "—"}`));
        return `<tr data-testid="${tid("worker", w.id)}" data-clocked-in="${w.clockedIn}">
          <td><strong>${esc(w.name)}</strong> <small>${esc(w.id)}</small></td>
          <td>${esc(w.shift)}</td>
          <td>${w.clockedIn ? `<span class="badge clocked-in">in</span> since ${esc(time(w.clockedInSince))}` : `<span class="badge clocked-out">out</span>`}</td>
          <td>${Object.entries(w.skills).map(([s, l]) => `<span class="chip">${esc(s)} ${l}</span>`).join(" ")}</td>
          <td>${w.certifications.map((c) => {
            const status = certificationStatus(c, now);
            return `<span class="chip cert-${status}" data-testid="${tid("cert", w.id, c.skill)}" data-cert-status="${status}"
              title="valid until ${esc(dateTime(c.validUntil))}">${esc(c.skill)} ${status === "valid" ? "" : status === "expired" ? "EXPIRED" : `expires ${esc(dateTime(c.validUntil))}`}</span>`;
          }).join(" ")}</td>
          <td>${assigned.length === 0 ? `<span class="muted">—</span>` : assigned.map((a) => esc(a)).join("<br>")}</td>
        </tr>`;
      }).join("")}
      </table>
    </section>`;
  }
}
