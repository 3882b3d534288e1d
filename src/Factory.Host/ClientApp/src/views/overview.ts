import { andonPanel, openCalls } from "../andon";
import { lineHeader, legend, machineTile } from "../components";
import { esc, tid } from "../html";
import { t } from "../i18n";
import type { View, ViewContext } from "../view";

/**
 * Plant overview: every line with status and throughput, every machine as a tile. Updates in place only the tiles and
 * line headers whose version changed; their slots are found once per layout, not looked up in the page per draw.
 */
export class OverviewView implements View {
  readonly scopes;
  private readonly _tiles = new Map<string, { el: HTMLElement; key: string }>();
  private readonly _tileSlots = new Map<string, HTMLElement>();
  private readonly _lineSlots = new Map<string, HTMLElement>();
  private _layoutKey = "";
  private _andonKey = "";
  private readonly _unsubscribe: () => void;

  constructor(private readonly _ctx: ViewContext) {
    this.scopes = [{ scope: "site" as const, id: _ctx.siteId }];
    // Andon calls are alarms: they come with the site's alarm feed every page already keeps.
    this._unsubscribe = _ctx.alarms.subscribe(() => this.render());
  }

  dispose(): void {
    this._unsubscribe();
  }

  render(): void {
    const { store, root } = this._ctx;
    const site = store.site;
    if (!site || site.id !== this._ctx.siteId) {
      root.innerHTML = `<p class="muted">${esc(t("common.waitingSnapshot"))}</p>`;
      this._layoutKey = "";
      return;
    }
    const lines = [...site.lineIds].sort().map((id) => store.lines.get(id)).filter((l) => l !== undefined);
    const layoutKey = lines.map((l) => `${l.id}:${l.machineIds.join(",")}`).join("|");
    if (layoutKey !== this._layoutKey) {
      this._layoutKey = layoutKey;
      this._andonKey = "";
      this._tiles.clear();
      this._tileSlots.clear();
      this._lineSlots.clear();
      root.innerHTML = `<section class="overview" data-testid="overview">
        <h1>${esc(site.name)}</h1>${legend()}
        <div class="andon-slot"></div>
        ${lines.map((l) => `<section class="line" data-testid="${tid("line", l.id)}">
          <div class="line-header-slot" data-line="${esc(l.id)}"></div>
          <div class="tiles">${l.machineIds.map((m) => `<div class="tile-slot" data-machine="${esc(m)}"></div>`).join("")}</div>
        </section>`).join("")}
      </section>`;
      for (const el of root.querySelectorAll<HTMLElement>(".tile-slot")) this._tileSlots.set(el.dataset.machine ?? "", el);
      for (const el of root.querySelectorAll<HTMLElement>(".line-header-slot")) this._lineSlots.set(el.dataset.line ?? "", el);
    }
    const alarms = this._ctx.alarms;
    const andonSlot = root.querySelector<HTMLElement>(".andon-slot");
    if (andonSlot && this._andonKey !== alarms.key) {
      this._andonKey = alarms.key;
      andonSlot.innerHTML = andonPanel(openCalls(alarms.all), alarms.loaded);
    }
    const live = store.live;
    for (const line of lines) {
      const slot = this._lineSlots.get(line.id);
      const key = `${line.version}:${live}`;
      if (slot && slot.dataset.key !== key) {
        slot.dataset.key = key;
        slot.innerHTML = lineHeader(line, live);
      }
      for (const id of line.machineIds) {
        const machine = store.machines.get(id);
        const slotEl = this._tileSlots.get(id);
        if (!machine || !slotEl) continue;
        const tileKey = `${machine.version}:${live}`;
        const held = this._tiles.get(id);
        if (held?.key === tileKey) continue;
        slotEl.innerHTML = machineTile(machine, live);
        this._tiles.set(id, { el: slotEl, key: tileKey });
      }
    }
    const overview = root.querySelector<HTMLElement>("[data-testid=overview]");
    if (overview) {
      const complete = live && site.machineIds.every((id) => this._tiles.has(id));
      overview.dataset.complete = String(complete);
      // For the load run: when the first complete overview was on screen, relative to navigation start.
      if (complete && performance.getEntriesByName("overview-complete").length === 0) performance.mark("overview-complete");
    }
  }
}
