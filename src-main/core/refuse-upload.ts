import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeJsonHead } from './http-util';

export interface DrainLimits {
  /** Body bytes read and dropped after the answer, at most. */
  maxBytes: number;
  /** How long the client may take to send them. */
  maxMs: number;
}

/**
 * Refuses an upload whose body is still arriving: the answer goes out whole at once, then the rest of the body is
 * read and dropped, and the connection closes once the client has sent it all. Closing straight after the answer
 * left the client's bytes in flight unread: the server's kernel answered them with a reset, and a client still
 * sending (fetch) lost the answer it had not read yet — ECONNRESET or EPIPE instead of the refusal, depending on
 * the machine's load. A client sending more than `limits` allow is cut off (it may then see the reset).
 */
export function refuseThenDrain(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  limits: DrainLimits,
): Promise<void> {
  const text = writeJsonHead(res, status, body, { connection: 'close' });
  // Not ended yet: once ended, Node closes a `connection: close` socket at once.
  res.write(text);
  return new Promise((resolve) => {
    let left = limits.maxBytes;
    let finished = false;
    const finish = (cutOff: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      req.off('data', onData);
      res.end();
      if (cutOff) req.socket.destroy();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) finish(true);
    };
    const timer = setTimeout(() => finish(true), limits.maxMs);
    req.on('data', onData);
    req.once('end', () => finish(false));
    // The client went away first: nothing left to wait for.
    req.once('close', () => finish(false));
    req.on('error', () => finish(false));
    req.resume();
  });
}
