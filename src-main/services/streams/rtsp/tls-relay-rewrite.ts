// The URL mapping of the loopback relay (tls-relay.ts): ffmpeg speaks plain RTSP to
// `rtsp://127.0.0.1:<port>/<token>/…`, the camera is `rtsps://host:port/…`. Requests go one way, every URL a reply
// carries (Content-Base, Content-Location, Location, RTP-Info url=, SDP a=control:) comes back the other way, so
// ffmpeg never learns an address that would take it to the camera without the relay.
import type { RtspMessage } from './rtsp-stream-reader';

export interface RelayAddresses {
  /** `rtsp://127.0.0.1:<port>/<token>`: what ffmpeg's URLs start with. */
  loopback: string;
  /** The camera's URL (its user info is ignored). */
  camera: URL;
}

const defaultPort = (protocol: string) => (protocol === 'rtsps:' ? 322 : 554);
const portOf = (url: URL) => Number(url.port || defaultPort(url.protocol));

/** ffmpeg's request URI → the camera's; null for anything that is not under the loopback prefix (or `*`). */
export function toCamera(addresses: RelayAddresses, uri: string): string | null {
  if (uri === '*') return uri;
  const { loopback, camera } = addresses;
  if (!uri.startsWith(loopback)) return null;
  const rest = uri.slice(loopback.length);
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) return null;
  return `${camera.protocol}//${camera.host}${rest === '' || rest.startsWith('?') ? `/${rest}` : rest}`;
}

/** A URL the camera sent → the loopback one; null when it names another host or port (or is no rtsp URL). */
export function toLoopback(addresses: RelayAddresses, text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const { camera } = addresses;
  if (url.protocol !== 'rtsp:' && url.protocol !== 'rtsps:') return null;
  if (url.hostname.toLowerCase() !== camera.hostname.toLowerCase() || portOf(url) !== portOf(camera)) return null;
  return `${addresses.loopback}${url.pathname}${url.search}`;
}

const ABSOLUTE = /^rtsps?:\/\//i;

/**
 * One header value that may carry a URL: the camera's own become loopback ones; another host's is dropped (null),
 * as ffmpeg would go there on its own. Relative values stay.
 */
function mapUrlValue(addresses: RelayAddresses, value: string): string | null {
  if (!ABSOLUTE.test(value.trim())) return value;
  return toLoopback(addresses, value);
}

/** `url=rtsps://cam/x/stream=0;seq=1;rtptime=2, url=…` with every url= mapped (a foreign one left out). */
export function rewriteRtpInfo(addresses: RelayAddresses, value: string): string {
  return value
    .split(',')
    .map((entry) =>
      entry.replace(/^(\s*url=)([^;]*)/i, (whole, prefix: string, url: string) => {
        const mapped = mapUrlValue(addresses, url);
        return mapped === null ? whole.replace(url, '') : `${prefix}${mapped}`;
      }),
    )
    .join(',');
}

/** SDP `a=control:` lines with the camera's absolute URLs mapped; other lines untouched. */
export function rewriteSdp(addresses: RelayAddresses, sdp: string): string {
  return sdp.replace(/^(a=control:)([^\r\n]*)/gim, (whole, prefix: string, url: string) => {
    const mapped = mapUrlValue(addresses, url);
    return mapped === null ? whole : `${prefix}${mapped}`;
  });
}

const URL_HEADERS = new Set(['content-base', 'content-location', 'location']);
/** Headers the relay sets itself, or that must not reach ffmpeg (the camera's challenges: the relay answers them). */
const REPLY_HEADERS_DROPPED = new Set(['cseq', 'content-length', 'www-authenticate']);

function headerName(name: string): string {
  if (name === 'cseq') return 'CSeq';
  if (name === 'rtp-info') return 'RTP-Info';
  if (name === 'www-authenticate') return 'WWW-Authenticate';
  return name.replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

/** The camera's reply as ffmpeg gets it: its CSeq, URLs on the loopback side, Content-Length of the new body. */
export function replyForClient(addresses: RelayAddresses, reply: RtspMessage, cseq: string | undefined): Buffer {
  const lines = [`RTSP/1.0 ${reply.status ?? 500} ${reply.reason.replace(/[\r\n]/g, ' ')}`.trimEnd()];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  for (const [name, values] of reply.headers) {
    if (REPLY_HEADERS_DROPPED.has(name)) continue;
    for (const value of values) {
      const mapped = URL_HEADERS.has(name)
        ? mapUrlValue(addresses, value)
        : name === 'rtp-info'
          ? rewriteRtpInfo(addresses, value)
          : value;
      if (mapped !== null) lines.push(`${headerName(name)}: ${mapped}`);
    }
  }
  const contentType = reply.headers.get('content-type')?.[0] ?? '';
  const body =
    reply.body.length > 0 && /application\/sdp/i.test(contentType)
      ? Buffer.from(rewriteSdp(addresses, reply.body.toString('utf8')), 'utf8')
      : reply.body;
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

/** Request headers ffmpeg sent that go to the camera: not those the connection sets (CSeq, User-Agent, Authorization). */
export function requestHeadersForCamera(headers: ReadonlyMap<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of headers) {
    if (name === 'cseq' || name === 'user-agent' || name === 'authorization' || name === 'content-length') continue;
    out[headerName(name)] = values.join(', ');
  }
  return out;
}
