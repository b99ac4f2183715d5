import { playerDebug } from './debug';
import { catchUp, trimRange } from './liveEdge';
import { LiveTarget } from './liveTarget';
import type { PlayerEngine, PlayerEvents, PlayerPicture } from './playerEngine';

/** Fragments waiting for the SourceBuffer beyond this mean the decoder cannot keep up: start over. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
/**
 * The playhead ran dry and media came again within this: an underrun (jitter, a busy decoder), so the target lag
 * goes up. Longer, the stream itself paused (camera restart), which more cushion would not have helped.
 */
const UNDERRUN_WITHIN_MS = 1_000;

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
  private pendingBytes = 0;
  private frameHandle: number | null = null;
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
  ) {
    video.muted = true;
    video.playsInline = true;
    video.addEventListener('error', this.onVideoError);
    video.addEventListener('waiting', this.onWaiting);
    this.watchFrames();
  }

  /** (Re)starts with a new init segment. */
  init(bytes: Uint8Array, mime: string): void {
    if (this.disposed) return;
    if (this.canContinue(mime)) {
      // Fragments of the old stream still queued are stale now.
      this.pending = [bytes];
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
    const data = this.pending.length === 1 ? this.pending[0]! : concat(this.pending);
    const count = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    try {
      buffer.appendBuffer(data as Uint8Array<ArrayBuffer>);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'QuotaExceededError' && this.freeSpace()) {
        this.pending = [data];
        this.pendingBytes = count;
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
      const action = catchUp(
        {
          currentTime: this.video.currentTime,
          start: ranges.start(last),
          end: ranges.end(last),
          playbackRate: this.video.playbackRate,
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
    if (this.started && !this.video.seeking && this.source?.buffer) this.dryAt = performance.now();
  };

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

  private watchFrames(): void {
    const next = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      if (this.disposed) return;
      this.events.onFrame(meta.presentedFrames);
      this.frameHandle = this.video.requestVideoFrameCallback(next);
    };
    this.frameHandle = this.video.requestVideoFrameCallback(next);
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
    this.pendingBytes = 0;
    this.restartPending = false;
    this.dryAt = null;
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
