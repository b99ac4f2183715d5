/** Where a camera's stream is and how to log in; the camera service supplies it (compose.ts wires it). */
export interface ResolvedSource {
  /** rtsp:// URL without credentials. */
  url: string;
  username: string;
  password: string;
  /** The camera's codec for this profile as ONVIF reports it: H264, H265, MJPEG, … */
  codec: string;
  /** rtsps:// only: the camera's certificate pin, and where a refused certificate is reported. */
  certificate?: SourceCertificate;
}

export interface SourceCertificate {
  /** The fingerprint a technician trusted (SHA-256 of the leaf certificate, `AB:CD:…`), or null. */
  pinnedSha256: string | null;
  /** The camera presented a certificate that is not (or not yet) the trusted one: nothing was sent to it. */
  refused(seenSha256: string | null, verdict: 'untrusted' | 'changed'): void;
}

/** Same shape as the core's logger, which passes every line through the one redactor. */
export interface StreamLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface StreamTiming {
  /** No media for this long while playing: the stream is stalled and ffmpeg is restarted. */
  stallMs: number;
  /** The same while connecting (RTSP handshake and probing come first), never shorter than stallMs. */
  connectTimeoutMs: number;
  watchdogTickMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Wrong credentials: first retry after this, doubling up to authRetryCapMs. */
  authRetryMs: number;
  authRetryCapMs: number;
  /** Playing at least this long before failing counts as healthy: the backoff starts over. */
  stableMs: number;
  /** SIGTERM, then SIGKILL after this. */
  stopGraceMs: number;
  /** How long a stream keeps running after its last viewer left, for a tile that comes straight back. */
  lingerMs: number;
  /**
   * While waiting out a backoff, the camera's port is probed (TCP connect) at most 24 times per wait, at least
   * this far apart and at most probeMaxIntervalMs: a camera that comes back is retried at once. 0 turns it off.
   */
  probeMinIntervalMs: number;
  probeMaxIntervalMs: number;
}

export const DEFAULT_TIMING: StreamTiming = {
  stallMs: 10_000,
  connectTimeoutMs: 20_000,
  watchdogTickMs: 1000,
  backoffBaseMs: 1000,
  backoffCapMs: 60_000,
  authRetryMs: 60_000,
  authRetryCapMs: 15 * 60_000,
  stableMs: 10_000,
  stopGraceMs: 5000,
  lingerMs: 5000,
  probeMinIntervalMs: 500,
  probeMaxIntervalMs: 5000,
};
