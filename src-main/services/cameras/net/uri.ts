/**
 * Cameras report addresses as they see themselves: private IPs behind NAT, an old IP after DHCP, 127.0.0.1
 * (research/onvif.md §5.2–5.3). We only ever talk to the address the technician gave us, so every address a
 * camera hands back is rewritten to it before anything follows it. That also stops a hostile camera from
 * pointing the workstation at other hosts (SSRF).
 */

export interface Reached {
  host: string;
  port: number;
}

/** A host as it goes into a URL: IPv6 literals need brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function parse(text: string): URL | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return null;
  try {
    // IPv6 zone ids (fe80::1%eth0) are legal in XAddrs but not in WHATWG URLs; the host is replaced anyway.
    return new URL(trimmed.replace(/^([a-z][a-z0-9+.-]*:\/\/\[[^\]%]*)%[^\]]*\]/i, '$1]'));
  } catch {
    return null;
  }
}

/**
 * A SOAP service address (XAddr, pull-point subscription): the reached host AND port with the camera's path.
 * All of a camera's ONVIF services live on its one web server; the port it reports is the inside port when
 * it sits behind port forwarding. The same choice as the onvif library's own requests.
 */
export function rewriteServiceUrl(address: string, reached: Reached, secure = false): URL | null {
  const url = parse(address);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  const out = new URL(`${secure ? 'https' : 'http'}://${urlHost(reached.host)}:${reached.port}`);
  out.pathname = url.pathname;
  out.search = url.search;
  return out;
}

/**
 * A media address (RTSP stream, HTTP snapshot): the reached host, the camera's own port and path (the RTSP
 * server is another port of the same device). Credentials are stripped; other schemes (file:, ftp:…) → null.
 */
export function rewriteMediaUri(uri: string, reachedHost: string, schemes: readonly string[]): string | null {
  const url = parse(uri);
  if (!url || !schemes.includes(url.protocol)) return null;
  url.username = '';
  url.password = '';
  url.hostname = urlHost(reachedHost);
  return url.href;
}

export const STREAM_SCHEMES = ['rtsp:', 'rtsps:'] as const;
export const SNAPSHOT_SCHEMES = ['http:', 'https:'] as const;
