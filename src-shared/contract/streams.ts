import { z } from 'zod';

/** Which of a camera's streams: `main` for large or maximised tiles, `sub` for small ones (DESIGN.md §5). */
export const LiveProfileSchema = z.enum(['main', 'sub']);
export type LiveProfile = z.infer<typeof LiveProfileSchema>;

/**
 * What a live stream is doing. `connecting`: ffmpeg started, no picture yet. `stalled`: it played, then the
 * picture stopped (watchdog or end of stream) and it is being restarted. `offline`: the camera could not be
 * reached; retried with backoff. `auth_failed`: the camera refused the credentials; retried slowly so the
 * camera does not lock the account. `error`: anything else (no ffmpeg, no video track); retried with backoff.
 * rtsps:// cameras, nothing sent to them in these three: `cert_untrusted`, the camera's TLS certificate waits for a
 * technician to trust it; `cert_changed`, it is not the trusted one any more (a replaced camera, or someone in
 * between); `tls_unverifiable`, its codec needs ffmpeg (which cannot check a certificate, so it reads rtsps only
 * through the core's pinned loopback relay) and the stream's source carries no certificate pin to check.
 */
export const LIVE_STREAM_STATES = [
  'connecting',
  'playing',
  'stalled',
  'offline',
  'auth_failed',
  'error',
  'stopped',
  'cert_untrusted',
  'cert_changed',
  'tls_unverifiable',
] as const;
export const LiveStreamStateSchema = z.enum(LIVE_STREAM_STATES);
export type LiveStreamState = z.infer<typeof LiveStreamStateSchema>;

/**
 * How a live stream is read: `native` in the core (RTSP/RTP muxed to fMP4 there), ffmpeg `copy`ing the camera's
 * H.264, or ffmpeg `transcode`-ing to H.264.
 */
export const STREAM_INGESTS = ['native', 'copy', 'transcode'] as const;
export const StreamIngestKindSchema = z.enum(STREAM_INGESTS);
export type StreamIngestKind = z.infer<typeof StreamIngestKindSchema>;

/**
 * Why ffmpeg reads a stream instead of the native reader: `rtsps` (TLS), `redirect` (the camera answered 3xx),
 * `packetization` (H.264 packetization-mode 2), `discontinuities` (a clock that jumps back over 1 s or ahead over 5 s;
 * B-frames are read natively),
 * `protocol` (RTSP, SDP or RTP the reader cannot follow), `codec` (not H.264: transcoded).
 */
export const INGEST_FALLBACK_REASONS = [
  'rtsps',
  'redirect',
  'packetization',
  'discontinuities',
  'protocol',
  'codec',
] as const;
export const IngestFallbackReasonSchema = z.enum(INGEST_FALLBACK_REASONS);
export type IngestFallbackReason = z.infer<typeof IngestFallbackReasonSchema>;

export const LiveStreamStatsSchema = z.object({
  cameraId: z.string(),
  profile: LiveProfileSchema,
  state: LiveStreamStateSchema,
  /** The camera's own codec, e.g. H264 or H265. */
  codec: z.string(),
  /** True when ffmpeg re-encodes to H.264 because the renderer cannot play the camera's codec. */
  transcoded: z.boolean(),
  /** How the running attempt (or the last one, between attempts) reads the camera. */
  ingest: StreamIngestKindSchema,
  /** Why ffmpeg reads it rather than the native reader; null when native, or when ffmpeg is configured for copy. */
  fallbackReason: IngestFallbackReasonSchema.nullable(),
  /** MSE type of what the viewers receive, from the latest init segment; null before the first one. */
  mime: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Frames per second and kbit/s received over the last few seconds. */
  fps: z.number(),
  bitrateKbps: z.number(),
  /** Times ffmpeg was started again after the first start. */
  restarts: z.number().int(),
  /** Milliseconds since the last frame arrived; null before any frame. */
  lastFrameAgeMs: z.number().int().nullable(),
  viewers: z.number().int(),
  /** When the next attempt starts, in ms from now; null unless waiting to retry. */
  retryInMs: z.number().int().nullable(),
  /** Last error ffmpeg reported, free of credentials. */
  lastError: z.string().nullable(),
});
export type LiveStreamStats = z.infer<typeof LiveStreamStatsSchema>;

export const OpenStreamInputSchema = z
  .object({ cameraId: z.string().min(1).max(64), profile: LiveProfileSchema })
  .strict();

export const OpenStreamResultSchema = z.object({
  /** Binary media frames for this stream carry this channel number on this socket only. */
  channel: z.number().int().min(1),
  /** e.g. `video/mp4; codecs="avc1.64001f"`; null when the camera has not answered yet (see streams.stats). */
  mime: z.string().nullable(),
  transcoded: z.boolean(),
  codec: z.string(),
  state: LiveStreamStateSchema,
});
export type OpenStreamResult = z.infer<typeof OpenStreamResultSchema>;
