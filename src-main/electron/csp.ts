import { basemapStyleOrigin } from '../../src-shared/basemap';

/** Turns the core's http base URL into the matching WebSocket origin (same host and port). */
export function coreWebSocketOrigin(coreHttpUrl: string): string {
  const url = new URL(coreHttpUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`core URL must be http(s), got ${url.protocol}`);
  }
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

function coreHttpOrigin(coreHttpUrl: string): string {
  return new URL(coreHttpUrl).origin;
}

/**
 * The Content-Security-Policy sent with every app:// response. `coreHttpUrl` is null while the core has not
 * reported ready yet; then the page may connect only to itself. `basemapStyleUrl` (`IOC_BASEMAP_STYLE`) adds that
 * one origin for the style, its tiles and sprites; anything not http(s) adds nothing (the core refuses it).
 */
export function buildContentSecurityPolicy(coreHttpUrl: string | null, basemapStyleUrl: string | null = null): string {
  const connect = ["'self'"];
  const img = ["'self'", 'data:', 'blob:'];
  // Case videos play from the core's ticketed /api/media URLs, with byte ranges (media-tickets.ts).
  const media = ["'self'", 'blob:'];
  if (coreHttpUrl !== null) {
    connect.push(coreHttpOrigin(coreHttpUrl), coreWebSocketOrigin(coreHttpUrl));
    media.push(coreHttpOrigin(coreHttpUrl));
  }
  const styleOrigin = basemapStyleUrl === null ? null : basemapStyleOrigin(basemapStyleUrl);
  if (styleOrigin !== null) {
    connect.push(styleOrigin);
    img.push(styleOrigin);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${img.join(' ')}`,
    `media-src ${media.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
