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
 * reported ready yet; then the page may connect only to itself.
 */
export function buildContentSecurityPolicy(coreHttpUrl: string | null): string {
  const connect = ["'self'"];
  // Case videos play from the core's ticketed /api/media URLs, with byte ranges (media-tickets.ts).
  const media = ["'self'", 'blob:'];
  if (coreHttpUrl !== null) {
    connect.push(coreHttpOrigin(coreHttpUrl), coreWebSocketOrigin(coreHttpUrl));
    media.push(coreHttpOrigin(coreHttpUrl));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `media-src ${media.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
