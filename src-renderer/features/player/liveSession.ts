import { MEDIA_KIND, type MediaFrame } from '../../../src-shared/contract';
import type { LiveProfile } from '../../../src-shared/contract/streams';
import { backoffDelay, core, type ClientError, type MediaListener, type MediaStream, type Result } from '../../bridge';
import { playerDebug } from './debug';
import { mimeFor, readInitInfo } from './mp4Codec';
import { MsePlayer } from './msePlayer';
import type { PlayerEngine, PlayerFault } from './playerEngine';
import { webCodecsInWorker } from './playerChoice';
import { WebCodecsPlayer } from './webcodecsPlayer';
import { WebCodecsWorkerPlayer } from './webcodecsWorkerPlayer';
import type { SessionPhase, TileReason } from './tileState';

export interface SessionState {
  phase: SessionPhase;
  fault: TileReason | null;
  /** From streams.open: the camera's codec and whether the core transcodes it. */
  codec: string | null;
  transcoded: boolean;
}

export interface SessionStats {
  fps: number;
  kbps: number;
  /** Seconds behind the newest frame received. */
  lagSec: number | null;
  width: number;
  height: number;
  droppedFrames: number;
  /** Milliseconds from asking for the stream to the first picture, for the last open. */
  firstFrameMs: number | null;
  reopens: number;
}

/**
 * Where the session shows its picture. A WebCodecs surface's `onUnsupported` is called instead of failing when
 * WebCodecs cannot play the stream, for the caller to fall back to MSE.
 */
export type PlayerSurface =
  | { kind: 'mse'; video: HTMLVideoElement }
  | { kind: 'webcodecs'; canvas: HTMLCanvasElement; onUnsupported(): void };

type OpenMedia = (
  input: { cameraId: string; profile: LiveProfile },
  listener: MediaListener,
) => Promise<Result<MediaStream>>;

/**
 * Frames presented, or the feed's fragments, stop for this long while playing: the tile says stalled. The feed
 * counts on its own because a player behind the live edge (a busy decoder) keeps drawing what it holds for a while
 * after the camera went away, and the operator must see that the camera stopped, not seconds later.
 */
const STALL_MS = 3_000;
/** Nothing received for this long (or fragments but no picture): close the channel and open it again. */
const REOPEN_SILENT_MS = 30_000;
const REOPEN_NO_PICTURE_MS = 10_000;
/** Faults that will not go away by retrying at once are retried this slowly. */
const SLOW_RETRY_MS = 60_000;
const RETRY = { baseMs: 1_000, capMs: 15_000 };
const TICK_MS = 1_000;

/**
 * One camera stream playing in one <video> (MSE) or <canvas> (WebCodecs): opens the channel over the contract
 * socket, feeds the player, watches the picture, and opens the channel again by itself (with backoff) when the picture stops,
 * the socket drops or the decoder fails. Owns its timers; `stop()` releases everything.
 */
export class LiveSession {
  private state: SessionState = { phase: 'stopped', fault: null, codec: null, transcoded: false };
  private player: PlayerEngine | null = null;
  private stream: MediaStream | null = null;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private offConnection: (() => void) | null = null;
  private attempt = 0;
  private faultsWithoutPicture = 0;
  private mime: string | null = null;
  private awaitingInit = true;
  private openedAt = 0;
  private lastFragmentAt = 0;
  private lastFrameAt = 0;
  private firstFrameMs: number | null = null;
  private reopens = 0;
  private window = { at: 0, frames: 0, bytes: 0, presented: 0 };
  private presented = 0;
  private bytes = 0;
  private rates = { fps: 0, kbps: 0 };

  constructor(
    private readonly surface: PlayerSurface,
    private readonly input: { cameraId: string; profile: LiveProfile },
    private readonly onChange: (state: SessionState) => void,
    private readonly openMedia: OpenMedia = (i, l) => core.openMedia(i, l),
  ) {}

  get current(): SessionState {
    return this.state;
  }

  start(): void {
    if (this.player) return;
    playerDebug.sessionStarted();
    const events = { onFrame: this.onFrame, onFault: this.onPlayerFault };
    this.player =
      this.surface.kind === 'mse'
        ? new MsePlayer(this.surface.video, events)
        : webCodecsInWorker()
          ? new WebCodecsWorkerPlayer(this.surface.canvas, events)
          : new WebCodecsPlayer(this.surface.canvas, events);
    this.tick = setInterval(this.watch, TICK_MS);
    this.offConnection = core.onConnection((snapshot) => {
      if (snapshot.state === 'connected' && this.state.phase === 'retrying' && this.stream === null) this.openNow();
    });
    this.window = { at: performance.now(), frames: 0, bytes: 0, presented: 0 };
    void this.open();
  }

  stop(): void {
    if (!this.player) return;
    this.generation++;
    this.closeStream();
    this.clearRetry();
    if (this.tick !== null) clearInterval(this.tick);
    this.tick = null;
    this.offConnection?.();
    this.offConnection = null;
    this.player.dispose();
    this.player = null;
    playerDebug.sessionStopped();
    this.set({ phase: 'stopped', fault: null });
  }

  stats(): SessionStats {
    const picture = this.player?.picture();
    return {
      fps: this.rates.fps,
      kbps: this.rates.kbps,
      lagSec: this.player?.lagSeconds() ?? null,
      width: picture?.width ?? 0,
      height: picture?.height ?? 0,
      droppedFrames: picture?.droppedFrames ?? 0,
      firstFrameMs: this.firstFrameMs,
      reopens: this.reopens,
    };
  }

  private set(patch: Partial<SessionState>): void {
    const next = { ...this.state, ...patch };
    if (
      next.phase === this.state.phase &&
      next.fault === this.state.fault &&
      next.codec === this.state.codec &&
      next.transcoded === this.state.transcoded
    ) {
      return;
    }
    this.state = next;
    this.onChange(next);
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.awaitingInit = true;
    this.openedAt = performance.now();
    this.lastFragmentAt = 0;
    this.set({ phase: 'opening' });
    const result = await this.openMedia(this.input, this.listener(generation));
    if (generation !== this.generation || !this.player) {
      if (result.ok) result.value.close();
      return;
    }
    if (!result.ok) return this.openFailed(result.error);
    this.stream = result.value;
    const { mime, codec, transcoded } = result.value.info;
    this.mime = mime;
    this.set({ phase: 'waiting', codec, transcoded, fault: null });
    if (mime && !this.canPlay(mime)) this.fail('unsupported', SLOW_RETRY_MS);
  }

  private listener(generation: number): MediaListener {
    return {
      frame: (frame) => {
        if (generation === this.generation) this.onMedia(frame);
      },
      lost: () => {
        if (generation !== this.generation) return;
        this.stream = null;
        this.retry(null);
      },
    };
  }

  private onMedia(frame: MediaFrame): void {
    const player = this.player;
    if (!player) return;
    if (frame.kind === MEDIA_KIND.init) {
      const info = readInitInfo(frame.payload);
      const mime = info ? mimeFor(info.codec) : this.mime;
      if (!mime) return this.onPlayerFault('decode', 'init segment without a codec');
      this.mime = mime;
      this.awaitingInit = false;
      player.init(frame.payload, mime);
      return;
    }
    if (frame.kind === MEDIA_KIND.end) return this.retry('stream_ended');
    if (this.awaitingInit) return;
    this.lastFragmentAt = performance.now();
    this.bytes += frame.payload.byteLength;
    player.append(frame.payload);
  }

  private readonly onFrame = (presentedFrames: number): void => {
    this.presented = presentedFrames;
    this.lastFrameAt = performance.now();
    if (this.state.phase === 'playing') return;
    if (this.state.phase !== 'waiting' && this.state.phase !== 'stalled') return;
    // A frame drawn from what the player still held while the feed is away: still stalled.
    if (this.state.phase === 'stalled' && this.lastFrameAt - this.lastFragmentAt > STALL_MS) return;
    if (this.firstFrameMs === null || this.state.phase === 'waiting') {
      this.firstFrameMs = Math.round(this.lastFrameAt - this.openedAt);
    }
    this.attempt = 0;
    this.faultsWithoutPicture = 0;
    this.set({ phase: 'playing', fault: null });
  };

  private readonly onPlayerFault = (fault: PlayerFault, detail: string): void => {
    if (!this.player) return;
    console.warn(`[player] ${this.input.cameraId}/${this.input.profile}: ${fault} (${detail})`);
    this.awaitingInit = true;
    if (fault === 'unsupported') return this.fail('unsupported', SLOW_RETRY_MS);
    this.faultsWithoutPicture++;
    this.retry(this.faultsWithoutPicture >= 3 ? 'decode' : null);
  };

  private readonly watch = (): void => {
    const now = performance.now();
    const seconds = (now - this.window.at) / 1000;
    if (seconds >= 2) {
      this.rates = {
        fps: Math.round(((this.presented - this.window.presented) / seconds) * 10) / 10,
        kbps: Math.round(((this.bytes - this.window.bytes) * 8) / 1000 / seconds),
      };
      this.window = { at: now, frames: 0, bytes: this.bytes, presented: this.presented };
    }
    const { phase } = this.state;
    if (phase === 'playing' && (now - this.lastFrameAt > STALL_MS || now - this.lastFragmentAt > STALL_MS)) {
      this.set({ phase: 'stalled' });
    }
    if (phase !== 'waiting' && phase !== 'stalled') return;
    const silentSince = Math.max(this.lastFragmentAt, this.openedAt);
    const picturelessSince = Math.max(this.lastFrameAt, this.openedAt);
    if (now - silentSince > REOPEN_SILENT_MS) this.retry(null);
    else if (this.lastFragmentAt > picturelessSince && now - picturelessSince > REOPEN_NO_PICTURE_MS) {
      this.faultsWithoutPicture++;
      this.retry(this.faultsWithoutPicture >= 3 ? 'decode' : null);
    }
  };

  private openFailed(error: ClientError): void {
    if (error.code === 'forbidden') return this.fail('forbidden', SLOW_RETRY_MS);
    if (error.code === 'not_found') return this.fail('not_found', SLOW_RETRY_MS);
    if (error.code === 'invalid_input') return this.fail('stream_error', SLOW_RETRY_MS);
    this.retry(null);
  }

  /** Before the init segment, from the type streams.open announced; WebCodecs takes H.264 in avc1 form only. */
  private canPlay(mime: string): boolean {
    return this.surface.kind === 'webcodecs' ? mime.includes('avc1.') : MediaSource.isTypeSupported(mime);
  }

  /** A fault retrying will not fix soon: shown as an error, tried again slowly. */
  private fail(fault: TileReason, delayMs: number): void {
    this.closeStream();
    if (fault === 'unsupported' && this.surface.kind === 'webcodecs') {
      // The caller replaces this session with an MSE one; no error on the tile meanwhile.
      this.generation++;
      this.surface.onUnsupported();
      return;
    }
    this.set({ phase: 'failed', fault });
    this.schedule(delayMs);
  }

  private retry(fault: TileReason | null): void {
    this.closeStream();
    this.attempt++;
    this.set({ phase: 'retrying', fault });
    this.schedule(backoffDelay(this.attempt, RETRY));
  }

  private schedule(delayMs: number): void {
    this.clearRetry();
    this.generation++;
    this.retryTimer = setTimeout(() => this.openNow(), delayMs);
  }

  private openNow(): void {
    this.clearRetry();
    if (!this.player) return;
    this.reopens++;
    void this.open();
  }

  private closeStream(): void {
    this.stream?.close();
    this.stream = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
