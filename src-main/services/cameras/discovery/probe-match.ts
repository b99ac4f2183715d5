import { randomUUID } from 'node:crypto';
import { screenXml, XmlRejectedError, type XmlLimits } from '../xml/guard';
import { parseSoap, textOf } from '../xml/parse';

/** WS-Discovery answers are unauthenticated UDP: small, shallow, and treated as hints only. */
const DISCOVERY_LIMITS: XmlLimits = { maxBytes: 64 * 1024, maxDepth: 24, maxElements: 2000 };

export interface ProbeMatch {
  urn: string;
  types: string[];
  scopes: string[];
  /** As the device wrote them, split on any whitespace (double spaces, newlines: go2rtc #884). */
  xaddrs: string[];
}

/** A Probe for ONVIF devices; `types` e.g. `dn:NetworkVideoTransmitter` or `tds:Device` (Core mandates the latter). */
export function probeMessage(types: string, messageId = `uuid:${randomUUID()}`): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"' +
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"' +
    ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
    '<s:Header>' +
    '<a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    `<a:MessageID>${messageId}</a:MessageID>` +
    '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '</s:Header>' +
    `<s:Body><d:Probe><d:Types>${types}</d:Types></d:Probe></s:Body>` +
    '</s:Envelope>'
  );
}

const words = (value: unknown) => textOf(value).split(/\s+/).filter(Boolean).slice(0, 64);

/**
 * Every ProbeMatch in a ProbeMatches message (the library drops messages holding more than one), and the
 * announcement in a Hello. Anything that is not one of those, or not acceptable XML, yields [].
 */
export function parseProbeMatches(datagram: Uint8Array | string): ProbeMatch[] {
  let body: unknown;
  try {
    const text = typeof datagram === 'string' ? datagram : new TextDecoder('utf-8', { fatal: true }).decode(datagram);
    body = parseSoap(screenXml(text, DISCOVERY_LIMITS)).body;
  } catch (error) {
    if (error instanceof XmlRejectedError || error instanceof TypeError) return [];
    throw error;
  }
  const container = pick(body, 'probeMatches', 'probeMatch') ?? pick(body, 'hello');
  if (container === undefined) return [];
  const items = Array.isArray(container) ? container : [container];
  const out: ProbeMatch[] = [];
  for (const item of items.slice(0, 64)) {
    const urn = textOf(pick(item, 'endpointReference', 'address'));
    const xaddrs = words(pick(item, 'XAddrs')).slice(0, 16);
    if (!urn || xaddrs.length === 0) continue;
    out.push({
      urn: urn.slice(0, 200),
      types: words(pick(item, 'types')),
      scopes: words(pick(item, 'scopes')),
      xaddrs,
    });
  }
  return out;
}

function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The value of an `onvif://www.onvif.org/<kind>/<value>` scope, percent-decoded. */
export function scopeValue(scopes: readonly string[], kind: string): string | null {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const scope = scopes.find((s) => s.toLowerCase().startsWith(prefix));
  if (!scope) return null;
  try {
    return decodeURIComponent(scope.slice(prefix.length)).slice(0, 200) || null;
  } catch {
    return scope.slice(prefix.length).slice(0, 200) || null;
  }
}

/**
 * Where to reach a device that answered from `source`: that address (it is provably reachable, unlike the
 * XAddrs, which may name a private or stale IP), with the port of the XAddr on that host, else of the
 * first HTTP XAddr, else 80.
 */
export function reachableAt(match: ProbeMatch, source: string): { host: string; port: number; path: string } {
  const parsed = match.xaddrs
    .map((x) => {
      try {
        return new URL(x.replace(/^([a-z][a-z0-9+.-]*:\/\/\[[^\]%]*)%[^\]]*\]/i, '$1]'));
      } catch {
        return null;
      }
    })
    .filter((u): u is URL => u !== null && u.protocol === 'http:');
  const best = parsed.find((u) => u.hostname === source) ?? parsed[0];
  return {
    host: source,
    port: best?.port ? Number(best.port) : 80,
    path: best ? best.pathname : '/onvif/device_service',
  };
}
