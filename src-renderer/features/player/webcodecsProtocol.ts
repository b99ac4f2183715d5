import type { DecoderSetup } from './fmp4Samples';

/**
 * Messages between a WebCodecs player (page thread) and the worker that decodes and draws for its canvas
 * (webcodecsWorker.ts). `session` tells one player's messages from the next one's on the same canvas.
 */
export type ToWorker =
  /** Once per worker: the tile canvas's drawing surface (transferControlToOffscreen). */
  | { type: 'canvas'; canvas: OffscreenCanvas }
  /** A new init segment, already known to be decodable: configure (or keep) the decoder, wait for a key frame. */
  | { type: 'init'; session: number; setup: DecoderSetup }
  /** One moof+mdat fragment of the current init segment's track. */
  | { type: 'fragment'; session: number; bytes: Uint8Array }
  /** The player is gone: close the decoder, blank the canvas. */
  | { type: 'reset' };

export interface FrameReport {
  type: 'frames';
  session: number;
  /** Pictures drawn and coded frames skipped since the session's first init. */
  presented: number;
  dropped: number;
  width: number;
  height: number;
  /** Timestamps (µs) of the picture on show and of the newest sample received. */
  shownUs: number | null;
  newestUs: number | null;
  /** Decoded VideoFrames not yet closed in the worker. */
  framesOpen: number;
}

export type FromWorker =
  | FrameReport
  | { type: 'fault'; session: number; fault: 'unsupported' | 'decode'; detail: string };

/** The decoder set-up for an init segment: the page asks isConfigSupported with it, the worker configures it. */
export const decoderConfig = (setup: DecoderSetup): VideoDecoderConfig => ({
  codec: setup.codec,
  description: setup.description,
  codedWidth: setup.width,
  codedHeight: setup.height,
  hardwareAcceleration: 'no-preference',
  optimizeForLatency: true,
});
