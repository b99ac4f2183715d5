import WebSocket from 'ws';
import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX, type ServerMessage } from '../../src-shared/contract';

export interface TestSocket {
  socket: WebSocket;
  /** Resolves with the next JSON message from the server. */
  next(): Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function openSocket(
  baseUrl: string,
  token: string | null,
  headers: Record<string, string> = {},
): Promise<TestSocket> {
  const protocols = token ? [WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + token] : [WS_PROTOCOL];
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/api/ws', protocols, { headers });
  const queue: ServerMessage[] = [];
  const waiters: ((m: ServerMessage) => void)[] = [];
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const message = JSON.parse(data.toString()) as ServerMessage;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    closed,
    next: () =>
      new Promise<ServerMessage>((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        // Only ends a test that would hang: at the load of a full run on 2 cores, 5 s went by without a message.
        const timer = setTimeout(() => reject(new Error('no message from server within 30 s')), 30_000);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      }),
  };
}
