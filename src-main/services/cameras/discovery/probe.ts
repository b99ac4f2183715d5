import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import { networkInterfaces } from 'node:os';
import { parseProbeMatches, probeMessage, reachableAt, scopeValue } from './probe-match';

export const WS_DISCOVERY_GROUP = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;

export interface Discovered {
  urn: string;
  xaddrs: string[];
  host: string;
  port: number;
  path: string;
  scopes: string[];
  name: string | null;
  hardware: string | null;
}

export interface ProbeOptions {
  timeoutMs: number;
  /** Each Probe is sent this many times: UDP gets lost, and commercial clients repeat too. */
  repeats?: number;
  /** IPv4 addresses to probe from; default every IPv4 interface, loopback included. */
  interfaces?: string[];
  signal?: AbortSignal;
}

/** IPv4 addresses of every interface: the library probes one (agsh #330), a control room has several NICs. */
export function ipv4Interfaces(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4') out.push(a.address);
  }
  return [...new Set(out)];
}

/**
 * WS-Discovery: multicast Probes (NetworkVideoTransmitter and tds:Device) from every IPv4 interface,
 * repeated, collecting ProbeMatches until the timeout. Devices are told apart by endpoint AND address, since
 * some share an endpoint UUID (2BAD's DVC captures). Never connects to what it finds.
 */
export async function probeNetwork(options: ProbeOptions): Promise<Discovered[]> {
  const repeats = options.repeats ?? 3;
  const found = new Map<string, Discovered>();
  const sockets: dgram.Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const messages = ['dn:NetworkVideoTransmitter', 'tds:Device'].map((t) =>
    Buffer.from(probeMessage(t, `uuid:${randomUUID()}`)),
  );

  const onMessage = (data: Buffer, rinfo: dgram.RemoteInfo) => {
    for (const match of parseProbeMatches(data)) {
      const at = reachableAt(match, rinfo.address);
      const key = `${match.urn}|${at.host}:${at.port}`;
      if (found.has(key) || found.size >= 1024) continue;
      found.set(key, {
        urn: match.urn,
        xaddrs: match.xaddrs.map((x) => x.slice(0, 256)).slice(0, 8),
        host: at.host,
        port: at.port,
        path: at.path,
        scopes: match.scopes.map((s) => s.slice(0, 256)).slice(0, 32),
        name: scopeValue(match.scopes, 'name'),
        hardware: scopeValue(match.scopes, 'hardware'),
      });
    }
  };

  try {
    for (const address of options.interfaces ?? ipv4Interfaces()) {
      const socket = await openSocket(address).catch(() => null);
      if (!socket) continue;
      sockets.push(socket);
      socket.on('message', onMessage);
      socket.on('error', () => closeQuietly(socket));
    }
    await new Promise<void>((resolve) => {
      const gap = Math.max(100, Math.min(500, Math.floor(options.timeoutMs / (repeats + 1))));
      for (let i = 0; i < repeats; i++) {
        timers.push(
          setTimeout(() => {
            for (const socket of sockets) {
              for (const message of messages) {
                try {
                  socket.send(message, WS_DISCOVERY_PORT, WS_DISCOVERY_GROUP, () => undefined);
                } catch {
                  // The socket closed after an error; the other interfaces carry on.
                }
              }
            }
          }, i * gap),
        );
      }
      timers.push(setTimeout(resolve, options.timeoutMs));
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const socket of sockets) closeQuietly(socket);
  }
  return [...found.values()];
}

function closeQuietly(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch {
    // Already closed.
  }
}

function openSocket(address: string): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', (error) => {
      closeQuietly(socket);
      reject(error);
    });
    socket.bind({ address, port: 0 }, () => {
      try {
        socket.setMulticastInterface(address);
        socket.setMulticastTTL(1);
        socket.setMulticastLoopback(true);
      } catch {
        // Interfaces without multicast still get answers to what others sent; keep the socket.
      }
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}
