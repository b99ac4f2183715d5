import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Exchange {
  method: string;
  /** Path and query as the client sent them (before any rewrite). */
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * What the proxy does with a response it has fully received from the server (so the server has committed):
 * pass it on, replace it, hold it (the client waits until it gives up or dies), or send only the first bytes.
 */
export type ProxyAction =
  | { kind: 'pass' }
  | { kind: 'replace'; status: number; body: string; contentType?: string }
  | { kind: 'hold' }
  | { kind: 'truncate'; bytes: number };

export interface ProxyHooks {
  rewritePath?(path: string): string;
  onResponse?(exchange: Exchange): ProxyAction | Promise<ProxyAction>;
}

export interface TamperProxy {
  url: string;
  /** Where requests go; changed when the server restarts on another port. */
  target: string;
  hooks: ProxyHooks;
  log: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 between a workstation and the central server, for fault tests: it can lose, hold,
 * cut or rewrite replies after the server has acted on the request.
 */
export async function startTamperProxy(target: string, hooks: ProxyHooks = {}): Promise<TamperProxy> {
  const sockets = new Set<Socket>();
  const log: TamperProxy['log'] = [];
  const proxy: TamperProxy = { url: '', target, hooks, log, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const original = req.url ?? '/';
      const path = proxy.hooks.rewritePath?.(original) ?? original;
      const upstream = new URL(path, proxy.target);
      const headers = { ...req.headers, host: upstream.host };
      const out = request(upstream, { method: req.method, headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          const exchange: Exchange = {
            method: req.method ?? 'GET',
            path: original,
            status: up.statusCode ?? 502,
            headers: up.headers,
            body: Buffer.concat(body),
          };
          log.push({ method: exchange.method, path: original, status: exchange.status });
          void Promise.resolve(proxy.hooks.onResponse?.(exchange) ?? { kind: 'pass' as const }).then((action) => {
            if (action.kind === 'hold') return;
            if (action.kind === 'replace') {
              res.writeHead(action.status, { 'content-type': action.contentType ?? 'application/json' });
              res.end(action.body);
              return;
            }
            res.writeHead(exchange.status, {
              'content-type': String(exchange.headers['content-type'] ?? 'application/json'),
              'content-length': String(exchange.body.length),
            });
            if (action.kind === 'truncate') res.write(exchange.body.subarray(0, action.bytes));
            else res.end(exchange.body);
          });
        });
      });
      out.on('error', () => {
        log.push({ method: req.method ?? 'GET', path: original, status: 502 });
        // The server is down: the client sees the connection drop, as it would without a proxy.
        req.socket.destroy();
      });
      out.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  proxy.url = `http://127.0.0.1:${address.port}`;
  proxy.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
