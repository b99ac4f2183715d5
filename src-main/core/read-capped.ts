import type { IncomingMessage } from 'node:http';

/**
 * A request's body, refused with `tooLarge()` as soon as it (or its declared length) passes `cap`; never buffered
 * past it. Read by events, not `for await`: leaving that loop early destroys the request and its socket, so the
 * client would get a reset instead of the refusal, and the rest of its body could not be read and dropped
 * (refuseThenDrain in refuse-upload.ts). On a refusal the request is left paused, the rest of its body unread.
 */
export function readCapped(req: IncomingMessage, cap: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > cap) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onError);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) chunks.push(chunk);
      else {
        req.pause();
        settle(() => reject(tooLarge()));
      }
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onClose = () => settle(() => reject(new Error('The client closed the request before the end of its body.')));
    const onError = (error: Error) => settle(() => reject(error));
    req.on('data', onData).once('end', onEnd).once('close', onClose).once('error', onError);
  });
}
