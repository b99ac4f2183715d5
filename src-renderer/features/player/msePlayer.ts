import { playerDebug } from './debug';
import { readDecoderSetup, readSamples, type DecoderSetup } from './fmp4Samples';
import { catchUp, trimRange } from './liveEdge';
import { LiveTarget, ranDry } from './liveTarget';
import { legacyFrameWatch, legacyLiveEdge } from './playerChoice';
import type { PlayerEngine, PlayerEvents, PlayerPicture } from './playerEngine';

/** Fragments waiting for the SourceBuffer beyond this mean the decoder cannot keep up: start over. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
/**
 * The playhead ran dry and media came again within this: an underrun (jitter, a busy decoder), so the target lag
 * goes up. Longer, the stream itself paused (camera restart), which more cushion would not have helped.
 */
const UNDERRUN_WITHIN_MS = 1_000;
/** After the first picture, how often the count of pictures shown is read (stall detection and fps). */
const FRAME_POLL_MS = 500;

export interface MsePlayerOptions {
  /** The earlier policy (playerChoice.ts legacyLiveEdge): jumps to the edge, every 'waiting' an underrun. */
  legacyLiveEdge?: boolean;
  /** The earlier frame watch (playerChoice.ts legacyFrameWatch): a callback on every frame presented. */
  legacyFrameWatch?: boolean;
}

interface Source {
  mediaSource: MediaSource;
  url: string | null;
  buffer: SourceBuffer | null;
  mime: string;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Plays per-frame fMP4 through MSE into one <video>: init, then moof+mdat fragments appended in arrival order
 * (coalesced while the SourceBuffer is busy), kept at the live edge, trimmed behind the playhead. The
 * SourceBuffer runs in 'sequence' mode, so a gap (frames the core dropped for a slow socket) does not split the
 * timeline. A new init segment of the same codec (the camera or its ffmpeg restarted) goes into the same
 * SourceBuffer, its frames placed right after the last ones: no new media element, no black tile. Any other
 * codec tears everything down and starts over.
 */
export class MsePlayer implements PlayerEngine {
  private source: Source | null = null;
  private pending: Uint8Array[] = [];
  /** Whether each pending fragment starts with a key frame (false when not known). */
  private pendingKeys: boolean[] = [];
  private pendingBytes = 0;
  private frameHandle: number | null = null;
  private framePoll: ReturnType<typeof setInterval> | null = null;
  private shownFrames = 0;
  /** The init segment's H.264 track, to tell key frames (null: not H.264 in avc1 form, key frames not known). */
  private setup: DecoderSetup | null = null;
  /** Where the key frame being appended starts (-1: at the start of the new range), null when none is. */
  private keyFrom: number | null = null;
  /** Start of the newest key frame in the buffer, for catch-up jumps. */
  private keyStart: number | null = null;
  private readonly legacyLiveEdge: boolean;
  private readonly legacyFrameWatch: boolean;
  private disposed = false;
  private started = false;
  /** A same-codec init segment is queued: the parser is reset before it is appended. */
  private restartPending = false;
  private readonly target = new LiveTarget(performance.now());
  /** When the playhead last ran out of media while playing; null when it has not since the last append. */
  private dryAt: number | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly events: PlayerEvents,
    options: MsePlayerOptions = {},
  ) {
    this.legacyLiveEdge = options.legacyLiveEdge ?? legacyLiveEdge();
    this.legacyFrameWatch = options.legacyFrameWatch ?? legacyFrameWatch();
    video.muted = true;
    video.playsInline = true;
    video.addEventListener('error', this.onVideoError);
    video.addEventListener('waiting', this.onWaiting);
    this.watchFrames();
  }

  /** (Re)starts with a new init segment. */
  init(bytes: Uint8Array, mime: string): void {
    if (this.disposed) return;
    this.setup = this.legacyLiveEdge ? null : readDecoderSetup(bytes);
    if (this.canContinue(mime)) {
      // Fragments of the old stream still queued are stale now.
      this.pending = [bytes];
      this.pendingKeys = [false];
      this.pendingBytes = bytes.byteLength;
      this.restartPending = true;
      this.pump();
      return;
    }
    this.teardown();
    if (!MediaSource.isTypeSupported(mime)) {
      this.events.onFault('unsupported', mime);
      return;
    }
    const mediaSource = new MediaSource();
    playerDebug.mediaSourceOpened(mediaSource);
    const url = URL.createObjectURL(mediaSource);
    playerDebug.urlCreated();
    const source: Source = { mediaSource, url, buffer: null, mime };
    this.source = source;
    this.pending = [bytes];
    this.pendingKeys = [false];
    this.pendingBytes = bytes.byteLength;
    this.started = false;
    mediaSource.addEventListener(
      'sourceopen',
      () => {
        if (this.source !== source) return;
        this.revokeUrl(source);
        try {
          const buffer = mediaSource.addSourceBuffer(mime);
          buffer.mode = 'sequence';
          buffer.addEventListener('updateend', this.onUpdateEnd);
          buffer.addEventListener('error', this.onBufferError);
          source.buffer = buffer;
          this.pump();
        } catch (error) {
          this.events.onFault('unsupported', `${mime}: ${String(error)}`);
        }
      },
      { once: true },
    );
    this.video.src = url;
  }

  append(bytes: Uint8Array): void {
    if (this.disposed || !this.source) return;
    if (this.dryAt !== null) {
      const now = performance.now();
      if (now - this.dryAt < UNDERRUN_WITHIN_MS) this.target.underrun(now);
      this.dryAt = null;
    }
    this.pending.push(bytes);
    this.pendingKeys.push(this.startsWithKey(bytes));
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes > MAX_PENDING_BYTES) {
      this.events.onFault('overflow', `${this.pendingBytes} bytes waiting`);
      return;
    }
    this.pump();
  }

  /** Seconds between the playhead and the newest buffered frame. */
  lagSeconds(): number | null {
    const ranges = this.source?.buffer?.buffered;
    if (!ranges || ranges.length === 0) return null;
    return Math.max(0, ranges.end(ranges.length - 1) - this.video.currentTime);
  }

  picture(): PlayerPicture {
    return {
      width: this.video.videoWidth,
      height: this.video.videoHeight,
      droppedFrames: this.video.getVideoPlaybackQuality?.().droppedVideoFrames ?? 0,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.frameHandle !== null) this.video.cancelVideoFrameCallback(this.frameHandle);
    this.frameHandle = null;
    if (this.framePoll !== null) clearInterval(this.framePoll);
    this.framePoll = null;
    this.video.removeEventListener('error', this.onVideoError);
    this.video.removeEventListener('waiting', this.onWaiting);
    this.teardown();
  }

  /** The element can go on with a new init segment of this type without being reloaded. */
  private canContinue(mime: string): boolean {
    const source = this.source;
    return (
      source !== null &&
      source.buffer !== null &&
      source.mime === mime &&
      source.mediaSource.readyState === 'open' &&
      this.video.error === null
    );
  }

  private pump(): void {
    const buffer = this.source?.buffer;
    if (!buffer || buffer.updating || this.pending.length === 0) return;
    if (this.restartPending) {
      this.restartPending = false;
      try {
        // A clean parser for the new init segment; setting 'sequence' again starts the next frames where the
        // buffered ones end, whatever timestamps the restarted stream begins with.
        buffer.abort();
        buffer.mode = 'sequence';
      } catch (error) {
        this.events.onFault('decode', `cannot continue after a restart: ${String(error)}`);
        return;
      }
    }
    // A key frame starts an append of its own, so where it lands in the buffer is known (a jump target).
    const nextKey = this.setup ? this.pendingKeys.indexOf(true, 1) : -1;
    const batch = nextKey > 0 ? this.pending.slice(0, nextKey) : this.pending;
    const key = this.pendingKeys[0] === true;
    const data = batch.length === 1 ? batch[0]! : concat(batch);
    this.pending = nextKey > 0 ? this.pending.slice(nextKey) : [];
    this.pendingKeys = nextKey > 0 ? this.pendingKeys.slice(nextKey) : [];
    this.pendingBytes -= data.byteLength;
    const ranges = buffer.buffered;
    this.keyFrom = key ? (ranges.length > 0 ? ranges.end(ranges.length - 1) : -1) : null;
    try {
      buffer.appendBuffer(data as Uint8Array<ArrayBuffer>);
    } catch (error) {
      this.keyFrom = null;
      if (error instanceof DOMException && error.name === 'QuotaExceededError' && this.freeSpace()) {
        this.pending = [data, ...this.pending];
        this.pendingKeys = [key, ...this.pendingKeys];
        this.pendingBytes += data.byteLength;
        return;
      }
      this.events.onFault(
        error instanceof DOMException && error.name === 'QuotaExceededError' ? 'overflow' : 'decode',
        String(error),
      );
    }
  }

  /** After QuotaExceeded: drop everything but the last second behind the playhead; false if nothing to drop. */
  private freeSpace(): boolean {
    const buffer = this.source?.buffer;
    if (!buffer || buffer.updating || buffer.buffered.length === 0) return false;
    const start = buffer.buffered.start(0);
    const until = this.video.currentTime - 1;
    if (until <= start) return false;
    buffer.remove(start, until);
    return true;
  }

  private readonly onUpdateEnd = (): void => {
    const buffer = this.source?.buffer;
    if (!buffer || this.disposed) return;
    const ranges = buffer.buffered;
    if (ranges.length > 0) {
      const last = ranges.length - 1;
      const now = performance.now();
      this.target.tick(now);
      if (this.keyFrom !== null) {
        const at = this.keyFrom < 0 ? ranges.start(last) : this.keyFrom;
        if (at >= ranges.start(last) && at < ranges.end(last)) this.keyStart = at;
        this.keyFrom = null;
      }
      const action = catchUp(
        {
          currentTime: this.video.currentTime,
          start: ranges.start(last),
          end: ranges.end(last),
          playbackRate: this.video.playbackRate,
          keyStart: this.keyStart,
        },
        this.target.seconds,
      );
      if (action.seekTo !== null) this.video.currentTime = action.seekTo;
      if (action.rate !== this.video.playbackRate) this.video.playbackRate = action.rate;
      if (!this.started) {
        this.started = true;
        void this.video.play().catch(() => undefined);
      }
      const trim = trimRange(this.video.currentTime, ranges.start(0));
      if (trim && this.pending.length === 0) {
        buffer.remove(trim[0], trim[1]);
        return;
      }
    }
    this.pump();
  };

  private readonly onWaiting = (): void => {
    // Seeking (the jump to the live edge) waits for data by design; only a playhead that ran dry counts.
    if (!this.started || this.video.seeking || !this.source?.buffer) return;
    const lag = this.lagSeconds();
    if (!this.legacyLiveEdge && !ranDry(lag)) return;
    this.dryAt = performance.now();
  };

  /** Whether a media fragment's first sample is a key frame; false when the stream's key frames are not known. */
  private startsWithKey(fragment: Uint8Array): boolean {
    if (!this.setup) return false;
    try {
      return readSamples(fragment, this.setup)[0]?.key ?? false;
    } catch {
      return false;
    }
  }

  private readonly onBufferError = (): void => {
    this.events.onFault('decode', 'the SourceBuffer reported an error');
  };

  private readonly onVideoError = (): void => {
    // Emptying `src` on teardown also raises an error event; only a live source's error counts.
    if (!this.source || this.disposed) return;
    const error = this.video.error;
    const fault = error?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED ? 'unsupported' : 'decode';
    this.events.onFault(fault, error ? `${error.code} ${error.message}` : 'media error');
  };

  /**
   * Tells the session about pictures shown. A callback for every frame presented (the legacy watch) makes the page
   * run a rendering update for each one, sixteen tiles × 25 fps of them; so only the first picture is waited for
   * that way (first-frame time), and then the count of pictures shown is read twice a second.
   */
  private watchFrames(): void {
    const next = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      if (this.disposed) return;
      this.frameHandle = null;
      this.events.onFrame(meta.presentedFrames);
      if (this.legacyFrameWatch) this.frameHandle = this.video.requestVideoFrameCallback(next);
      else this.pollFrames(meta.presentedFrames);
    };
    this.frameHandle = this.video.requestVideoFrameCallback(next);
  }

  private pollFrames(firstCount: number): void {
    const shown = () => {
      const quality = this.video.getVideoPlaybackQuality();
      return quality.totalVideoFrames - quality.droppedVideoFrames;
    };
    // Counted from here on top of what the first callback said, so the count only ever grows.
    let base = shown();
    this.shownFrames = firstCount;
    this.framePoll = setInterval(() => {
      if (this.disposed) return;
      const now = shown();
      // The element was reloaded (a new MediaSource): its counters start again.
      if (now < base) base = 0;
      if (now === base) return;
      this.shownFrames += now - base;
      base = now;
      this.events.onFrame(this.shownFrames);
    }, FRAME_POLL_MS);
  }

  private revokeUrl(source: Source): void {
    if (source.url === null) return;
    URL.revokeObjectURL(source.url);
    source.url = null;
    playerDebug.urlRevoked();
  }

  /** Detaches the MediaSource completely: removes its SourceBuffer, empties the element, revokes the URL. */
  private teardown(): void {
    const source = this.source;
    this.source = null;
    this.pending = [];
    this.pendingKeys = [];
    this.pendingBytes = 0;
    this.restartPending = false;
    this.dryAt = null;
    this.keyFrom = null;
    this.keyStart = null;
    if (!source) return;
    const buffer = source.buffer;
    if (buffer) {
      buffer.removeEventListener('updateend', this.onUpdateEnd);
      buffer.removeEventListener('error', this.onBufferError);
      if (source.mediaSource.readyState === 'open') {
        try {
          if (buffer.updating) buffer.abort();
          source.mediaSource.removeSourceBuffer(buffer);
        } catch {
          // Already detached by the element: nothing left to remove.
        }
      }
    }
    this.revokeUrl(source);
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
    playerDebug.mediaSourceClosed(source.mediaSource);
  }
}
