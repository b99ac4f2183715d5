// RTP timestamps (32 bits, random start, wrapping every 13 h at 90 kHz) → a count from 0 for the session.

export interface RtpClock {
  /**
   * The session count for this access unit's RTP timestamp. `key`: the unit holds an IDR, which no picture
   * decoded before it is presented after, and none decoded after it is presented before.
   */
  unwrap(timestamp: number, key?: boolean): number;
  /** The next timestamp starts a new timeline (new SSRC): it follows the latest one by one frame step. */
  discontinue(): void;
  /** Steps of non-key units that were not taken as is: to the same time, back beyond the window, far forwards. */
  readonly discontinuities: number;
  /** Key units whose time did not follow every time before: the sender's clock started over (see below). */
  readonly restarts: number;
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
 * `reorderWindow` below the latest count, and still after the latest key unit's count, is taken as is (a picture
 * presented before one decoded earlier). Anything else becomes one ordinary frame step after the latest count, so
 * no time is handed out twice and none goes below the latest key unit's:
 * - a non-key step to the same time, further back, or beyond `maxStep` (a clock jump): a discontinuity;
 * - a key unit at or before the latest count. Reordering cannot explain that, the sender restarted its clock:
 *   GStreamer's shared media rewinds every viewer's timestamps when another viewer sends PLAY, often by less
 *   than the window. Taken as is, such a key unit would repeat a time or, soon after the session's first
 *   packet, go below 0. The muxer starts its decode timeline over at a key unit, so this is a clean restart,
 *   counted apart from the discontinuities.
 */
export function createRtpClock(maxStep = 5 * 90_000, reorderWindow = REORDER_WINDOW_90K): RtpClock {
  let last: number | null = null;
  let count = 0;
  /** The latest count handed out: with B-frames, not the last one. */
  let latest = 0;
  /** The latest key unit's count: nothing after it in decode order is presented before it. */
  let keyCount = -Infinity;
  let step = DEFAULT_STEP;
  let discontinuities = 0;
  let restarts = 0;
  let started = false;

  const follows = (delta: number, key: boolean): boolean => {
    if (key) return delta > 0 && delta <= maxStep && count + delta > latest;
    if (delta > 0) return delta <= maxStep;
    return delta < 0 && count + delta >= latest - reorderWindow && count + delta > keyCount;
  };

  return {
    unwrap(timestamp, key = false) {
      if (last === null) {
        last = timestamp >>> 0;
        if (started) count = latest += step;
        started = true;
      } else {
        const delta = ((timestamp >>> 0) - last) | 0;
        last = timestamp >>> 0;
        if (follows(delta, key)) {
          if (count + delta > latest) step = Math.min(delta, count + delta - latest);
          count += delta;
        } else {
          if (key) restarts++;
          else discontinuities++;
          count = latest + step;
        }
        latest = Math.max(latest, count);
      }
      if (key) keyCount = count;
      return count;
    },
    discontinue() {
      last = null;
    },
    get discontinuities() {
      return discontinuities;
    },
    get restarts() {
      return restarts;
    },
  };
}
