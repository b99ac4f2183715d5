/**
 * Keeping an MSE player at the live edge (DESIGN.md §5, the anchors' top pain: live view drifting behind).
 * Pure functions of the buffered range and the playhead, so the policy is tested without a browser.
 */
import { LIVE_TARGET_POLICY } from './liveTarget';

/** The default target lag behind the newest buffered frame (liveTarget.ts adapts it per tile). */
export const LIVE_TARGET_SEC = LIVE_TARGET_POLICY.startSec;
/**
 * Behind the target by more than this: play faster until caught up. Kept narrow: with a wider band a tile could
 * sit half a second behind for ever (measured by the wall-latency bench).
 */
export const SPEED_UP_MARGIN_SEC = 0.12;
/** Back to normal speed within this of the target (hysteresis against the speed-up margin). */
export const NORMAL_MARGIN_SEC = 0.03;
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

/** What to do about the playhead to keep it `targetSec` behind the newest frame. */
export function catchUp(state: PlayheadState, targetSec = LIVE_TARGET_SEC): CatchUp {
  const { currentTime, start, end, playbackRate } = state;
  if (end <= start) return { seekTo: null, rate: 1 };
  const lag = end - currentTime;
  const speedUpAbove = targetSec + SPEED_UP_MARGIN_SEC;
  if (currentTime < start || lag > JUMP_ABOVE_SEC) {
    return { seekTo: Math.max(start, end - targetSec), rate: 1 };
  }
  if (lag > speedUpAbove) return { seekTo: null, rate: Math.min(MAX_RATE, 1 + (lag - targetSec)) };
  if (lag < targetSec + NORMAL_MARGIN_SEC) return { seekTo: null, rate: 1 };
  return { seekTo: null, rate: playbackRate };
}

/** The range to remove from the buffer, or null when little enough is kept. */
export function trimRange(currentTime: number, bufferedStart: number): [number, number] | null {
  if (currentTime - bufferedStart <= TRIM_ABOVE_SEC) return null;
  return [bufferedStart, currentTime - KEEP_BEHIND_SEC];
}
