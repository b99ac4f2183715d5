import type { IncomingMessage, ServerResponse } from 'node:http';
import { CommandError, type ContractError, ERROR_STATUS } from '../../src-shared/contract';
import { BASE_HEADERS, sendJson, sendText, writeJsonHead } from './http-util';
import { readCapped } from './read-capped';

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
  return sendThenDrain(req, res, writeJsonHead(res, status, body, { connection: 'close' }), limits);
}

/**
 * True while the client may still be sending a body nobody has read. Answering such a request the plain way lets
 * Node read and drop the rest of the body however large it is (or reset the connection, losing the answer).
 */
export function bodyPending(req: IncomingMessage): boolean {
  if (req.complete || req.destroyed) return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** What a route that takes no body still reads and drops before answering (a client that sends `{}` anyway). */
export const IGNORED_BODY_BYTES = 16 * 1024;

/**
 * Reads and drops the body of a request to a route that takes none. Left to Node, an answered request's unread
 * body is drained however large it is (bounded only by the request timeout); past `IGNORED_BODY_BYTES` this throws
 * payload_too_large, which the host answers with refuseUnread (the rest drained up to a cap, then cut off).
 */
export async function dropIgnoredBody(req: IncomingMessage): Promise<void> {
  if (!bodyPending(req)) return;
  await readCapped(req, IGNORED_BODY_BYTES, () => new CommandError('payload_too_large', 'This request takes no body.'));
}

/**
 * Refuses a request without reading its body: plainly when none is coming (the connection stays open for the
 * next request), otherwise as refuseThenDrain does.
 */
export async function refuseUnread(
  req: IncomingMessage,
  res: ServerResponse,
  error: ContractError,
  limits: DrainLimits,
): Promise<void> {
  const body = { ok: false, error };
  if (!bodyPending(req)) sendJson(res, ERROR_STATUS[error.code], body);
  else await refuseThenDrain(req, res, ERROR_STATUS[error.code], body, limits);
}

/** refuseUnread for an answer in plain text. */
export async function refuseUnreadText(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
  limits: DrainLimits,
): Promise<void> {
  const type = 'text/plain; charset=utf-8';
  if (!bodyPending(req)) return sendText(res, status, type, text, headers);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    ...headers,
    connection: 'close',
  });
  await sendThenDrain(req, res, text, limits);
}

/** Sends `text` after a head written with `connection: close`, then reads and drops the rest of the body. */
function sendThenDrain(
  req: IncomingMessage,
  res: ServerResponse,
  text: string | Buffer,
  limits: DrainLimits,
): Promise<void> {
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
