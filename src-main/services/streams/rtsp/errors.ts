/**
 * Why an RTSP session failed, for the supervisor's choice of retry: `auth` slowly, `codec` by falling back to
 * ffmpeg, `certificate` (rtsps: the camera's certificate is not the pinned one, or none is pinned yet) slowly and
 * never to ffmpeg, everything else with the usual backoff.
 */
export type RtspErrorKind =
  | 'auth'
  | 'unreachable'
  | 'codec'
  | 'protocol'
  | 'status'
  | 'timeout'
  | 'closed'
  | 'certificate';

/** Messages name the URL without user info; credentials never reach an error. */
export class RtspError extends Error {
  override readonly name: string = 'RtspError';
  constructor(
    readonly kind: RtspErrorKind,
    message: string,
    readonly details: {
      status?: number;
      codec?: string;
      outOfOrder?: boolean;
      /** kind 'certificate': the fingerprint the camera presented (null: none) and why it was refused. */
      certificate?: { seenSha256: string | null; verdict: 'untrusted' | 'changed' };
    } = {},
  ) {
    super(message);
  }
}

/** The peer broke RTSP, SDP or RTP framing rules, or exceeded a size bound. */
export class RtspProtocolError extends RtspError {
  override readonly name = 'RtspProtocolError';
  constructor(message: string) {
    super('protocol', message);
  }
}

/** `rtsp://host:port/path?query` — the URL as it may appear in a message. */
export function publicUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}

/** Server-supplied text (reason phrases, codec names) made safe for one log line. */
export function printable(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
