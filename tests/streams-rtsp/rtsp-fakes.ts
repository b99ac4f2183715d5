// Small RTSP servers on 127.0.0.1 for what the GStreamer feeds cannot produce: a camera that redirects DESCRIBE
// (3xx + Location), and a camera that declares H.264 packetization-mode 2 in its SDP (a proxy to a real feed that
// rewrites one line of the DESCRIBE answer and passes everything else through), and a camera that answers a
// connection with garbage now and then (a proxy to a real feed).
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  uri: string;
  /** Lower-cased names. */
  headers: Map<string, string>;
}

export interface FakeRtspServer {
  readonly port: number;
  readonly url: string;
  /** Requests in arrival order, over every connection. */
  readonly requests: RecordedRequest[];
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function listen(server: Server, sockets: Set<Socket>, path: string) {
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  return new Promise<Pick<FakeRtspServer, 'port' | 'url' | 'connections' | 'close'>>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `rtsp://127.0.0.1:${port}/${path}`,
        connections: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}

/** Splits a client's byte stream into requests (headers only: the clients here send no bodies). */
function requestReader(onRequest: (request: RecordedRequest) => void): (chunk: Buffer) => void {
  let text = '';
  return (chunk) => {
    text += chunk.toString('utf8');
    for (let end = text.indexOf('\r\n\r\n'); end >= 0; end = text.indexOf('\r\n\r\n')) {
      const [line = '', ...lines] = text.slice(0, end).split('\r\n');
      text = text.slice(end + 4);
      const [method = '', uri = ''] = line.split(' ');
      const headers = new Map(
        lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      onRequest({ method, uri, headers });
    }
  };
}

function answer(socket: Socket, request: RecordedRequest, status: string, headers: string[] = []): void {
  const lines = [`RTSP/1.0 ${status}`, `CSeq: ${request.headers.get('cseq') ?? '0'}`, ...headers];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
}

export interface RedirectorOptions {
  /** What DESCRIBE is sent to. */
  location: string;
  status?: 301 | 302 | 303 | 305 | 307;
  /** DESCRIBE without this exact Authorization header gets 401 with a Basic challenge first. */
  requireBasic?: { username: string; password: string };
}

/** A camera front that answers OPTIONS and redirects DESCRIBE to `location`; nothing else. */
export async function startRedirector(options: RedirectorOptions): Promise<FakeRtspServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const status = options.status ?? 302;
  const expected = options.requireBasic
    ? `Basic ${Buffer.from(`${options.requireBasic.username}:${options.requireBasic.password}`, 'utf8').toString('base64')}`
    : null;
  const server = createServer((socket) => {
    socket.on(
      'data',
      requestReader((request) => {
        requests.push(request);
        if (request.method === 'OPTIONS') return answer(socket, request, '200 OK', ['Public: OPTIONS, DESCRIBE']);
        if (request.method !== 'DESCRIBE') return answer(socket, request, '455 Method Not Valid in This State');
        if (expected && request.headers.get('authorization') !== expected) {
          return answer(socket, request, '401 Unauthorized', ['WWW-Authenticate: Basic realm="redirector"']);
        }
        answer(socket, request, `${status} Moved`, [`Location: ${options.location}`]);
      }),
    );
  });
  return { ...(await listen(server, sockets, 'front/main')), requests };
}

export interface SdpRewritingProxyOptions {
  /** rtsp://127.0.0.1:<port>/<path> of the real feed; clients are told to open the proxy's URL with that path. */
  upstream: string;
  rewriteSdp(sdp: string): string;
}

/**
 * Passes every byte between a client and `upstream` unchanged, except the first answer that carries an SDP body,
 * whose body goes through `rewriteSdp` (Content-Length adjusted). Interleaved media only starts after PLAY, so
 * every byte before that answer is an RTSP message.
 */
export async function startSdpRewritingProxy(options: SdpRewritingProxyOptions): Promise<FakeRtspServer> {
  const target = new URL(options.upstream);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const record = requestReader((request) => requests.push(request));
    client.on('data', (chunk) => {
      record(chunk);
      upstream.write(chunk);
    });
    let pending = Buffer.alloc(0);
    let rewritten = false;
    upstream.on('data', (chunk: Buffer) => {
      if (rewritten) return void client.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString('utf8');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        const body = pending.subarray(end + 4, end + 4 + length).toString('utf8');
        const rest = pending.subarray(end + 4 + length);
        pending = Buffer.alloc(0);
        if (!/^m=video/m.test(body)) {
          client.write(Buffer.from(`${head}\r\n\r\n${body}`, 'utf8'));
          pending = rest;
          continue;
        }
        const sdp = options.rewriteSdp(body);
        const newHead = head.replace(/(\r\ncontent-length:\s*)\d+/i, `$1${Buffer.byteLength(sdp)}`);
        client.write(Buffer.from(`${newHead}\r\n\r\n${sdp}`, 'utf8'));
        client.write(rest);
        rewritten = true;
        return;
      }
    });
  });
  return { ...(await listen(server, sockets, target.pathname.replace(/^\//, ''))), requests };
}

export interface FlakyProxy extends FakeRtspServer {
  /** The next `count` connections get an RTSP-looking status line and garbage instead of the feed. */
  garbleNext(count: number): void;
}

/** Passes every byte between a client and `upstream` unchanged, except for the connections it was told to garble. */
export async function startFlakyProxy(options: { upstream: string; garbleFirst?: number }): Promise<FlakyProxy> {
  const target = new URL(options.upstream);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let garble = options.garbleFirst ?? 0;
  const server = createServer((client) => {
    if (garble > 0) {
      garble--;
      client.end(Buffer.from('RTSP/1.0 200 OK\r\nCSeq: x\r\n\r\n\u0000\u00ff garbage \u0001'.repeat(50), 'latin1'));
      return;
    }
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const record = requestReader((request) => requests.push(request));
    client.on('data', (chunk) => {
      record(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  return {
    ...(await listen(server, sockets, target.pathname.replace(/^\//, ''))),
    requests,
    garbleNext: (count) => void (garble = count),
  };
}
