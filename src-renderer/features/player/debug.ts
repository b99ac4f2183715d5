/**
 * Live counts of what players hold, readable by scripted checks as `window.__iocPlayerDebug`: a wall that
 * opens and closes tiles for a day must end where it started (Chromium caps WebMediaPlayers per page, and a
 * leaked one is never collected while its MediaSource is attached).
 */
export interface PlayerCounters {
  mediaSourcesCreated: number;
  mediaSourcesLive: number;
  objectUrlsLive: number;
  sessionsLive: number;
  /** <video> elements in the document right now. */
  videoElements: number;
  /**
   * WebCodecs players: VideoDecoders not yet closed, and decoded VideoFrames not yet closed. A worker player
   * (webcodecsWorkerPlayer.ts) counts its worker's decoder until the player goes, and its frames as last reported.
   */
  decodersLive: number;
  videoFramesOpen: number;
  /** Coded frames the WebCodecs players skipped (waiting for a key frame, decoder behind), since page load. */
  framesDropped: number;
}

const counts = {
  mediaSourcesCreated: 0,
  objectUrlsLive: 0,
  sessionsLive: 0,
  decodersLive: 0,
  videoFramesOpen: 0,
  framesDropped: 0,
};
/** The MediaSources attached right now; a set, so a double close cannot hide a leak. */
const liveSources = new Set<MediaSource>();

export const playerDebug = {
  mediaSourceOpened(source: MediaSource): void {
    counts.mediaSourcesCreated++;
    liveSources.add(source);
  },
  mediaSourceClosed(source: MediaSource): void {
    liveSources.delete(source);
  },
  urlCreated(): void {
    counts.objectUrlsLive++;
  },
  urlRevoked(): void {
    counts.objectUrlsLive--;
  },
  sessionStarted(): void {
    counts.sessionsLive++;
  },
  sessionStopped(): void {
    counts.sessionsLive--;
  },
  decoderOpened(): void {
    counts.decodersLive++;
  },
  decoderClosed(): void {
    counts.decodersLive--;
  },
  /** Decoded VideoFrames held changed by `delta`. */
  framesOpenChanged(delta: number): void {
    counts.videoFramesOpen += delta;
  },
  framesDropped(count: number): void {
    counts.framesDropped += count;
  },
};

function snapshot(): PlayerCounters {
  return { ...counts, mediaSourcesLive: liveSources.size, videoElements: document.querySelectorAll('video').length };
}

if (typeof window !== 'undefined' && !Object.hasOwn(window, '__iocPlayerDebug')) {
  Object.defineProperty(window, '__iocPlayerDebug', { get: snapshot, configurable: false });
}
