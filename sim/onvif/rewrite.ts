// The URI contract (README "URI contract"): answers keep the camera's own (private) host — the quirk the client
// must fix — but carry this simulator's port and the captured path, so that once the client puts back the host
// it reached the camera at, every URI points at something that answers.
import { escapeXml } from './soap/xml';

export interface UriContext {
  /** The host written in the captures. */
  readonly capturedHost: string;
  /** The host the simulator writes instead (by default the same private address). */
  readonly advertisedHost: string;
  /** The simulator's HTTP port. */
  readonly port: number;
}

export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every http(s) URL on the captured host gets the advertised host and the simulator's port; paths stay. */
export function rewriteCapturedUrls(text: string, ctx: UriContext): string {
  const re = new RegExp(`\\bhttp(s?)://${escapeRegExp(ctx.capturedHost)}(?::\\d+)?(?=[/?<"'\\s]|$)`, 'g');
  return text.replace(re, `http://${hostForUrl(ctx.advertisedHost)}:${ctx.port}`);
}

/** An HTTP URI on this camera as the camera advertises it (path and query already escaped as needed). */
export function advertisedHttpUri(ctx: UriContext, pathAndQuery: string): string {
  return `http://${hostForUrl(ctx.advertisedHost)}:${ctx.port}${pathAndQuery}`;
}

/**
 * The stream URI for a profile: the advertised host with the port, path and query of the configured RTSP URL
 * (credentials dropped); without one, the captured URI unchanged. Returned XML-escaped.
 */
export function streamUriXml(ctx: UriContext, configured: string | undefined, capturedXml: string): string {
  if (!configured) return capturedXml;
  const url = new URL(configured);
  const port = url.port || '554';
  return escapeXml(`${url.protocol}//${hostForUrl(ctx.advertisedHost)}:${port}${url.pathname}${url.search}`);
}

/** Path and query of a URL, the part a client keeps when it replaces host and port. */
export function pathAndQuery(uri: string): string {
  const url = new URL(uri);
  return url.pathname + url.search;
}
