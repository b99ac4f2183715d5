/** What the lightbox's video is doing, from its media events. */
export type VideoPhase = 'buffering' | 'playing' | 'paused' | 'failed';

export interface TimeRangesLike {
  readonly length: number;
  start(index: number): number;
  end(index: number): number;
}

/**
 * How much of the video is loaded ahead of the playhead, as a whole percent of its duration: the end of the
 * buffered range holding `at` (ranges the browser fetched after a seek count from where they start). Null while
 * the duration is unknown.
 */
export function bufferedPercent(buffered: TimeRangesLike, at: number, duration: number): number | null {
  if (!Number.isFinite(duration) || duration <= 0) return null;
  for (let i = 0; i < buffered.length; i++) {
    if (buffered.start(i) <= at + 0.01 && at <= buffered.end(i) + 0.01) {
      return Math.min(100, Math.max(0, Math.floor((buffered.end(i) / duration) * 100)));
    }
  }
  return Math.min(100, Math.max(0, Math.floor((at / duration) * 100)));
}

/** The i18n key for a `<video>` MediaError code (1 aborted, 2 network, 3 decode, 4 not supported or refused). */
export function videoErrorKey(code: number | undefined): 'videoNetwork' | 'videoDecode' | 'videoRefused' {
  if (code === 2) return 'videoNetwork';
  if (code === 3) return 'videoDecode';
  return 'videoRefused';
}
