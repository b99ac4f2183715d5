// RTP timestamps (32 bits, random start, wrapping every 13 h at 90 kHz) → a count from 0 for the session.

export interface RtpClock {
  /** The session count for this access unit's RTP timestamp. */
  unwrap(timestamp: number): number;
  /** The next timestamp starts a new timeline (new SSRC): it follows the latest one by one frame step. */
  discontinue(): void;
  /** Steps that were not taken as is: to the same time, back beyond the reorder window, or far forwards. */
  readonly discontinuities: number;
}

const DEFAULT_STEP = 3600; // 25 fps at 90 kHz, until a real step has been seen
/**
 * How far before the latest time a timestamp may go and still be a presentation time in decode order (B-frames:
 * RTP stamps presentation times, packets come in decode order). H.264 reorders at most 16 frames; a second
 * covers that at 16 fps, and three B-frames between references down to 4 fps.
 */
export const REORDER_WINDOW_90K = 90_000;

/**
 * Differences are taken modulo 2^32 as signed numbers, which makes the wrap invisible. A step back of at most
 * `reorderWindow` below the latest count is taken as is (a picture presented before one decoded earlier). A step
 * to the same time, further back (a camera that restarted its clock) or beyond `maxStep` (a clock jump) becomes
 * one ordinary frame step after the latest count, so no time is handed out twice.
 */
export function createRtpClock(maxStep = 5 * 90_000, reorderWindow = REORDER_WINDOW_90K): RtpClock {
  let last: number | null = null;
  let count = 0;
  /** The latest count handed out: with B-frames, not the last one. */
  let latest = 0;
  let step = DEFAULT_STEP;
  let discontinuities = 0;
  let started = false;
  return {
    unwrap(timestamp) {
      if (last === null) {
        last = timestamp >>> 0;
        if (started) count = latest += step;
        started = true;
        return count;
      }
      const delta = ((timestamp >>> 0) - last) | 0;
      last = timestamp >>> 0;
      if (delta > 0 && delta <= maxStep) {
        if (count + delta > latest) step = Math.min(delta, count + delta - latest);
        count += delta;
      } else if (delta < 0 && count + delta >= latest - reorderWindow) {
        count += delta;
      } else {
        discontinuities++;
        count = latest + step;
      }
      latest = Math.max(latest, count);
      return count;
    },
    discontinue() {
      last = null;
    },
    get discontinuities() {
      return discontinuities;
    },
  };
}
