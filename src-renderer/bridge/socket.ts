import type { ClientMessage } from '../../src-shared/contract';
import { backoffDelay } from './backoff';
import { DISCONNECTED, OFFLINE_AFTER_ATTEMPTS, type ConnectionSnapshot } from './connection';
import { fail, ok, type Result } from './result';
import { ServerMessageSchema, type ParsedServerMessage } from './wireSchema';

export interface SocketTarget {
  url: string;
  protocols: string[];
}

export interface CoreSocketOptions {
  target: () => Promise<SocketTarget>;
  onEvent: (event: string, payload: unknown) => void;
  /** The core closed with 4401: the session is gone; the socket has already stopped. */
  onUnauthenticated: () => void;
  /** An attempt ended before the hello, which is also how a refused upgrade looks from a browser. */
  onFailedAttempt: () => void;
  /** A binary frame (live media, media-frame.ts). */
  onBinary?: (data: ArrayBuffer) => void;
  /** The current socket was dropped: channels opened on it are gone. */
  onDetached?: () => void;
}

const CLOSE_UNAUTHENTICATED = 4401;
const HEARTBEAT_MS = 15_000;
const CALL_TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The contract socket: one connection, reconnected with jittered backoff, heartbeat, calls matched by id. */
export class CoreSocket {
  private ws: WebSocket | null = null;
  private wanted = false;
  /** Bumped whenever a socket is abandoned, so late callbacks of an old socket are ignored. */
  private generation = 0;
  private snapshot: ConnectionSnapshot = DISCONNECTED;
  private readonly listeners = new Set<(snapshot: ConnectionSnapshot) => void>();
  private readonly pending = new Map<string, Pending>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private lastMessageAt = 0;
  private nextId = 1;

  constructor(private readonly options: CoreSocketOptions) {}

  get current(): ConnectionSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (snapshot: ConnectionSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isOpen(): boolean {
    return this.snapshot.state === 'connected' && this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    this.update({ ...DISCONNECTED, browserOffline: !navigator.onLine });
    void this.open();
  }

  stop(): void {
    this.wanted = false;
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    this.abandon(1000, 'client stop');
    this.update(DISCONNECTED);
  }

  /** Skips the backoff wait, e.g. when the operator asks or the network comes back. */
  retryNow(): void {
    if (!this.wanted || this.ws) return;
    this.clearRetry();
    void this.open();
  }

  call(command: string, input: unknown): Promise<Result<unknown>> {
    const ws = this.ws;
    if (!ws || !this.isOpen()) return Promise.resolve(fail('network', 'socket not connected'));
    const id = `c${this.nextId++}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(fail('network', `no reply to ${command} within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, { resolve, timer });
      this.send(ws, { t: 'call', id, command, input });
    });
  }

  private readonly handleOnline = (): void => {
    this.update({ browserOffline: false });
    this.retryNow();
  };

  private readonly handleOffline = (): void => {
    this.update({ browserOffline: true, state: this.snapshot.state === 'connected' ? 'connected' : 'offline' });
  };

  private update(patch: Partial<ConnectionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }

  private waitingState(attempt: number): ConnectionSnapshot['state'] {
    return attempt >= OFFLINE_AFTER_ATTEMPTS || this.snapshot.browserOffline ? 'offline' : 'reconnecting';
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.update({ state: this.waitingState(this.snapshot.attempt), nextRetryAt: null });
    let target: SocketTarget;
    let ws: WebSocket;
    try {
      target = await this.options.target();
      if (generation !== this.generation || !this.wanted) return;
      ws = new WebSocket(target.url, target.protocols);
    } catch {
      if (generation === this.generation && this.wanted) this.scheduleRetry();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    let greeted = false;
    ws.onmessage = (event: MessageEvent<unknown>) => {
      if (generation !== this.generation) return;
      this.lastMessageAt = Date.now();
      if (typeof event.data !== 'string') {
        if (event.data instanceof ArrayBuffer) this.options.onBinary?.(event.data);
        return;
      }
      const message = parseMessage(event.data);
      if (message?.t === 'hello') {
        greeted = true;
        this.update({ state: 'connected', attempt: 0, nextRetryAt: null, serverVersion: message.version });
        this.startHeartbeat(ws);
      } else if (message) {
        this.dispatch(message);
      }
    };
    ws.onclose = (event: CloseEvent) => {
      if (generation !== this.generation) return;
      this.abandon(1000, 'closed');
      if (event.code === CLOSE_UNAUTHENTICATED) {
        this.stop();
        this.options.onUnauthenticated();
        return;
      }
      if (!this.wanted) return;
      if (!greeted) this.options.onFailedAttempt();
      this.scheduleRetry();
    };
  }

  private dispatch(message: Exclude<ParsedServerMessage, { t: 'hello' }>): void {
    switch (message.t) {
      case 'result': {
        const key = String(message.id);
        const pending = this.pending.get(key);
        if (!pending) return;
        this.pending.delete(key);
        clearTimeout(pending.timer);
        if (message.ok) {
          pending.resolve(ok(message.value));
        } else {
          const { code, message: text, issues, reason } = message.error;
          pending.resolve(fail(code, text, { ...(issues ? { issues } : {}), ...(reason ? { reason } : {}) }));
        }
        return;
      }
      case 'event':
        this.options.onEvent(message.event, message.payload);
        return;
      case 'pong':
        return;
      case 'error':
        console.warn('[core socket] the core could not read a message', message.error);
        return;
    }
  }

  private scheduleRetry(): void {
    this.clearRetry();
    const attempt = this.snapshot.attempt + 1;
    const delay = backoffDelay(attempt);
    this.update({ state: this.waitingState(attempt), attempt, nextRetryAt: Date.now() + delay, serverVersion: null });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.open();
    }, delay);
  }

  private startHeartbeat(ws: WebSocket): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      // Two silent intervals mean a dead link the OS has not noticed yet (cable pulled, VPN dropped).
      if (Date.now() - this.lastMessageAt > 2 * HEARTBEAT_MS) {
        this.abandon(4000, 'heartbeat timeout');
        if (this.wanted) this.scheduleRetry();
        return;
      }
      this.send(ws, { t: 'ping', id: `p${this.nextId++}` });
    }, HEARTBEAT_MS);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Drops the current socket (if any) and fails its calls; the caller decides whether to retry. */
  private abandon(code: 1000 | 4000, reason: string): void {
    this.generation++;
    this.clearRetry();
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(code, reason);
    if (ws) this.options.onDetached?.();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve(fail('network', 'connection closed'));
      this.pending.delete(id);
    }
  }

  private send(ws: WebSocket, message: ClientMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }
}

function parseMessage(text: string): ParsedServerMessage | null {
  try {
    const parsed = ServerMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
