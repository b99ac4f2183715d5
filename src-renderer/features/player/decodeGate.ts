/**
 * Backpressure of the WebCodecs player: which coded frames go to the decoder. Video queued in the decoder beyond
 * MAX_BACKLOG_US means it cannot keep up: frames are then skipped until the next key frame, so the picture jumps
 * to the live edge instead of drifting behind it. Not tighter: the picture freezes until that key frame (up to a
 * GOP, 2 s on many cameras), worse than a short backlog a busy moment leaves and the decoder works off by itself.
 * (A bound of 4 chunks, tried first, went with 1.5 s latency spikes in the wall-latency bench on a loaded machine.)
 */
export const MAX_BACKLOG_US = 500_000;
/** The frame duration assumed when a fragment gives none (25 fps). */
export const FALLBACK_DURATION_US = 40_000;

export interface GateInput {
  /** Skipping until a key frame (after configure, a new init segment, or a backlog). */
  needKey: boolean;
  key: boolean;
  /** VideoDecoder.decodeQueueSize now. */
  queued: number;
  durationUs: number | null;
}

export interface GateDecision {
  decode: boolean;
  needKey: boolean;
}

export function admit({ needKey, key, queued, durationUs }: GateInput): GateDecision {
  if (key) return { decode: true, needKey: false };
  if (needKey) return { decode: false, needKey: true };
  if (queued * (durationUs || FALLBACK_DURATION_US) > MAX_BACKLOG_US) return { decode: false, needKey: true };
  return { decode: true, needKey: false };
}
