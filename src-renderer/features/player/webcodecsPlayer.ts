import { playerDebug } from './debug';
import { admit } from './decodeGate';
import { readDecoderSetup, readSamples, type DecoderSetup } from './fmp4Samples';
import type { PlayerEngine, PlayerEvents, PlayerPicture } from './playerEngine';

/** Samples held while the first isConfigSupported answer is awaited (about a second of video). */
const MAX_HELD = 30;

const supportCache = new Map<string, Promise<boolean>>();

/** Whether this browser decodes the codec through WebCodecs; asked once per codec string. */
export function decodes(config: VideoDecoderConfig): Promise<boolean> {
  let known = supportCache.get(config.codec);
  if (!known) {
    known = VideoDecoder.isConfigSupported(config).then(
      (s) => s.supported === true,
      () => false,
    );
    supportCache.set(config.codec, known);
  }
  return known;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

/**
 * Plays per-frame fMP4 through WebCodecs onto one <canvas>: each fragment's sample becomes an EncodedVideoChunk,
 * each decoded VideoFrame is drawn as soon as it comes out and closed. No playout buffer, so no target lag to
 * manage: the latency is the decoder's. A new init segment reconfigures the decoder (camera restart); an
 * unsupported codec is reported as 'unsupported' for the caller to fall back to MSE.
 */
export class WebCodecsPlayer implements PlayerEngine {
  private decoder: VideoDecoder | null = null;
  private setup: DecoderSetup | null = null;
  private context: CanvasRenderingContext2D | null = null;
  /** Samples that came before the decoder was configured. */
  private held: EncodedVideoChunk[] | null = null;
  private needKey = true;
  private disposed = false;
  private generation = 0;
  private presented = 0;
  private dropped = 0;
  private newestUs: number | null = null;
  private shownUs: number | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly events: PlayerEvents,
  ) {
    // No picture yet: 0 × 0, as a <video> without a frame (snapshots and stats read the size).
    this.clear();
  }

  init(bytes: Uint8Array): void {
    if (this.disposed) return;
    const setup = readDecoderSetup(bytes);
    if (!setup) {
      this.events.onFault('unsupported', 'no H.264 (avc1) track for WebCodecs');
      return;
    }
    const previous = this.setup;
    this.setup = setup;
    // Whatever comes next must start from a key frame: the old stream's references are gone.
    this.needKey = true;
    this.newestUs = null;
    this.shownUs = null;
    if (
      previous &&
      this.decoder?.state === 'configured' &&
      previous.codec === setup.codec &&
      sameBytes(previous.description, setup.description)
    ) {
      return;
    }
    const config: VideoDecoderConfig = {
      codec: setup.codec,
      description: setup.description,
      codedWidth: setup.width,
      codedHeight: setup.height,
      hardwareAcceleration: 'no-preference',
      optimizeForLatency: true,
    };
    const generation = ++this.generation;
    this.held = [];
    void decodes(config).then((supported) => {
      if (this.disposed || generation !== this.generation) return;
      if (!supported) {
        this.held = null;
        this.events.onFault('unsupported', `WebCodecs cannot decode ${setup.codec}`);
        return;
      }
      try {
        this.decoderFor().configure(config);
      } catch (error) {
        this.held = null;
        this.events.onFault('unsupported', `${setup.codec}: ${String(error)}`);
        return;
      }
      const held = this.held ?? [];
      this.held = null;
      for (const chunk of held) this.decode(chunk);
    });
  }

  append(bytes: Uint8Array): void {
    const setup = this.setup;
    if (this.disposed || !setup) return;
    for (const sample of readSamples(bytes, setup)) {
      const chunk = new EncodedVideoChunk({
        type: sample.key ? 'key' : 'delta',
        timestamp: sample.timestampUs,
        duration: sample.durationUs,
        data: sample.data,
      });
      this.newestUs = Math.max(this.newestUs ?? sample.timestampUs, sample.timestampUs);
      if (this.held) {
        if (this.held.length >= MAX_HELD) this.held.shift();
        this.held.push(chunk);
      } else this.decode(chunk);
    }
  }

  /** Media time between the newest sample received and the picture on show. */
  lagSeconds(): number | null {
    if (this.newestUs === null || this.shownUs === null) return null;
    return Math.max(0, (this.newestUs - this.shownUs) / 1e6);
  }

  picture(): PlayerPicture {
    return { width: this.canvas.width, height: this.canvas.height, droppedFrames: this.dropped };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.held = null;
    this.closeDecoder();
    this.clear();
  }

  private clear(): void {
    this.canvas.width = 0;
    this.canvas.height = 0;
    this.context = null;
  }

  private decode(chunk: EncodedVideoChunk): void {
    const decoder = this.decoder;
    if (!decoder || decoder.state !== 'configured') return;
    const gate = admit({
      needKey: this.needKey,
      key: chunk.type === 'key',
      queued: decoder.decodeQueueSize,
      durationUs: chunk.duration,
    });
    this.needKey = gate.needKey;
    if (!gate.decode) {
      this.dropped++;
      playerDebug.framesDropped(1);
      return;
    }
    try {
      decoder.decode(chunk);
    } catch (error) {
      this.events.onFault('decode', String(error));
    }
  }

  private decoderFor(): VideoDecoder {
    if (this.decoder && this.decoder.state !== 'closed') return this.decoder;
    this.closeDecoder();
    const decoder = new VideoDecoder({
      output: (frame) => this.draw(frame, decoder),
      error: (error) => {
        if (this.decoder !== decoder || this.disposed) return;
        this.events.onFault('decode', `${error.name}: ${error.message}`);
      },
    });
    playerDebug.decoderOpened();
    this.decoder = decoder;
    return decoder;
  }

  private draw(frame: VideoFrame, decoder: VideoDecoder): void {
    playerDebug.framesOpenChanged(1);
    try {
      if (this.disposed || this.decoder !== decoder) return;
      const { canvas } = this;
      if (canvas.width !== frame.displayWidth || canvas.height !== frame.displayHeight) {
        canvas.width = frame.displayWidth;
        canvas.height = frame.displayHeight;
        this.context = null;
      }
      this.context ??= canvas.getContext('2d', { alpha: false });
      this.context?.drawImage(frame, 0, 0);
      this.shownUs = frame.timestamp;
      this.presented++;
      this.events.onFrame(this.presented);
    } finally {
      frame.close();
      playerDebug.framesOpenChanged(-1);
    }
  }

  private closeDecoder(): void {
    const decoder = this.decoder;
    this.decoder = null;
    if (!decoder) return;
    if (decoder.state !== 'closed') decoder.close();
    playerDebug.decoderClosed();
  }
}
