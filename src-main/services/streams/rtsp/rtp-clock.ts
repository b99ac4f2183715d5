// RTP timestamps (32 bits, random start, wrapping every 13 h at 90 kHz) → a count from 0 that only moves forward.

export interface RtpClock {
  /** The session count for this access unit's RTP timestamp. */
  unwrap(timestamp: number): number;
  /** The next timestamp starts a new timeline (new SSRC): it follows the last one by one frame step. */
  discontinue(): void;
  /** Steps that were not taken as is: backwards or implausibly far forwards. */
  readonly discontinuities: number;
}

const DEFAULT_STEP = 3600; // 25 fps at 90 kHz, until a real step has been seen

/**
 * Differences are taken modulo 2^32 as signed numbers, which makes the wrap invisible. A step backwards (a
 * camera that restarted its clock; B-frames, which the copy path does not support) or beyond `maxStep` (a
 * clock jump) becomes one ordinary frame step, so consumers always see a monotonic count.
 */
export function createRtpClock(maxStep = 5 * 90_000): RtpClock {
  let last: number | null = null;
  let count = 0;
  let step = DEFAULT_STEP;
  let discontinuities = 0;
  let started = false;
  return {
    unwrap(timestamp) {
      if (last === null) {
        last = timestamp >>> 0;
        if (started) count += step;
        started = true;
        return count;
      }
      const delta = ((timestamp >>> 0) - last) | 0;
      last = timestamp >>> 0;
      if (delta > 0 && delta <= maxStep) step = delta;
      else discontinuities++;
      count += step;
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
