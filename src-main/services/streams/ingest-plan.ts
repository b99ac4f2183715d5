// Who reads a camera on its next attempt, and why it is not the native reader: the supervisor's choice made
// pure, so each fallback can be checked without a camera.
import type { IngestFallbackReason, StreamIngestKind } from '../../../src-shared/contract/streams';
import type { RtspError } from './rtsp';

/** What the core is configured to use for H.264 cameras (IOC_STREAM_INGEST). */
export type StreamIngest = 'native' | 'ffmpeg';

export interface IngestPlan {
  ingest: StreamIngestKind;
  fallbackReason: IngestFallbackReason | null;
}

export const isH264 = (codec: string) => /^(h\.?264|avc)/i.test(codec);

export interface IngestPlanInput {
  /** The codec the camera declared, or the one its stream turned out to carry. */
  codec: string;
  url: string;
  configured: StreamIngest;
  /** An earlier attempt found the codec unplayable as is. */
  forceTranscode: boolean;
  /** Why the native reader gave up on this camera earlier, if it did. */
  nativeRefused: IngestFallbackReason | null;
}

export function planIngest(input: IngestPlanInput): IngestPlan {
  if (input.forceTranscode || !isH264(input.codec)) return { ingest: 'transcode', fallbackReason: 'codec' };
  if (input.configured !== 'native') return { ingest: 'copy', fallbackReason: null };
  if (input.nativeRefused) return { ingest: 'copy', fallbackReason: input.nativeRefused };
  if (input.url.startsWith('rtsps:')) return { ingest: 'copy', fallbackReason: 'rtsps' };
  return { ingest: 'native', fallbackReason: null };
}

/**
 * What a failure of the native reader means for the camera: a reason for ffmpeg to read it from now on (`codec`:
 * to transcode it), or null for failures any reader would have (credentials, network, timeouts, 4xx/5xx).
 */
export function nativeFallbackOf(error: RtspError): IngestFallbackReason | null {
  const status = error.details.status ?? 0;
  if (error.kind === 'auth' || error.kind === 'unreachable') return null;
  if (error.kind === 'codec') return isH264(error.details.codec ?? '') ? 'packetization' : 'codec';
  if (status >= 300 && status < 400) return 'redirect';
  if (error.kind === 'protocol') return error.details.outOfOrder ? 'discontinuities' : 'protocol';
  return null;
}
