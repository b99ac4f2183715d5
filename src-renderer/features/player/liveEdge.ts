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
/**
 * Behind the target by more than this with a key frame in the buffer ahead of the playhead: jump to that key frame
 * rather than play faster. A tile falls this far behind when its decoder cannot keep up (16 tiles on 2 cores):
 * playing faster asks that decoder for more frames a second, and a jump to any other point makes it decode the
 * whole group of pictures before it (up to a GOP of frames decoded and dropped), while at a key frame it decodes
 * nothing it will not show (measured by the wall-latency bench, tests/bench/wall-latency.bench.ts).
 */
export const KEY_JUMP_EXCESS_SEC = 0.3;
/** A jump lands this far into the key frame, so rounding cannot put it on the frame before (and its GOP). */
export const KEY_SEEK_INTO_SEC = 0.001;
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
  /** Start of the newest key frame appended, when known (null: the stream's key frames are not known). */
  keyStart?: number | null;
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
  const key = state.keyStart ?? null;
  // A key frame in the buffer, ahead of the playhead by enough to be worth a jump.
  const keyAhead = key !== null && key >= start && key < end && key - currentTime >= KEY_JUMP_EXCESS_SEC;
  if (keyAhead && (currentTime < start || lag > targetSec + KEY_JUMP_EXCESS_SEC)) {
    return { seekTo: key + KEY_SEEK_INTO_SEC, rate: 1 };
  }
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
