import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range (PMTiles readers and video elements ask for one at a time); null means "the whole file". */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'unsatisfiable';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export interface RangedFile {
  path: string;
  size: number;
  /** A quoted entity tag; `If-Range` must match it for a range to be honoured. */
  etag: string;
}

/**
 * Sends a file from disk, whole (200) or one byte range of it (206, or 416 when the range is past its end), for
 * GET and HEAD; 304 when the caller already has this version. `headers` are the route's own (type, caching, CORS…); the length and range headers are added here.
 */
export async function sendRangedFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: RangedFile,
  headers: Record<string, string>,
): Promise<void> {
  const all = { ...headers, 'accept-ranges': 'bytes', etag: file.etag };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, all);
    return void res.end();
  }
  const range =
    req.headers['if-range'] && req.headers['if-range'] !== file.etag ? null : parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...all, 'content-range': `bytes */${file.size}` });
    return void res.end();
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...all,
    'content-length': file.size === 0 ? 0 : end - start + 1,
    ...(range ? { 'content-range': `bytes ${start}-${end}/${file.size}` } : {}),
  });
  if (req.method === 'HEAD' || file.size === 0) return void res.end();
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file.path, { start, end });
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
