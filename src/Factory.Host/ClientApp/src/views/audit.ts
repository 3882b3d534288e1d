import { api, query } from "../api";
import { esc, tid } from "../html";
import { dateTime, t, term } from "../i18n";
import type { AuditEntry } from "../production";
import type { View, ViewContext } from "../view";
import { fromLocalInput, toLocalInput } from "./alarms";

/**
 * The audit trail for managers: who did what, when, why and with what result, filtered by time, user and action
 * (prefix), newest first, with the hash chain's verification and a CSV export of the same filter.
 */
export class AuditView implements View {
  readonly scopes = [];
  private _built = false;

  constructor(private readonly _ctx: ViewContext, private readonly _params: URLSearchParams) {}

  render(): void {
    if (this._built && this._ctx.root.querySelector("[data-testid=audit-page]")) return;
    const { root, me } = this._ctx;
    this._built = true;
    if (!me.canManage) {
      root.innerHTML = `<section data-testid="audit-page"><h1>${esc(t("audit.title"))}</h1>
        <p class="refusal" data-testid="audit-managers-only">${esc(t("audit.managersOnly"))}</p></section>`;
      return;
    }
    root.innerHTML = `<section class="audit-page" data-testid="audit-page">
      <h1>${esc(t("audit.title"))}</h1>
      <p>${esc(t("audit.chain"))}: <span class="badge" data-testid="audit-chain" data-intact="">${esc(t("audit.checking"))}</span>
        <button data-testid="audit-verify">${esc(t("audit.verifyAgain"))}</button></p>
      <form class="filters" data-testid="audit-filter">
        <label>${esc(t("common.from"))} <input type="datetime-local" name="from" value="${toLocalInput(Date.now() - 24 * 3600_000)}"></label>
        <label>${esc(t("common.to"))} <input type="datetime-local" name="to"></label>
        <label>${esc(t("common.user"))} <input name="user" size="10" value="${esc(this._params.get("user") ?? "")}"></label>
        <label>${esc(t("alarms.action"))} <input name="action" size="14" placeholder="${esc(t("audit.actionPlaceholder"))}" value="${esc(this._params.get("action") ?? "")}"></label>
        <button type="submit" data-testid="audit-search">${esc(t("common.search"))}</button>
        <a data-testid="audit-csv" href="/api/v1/audit.csv" download>CSV</a>
      </form>
      <div data-testid="audit-entries"><p class="muted">${esc(t("common.loading"))}</p></div>
    </section>`;
    const form = root.querySelector<HTMLFormElement>("[data-testid=audit-filter]")!;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.search();
    });
    root.querySelector("[data-testid=audit-verify]")!.addEventListener("click", () => void this.verify());
    void this.search();
    void this.verify();
  }

  private async verify(): Promise<void> {
    const badge = this._ctx.root.querySelector<HTMLElement>("[data-testid=audit-chain]");
    if (!badge) return;
    badge.textContent = t("audit.checking");
    try {
      const v = await api.auditVerify();
      badge.dataset.intact = String(v.intact);
      badge.className = `badge ${v.intact ? "chain-intact" : "chain-broken"}`;
      badge.textContent = v.intact
        ? t("audit.intact", { entries: v.entries })
        : t("audit.broken", { at: v.firstBrokenSequence, problem: v.problem ?? t("audit.altered"), entries: v.entries });
      badge.title = v.anchor ? t("audit.anchor", { sequence: v.anchor.sequence, hash: v.anchor.hash }) : "";
    } catch (err) {
      badge.dataset.intact = "";
      badge.textContent = t("audit.couldNotVerify", { reason: err instanceof Error ? err.message : String(err) });
    }
  }

  private async search(): Promise<void> {
    const root = this._ctx.root;
    const form = root.querySelector<HTMLFormElement>("[data-testid=audit-filter]");
    const host = root.querySelector<HTMLElement>("[data-testid=audit-entries]");
    if (!form || !host) return;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? "").trim() || undefined;
    const q = { from: fromLocalInput(String(data.get("from") ?? "")), to: fromLocalInput(String(data.get("to") ?? "")), user: text("user"), action: text("action") };
    root.querySelector<HTMLAnchorElement>("[data-testid=audit-csv]")!.href = `/api/v1/audit.csv${query(q)}`;
    try {
      const entries = (await api.audit({ ...q, limit: 10_000 })).reverse();
      host.innerHTML = table(entries);
    } catch (err) {
      host.innerHTML = `<p class="refusal">${esc(err instanceof Error ? err.message : String(err))}</p>`;
    }
  }
}

function table(entries: AuditEntry[]): string {
  if (entries.length === 0) return `<p class="muted" data-testid="audit-empty">${esc(t("audit.noEntries"))}</p>`;
  const shown = entries.slice(0, 500);
  return `<p class="muted">${esc(t("audit.entries", { count: entries.length }))}${entries.length > shown.length ? esc(t("audit.shown", { shown: shown.length })) : ""}.</p>
    <table class="grid audit"><tr><th>#</th><th>${esc(t("audit.when"))}</th><th>${esc(t("alarms.who"))}</th><th>${esc(t("audit.what"))}</th><th>${esc(t("audit.target"))}</th><th>${esc(t("alarms.why"))}</th><th>${esc(t("audit.result"))}</th></tr>
    ${shown.map((e) => `<tr data-testid="${tid("audit", e.sequence)}" data-action="${esc(e.action)}" data-who="${esc(e.who)}" data-result="${esc(e.result)}"
        title="${esc(e.details ?? "")}">
      <td>${e.sequence}</td><td>${esc(dateTime(e.at))}</td><td>${esc(e.who)}</td><td>${esc(e.action)}</td>
      <td>${esc(e.target)}</td><td>${esc(e.why ?? "")}</td>
      <td class="${e.result === "accepted" ? "" : "refused"}">${esc(term("auditResult", e.result))}</td></tr>`).join("")}
    </table>`;
}
