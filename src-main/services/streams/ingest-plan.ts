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
   * rtsps:// that ffmpeg reads (another codec, H.264 to transcode, or what the native reader cannot follow): through
   * the core's loopback relay (rtsp/tls-relay.ts), never directly. Debian's ffmpeg 5.1 does not check an rtsps
   * peer's certificate at all — its RTSP demuxer opens TLS without the `tls_verify` / `ca_file` options (tested: it
   * sends Basic credentials to a certificate that does not match `-ca_file`) — so the core opens TLS, checks the
   * camera's pinned certificate and relays plain RTSP to ffmpeg on 127.0.0.1.
   */
  relay?: true;
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
  const viaRelay = (plan: IngestPlan): IngestPlan => (secure ? { ...plan, relay: true } : plan);
  if (input.forceTranscode || !isH264(input.codec)) return viaRelay({ ingest: 'transcode', fallbackReason: 'codec' });
  // rtsps H.264 stays with the native reader (it checks the pinned certificate as well, at half ffmpeg's CPU) whatever
  // the configuration; only what it could not follow goes to ffmpeg, through the relay.
  if (input.configured !== 'native' && !secure) return { ingest: 'copy', fallbackReason: null };
  if (input.nativeRefused) return viaRelay({ ingest: 'copy', fallbackReason: input.nativeRefused });
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
