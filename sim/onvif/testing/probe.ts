// A WS-Discovery probe client for the simulator's tests (its own, not the onvif library's Discovery singleton).
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { child, parseXml, textAt } from '../soap/xml';

export interface ProbeMatch {
  from: string;
  relatesTo: string;
  endpoint: string;
  types: string;
  scopes: string;
  /** XAddrs exactly as sent (separators kept). */
  xaddrs: string;
}

export interface Announcement {
  kind: string;
  endpoint: string;
}

export function probeXml(messageId: string, types = 'dn:NetworkVideoTransmitter'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><s:Header>' +
    `<a:MessageID>${messageId}</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>` +
    '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>' +
    `<s:Body><d:Probe><d:Types>${types}</d:Types></d:Probe></s:Body></s:Envelope>`
  );
}

export function readProbeMatch(data: Buffer, from: string): ProbeMatch | null {
  try {
    const root = parseXml(data.toString('utf8'));
    const match = child(child(child(root, 'Body'), 'ProbeMatches'), 'ProbeMatch');
    if (!match) return null;
    return {
      from,
      relatesTo: textAt(child(root, 'Header'), 'RelatesTo') ?? '',
      endpoint: textAt(match, 'EndpointReference', 'Address') ?? '',
      types: textAt(match, 'Types') ?? '',
      scopes: textAt(match, 'Scopes') ?? '',
      xaddrs: child(match, 'XAddrs')?.text ?? '',
    };
  } catch {
    return null;
  }
}

export function readAnnouncement(data: Buffer): Announcement | null {
  try {
    const body = child(parseXml(data.toString('utf8')), 'Body')?.children[0];
    if (!body || (body.local !== 'Hello' && body.local !== 'Bye')) return null;
    return { kind: body.local, endpoint: textAt(body, 'EndpointReference', 'Address') ?? '' };
  } catch {
    return null;
  }
}

/** Sends one Probe to `address:port` and collects ProbeMatches answering it for `listenMs`. */
export async function probe(
  address: string,
  port: number,
  listenMs: number,
  options: { types?: string; multicastInterface?: string } = {},
): Promise<ProbeMatch[]> {
  const socket: Socket = createSocket('udp4');
  const messageId = `urn:uuid:${randomUUID()}`;
  const matches: ProbeMatch[] = [];
  socket.on('message', (msg, rinfo) => {
    const match = readProbeMatch(msg, rinfo.address);
    if (match && match.relatesTo === messageId) matches.push(match);
  });
  await new Promise<void>((resolve) => socket.bind(0, options.multicastInterface ?? '127.0.0.1', resolve));
  if (options.multicastInterface) socket.setMulticastInterface(options.multicastInterface);
  await new Promise<void>((resolve, reject) =>
    socket.send(probeXml(messageId, options.types), port, address, (error) => (error ? reject(error) : resolve())),
  );
  await new Promise((resolve) => setTimeout(resolve, listenMs));
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return matches;
}
