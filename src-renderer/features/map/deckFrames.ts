import type { MapboxOverlay, MapboxOverlayProps } from '@deck.gl/mapbox';

/**
 * What deck.gl 9.2 (pinned in package.json) holds past its public API that the driver reaches: the animation loop
 * it starts on every Deck, and the layer manager that async layer props report to. Checked against
 * node_modules/@deck.gl/core/src/lib/deck.ts and layer-manager.ts, and @luma.gl/engine's animation-loop.ts.
 */
interface LayerManagerInternals {
  needsUpdate(): string | false;
  setNeedsUpdate(reason: string): void;
  setNeedsRedraw(reason: string): void;
}
interface DeckInternals {
  isInitialized: boolean;
  animationLoop: { stop(): void; redraw(): void } | null;
  layerManager: LayerManagerInternals | null;
  needsRedraw(opts: { clearRedrawFlags: boolean }): string | false;
}

/** Who to wake when a layer manager is told it has work (a layer's async prop loaded, a layer finalised). */
const wakeOf = new WeakMap<object, () => void>();
const WATCHED = Symbol('ioc.deckFrames.watched');

/**
 * deck.gl seals its LayerManager instances, so the flags are watched on the class: once, each call goes on as
 * before and then wakes the driver of that instance, if it has one (other layer managers are left as they were).
 */
function watchLayerManager(manager: LayerManagerInternals, wake: () => void): void {
  const proto = Object.getPrototypeOf(manager) as LayerManagerInternals & { [WATCHED]?: true };
  if (!proto[WATCHED]) {
    const { setNeedsUpdate, setNeedsRedraw } = proto;
    proto.setNeedsUpdate = function (this: LayerManagerInternals, reason: string) {
      setNeedsUpdate.call(this, reason);
      wakeOf.get(this)?.();
    };
    proto.setNeedsRedraw = function (this: LayerManagerInternals, reason: string) {
      setNeedsRedraw.call(this, reason);
      wakeOf.get(this)?.();
    };
    proto[WATCHED] = true;
  }
  wakeOf.set(manager, wake);
}

/** localStorage key of the bench's switch (tests/bench/map-idle.bench.ts): `legacy` keeps deck.gl's own loop. */
export const MAP_LOOP_KEY = 'ioc.mapLoop';

/** Whether this window keeps the loop the map had before frames on demand (only the idle bench asks for it). */
export function legacyMapLoop(): boolean {
  try {
    return localStorage.getItem(MAP_LOOP_KEY) === 'legacy';
  } catch {
    return false;
  }
}

export interface DeckFrames {
  /** For the overlay's constructor: deck.gl tells the driver when it is ready and when its canvas resizes. */
  readonly props: Pick<MapboxOverlayProps, 'onLoad' | 'deviceProps'>;
  /** Something changed (layers set): one deck.gl frame at the next animation frame, more while it has work. */
  request(): void;
  dispose(): void;
}

/**
 * deck.gl's animation loop asks for every animation frame while the map is open, and each one reads the canvas
 * size and looks for changes even when there are none: ~60 wake-ups a second of an idle page, and a compositor
 * kept busy, on a workstation whose CPU is meant for video. The driver stops that loop once deck.gl is ready and
 * runs the very same frame (`animationLoop.redraw()`: pending layer updates, picking, draw if needed) only when
 * asked: new layers, an async layer prop loaded or a layer asking to be redrawn (the layer manager's flags), the
 * canvas resized; and again after each frame while deck.gl still has work (a transition). Camera moves need
 * nothing: the overlay draws deck.gl synchronously on MapLibre's own `render`, which MapLibre fires only when it
 * draws. Clicks pick at once. Hover picking waits for the next frame: no map layer uses onHover or autoHighlight
 * today; one that does must also request a frame on MapLibre's `mousemove`. `overlay` is read when deck.gl says it
 * is ready (it is created in the overlay's onAdd).
 */
export function createDeckFrames(overlay: () => MapboxOverlay | null): DeckFrames {
  let deck: DeckInternals | null = null;
  let frame: number | null = null;
  let running = false;
  let disposed = false;

  const run = () => {
    frame = null;
    const loop = deck?.animationLoop;
    if (!deck?.isInitialized || !loop) return;
    // The frame's own flags (updating layers sets "needs redraw") ask for nothing: what is left is checked after.
    running = true;
    try {
      loop.redraw();
    } finally {
      running = false;
    }
    if (deck.layerManager?.needsUpdate() || deck.needsRedraw({ clearRedrawFlags: false })) request();
  };
  function request() {
    if (disposed || running || !deck) return;
    frame ??= requestAnimationFrame(run);
  }
  const attach = () => {
    const found = overlay() as unknown as { _deck?: DeckInternals } | null;
    if (disposed || !found?._deck) return;
    deck = found._deck;
    // Stopped here, from deck.gl's onLoad, the loop never asks for its first frame (AnimationLoop.start checks).
    deck.animationLoop?.stop();
    if (deck.layerManager) watchLayerManager(deck.layerManager, request);
    // The first frame draws what was set before deck.gl was ready.
    request();
  };

  return {
    props: { onLoad: attach, deviceProps: { onResize: () => request() } },
    request,
    dispose() {
      disposed = true;
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      deck = null;
    },
  };
}
