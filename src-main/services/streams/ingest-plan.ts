// Who reads a camera on its next attempt, and why it is not the native reader: the supervisor's choice made
// pure, so each fallback can be checked without a camera.
import type { IngestFallbackReason, StreamIngestKind } from '../../../src-shared/contract/streams';
import type { RtspError } from './rtsp';

/** What the core is configured to use for H.264 cameras (IOC_STREAM_INGEST). */
export type StreamIngest = 'native' | 'ffmpeg';

export interface IngestPlan {
  ingest: StreamIngestKind;
  fallbackReason: IngestFallbackReason | null;
  /**
   * rtsps:// that only ffmpeg could read (another codec, or H.264 to transcode): refused instead. Debian's ffmpeg
   * 5.1 does not check an rtsps peer's certificate at all — its RTSP demuxer opens TLS without the `tls_verify` /
   * `ca_file` options (tested: it sends Basic credentials to a certificate that does not match `-ca_file`) — so the
   * camera's credentials would go to whoever answers.
   */
  unverifiable?: true;
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
  const secure = input.url.startsWith('rtsps:');
  if (input.forceTranscode || !isH264(input.codec)) {
    return secure
      ? { ingest: 'transcode', fallbackReason: 'codec', unverifiable: true }
      : { ingest: 'transcode', fallbackReason: 'codec' };
  }
  // The native reader is the one that checks the camera's pinned certificate: rtsps stays with it whatever the
  // configuration or an earlier refusal says.
  if (secure) return { ingest: 'native', fallbackReason: null };
  if (input.configured !== 'native') return { ingest: 'copy', fallbackReason: null };
  if (input.nativeRefused) return { ingest: 'copy', fallbackReason: input.nativeRefused };
  return { ingest: 'native', fallbackReason: null };
}

/**
 * What a failure of the native reader means for the camera: a reason for ffmpeg to read it from now on (`codec`:
 * to transcode it), or null for failures any reader would have (credentials, network, timeouts, 4xx/5xx).
 */
export function nativeFallbackOf(error: RtspError): IngestFallbackReason | null {
  const status = error.details.status ?? 0;
  if (error.kind === 'auth' || error.kind === 'unreachable' || error.kind === 'certificate') return null;
  if (error.kind === 'codec') return isH264(error.details.codec ?? '') ? 'packetization' : 'codec';
  if (status >= 300 && status < 400) return 'redirect';
  if (error.kind === 'protocol') return error.details.outOfOrder ? 'discontinuities' : 'protocol';
  return null;
}
