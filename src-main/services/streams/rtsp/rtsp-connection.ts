// One RTSP/TCP connection (or TLS for rtsps://, pinned: tls-pin.ts): requests with CSeq matching, per-request
// timeouts, answering 401 challenges, and the interleaved packets that share the socket.
import { connect, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { createAuthenticator, parseChallenges, type RtspCredentials } from './auth';
import { printable, RtspError, RtspProtocolError } from './errors';
import {
  createRtspStreamReader,
  DEFAULT_STREAM_LIMITS,
  headerValue,
  type RtspMessage,
  type RtspStreamLimits,
} from './rtsp-stream-reader';
import { peerFingerprint, pinVerdict, sniName, type RtspTlsPin } from './tls-pin';

export interface RtspConnectionOptions {
  host: string;
  port: number;
  /** How the target is named in messages: never with credentials. */
  label: string;
  credentials: RtspCredentials | null;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  userAgent: string;
  limits?: RtspStreamLimits;
  /**
   * rtsps://: TLS, and the connection resolves only once the camera's certificate matched this pin; otherwise it
   * fails with kind 'certificate' before a single byte (credentials least of all) was written.
   */
  tls?: RtspTlsPin;
  /** Aborting while connecting destroys the socket; the promise fails with kind 'closed'. */
  signal?: AbortSignal;
  onInterleaved(channel: number, payload: Buffer): void;
  /** The connection broke or the server closed it; once, and never after close(). */
  onEnd(error: RtspError): void;
}

export interface RtspConnection {
  /** Resolves with the reply, whatever its status, except a 401 that credentials cannot answer (kind 'auth'). */
  request(method: string, uri: string, headers?: Record<string, string>): Promise<RtspMessage>;
  /** Writes one `$`-framed packet on an interleaved channel (RTCP reports); dropped once the socket ended. */
  sendInterleaved(channel: number, payload: Buffer): void;
  /** Destroys the socket at once (pending requests fail with kind 'closed'); resolves once its handle is gone. */
  close(): Promise<void>;
}

interface Pending {
  cseq: number;
  resolve(message: RtspMessage): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/**
 * Resolves once connected; fails with kind 'unreachable' when nothing answers at host:port. A failed attempt
 * settles only after its socket's handle is gone.
 */
export function openRtspConnection(options: RtspConnectionOptions): Promise<RtspConnection> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new RtspError('closed', `${options.label}: closed`));
    const socket: Socket = options.tls
      ? connectTls({
          host: options.host,
          port: options.port,
          servername: sniName(options.host),
          // Self-signed camera certificates: the pin below is the check, not a CA.
          rejectUnauthorized: false,
        })
      : connect({ host: options.host, port: options.port });
    let failure: RtspError | null = null;
    const fail = (error: RtspError) => {
      if (failure) return;
      failure = error;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      socket.once('close', () => reject(error));
      socket.destroy();
    };
    const abort = () => fail(new RtspError('closed', `${options.label}: closed`));
    options.signal?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(
      () => fail(new RtspError('unreachable', `${options.label}: no connection within ${options.connectTimeoutMs} ms`)),
      options.connectTimeoutMs,
    );
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const kind = UNREACHABLE.has(error.code ?? '') ? 'unreachable' : 'closed';
      fail(new RtspError(kind, `${options.label}: cannot connect (${error.code ?? error.message})`));
    });
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      if (failure) return;
      if (options.tls) {
        const seenSha256 = peerFingerprint(socket as TLSSocket);
        const verdict = pinVerdict(options.tls, seenSha256);
        if (verdict) return fail(certificateError(options.label, seenSha256, verdict));
      }
      options.signal?.removeEventListener('abort', abort);
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(attach(socket, options));
    });
  });
}

function attach(socket: Socket, options: RtspConnectionOptions): RtspConnection {
  const authenticator = options.credentials ? createAuthenticator(options.credentials) : null;
  let cseq = 0;
  let pending: Pending | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let ended = false;
  const released = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.setNoDelay(true);

  const end = (error: RtspError, notify: boolean) => {
    if (ended) return;
    ended = true;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      pending = null;
    }
    socket.destroy();
    if (notify) options.onEnd(error);
  };

  const onMessage = (message: RtspMessage) => {
    if (message.method !== null) return answerServerRequest(message);
    const seq = headerValue(message, 'cseq');
    if (!pending || (seq !== undefined && Number(seq) !== pending.cseq)) return; // late reply to a timed-out request
    const { resolve, timer } = pending;
    clearTimeout(timer);
    pending = null;
    resolve(message);
  };

  // Some cameras ping their clients; answering keeps them from dropping the session.
  const answerServerRequest = (message: RtspMessage) => {
    const status =
      message.method === 'OPTIONS' || message.method === 'GET_PARAMETER' ? '200 OK' : '501 Not Implemented';
    const seq = headerValue(message, 'cseq');
    socket.write(`RTSP/1.0 ${status}\r\n${seq && /^\d+$/.test(seq) ? `CSeq: ${seq}\r\n` : ''}\r\n`);
  };

  const reader = createRtspStreamReader(onMessage, options.onInterleaved, options.limits ?? DEFAULT_STREAM_LIMITS);
  socket.on('data', (chunk: Buffer) => {
    if (ended) return;
    try {
      reader.push(chunk);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      end(error instanceof RtspError ? error : new RtspProtocolError(`stream handling failed: ${message}`), true);
    }
  });
  socket.on('error', (error: NodeJS.ErrnoException) =>
    end(new RtspError('closed', `${options.label}: connection failed (${error.code ?? error.message})`), true),
  );
  socket.on('close', () => end(new RtspError('closed', `${options.label}: the server closed the connection`), true));

  const send = (method: string, uri: string, headers: Record<string, string>): Promise<RtspMessage> =>
    new Promise((resolve, reject) => {
      if (ended) return reject(new RtspError('closed', `${options.label}: connection already closed`));
      const lines = [`${method} ${uri} RTSP/1.0`, `CSeq: ${++cseq}`, `User-Agent: ${options.userAgent}`];
      const authorization = authenticator?.header(method, uri);
      if (authorization) lines.push(`Authorization: ${authorization}`);
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      const timer = setTimeout(() => {
        pending = null;
        reject(
          new RtspError('timeout', `${options.label}: no reply to ${method} within ${options.requestTimeoutMs} ms`),
        );
      }, options.requestTimeoutMs);
      pending = { cseq, resolve, reject, timer };
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });

  const requestWithAuth = async (method: string, uri: string, headers: Record<string, string>) => {
    for (let attempt = 0; ; attempt++) {
      const reply = await send(method, uri, headers);
      if (reply.status !== 401) return reply;
      if (!authenticator) throw new RtspError('auth', `${options.label}: credentials required`, { status: 401 });
      const challenges = parseChallenges(reply.headers.get('www-authenticate') ?? []);
      const stale = challenges.some((c) => c.params.get('stale')?.toLowerCase() === 'true');
      if (attempt >= (stale ? 2 : 1) || !authenticator.accept(challenges)) {
        const why = attempt === 0 ? 'no supported authentication scheme offered' : 'credentials rejected';
        throw new RtspError('auth', `${options.label}: ${why} (${method} ${reply.status})`, { status: 401 });
      }
    }
  };

  return {
    request(method, uri, headers = {}) {
      const result = queue.then(() => requestWithAuth(method, uri, headers));
      queue = result.catch(() => undefined);
      return result;
    },
    sendInterleaved(channel, payload) {
      if (ended || payload.length > 0xffff) return;
      const frame = Buffer.alloc(4);
      frame[0] = 0x24;
      frame[1] = channel;
      frame.writeUInt16BE(payload.length, 2);
      socket.write(Buffer.concat([frame, payload]));
    },
    close() {
      end(new RtspError('closed', `${options.label}: closed`), false);
      return released;
    },
  };
}

function certificateError(label: string, seenSha256: string | null, verdict: 'untrusted' | 'changed'): RtspError {
  const message =
    verdict === 'untrusted'
      ? `${label}: the camera's TLS certificate is not trusted yet (SHA-256 ${seenSha256 ?? 'none'}); a technician must confirm it`
      : `${label}: the camera's TLS certificate changed (now SHA-256 ${seenSha256 ?? 'none'}); nothing was sent`;
  return new RtspError('certificate', message, { certificate: { seenSha256, verdict } });
}

/** `404 Not Found` → an error that says what was asked and what came back, in the server's words made safe. */
export function statusError(label: string, method: string, reply: RtspMessage): RtspError {
  const reason = printable(reply.reason);
  return new RtspError('status', `${label}: ${method} answered ${reply.status}${reason ? ` ${reason}` : ''}`, {
    status: reply.status ?? undefined,
  });
}
