/**
 * Keeping an MSE player at the live edge (DESIGN.md §5, the anchors' top pain: live view drifting behind).
 * Pure functions of the buffered range and the playhead, so the policy is tested without a browser.
 */
export const LIVE_TARGET_SEC = 0.15;
/**
 * Behind by more than this: play faster until caught up. Kept close to the target: with a wider band a tile
 * could sit half a second behind for ever (measured by the wall-latency bench).
 */
export const SPEED_UP_ABOVE_SEC = 0.3;
/** Back to normal speed under this (hysteresis against the speed-up threshold). */
export const NORMAL_BELOW_SEC = 0.18;
/** Behind by more than this, or outside the buffer: jump straight to the edge. */
export const JUMP_ABOVE_SEC = 2;
export const MAX_RATE = 1.5;
/** Media kept behind the playhead… */
export const KEEP_BEHIND_SEC = 10;
/** …trimmed in chunks once this much has piled up, not on every frame. */
export const TRIM_ABOVE_SEC = 15;

export interface PlayheadState {
  currentTime: number;
  /** Buffered range around the playhead (the last range when there are several). */
  start: number;
  end: number;
  playbackRate: number;
}

export interface CatchUp {
  seekTo: number | null;
  rate: number;
}

export function catchUp(state: PlayheadState): CatchUp {
  const { currentTime, start, end, playbackRate } = state;
  if (end <= start) return { seekTo: null, rate: 1 };
  const lag = end - currentTime;
  if (currentTime < start || lag > JUMP_ABOVE_SEC) {
    return { seekTo: Math.max(start, end - LIVE_TARGET_SEC), rate: 1 };
  }
  if (lag > SPEED_UP_ABOVE_SEC) return { seekTo: null, rate: Math.min(MAX_RATE, 1 + (lag - LIVE_TARGET_SEC)) };
  if (lag < NORMAL_BELOW_SEC) return { seekTo: null, rate: 1 };
  return { seekTo: null, rate: playbackRate };
}

/** The range to remove from the buffer, or null when little enough is kept. */
export function trimRange(currentTime: number, bufferedStart: number): [number, number] | null {
  if (currentTime - bufferedStart <= TRIM_ABOVE_SEC) return null;
  return [bufferedStart, currentTime - KEEP_BEHIND_SEC];
}
