// Helpers for the live-stream tests: child processes and open descriptors from /proc, a logger that keeps every
// line, a viewer that
// records what it is sent, streams services disposed after each test, a port that answers garbage, a socket
// client that sees binary media frames, a core with an injected stream source.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src-main/core/compose';
import { parseConfig } from '../../src-main/core/config';
import { silentLogger } from '../../src-main/core/logger';
import { redact } from '../../src-shared/domain/redact';
import {
  createStreamsService,
  type MediaFragment,
  type MediaSink,
  type ResolveSource,
  type StreamLogger,
  type StreamsService,
  type StreamsServiceOptions,
} from '../../src-main/services/streams';
import type { LiveStreamState } from '../../src-shared/contract/streams';
import {
  decodeMediaFrame,
  WS_PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX,
  type MediaFrame,
  type ServerMessage,
} from '../../src-shared/contract';
import { TEST_PASSWORD } from './core-harness';
import { makeTempDir } from './tmp-dir';

const APP_ROOT = resolve(import.meta.dirname, '..', '..');

interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const rest = text.slice(close + 2).split(' ');
    return { pid, comm: text.slice(text.indexOf('(') + 1, close), state: rest[0] ?? '', ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}

/** This process's children named `comm` (zombies included: a zombie is a child nobody reaped). */
export function children(comm = 'ffmpeg'): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat && stat.ppid === process.pid && stat.comm === comm) out.push(stat);
  }
  return out;
}

/** One of this process's open descriptors; TCP sockets with their ports and state from /proc/net/tcp{,6}. */
export interface OpenFd {
  fd: number;
  /** What /proc/self/fd/<fd> links to: `socket:[inode]`, `pipe:[inode]`, a path, … */
  target: string;
  tcp: { localPort: number; remotePort: number; state: string } | null;
}

const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

function tcpSockets(): Map<string, NonNullable<OpenFd['tcp']>> {
  const byInode = new Map<string, NonNullable<OpenFd['tcp']>>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const port = (address: string) => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
      byInode.set(cols[9]!, {
        localPort: port(cols[1]!),
        remotePort: port(cols[2]!),
        state: TCP_STATES[cols[3]!] ?? cols[3]!,
      });
    }
  }
  return byInode;
}

/** This process's open file descriptors (the one reading /proc/self/fd itself left out). */
export function openFds(): OpenFd[] {
  const tcp = tcpSockets();
  const out: OpenFd[] = [];
  for (const name of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${name}`);
    } catch {
      continue; // the directory handle readdirSync used, closed already
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    out.push({ fd: Number(name), target, tcp: inode ? (tcp.get(inode) ?? null) : null });
  }
  return out;
}

export function processGone(pid: number): boolean {
  return !existsSync(`/proc/${pid}`);
}

/** argv of a process as the rest of the machine sees it. */
export function cmdline(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

export function environ(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

export async function waitFor<T>(
  read: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A logger like the core's (JSON lines through the one redactor) that keeps every line, debug included. */
export function captureLogger(): { logger: StreamLogger; lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(redact(JSON.stringify({ level, message, ...fields })));
  return { lines, logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') } };
}

/** Short backoff and watchdog, no linger: failures and recoveries within a test's time. */
export const FAST_TIMING = { backoffBaseMs: 200, backoffCapMs: 2000, lingerMs: 0, stallMs: 2500, watchdogTickMs: 200 };

/** A viewer that keeps every init segment and fragment it is sent. */
export interface Recorded {
  sink: MediaSink;
  inits: Buffer[];
  fragments: MediaFragment[];
  ended: boolean;
}

export function recorder(): Recorded {
  const r: Recorded = {
    inits: [],
    fragments: [],
    ended: false,
    sink: {
      init: (s) => void r.inits.push(s.bytes),
      fragment: (f) => void r.fragments.push(f),
      backlog: () => 0,
      end: () => void (r.ended = true),
    },
  };
  return r;
}

export function stateOf(service: StreamsService, cameraId: string): LiveStreamState | undefined {
  return service.stats().find((s) => s.cameraId === cameraId)?.state;
}

/**
 * Streams services with a capturing logger and the shared `defaults` (timing, ingest, …), each remembered until
 * disposeAll() (an afterEach of the test file).
 */
export function streamServices(defaults: Omit<Partial<StreamsServiceOptions>, 'resolveSource' | 'logger'>) {
  const services: StreamsService[] = [];
  return {
    make(resolveSource: ResolveSource, extra: Omit<Partial<StreamsServiceOptions>, 'resolveSource' | 'logger'> = {}) {
      const log = captureLogger();
      const service = createStreamsService({ redact, ...defaults, ...extra, resolveSource, logger: log.logger });
      services.push(service);
      return { service, lines: log.lines };
    },
    async disposeAll(): Promise<void> {
      await Promise.all(services.splice(0).map((s) => s.dispose()));
    },
  };
}

export interface GarbageServer {
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that answers every connection with an RTSP-looking status line and then garbage. */
export async function startGarbageServer(): Promise<GarbageServer> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.end(Buffer.from('RTSP/1.0 200 OK\r\nCSeq: x\r\n\r\n\u0000\u00ff garbage \u0001'.repeat(50), 'latin1'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => connections,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface StreamsCore {
  core: Core;
  url: string;
  login(username: string): Promise<string>;
  rpc(command: string, body: unknown, token: string): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

/** A real core on a loopback port whose stream sources come from `resolveStreamSource`. */
export async function startStreamsCore(
  resolveStreamSource: ResolveSource,
  ingest: 'native' | 'ffmpeg' = 'ffmpeg',
): Promise<StreamsCore> {
  const temp = makeTempDir('ioc-streams-core-');
  const config = parseConfig(
    ['--headless', '--port', '0', '--data-dir', temp.dir],
    { IOC_DEMO_PASSWORD: TEST_PASSWORD, IOC_STREAM_INGEST: ingest },
    APP_ROOT,
  );
  const core = await createCore(config, silentLogger, { resolveStreamSource });
  const url = core.url;
  return {
    core,
    url,
    async login(username) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async rpc(command, body, token) {
      const res = await fetch(`${url}/api/rpc/${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as unknown };
    },
    async stop() {
      await core.dispose();
      temp.remove();
    },
  };
}

export type Received = { text: ServerMessage } | { media: MediaFrame };

export interface MediaSocket {
  socket: WebSocket;
  /** Every message in arrival order, JSON and binary alike. */
  received: Received[];
  call(command: string, input: unknown): Promise<ServerMessage>;
  media(channel: number): MediaFrame[];
  close(): Promise<void>;
}

export async function openMediaSocket(baseUrl: string, token: string): Promise<MediaSocket> {
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/api/ws', [
    WS_PROTOCOL,
    WS_TOKEN_PROTOCOL_PREFIX + token,
  ]);
  const received: Received[] = [];
  socket.on('message', (data, isBinary) => {
    const bytes = data as Buffer;
    if (isBinary) {
      const frame = decodeMediaFrame(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (frame) received.push({ media: { ...frame, payload: Buffer.from(frame.payload) } });
    } else received.push({ text: JSON.parse(bytes.toString()) as ServerMessage });
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  return {
    socket,
    received,
    async call(command, input) {
      const callId = `c${++id}`;
      socket.send(JSON.stringify({ t: 'call', id: callId, command, input }));
      const found = await waitFor(
        () => received.find((r) => 'text' in r && r.text.t === 'result' && r.text.id === callId),
        `reply to ${command}`,
      );
      return (found as { text: ServerMessage }).text;
    },
    media: (channel) => received.flatMap((r) => ('media' in r && r.media.channel === channel ? [r.media] : [])),
    async close() {
      if (socket.readyState !== socket.CLOSED) socket.close();
      await closed;
    },
  };
}
