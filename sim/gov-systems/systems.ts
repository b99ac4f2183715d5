import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';

/** How a simulated system behaves now. */
export type SystemMode = 'up' | 'down' | 'slow';

export interface SimSystem {
  readonly id: string;
  readonly name: string;
  readonly kind: 'http' | 'tcp';
  /** https://127.0.0.1:<port>/ or 127.0.0.1:<port>. */
  readonly address: string;
  readonly port: number;
  /** The page keyword the monitor looks for (HTTP). */
  readonly keyword: string | null;
  mode(): SystemMode;
  set(mode: SystemMode): Promise<void>;
  dispose(): Promise<void>;
}

export const SLOW_MS = 1200;

function page(title: string, keyword: string): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>${title}</title><h1>${keyword}</h1><p>${title}</p></html>`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return sockets;
}

/**
 * A web portal (online public services, iDesk, the city website, the video-conference portal): 200 with its
 * keyword when up, 503 without it when down, the same page after SLOW_MS when slow. HTTPS with `tls`.
 */
export async function startWebSystem(options: {
  id: string;
  name: string;
  keyword: string;
  tls?: { key: string; cert: string };
}): Promise<SimSystem> {
  let mode: SystemMode = 'up';
  const timers = new Set<NodeJS.Timeout>();
  const handler = (_req: IncomingMessage, res: ServerResponse) => {
    if (mode === 'down') {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Hệ thống đang gián đoạn');
      return;
    }
    const send = () =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(options.name, options.keyword));
    if (mode === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, SLOW_MS);
      timers.add(timer);
    } else send();
  };
  const server = options.tls
    ? createHttpsServer({ key: readFileSync(options.tls.key), cert: readFileSync(options.tls.cert) }, handler)
    : createHttpServer(handler);
  server.keepAliveTimeout = 1000;
  const sockets = trackSockets(server);
  const port = await listen(server, 0);
  return {
    id: options.id,
    name: options.name,
    kind: 'http',
    address: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    port,
    keyword: options.keyword,
    mode: () => mode,
    async set(next) {
      mode = next;
    },
    async dispose() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A TCP service (official e-mail's SMTP submission port): greets like a mail server when up; when down it stops
 * listening, so connections are refused, and listens again on the same port when it comes back.
 */
export async function startTcpSystem(options: { id: string; name: string; banner: string }): Promise<SimSystem> {
  let mode: SystemMode = 'up';
  const make = () => {
    const server = createTcpServer((socket) => {
      // A checker hangs up as soon as it has connected: that reset is normal here, not a failure.
      socket.on('error', () => undefined);
      const greet = () => socket.end(`${options.banner}\r\n`);
      if (mode === 'slow') setTimeout(greet, SLOW_MS).unref();
      else greet();
    });
    return { server, sockets: trackSockets(server) };
  };
  let current: { server: Server; sockets: Set<Socket> } | null = make();
  const port = await listen(current.server, 0);
  const close = async () => {
    const c = current;
    current = null;
    if (!c) return;
    for (const s of c.sockets) s.destroy();
    await new Promise<void>((resolve) => c.server.close(() => resolve()));
  };
  return {
    id: options.id,
    name: options.name,
    kind: 'tcp',
    address: `127.0.0.1:${port}`,
    port,
    keyword: null,
    mode: () => mode,
    async set(next) {
      mode = next;
      if (next === 'down') await close();
      else if (!current) {
        current = make();
        await listen(current.server, port);
      }
    },
    dispose: close,
  };
}
