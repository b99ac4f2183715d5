/**
 * Sample durations for a live muxer that writes frame k before frame k+1 exists.
 *
 * Why an estimate is enough: every fragment's tfdt is the frame's exact timestamp, and players place each
 * fragment by its tfdt (MSE and our WebCodecs path alike), so an estimated duration can never accumulate into
 * drift. It only decides where the last frame's buffered range ends: too long and the frame overlaps its
 * successor by a little (which then replaces it), too short and a sub-frame gap opens, which MSE bridges.
 *
 * The estimate is the interval between the two latest frames: cameras stamp RTP from their own capture
 * clock, so it is usually exact. Before the second frame it is the SPS VUI frame rate, else 25 fps. An
 * interval of more than a second (the camera stalled, packets were lost) is not taken as the new frame
 * rate: one stalled frame would otherwise stretch the next frames' buffered end by seconds, and the player's
 * live-edge catch-up would chase a live edge that isn't there.
 */
export const DEFAULT_FRAME_DURATION_90K = 90_000 / 25;
const MAX_PLAUSIBLE_INTERVAL_90K = 90_000;
const MAX_SAMPLE_DURATION = 0xffffffff;

export interface FrameDurations {
  /** Duration to write for the frame at pts; exact when the next frame's pts is known. */
  next(pts90k: number, nextPts90k?: number): number;
}

export function createFrameDurations(initial90k: number = DEFAULT_FRAME_DURATION_90K): FrameDurations {
  let estimate = initial90k;
  let previousPts: number | null = null;
  return {
    next(pts90k, nextPts90k) {
      if (previousPts !== null) {
        const interval = pts90k - previousPts;
        if (interval > 0 && interval <= MAX_PLAUSIBLE_INTERVAL_90K) estimate = interval;
      }
      previousPts = pts90k;
      if (nextPts90k !== undefined) return Math.min(MAX_SAMPLE_DURATION, nextPts90k - pts90k);
      return estimate;
    },
  };
}
