import { z } from 'zod';

/** Which of a camera's streams: `main` for large or maximised tiles, `sub` for small ones (DESIGN.md §5). */
export const LiveProfileSchema = z.enum(['main', 'sub']);
export type LiveProfile = z.infer<typeof LiveProfileSchema>;

/**
 * What a live stream is doing. `connecting`: ffmpeg started, no picture yet. `stalled`: it played, then the
 * picture stopped (watchdog or end of stream) and it is being restarted. `offline`: the camera could not be
 * reached; retried with backoff. `auth_failed`: the camera refused the credentials; retried slowly so the
 * camera does not lock the account. `error`: anything else (no ffmpeg, no video track); retried with backoff.
 */
export const LIVE_STREAM_STATES = [
  'connecting',
  'playing',
  'stalled',
  'offline',
  'auth_failed',
  'error',
  'stopped',
] as const;
export const LiveStreamStateSchema = z.enum(LIVE_STREAM_STATES);
export type LiveStreamState = z.infer<typeof LiveStreamStateSchema>;

export const LiveStreamStatsSchema = z.object({
  cameraId: z.string(),
  profile: LiveProfileSchema,
  state: LiveStreamStateSchema,
  /** The camera's own codec, e.g. H264 or H265. */
  codec: z.string(),
  /** True when ffmpeg re-encodes to H.264 because the renderer cannot play the camera's codec. */
  transcoded: z.boolean(),
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
