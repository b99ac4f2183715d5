/**
 * Decode times for access units that come in decode order stamped with presentation times (RTP), written as
 * they come: a B-frame stream's pictures are presented out of the order they are decoded in, and an MP4 sample
 * needs a decode time (tfdt) that only moves forward plus a composition offset (CTS = PTS − DTS).
 *
 * The decode time of frame k is the smallest of the `depth + 1` latest presentation times seen up to k, the
 * reorder buffer libavformat keeps for the same job. It moves forward by one frame interval a frame and is never
 * after the frame's own presentation time as long as no more than `depth` earlier frames are presented after it,
 * which is what the SPS's max_num_reorder_frames promises. Nothing waits for the next frame: a fragment still
 * leaves the moment its frame is complete. Before the first frame, `depth` virtual frames one interval apart
 * fill the buffer, so the first decode time is `depth` intervals before the first presentation time; every time
 * is written `depth` intervals later than that (one constant shift of the whole timeline), so the first tfdt is
 * the first presentation time and no time is negative. With depth 0 (no B-frames) DTS = PTS, as before.
 *
 * The depth is the SPS's max_num_reorder_frames. An SPS without it (no VUI bitstream restriction) may come with
 * B-frames in any profile but Baseline: then the depth is taken to be 2 (two B-frames, or a B-pyramid of three),
 * which costs a stream without B-frames nothing but a constant composition offset. Assuming too little is worse:
 * with depth 0 the first reference after an I-frame would step the decode time by several frame intervals, which
 * MSE takes for a discontinuity and drops frames until the next key frame.
 *
 * A key frame (IDR) starts the buffer over the same way, with the frame interval seen so far: nothing after an
 * IDR is presented before it. In a steady stream that changes nothing; after frames were lost (the reader drops
 * everything up to the next IDR) it puts the decode time's jump on the key frame itself. Left to the buffer, the
 * jump would come one frame later, on a frame MSE cannot restart from, and it would drop the whole GOP.
 *
 * A camera that reorders deeper than its SPS says grows the depth by one at the first frame that proves it. That frame's decode time cannot go back, so it is one tick after the previous
 * one and its offset is negative (trun version 1) — as are a few frames' after it, until the buffer's decode
 * times catch up, one frame later at most per extra depth. Decoders present by PTS either way.
 */
import { createFrameDurations } from './frame-duration';

export interface SampleTiming {
  /** tfdt, in 90 kHz ticks. */
  decodeTime: number;
  /** Presentation time − decode time; negative only while a deeper reorder than expected is caught up. */
  compositionOffset: number;
  duration: number;
}

export interface DecodeTimeline {
  /** Timing of the next frame in decode order (`key`: an IDR); check() it first, this does not throw. */
  next(pts90k: number, key: boolean, nextPts90k?: number): SampleTiming;
  /** Why this presentation time cannot follow the frames so far, or null when it can. */
  check(pts90k: number): string | null;
  /** Whether frames are (or may be) presented out of decode order: the samples carry composition offsets. */
  readonly reordering: boolean;
  readonly depth: number;
}

/** The reorder depth assumed when the SPS does not state it and the profile allows B-frames. */
export const ASSUMED_REORDER_DEPTH = 2;
const PROFILE_BASELINE = 66;

/** The depth to start from: the SPS's max_num_reorder_frames, else 0 for Baseline (no B slices), else 2. */
export function initialReorderDepth(sps: { profileIdc: number; maxReorderFrames: number | null }): number {
  if (sps.maxReorderFrames !== null) return sps.maxReorderFrames;
  return sps.profileIdc === PROFILE_BASELINE ? 0 : ASSUMED_REORDER_DEPTH;
}

/** H.264 keeps at most 16 frames for reordering (Annex A DPB size). */
export const MAX_REORDER_DEPTH = 16;
/** A frame presented more than this before the latest decode time is no reordering any camera does. */
export const MAX_REORDER_SPAN_90K = 90_000;
const MAX_SAMPLE_DURATION = 0xffffffff;

export interface DecodeTimelineOptions {
  /** Frames presented after a later-decoded one, at most (initialReorderDepth); grown when the stream shows more. */
  depth: number;
  /** The frame interval assumed before two frames have been seen (SPS VUI rate, else 25 fps). */
  frameDuration90k: number;
}

export function createDecodeTimeline(options: DecodeTimelineOptions): DecodeTimeline {
  let depth = Math.max(0, Math.min(MAX_REORDER_DEPTH, Math.floor(options.depth)));
  const durations = createFrameDurations(options.frameDuration90k);
  /** The `depth + 1` latest presentation times, ascending (virtual ones before the first frame included). */
  const window: number[] = [];
  let shift = 0;
  let lastDecode: number | null = null;
  let interval = options.frameDuration90k;

  const insert = (pts: number) => {
    let at = window.length;
    while (at > 0 && window[at - 1]! > pts) at--;
    window.splice(at, 0, pts);
  };

  return {
    check(pts90k) {
      if (lastDecode === null) return null;
      if (window.includes(pts90k)) return `Access unit time ${pts90k} repeats a frame's time.`;
      if (pts90k < lastDecode - MAX_REORDER_SPAN_90K) {
        return `Access unit time ${pts90k} does not follow ${window.at(-1)!}: too far back for reordering.`;
      }
      if (pts90k < window[0]! && depth >= MAX_REORDER_DEPTH) {
        return `Access unit time ${pts90k} does not follow ${window.at(-1)!}: reordered by more than ${depth} frames.`;
      }
      return null;
    },
    next(pts90k, key, nextPts90k) {
      if (lastDecode === null || key) {
        if (lastDecode === null) shift = depth * interval;
        window.length = 0;
        for (let i = depth; i >= 1; i--) window.push(pts90k - i * interval);
        window.push(pts90k);
      } else if (pts90k > window[0]!) {
        insert(pts90k);
        if (window.length > depth + 1) window.shift();
      } else {
        // Presented before every frame in the buffer: the stream reorders deeper than assumed.
        depth++;
        insert(pts90k);
      }
      const ideal = window[0]!;
      const decode = lastDecode === null ? ideal : Math.max(ideal, lastDecode + 1);
      lastDecode = decode;
      // The interval estimate follows the ideal decode times (one frame interval apart, unlike presentation
      // times in decode order); it stops short of any frame already written that is presented later.
      interval = durations.next(ideal);
      let duration = interval;
      if (nextPts90k !== undefined) duration = Math.min(MAX_SAMPLE_DURATION, nextPts90k - pts90k);
      const later = window.find((pts) => pts > pts90k);
      if (later !== undefined) duration = Math.min(duration, later - pts90k);
      return { decodeTime: decode + shift, compositionOffset: pts90k - decode, duration };
    },
    get reordering() {
      return depth > 0;
    },
    get depth() {
      return depth;
    },
  };
}
