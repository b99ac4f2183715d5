// The SETUP reply's Session and Transport headers, and how the DESCRIBE reply names the base URL.
import { RtspProtocolError } from './errors';

export interface RtspSession {
  id: string;
  /** Seconds the server keeps an idle session (RFC 2326 §12.37; 60 when not given, at most 3600). */
  timeoutS: number;
}

/** `12345678;timeout=60` → id and timeout. */
export function parseSessionHeader(value: string | undefined): RtspSession {
  const [id = '', ...params] = (value ?? '').split(';').map((part) => part.trim());
  if (!/^[\w$\-.+]{1,256}$/.test(id)) throw new RtspProtocolError('SETUP reply has no valid Session header');
  const timeout = params.map((p) => /^timeout\s*=\s*(\d{1,6})$/i.exec(p)?.[1]).find((t) => t !== undefined);
  const timeoutS = timeout === undefined ? 60 : Number(timeout);
  // Keep-alives go at half of it; an hour is plenty and keeps the timer in range.
  return { id, timeoutS: timeoutS > 0 ? Math.min(timeoutS, 3600) : 60 };
}

/** The RTP channel of `RTP/AVP/TCP;unicast;interleaved=0-1` as the server confirmed it. */
export function interleavedRtpChannel(transport: string | undefined): number {
  if (transport === undefined) return 0; // servers that omit it keep what was asked for
  if (!/^RTP\/AVP\/TCP(;|$)/i.test(transport.trim())) {
    throw new RtspProtocolError('the server did not accept RTP over the RTSP connection (TCP interleaved)');
  }
  const channel = /(?:^|;)\s*interleaved=(\d{1,3})(?:-\d{1,3})?\s*(?:;|$)/i.exec(transport)?.[1];
  const value = channel === undefined ? 0 : Number(channel);
  if (value > 255) throw new RtspProtocolError('SETUP reply has an interleaved channel above 255');
  return value;
}

/** Content-Base, else Content-Location, else the request URL (RFC 2326 C.1.1); user info never kept. */
export function describeBase(requestUrl: string, contentBase?: string, contentLocation?: string): string {
  for (const candidate of [contentBase, contentLocation]) {
    if (!candidate || !/^rtsps?:\/\//i.test(candidate.trim())) continue;
    try {
      const url = new URL(candidate.trim());
      url.username = '';
      url.password = '';
      return url.href;
    } catch {
      continue;
    }
  }
  return requestUrl;
}
