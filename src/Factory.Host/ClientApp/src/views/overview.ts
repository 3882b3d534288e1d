import { andonPanel, openCalls } from "../andon";
import { lineHeader, legend, machineTile } from "../components";
import { esc, tid } from "../html";
import { t } from "../i18n";
import type { View, ViewContext } from "../view";

/** How often the tiles of lines scrolled out of view are brought up to date (the lines in view are, every frame). */
const OffScreenInterval = 1000;

/**
 * Plant overview: every line with status and throughput, every machine as a tile. Updates in place only the tiles and
 * line headers whose version changed; their slots are found once per layout, not looked up in the page per draw. At
 * plant size most lines are off screen: their tiles are redrawn at most once a second (and at once when scrolled into
 * view), the browser skips their layout and paint (`content-visibility`), so a page costs what it shows, not the plant.
 */
export class OverviewView implements View {
  readonly scopes;
  private readonly _visibleLines = new Set<string>();
  private _observer: IntersectionObserver | undefined;
  private _offScreenAt = 0;
  private _catchUp: ReturnType<typeof setTimeout> | undefined;
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
    this._observer?.disconnect();
    clearTimeout(this._catchUp);
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
        ${lines.map((l) => `<section class="line" data-testid="${tid("line", l.id)}" data-line-id="${esc(l.id)}">
          <div class="line-header-slot" data-line="${esc(l.id)}"></div>
          <div class="tiles">${l.machineIds.map((m) => `<div class="tile-slot" data-machine="${esc(m)}"></div>`).join("")}</div>
        </section>`).join("")}
      </section>`;
      for (const el of root.querySelectorAll<HTMLElement>(".tile-slot")) this._tileSlots.set(el.dataset.machine ?? "", el);
      for (const el of root.querySelectorAll<HTMLElement>(".line-header-slot")) this._lineSlots.set(el.dataset.line ?? "", el);
      this.watchLines(root);
    }
    const alarms = this._ctx.alarms;
    const andonSlot = root.querySelector<HTMLElement>(".andon-slot");
    if (andonSlot && this._andonKey !== alarms.key) {
      this._andonKey = alarms.key;
      andonSlot.innerHTML = andonPanel(openCalls(alarms.all), alarms.loaded);
    }
    const live = store.live;
    const now = performance.now();
    const offScreenPass = now - this._offScreenAt >= OffScreenInterval;
    if (offScreenPass) this._offScreenAt = now;
    let skipped = false;
    for (const line of lines) {
      // Off screen between passes, only what was never drawn is drawn.
      const current = offScreenPass || this._visibleLines.has(line.id);
      const slot = this._lineSlots.get(line.id);
      const key = `${line.version}:${live}`;
      if (slot && slot.dataset.key !== key) {
        if (current || slot.dataset.key === undefined) {
          slot.dataset.key = key;
          slot.innerHTML = lineHeader(line, live);
        } else {
          skipped = true;
        }
      }
      for (const id of line.machineIds) {
        const machine = store.machines.get(id);
        const slotEl = this._tileSlots.get(id);
        if (!machine || !slotEl) continue;
        const tileKey = `${machine.version}:${live}`;
        const held = this._tiles.get(id);
        if (held?.key === tileKey) continue;
        if (held && !current) {
          skipped = true;
          continue;
        }
        slotEl.innerHTML = machineTile(machine, live);
        this._tiles.set(id, { el: slotEl, key: tileKey });
      }
    }
    // What was left stale off screen is drawn at the next pass even when nothing else changes by then.
    if (skipped && this._catchUp === undefined) {
      this._catchUp = setTimeout(() => {
        this._catchUp = undefined;
        this.render();
      }, Math.max(0, this._offScreenAt + OffScreenInterval - now));
    }
    const overview = root.querySelector<HTMLElement>("[data-testid=overview]");
    if (overview) {
      const complete = live && site.machineIds.every((id) => this._tiles.has(id));
      overview.dataset.complete = String(complete);
      // For the load run: when the first complete overview was on screen, relative to navigation start.
      if (complete && performance.getEntriesByName("overview-complete").length === 0) performance.mark("overview-complete");
    }
  }

  /** Keeps which lines are on screen (or nearly); a line coming into view is drawn up to date at once. */
  private watchLines(root: HTMLElement): void {
    this._observer?.disconnect();
    this._visibleLines.clear();
    this._offScreenAt = 0; // a new layout draws every line once
    this._observer = new IntersectionObserver((entries) => {
      let shown = false;
      for (const entry of entries) {
        const id = (entry.target as HTMLElement).dataset.lineId ?? "";
        if (entry.isIntersecting) {
          shown ||= !this._visibleLines.has(id);
          this._visibleLines.add(id);
        } else {
          this._visibleLines.delete(id);
        }
      }
      if (shown) this.render();
    }, { rootMargin: "200px 0px" });
    for (const el of root.querySelectorAll<HTMLElement>("section.line")) this._observer.observe(el);
  }
}
