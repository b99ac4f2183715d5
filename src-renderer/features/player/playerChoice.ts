import { offscreenAvailable } from './canvasWorkers';

/**
 * Which player a live tile uses, decided in this one place: WebCodecs onto <canvas> for the only picture on show
 * (a maximised tile, a one-tile layout), MSE into <video> for grids. Measured by the wall-latency bench on this
 * 2-core box (27/11/2026, quiet): one tile 129 ms with WebCodecs vs 190 with MSE (the ffmpeg floor is 121), but
 * sixteen tiles fell ×7.7 further behind with WebCodecs (every frame converted and drawn on the page's thread)
 * where MSE holds. Decoding and drawing in a worker per canvas (webcodecsWorkerPlayer.ts) is opt-in until the
 * bench shows it ahead (numbers there). `?player=webcodecs|mse` in the page's or the hash route's query, else
 * localStorage `ioc.player`, forces one for every tile. WebCodecs only where the browser has it; a codec it cannot
 * decode falls back to MSE per tile (LivePlayer).
 */
export type PlayerKind = 'mse' | 'webcodecs';

export const PLAYER_STORAGE_KEY = 'ioc.player';

/** A setting from the page's or the hash route's query, else from localStorage; null when neither has it. */
function setting(name: string, storageKey: string): string | null {
  if (typeof window === 'undefined') return null;
  const { search, hash } = window.location;
  const fromQuery = (query: string) => new URLSearchParams(query).get(name);
  const hashQuery = hash.includes('?') ? hash.slice(hash.indexOf('?')) : '';
  try {
    return fromQuery(search) ?? fromQuery(hashQuery) ?? window.localStorage.getItem(storageKey);
  } catch {
    // Storage refused (privacy settings): the query alone decides.
    return fromQuery(search) ?? fromQuery(hashQuery);
  }
}

export const webCodecsAvailable = (): boolean =>
  typeof VideoDecoder === 'function' && typeof EncodedVideoChunk === 'function';

/**
 * WebCodecs players decode and draw in a worker per canvas (webcodecsWorkerPlayer.ts) only when asked:
 * `?webcodecs=worker`, else localStorage `ioc.webcodecs` = `worker`; and only where a canvas can be handed to one.
 */
export const WEBCODECS_STORAGE_KEY = 'ioc.webcodecs';

export function webCodecsInWorker(): boolean {
  return offscreenAvailable() && setting('webcodecs', WEBCODECS_STORAGE_KEY) === 'worker';
}

export function preferredPlayer(alone: boolean): PlayerKind {
  if (!webCodecsAvailable()) return 'mse';
  const forced = setting('player', PLAYER_STORAGE_KEY);
  if (forced === 'webcodecs' || forced === 'mse') return forced;
  return alone ? 'webcodecs' : 'mse';
}

/**
 * The MSE player's earlier live-edge policy, for paired benches (tests/bench/wall-latency.bench.ts, arm
 * mse-legacy): localStorage `ioc.liveEdge` = `legacy` (or `?liveEdge=legacy`) seeks to the edge instead of to a key
 * frame and counts every 'waiting' as an underrun; `ioc.frameWatch` = `legacy` asks the <video> for a callback on
 * every frame presented instead of once for the first and a count read twice a second.
 */
export const LIVE_EDGE_STORAGE_KEY = 'ioc.liveEdge';
export const FRAME_WATCH_STORAGE_KEY = 'ioc.frameWatch';

export const legacyLiveEdge = (): boolean => setting('liveEdge', LIVE_EDGE_STORAGE_KEY) === 'legacy';
export const legacyFrameWatch = (): boolean => setting('frameWatch', FRAME_WATCH_STORAGE_KEY) === 'legacy';
