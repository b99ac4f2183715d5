import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpReply } from './soap/envelope';

export const MAX_BODY_BYTES = 1024 * 1024;

export type Outcome =
  | { kind: 'reply'; reply: HttpReply }
  /** Stop answering: send nothing (afterBytes null) or the head and this many body bytes, then nothing. */
  | { kind: 'hang'; reply: HttpReply; afterBytes: number | null };

export interface RequestInfo {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** Aborted when the client disconnects or the camera restarts. */
  readonly signal: AbortSignal;
}

export interface SimHttpServerOptions {
  host: string;
  port: number;
  handle(request: RequestInfo): Promise<Outcome>;
  slowMs(): number;
  log(message: string): void;
}

/** The camera's HTTP side: keeps the port across restarts and owns every socket, request and timer it starts. */
export interface SimHttpServer {
  readonly port: number;
  /** Drop every connection, refuse for `downMs`, listen again on the same port. */
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSimHttpServer(options: SimHttpServerOptions): Promise<SimHttpServer> {
  const sockets = new Set<Socket>();
  const requests = new Set<AbortController>();
  const waits = new Set<() => void>();
  let server: Server;
  let port = options.port;
  let closed = false;

  const wait = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      waits.add(done);
      signal?.addEventListener('abort', done);
      function done() {
        clearTimeout(timer);
        waits.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const abort = new AbortController();
    requests.add(abort);
    res.on('close', () => {
      abort.abort();
      requests.delete(abort);
    });
    const body = await readBody(req);
    if (body === 'too-large') {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Request body too large');
      return;
    }
    const outcome = await options.handle({
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://camera.invalid'),
      headers: req.headers,
      body,
      signal: abort.signal,
    });
    const slow = options.slowMs();
    if (slow > 0) await wait(slow, abort.signal);
    if (abort.signal.aborted) return;
    const { reply } = outcome;
    const payload = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    const headers = { ...reply.headers, 'content-length': String(payload.length) };
    if (outcome.kind === 'hang') {
      if (outcome.afterBytes === null) return;
      res.writeHead(reply.status, headers);
      res.write(payload.subarray(0, outcome.afterBytes));
      return;
    }
    res.writeHead(reply.status, headers).end(payload);
  }

  function listen(): Promise<void> {
    server = createServer((req, res) => {
      onRequest(req, res).catch((error: unknown) => {
        options.log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error');
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: options.host, port }, () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  function shutDown(): Promise<void> {
    for (const request of requests) request.abort();
    requests.clear();
    for (const done of [...waits]) done();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  await listen();
  return {
    get port() {
      return port;
    },
    async restart(downMs) {
      if (closed) return;
      await shutDown();
      if (downMs > 0) await wait(downMs);
      if (!closed) await listen();
    },
    async close() {
      if (closed) return;
      closed = true;
      await shutDown();
    },
  };
}
