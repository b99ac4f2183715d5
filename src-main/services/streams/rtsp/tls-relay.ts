// A loopback relay for an rtsps:// camera that only ffmpeg can read (H.265 to transcode, packetization mode 2, …).
// Debian's ffmpeg does not check an rtsps peer's certificate, so it never gets the camera's address: the core opens
// TLS to the camera itself (the same pin check as the native reader, before a single byte is written) and ffmpeg
// reads plain RTSP over TCP from 127.0.0.1. The relay answers the camera's 401 itself (auth.ts, through
// rtsp-connection.ts), so ffmpeg holds no credentials at all; it only knows an unguessable path token, and only the
// first connection that names it is served.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { credentialsOf } from './url-credentials';
import { publicUrl, RtspError, RtspProtocolError } from './errors';
import { openRtspConnection, type RtspConnection } from './rtsp-connection';
import { createRtspStreamReader, DEFAULT_STREAM_LIMITS, headerValue, type RtspMessage } from './rtsp-stream-reader';
import type { RtspTlsPin } from './tls-pin';
import { replyForClient, requestHeadersForCamera, toCamera, type RelayAddresses } from './tls-relay-rewrite';

export interface TlsRelayOptions {
  /** rtsps://[user:password@]host[:port]/path: the credentials stay in the core. */
  url: URL;
  tls: RtspTlsPin;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  userAgent?: string;
  /** Aborting while the camera connection opens fails the open with kind 'closed'. */
  signal?: AbortSignal;
  /** The relay ended by itself (camera gone, credentials refused, a timeout, broken framing); once, never after close(). */
  onFailure(error: RtspError): void;
}

export interface TlsRelay {
  /** `rtsp://127.0.0.1:<port>/<token>/path?query`: a secret, handed to ffmpeg only through a private file. */
  readonly url: string;
  /** Closes the listener, ffmpeg's connection and the camera's; resolves once the camera socket is released. */
  close(): Promise<void>;
}

/** Camera data held back while ffmpeg waits for a reply (it drops `$` packets read before the reply). */
const MAX_HELD_BYTES = 4 * 1024 * 1024;
/** ffmpeg not reading its socket: the relay gives up rather than buffer without end. */
const MAX_CLIENT_BACKLOG = 16 * 1024 * 1024;

/**
 * Connects to the camera (TLS, pin checked: fails with kind 'certificate' having sent nothing), then listens on
 * 127.0.0.1. Rejects with an RtspError when the camera cannot be reached or its certificate is refused.
 */
export async function openTlsRelay(options: TlsRelayOptions): Promise<TlsRelay> {
  const label = publicUrl(options.url);
  if (options.url.protocol !== 'rtsps:') throw new RtspError('protocol', `${label}: the relay is for rtsps:// only`);
  let ended = false;
  let userClosed = false;
  let camera: RtspConnection | null = null;
  let end: (error: RtspError | null) => void = () => undefined;
  let toClient: (bytes: Buffer) => void = () => undefined;

  camera = await openRtspConnection({
    host: options.url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(options.url.port || 322),
    label,
    credentials: credentialsOf(options.url),
    connectTimeoutMs: options.connectTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
    userAgent: options.userAgent ?? 'ioc-wall',
    tls: options.tls,
    signal: options.signal,
    onInterleaved: (channel, payload) => toClient(interleavedFrame(channel, payload)),
    onEnd: (error) => end(error),
  });

  const server: Server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await camera.close();
    throw new RtspError('closed', `${label}: the loopback relay could not listen (${String(error)})`);
  }
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  const token = randomBytes(24).toString('base64url');
  const addresses: RelayAddresses = { loopback: `rtsp://127.0.0.1:${port}/${token}`, camera: options.url };
  const serverClosed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const sockets = new Set<Socket>();
  let client: Socket | null = null;

  end = (error) => {
    if (ended) return;
    ended = true;
    server.close();
    for (const socket of sockets) socket.destroy();
    void camera?.close();
    if (error && !userClosed) options.onFailure(error);
  };

  // Camera data in order with the replies: held while a reply is on its way to ffmpeg.
  let waitingForReply = false;
  let held: Buffer[] = [];
  let heldBytes = 0;
  toClient = (bytes) => {
    if (ended || !client) return;
    if (waitingForReply) {
      held.push(bytes);
      heldBytes += bytes.length;
      if (heldBytes > MAX_HELD_BYTES) end(new RtspProtocolError(`${label}: the camera sent too much during a request`));
      return;
    }
    client.write(bytes);
    if (client.writableLength > MAX_CLIENT_BACKLOG) end(new RtspError('timeout', `${label}: ffmpeg stopped reading`));
  };
  const release = () => {
    const frames = held;
    held = [];
    heldBytes = 0;
    for (const frame of frames) toClient(frame);
  };

  let queue: Promise<void> = Promise.resolve();
  const forward = async (message: RtspMessage) => {
    if (ended || !client || message.method === null) return;
    const cseq = headerValue(message, 'cseq');
    const uri = toCamera(addresses, message.uri ?? '');
    const local = (status: string) =>
      client?.write(`RTSP/1.0 ${status}\r\n${cseq && /^\d{1,9}$/.test(cseq) ? `CSeq: ${cseq}\r\n` : ''}\r\n`);
    if (uri === null) return void local('404 Not Found');
    if (message.body.length > 0) return void local('501 Not Implemented');
    waitingForReply = true;
    let reply: RtspMessage;
    try {
      reply = await camera!.request(message.method, uri, requestHeadersForCamera(message.headers));
    } catch (error) {
      return end(error instanceof RtspError ? error : new RtspError('closed', `${label}: ${String(error)}`));
    }
    if (ended || !client) return;
    client.write(replyForClient(addresses, reply, cseq));
    waitingForReply = false;
    release();
  };

  const serve = (socket: Socket, first: RtspMessage | null, rest: (message: RtspMessage) => void) => {
    client = socket;
    server.close(); // one connection: nobody else is let in
    socket.setNoDelay(true);
    socket.on('close', () => end(null));
    if (first) rest(first);
  };

  server.on('connection', (socket: Socket) => {
    if (ended || client) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let mine = false;
    const onRequest = (message: RtspMessage) => {
      queue = queue.then(() => forward(message));
    };
    const reader = createRtspStreamReader(
      (message) => {
        if (mine) return onRequest(message);
        // The first request must name the token; anyone else is turned away.
        if (
          message.method === null ||
          !message.uri ||
          message.uri === '*' ||
          toCamera(addresses, message.uri) === null
        ) {
          return void socket.destroy();
        }
        mine = true;
        serve(socket, message, onRequest);
      },
      (channel, payload) => {
        if (mine) camera?.sendInterleaved(channel, payload);
        else socket.destroy();
      },
      { ...DEFAULT_STREAM_LIMITS, maxContentLength: 64 * 1024 },
    );
    socket.on('data', (chunk: Buffer) => {
      if (ended) return;
      try {
        reader.push(chunk);
      } catch {
        if (mine) end(new RtspProtocolError(`${label}: ffmpeg's RTSP could not be read`));
        else socket.destroy();
      }
    });
  });

  return {
    url: `${addresses.loopback}${options.url.pathname}${options.url.search}`,
    async close() {
      userClosed = true;
      end(null);
      await Promise.all([camera?.close(), serverClosed]);
    },
  };
}

function interleavedFrame(channel: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0x24;
  head[1] = channel;
  head.writeUInt16BE(payload.length, 2);
  return Buffer.concat([head, payload]);
}
