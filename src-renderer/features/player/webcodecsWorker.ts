/**
 * The WebCodecs player's worker, one per tile canvas: decodes the tile's per-frame fMP4 samples with a
 * VideoDecoder and draws each VideoFrame onto the canvas (transferred here with transferControlToOffscreen) as it
 * comes out. Nothing of it runs on the page's thread, which at 16 tiles could not convert and draw 400 frames a
 * second besides its own work (the wall-latency bench: 5.6 s behind). Backpressure as before: decodeGate.ts.
 */
import { admit } from './decodeGate';
import { readSamples, type DecoderSetup } from './fmp4Samples';
import { reportDue } from './frameReport';
import { decoderConfig, type FromWorker, type ToWorker } from './webcodecsProtocol';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;
let decoder: VideoDecoder | null = null;
let setup: DecoderSetup | null = null;
let session = -1;
let needKey = true;
let presented = 0;
let dropped = 0;
let framesOpen = 0;
let newestUs: number | null = null;
let shownUs: number | null = null;
let reportedAt: number | null = null;

const post = (message: FromWorker) => self.postMessage(message);

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

function report(sizeChanged: boolean): void {
  const now = performance.now();
  if (!reportDue({ now, lastAt: reportedAt, sizeChanged })) return;
  reportedAt = now;
  post({
    type: 'frames',
    session,
    presented,
    dropped,
    width: canvas?.width ?? 0,
    height: canvas?.height ?? 0,
    shownUs,
    newestUs,
    framesOpen,
  });
}

function draw(frame: VideoFrame, from: VideoDecoder): void {
  framesOpen++;
  let sizeChanged = false;
  try {
    if (from !== decoder || !canvas) return;
    sizeChanged = canvas.width !== frame.displayWidth || canvas.height !== frame.displayHeight;
    if (sizeChanged) {
      canvas.width = frame.displayWidth;
      canvas.height = frame.displayHeight;
      context = null;
    }
    context ??= canvas.getContext('2d', { alpha: false });
    context?.drawImage(frame, 0, 0);
    shownUs = frame.timestamp;
    presented++;
  } finally {
    frame.close();
    framesOpen--;
  }
  // After the close: the report's count of open frames is then what the worker really holds.
  if (from === decoder) report(sizeChanged);
}

function openDecoder(): VideoDecoder {
  const opened: VideoDecoder = new VideoDecoder({
    output: (frame) => draw(frame, opened),
    error: (error) => {
      if (opened === decoder)
        post({ type: 'fault', session, fault: 'decode', detail: `${error.name}: ${error.message}` });
    },
  });
  return opened;
}

function closeDecoder(): void {
  if (decoder && decoder.state !== 'closed') decoder.close();
  decoder = null;
}

function init(next: DecoderSetup, nextSession: number): void {
  if (nextSession !== session) {
    session = nextSession;
    presented = 0;
    dropped = 0;
    reportedAt = null;
  }
  const previous = setup;
  setup = next;
  // Whatever comes next must start from a key frame: the old stream's references are gone.
  needKey = true;
  newestUs = null;
  shownUs = null;
  if (
    previous &&
    decoder?.state === 'configured' &&
    previous.codec === next.codec &&
    sameBytes(previous.description, next.description)
  ) {
    return;
  }
  closeDecoder();
  decoder = openDecoder();
  try {
    decoder.configure(decoderConfig(next));
  } catch (error) {
    closeDecoder();
    post({ type: 'fault', session, fault: 'unsupported', detail: `${next.codec}: ${String(error)}` });
  }
}

function decodeFragment(bytes: Uint8Array): void {
  if (!setup || !decoder || decoder.state !== 'configured') return;
  for (const sample of readSamples(bytes, setup)) {
    newestUs = Math.max(newestUs ?? sample.timestampUs, sample.timestampUs);
    const gate = admit({
      needKey,
      key: sample.key,
      queued: decoder.decodeQueueSize,
      durationUs: sample.durationUs,
    });
    needKey = gate.needKey;
    if (!gate.decode) {
      dropped++;
      continue;
    }
    try {
      decoder.decode(
        new EncodedVideoChunk({
          type: sample.key ? 'key' : 'delta',
          timestamp: sample.timestampUs,
          duration: sample.durationUs,
          data: sample.data,
        }),
      );
    } catch (error) {
      post({ type: 'fault', session, fault: 'decode', detail: String(error) });
      return;
    }
  }
}

function reset(): void {
  closeDecoder();
  setup = null;
  newestUs = null;
  shownUs = null;
  if (canvas) {
    // No picture: 0 × 0, as a <video> without a frame (snapshots and stats read the size).
    canvas.width = 0;
    canvas.height = 0;
    context = null;
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'canvas':
      canvas = message.canvas;
      return;
    case 'init':
      return init(message.setup, message.session);
    case 'fragment':
      if (message.session === session) decodeFragment(message.bytes);
      return;
    case 'reset':
      return reset();
  }
});
