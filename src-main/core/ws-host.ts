import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ClientMessageSchema,
  MAX_CLIENT_MESSAGE_BYTES,
  WS_PROTOCOL,
  events,
  hasPermission,
  type EventName,
  type EventPayload,
  type ServerMessage,
} from '../../src-shared/contract';
import type { AuthService, Principal } from '../services/auth';
import type { Dispatch } from './dispatch';
import type { CallConnection } from './handlers';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export const CLOSE_UNAUTHENTICATED = 4401;
/** Above this, ws itself closes the socket (1009); between the two we answer payload_too_large and stay open. */
const HARD_MAX_PAYLOAD = 4 * MAX_CLIENT_MESSAGE_BYTES;
const HEARTBEAT_MS = 30_000;

interface Connection {
  socket: WebSocket;
  principal: Principal;
  token: string;
  alive: boolean;
  /** What handlers see of this socket (streams.open sends media frames on it). */
  handle: CallConnection;
}

export interface WsHost {
  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    auth: { principal: Principal; token: string } | null,
  ): void;
  publish<N extends EventName>(event: N, payload: EventPayload<N>): void;
  endSession(sessionId: string, reason: 'logout' | 'expired' | 'revoked'): void;
  readonly connectionCount: number;
  dispose(): Promise<void>;
}

export function createWsHost(deps: {
  dispatch: Dispatch;
  auth: AuthService;
  logger: Logger;
  metrics: Metrics;
  version: string;
}): WsHost {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: HARD_MAX_PAYLOAD,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const connections = new Set<Connection>();
  const received = deps.metrics.counter('ioc_ws_messages_total', 'WebSocket messages received, by outcome');
  deps.metrics.collect('ioc_ws_connections', 'Open contract WebSocket connections', () => connections.size);

  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  async function onMessage(conn: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
    if (isBinary) {
      received.inc({ outcome: 'binary_refused' });
      return send(conn.socket, {
        t: 'error',
        error: { code: 'invalid_input', message: 'Clients send JSON text messages only.' },
      });
    }
    if (size > MAX_CLIENT_MESSAGE_BYTES) {
      received.inc({ outcome: 'too_large' });
      return send(conn.socket, {
        t: 'error',
        error: { code: 'payload_too_large', message: `Messages are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes.` },
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      received.inc({ outcome: 'bad_json' });
      return send(conn.socket, {
        t: 'error',
        error: { code: 'invalid_input', message: 'The message is not valid JSON.' },
      });
    }
    const parsed = ClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      received.inc({ outcome: 'bad_message' });
      return send(conn.socket, {
        t: 'error',
        error: { code: 'invalid_input', message: 'Expected {t:"call", id, command, input} or {t:"ping"}.' },
      });
    }
    const message = parsed.data;
    if (message.t === 'ping')
      return send(conn.socket, message.id === undefined ? { t: 'pong' } : { t: 'pong', id: message.id });
    received.inc({ outcome: 'call' });
    // Re-check the session on every call: a logout elsewhere or expiry takes effect at once.
    const principal = await deps.auth.authenticate(conn.token);
    if (!principal) {
      send(conn.socket, {
        t: 'result',
        id: message.id,
        ok: false,
        error: { code: 'unauthenticated', message: 'The session has ended; sign in again.' },
      });
      return closeFor(conn, 'expired');
    }
    conn.principal = principal;
    const reply = await deps.dispatch(message.command, message.input, principal, conn.handle);
    send(
      conn.socket,
      reply.ok
        ? { t: 'result', id: message.id, ok: true, value: reply.value }
        : { t: 'result', id: message.id, ok: false, error: reply.error },
    );
  }

  function closeFor(conn: Connection, reason: 'logout' | 'expired' | 'revoked'): void {
    send(conn.socket, { t: 'event', event: 'session.ended', payload: { reason } });
    conn.socket.close(CLOSE_UNAUTHENTICATED, 'session ended');
  }

  function accept(socket: WebSocket, auth: { principal: Principal; token: string } | null): void {
    if (!auth) {
      socket.close(CLOSE_UNAUTHENTICATED, 'unauthenticated');
      return;
    }
    const closeListeners = new Set<() => void>();
    let closed = false;
    const handle: CallConnection = {
      id: randomUUID(),
      sendBinary: (bytes) => {
        if (socket.readyState === socket.OPEN) socket.send(bytes, { binary: true });
      },
      bufferedAmount: () => socket.bufferedAmount,
      onClose(listener) {
        if (closed) {
          queueMicrotask(listener);
          return () => {};
        }
        closeListeners.add(listener);
        return () => void closeListeners.delete(listener);
      },
    };
    const conn: Connection = { socket, principal: auth.principal, token: auth.token, alive: true, handle };
    connections.add(conn);
    send(socket, { t: 'hello', version: deps.version, userId: auth.principal.userId });
    socket.on('pong', () => (conn.alive = true));
    socket.on('message', (data, isBinary) => {
      onMessage(conn, data, isBinary).catch((error: unknown) => {
        deps.logger.error('ws message handling failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        send(socket, {
          t: 'error',
          error: { code: 'internal', message: 'The message could not be handled; the error was logged.' },
        });
      });
    });
    socket.on('error', (error) => deps.logger.warn('ws socket error', { error: error.message }));
    socket.on('close', () => {
      closed = true;
      connections.delete(conn);
      for (const listener of closeListeners) {
        try {
          listener();
        } catch (error) {
          deps.logger.error('socket close listener failed', { error: String(error) });
        }
      }
      closeListeners.clear();
    });
  }

  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head, auth) {
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, auth));
    },
    publish(event, payload) {
      const definition = events[event];
      const checked = definition.payload.parse(payload);
      for (const conn of connections) {
        if (definition.permission && !hasPermission(conn.principal.roles, definition.permission)) continue;
        send(conn.socket, { t: 'event', event, payload: checked });
      }
    },
    endSession(sessionId, reason) {
      for (const conn of connections) if (conn.principal.sessionId === sessionId) closeFor(conn, reason);
    },
    get connectionCount() {
      return connections.size;
    },
    async dispose() {
      clearInterval(heartbeat);
      for (const conn of connections) conn.socket.terminate();
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
