import { randomUUID } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { DiscoveryOptions } from './options';
import { NS } from './soap/ns';
import { child, escapeXml, parseXml, textAt, XmlError } from './soap/xml';

export const WS_DISCOVERY_GROUP = '239.255.255.250';
const LOOPBACK_INTERFACE = '127.0.0.1';
const MAX_PROBE_BYTES = 64 * 1024;

export interface DiscoveryIdentity {
  /** `urn:uuid:…` */
  readonly endpointReference: string;
  /** Space-separated scope URIs. */
  scopes(): string;
  /** The XAddrs, before joining. */
  xaddrs(): string[];
}

export interface DiscoveryResponder {
  readonly port: number;
  /** Multicast a Hello (start, restart) — only with `announce`. */
  hello(): void;
  dispose(): Promise<void>;
}

export interface DiscoveryDeps {
  host: string;
  options: DiscoveryOptions;
  /** The agsh capture's ProbeMatches template (Probe.xml). */
  template: string;
  identity: DiscoveryIdentity;
  log(message: string): void;
}

const TYPES_PREFIXED = 'dn:NetworkVideoTransmitter tds:Device';
const TYPES_BARE = 'NetworkVideoTransmitter Device';
const MATCHING_TYPES = new Set(['NetworkVideoTransmitter', 'Device']);

/** Probe's Types match when absent or when one names a video transmitter / device, whatever the prefix. */
export function probeMatches(probeTypes: string, probeScopes: string, deviceScopes: string): boolean {
  const types = probeTypes.split(/\s+/).filter(Boolean);
  if (types.length > 0 && !types.some((t) => MATCHING_TYPES.has(t.replace(/^[^:]*:/, '')))) return false;
  const mine = deviceScopes.split(/\s+/).filter(Boolean);
  return probeScopes
    .split(/\s+/)
    .filter(Boolean)
    .every((wanted) => mine.some((s) => s === wanted || s.startsWith(wanted.endsWith('/') ? wanted : `${wanted}/`)));
}

function bind(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port, address }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

export async function startDiscovery(deps: DiscoveryDeps): Promise<DiscoveryResponder> {
  const { options, identity } = deps;
  const family = isIP(deps.host) === 6 ? 'udp6' : 'udp4';
  const unicast = createSocket({ type: family, reuseAddr: true });
  const sockets: Socket[] = [unicast];
  const timers = new Set<NodeJS.Timeout>();
  const instanceId = Math.floor(Date.now() / 1000);
  let messageNumber = 0;
  let disposed = false;

  await bind(unicast, options.port, deps.host);
  const port = unicast.address().port;
  if (options.multicast && family === 'udp4') {
    const group = createSocket({ type: 'udp4', reuseAddr: true });
    sockets.push(group);
    await bind(group, port, WS_DISCOVERY_GROUP);
    group.addMembership(WS_DISCOVERY_GROUP, LOOPBACK_INTERFACE);
    group.on('message', (msg, rinfo) => onProbe(msg, rinfo));
  }
  if (family === 'udp4') {
    unicast.setMulticastInterface(LOOPBACK_INTERFACE);
    unicast.setMulticastTTL(1);
  }
  unicast.on('message', (msg, rinfo) => onProbe(msg, rinfo));
  for (const s of sockets) s.on('error', (error) => deps.log(`discovery socket error: ${error.message}`));

  const types = () => (options.typesPrefixed ? TYPES_PREFIXED : TYPES_BARE);
  const xaddrs = () => identity.xaddrs().join(options.separator);
  const sequence = () => `<wsdd:AppSequence MessageNumber="${++messageNumber}" InstanceId="${instanceId}"/>`;

  function probeMatchesXml(relatesTo: string): string {
    return deps.template
      .replace(/<wsa:MessageID>[^<]*<\/wsa:MessageID>/, `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>`)
      .replace('RELATES_TO', escapeXml(relatesTo))
      .replace(/<wsdd:AppSequence\b[^>]*>(<\/wsdd:AppSequence>)?/, sequence())
      .replace(/(<wsa:EndpointReference>\s*<wsa:Address>)[^<]*/, `$1${escapeXml(identity.endpointReference)}`)
      .replace(/(<wsdd:Types>)[^<]*/, `$1${types()}`)
      .replace(/(<wsdd:Scopes>)[^<]*/, `$1${escapeXml(identity.scopes())}`)
      .replace('SERVICE_URI', escapeXml(xaddrs()));
  }

  function announcement(kind: 'Hello' | 'Bye'): string {
    const described =
      kind === 'Hello'
        ? `<wsdd:Types>${types()}</wsdd:Types><wsdd:Scopes>${escapeXml(identity.scopes())}</wsdd:Scopes>` +
          `<wsdd:XAddrs>${escapeXml(xaddrs())}</wsdd:XAddrs><wsdd:MetadataVersion>1</wsdd:MetadataVersion>`
        : '';
    return (
      `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap12}" ` +
      `xmlns:wsa="${NS.wsa}" xmlns:wsdd="${NS.wsdd}" xmlns:dn="${NS.dn}" xmlns:tds="${NS.device}">` +
      `<SOAP-ENV:Header><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
      `<wsa:To SOAP-ENV:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>` +
      `<wsa:Action SOAP-ENV:mustUnderstand="true">${NS.wsdd}/${kind}</wsa:Action>${sequence()}</SOAP-ENV:Header>` +
      `<SOAP-ENV:Body><wsdd:${kind}><wsa:EndpointReference><wsa:Address>${escapeXml(identity.endpointReference)}` +
      `</wsa:Address></wsa:EndpointReference>${described}</wsdd:${kind}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
    );
  }

  function send(xml: string, to: number, address: string): void {
    if (disposed) return;
    unicast.send(Buffer.from(xml, 'utf8'), to, address, (error) => {
      if (error) deps.log(`discovery send failed: ${error.message}`);
    });
  }

  function onProbe(msg: Buffer, rinfo: RemoteInfo): void {
    if (msg.length > MAX_PROBE_BYTES) return;
    let relatesTo: string;
    try {
      const root = parseXml(msg.toString('utf8'));
      const probe = child(child(root, 'Body'), 'Probe', NS.wsdd);
      if (!probe) return;
      relatesTo = textAt(child(root, 'Header'), 'MessageID') ?? '';
      if (!probeMatches(textAt(probe, 'Types') ?? '', textAt(probe, 'Scopes') ?? '', identity.scopes())) return;
    } catch (error) {
      if (error instanceof XmlError) return;
      throw error;
    }
    const reply = () => send(probeMatchesXml(relatesTo), rinfo.port, rinfo.address);
    if (options.delayMs <= 0) return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      reply();
    }, Math.random() * options.delayMs);
    timers.add(timer);
  }

  const announce = (kind: 'Hello' | 'Bye') => {
    if (options.announce && family === 'udp4') send(announcement(kind), port, WS_DISCOVERY_GROUP);
  };
  announce('Hello');

  return {
    port,
    hello: () => announce('Hello'),
    async dispose() {
      if (disposed) return;
      if (options.announce && family === 'udp4') {
        await new Promise<void>((resolve) =>
          unicast.send(Buffer.from(announcement('Bye'), 'utf8'), port, WS_DISCOVERY_GROUP, () => resolve()),
        );
      }
      disposed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
