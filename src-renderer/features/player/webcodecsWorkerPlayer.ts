import { canvasWorker, type CanvasWorker } from './canvasWorkers';
import { playerDebug } from './debug';
import { readDecoderSetup, type DecoderSetup } from './fmp4Samples';
import type { PlayerEngine, PlayerEvents, PlayerPicture } from './playerEngine';
import { decoderConfig, type FrameReport, type FromWorker } from './webcodecsProtocol';
import { decodes } from './webcodecsPlayer';

/** Fragments held while the first isConfigSupported answer is awaited (about a second of video). */
const MAX_HELD = 30;

let sessions = 0;

/**
 * WebCodecsPlayer with the decoding and drawing moved off the page's thread, into the canvas's worker
 * (webcodecsWorker.ts): this side checks the codec, forwards the fragments and reads back, a few times a second,
 * what was drawn. Opt-in (`?webcodecs=worker`, playerChoice.ts) until the wall-latency bench shows it ahead: on a
 * loaded box it ran ×3.3 behind MSE at 1 tile and ×1.95 at 16 (README), skipping to key frames. An unsupported
 * codec (or no worker) is reported as 'unsupported' for the caller to fall back to MSE.
 */
export class WebCodecsWorkerPlayer implements PlayerEngine {
  private readonly session = ++sessions;
  private readonly worker: CanvasWorker | null = null;
  private readonly noWorker: string | null = null;
  private setup: DecoderSetup | null = null;
  /** Fragments that came before the worker had the init segment. */
  private held: Uint8Array[] | null = null;
  private generation = 0;
  private disposed = false;
  private holdsDecoder = false;
  private last: FrameReport | null = null;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly events: PlayerEvents,
  ) {
    try {
      this.worker = canvasWorker(canvas);
      this.worker.listen(this.onMessage);
    } catch (error) {
      this.noWorker = String(error);
    }
  }

  init(bytes: Uint8Array): void {
    if (this.disposed) return;
    if (!this.worker) return this.events.onFault('unsupported', `no decoding worker: ${this.noWorker}`);
    const setup = readDecoderSetup(bytes);
    if (!setup) return this.events.onFault('unsupported', 'no H.264 (avc1) track for WebCodecs');
    this.setup = setup;
    const generation = ++this.generation;
    this.held = [];
    void decodes(decoderConfig(setup)).then((supported) => {
      if (this.disposed || generation !== this.generation || !this.worker) return;
      const held = this.held ?? [];
      this.held = null;
      if (!supported) return this.events.onFault('unsupported', `WebCodecs cannot decode ${setup.codec}`);
      this.worker.post({ type: 'init', session: this.session, setup });
      if (!this.holdsDecoder) {
        this.holdsDecoder = true;
        playerDebug.decoderOpened();
      }
      for (const fragment of held) this.forward(fragment);
    });
  }

  append(bytes: Uint8Array): void {
    if (this.disposed || !this.setup) return;
    // A copy the worker can take over: the fragment may be a view into the socket's larger message.
    const own = bytes.slice();
    if (!this.held) return this.forward(own);
    if (this.held.length >= MAX_HELD) this.held.shift();
    this.held.push(own);
  }

  /** Media time between the newest sample received and the picture on show (as of the worker's last report). */
  lagSeconds(): number | null {
    const last = this.last;
    if (!last || last.newestUs === null || last.shownUs === null) return null;
    return Math.max(0, (last.newestUs - last.shownUs) / 1e6);
  }

  picture(): PlayerPicture {
    return { width: this.last?.width ?? 0, height: this.last?.height ?? 0, droppedFrames: this.last?.dropped ?? 0 };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.held = null;
    this.worker?.listen(null);
    this.worker?.post({ type: 'reset' });
    if (this.holdsDecoder) playerDebug.decoderClosed();
    this.holdsDecoder = false;
    // The worker closes what it holds on reset (or when it ends with the canvas).
    if (this.last) playerDebug.framesOpenChanged(-this.last.framesOpen);
    this.last = null;
  }

  private forward(fragment: Uint8Array): void {
    this.worker?.post({ type: 'fragment', session: this.session, bytes: fragment }, [fragment.buffer]);
  }

  private readonly onMessage = (message: FromWorker): void => {
    if (this.disposed) return;
    if (message.type === 'fault') {
      if (message.session === this.session || message.session === -1)
        this.events.onFault(message.fault, message.detail);
      return;
    }
    if (message.session !== this.session) return;
    const previous = this.last;
    this.last = message;
    playerDebug.framesOpenChanged(message.framesOpen - (previous?.framesOpen ?? 0));
    playerDebug.framesDropped(message.dropped - (previous?.dropped ?? 0));
    if (message.presented > (previous?.presented ?? 0)) this.events.onFrame(message.presented);
  };
}
