import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads the request body itself (a stream with a limit of its own): no declared-length check. */
    streamsBody?: boolean;
  }
}

/**
 * Request bodies nobody reads. Fastify's bodyLimit covers a body a parser reads; a body that is not read (a GET, a
 * content type without a parser, a route that answers before it reads, an unknown route) was left to Node, which
 * reads and drops the rest of it after the answer, however large (64 MB went through in full, bounded only by the
 * 30 s request timeout), and keeps the connection for more. Here:
 *
 * - before routing, a body declared longer than a route that reads none can take (GET, HEAD, unknown routes:
 *   IGNORED_BODY_BYTES) is refused with 413 by `tooLarge` (the Open311 shape on /open311), and so is one past the
 *   bodyLimit (a multipart form: `multipartLimit`) of routes chosen by `checkDeclaredLength` (Open311: also a type
 *   without a parser, or a form with a photo too large, refused before it is buffered); streaming routes keep
 *   their own limits;
 * - any answer sent while a body is still arriving and nobody reads it goes out whole with `connection: close`,
 *   then the rest of the body is read and dropped up to DRAIN_LIMITS and the connection closes; a client sending
 *   more is cut off. Closing straight after the answer would leave the client's bytes unread and the kernel would
 *   answer them with a reset, losing the answer for a client still sending (the workstation core learned this,
 *   src-main/core/refuse-upload.ts).
 */
export const IGNORED_BODY_BYTES = 16 * 1024;

export interface DrainLimits {
  /** Body bytes read and dropped after the answer, at most. */
  maxBytes: number;
  /** How long the client may take to send them. */
  maxMs: number;
}

export const DRAIN_LIMITS: DrainLimits = { maxBytes: 1024 * 1024, maxMs: 10_000 };

/** True while the client may still be sending a body nobody has read. */
export function bodyPending(req: IncomingMessage): boolean {
  if (req.complete || req.destroyed) return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** A parser, a streaming route or the multipart drain is reading the body: it is theirs to finish. */
function beingRead(req: IncomingMessage): boolean {
  return req.listenerCount('data') > 0 || req.readableFlowing === true;
}

/** Reads and drops the rest of the body: true once it has all come (or the client left), false when cut off. */
function drain(req: IncomingMessage, limits: DrainLimits): Promise<boolean> {
  return new Promise((resolve) => {
    let left = limits.maxBytes;
    let finished = false;
    const finish = (whole: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      req.off('data', onData);
      // Cut off: nothing more is read, so closing the connection after the answer ends it.
      if (!whole) req.pause();
      resolve(whole);
    };
    const onData = (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) finish(false);
    };
    const timer = setTimeout(() => finish(false), limits.maxMs);
    req.on('data', onData);
    req.once('end', () => finish(true));
    // The client went away first: nothing left to wait for.
    req.once('close', () => finish(true));
    req.once('error', () => finish(true));
    req.resume();
  });
}

/** The answer whole at once, its end only once the body has been drained (or cut off). */
function answerThenDrain(req: IncomingMessage, answer: Buffer, limits: DrainLimits): Readable {
  const stream = new Readable({ read() {} });
  stream.push(answer);
  void drain(req, limits).then(() => stream.push(null));
  return stream;
}

export interface UnreadBodyOptions {
  /** The bodyLimit of routes that set none. */
  bodyLimit: number;
  /** Answers 413 for a body declared longer than `limit` bytes. */
  tooLarge(req: FastifyRequest, reply: FastifyReply, limit: number): FastifyReply;
  /** The most a multipart form to `url` may hold. */
  multipartLimit(url: string): number;
  /** Routes whose every body declared past their limit gets `tooLarge`, whatever its content type. */
  checkDeclaredLength?(req: FastifyRequest): boolean;
  limits?: DrainLimits;
}

export function guardUnreadBodies(app: FastifyInstance, options: UnreadBodyOptions): void {
  const limits = options.limits ?? DRAIN_LIMITS;

  app.addHook('onRequest', async (req, reply) => {
    if (!bodyPending(req.raw)) return;
    if (req.routeOptions.config?.streamsBody) return;
    const multipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
    const readsNoBody = req.method === 'GET' || req.method === 'HEAD' || req.routeOptions.url === undefined;
    // Elsewhere Fastify refuses a declared length past bodyLimit itself, in the route's own error shape (the
    // multipart parser: past its limit, a page of the route's own); a type without a parser gets its 415 and the
    // drain below.
    if (!readsNoBody && !options.checkDeclaredLength?.(req)) return;
    const limit = readsNoBody
      ? IGNORED_BODY_BYTES
      : multipart
        ? options.multipartLimit(req.url)
        : (req.routeOptions.bodyLimit ?? options.bodyLimit);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return options.tooLarge(req, reply, limit);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!bodyPending(req.raw) || beingRead(req.raw)) return payload;
    reply.header('connection', 'close');
    const hasContent = reply.statusCode !== 204 && reply.statusCode !== 304 && req.method !== 'HEAD';
    if (hasContent && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const answer = Buffer.from(payload);
      reply.header('content-length', answer.length);
      return answerThenDrain(req.raw, answer, limits);
    }
    // Nothing to send ahead (no content, HEAD, a stream): the body is drained first, then the answer goes.
    await drain(req.raw, limits);
    return payload;
  });
}
