import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, normalize } from 'node:path';
import { BASE_HEADERS, sendText } from './http-util';
import { MIME, resolveStaticPath } from './static-files';

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range (PMTiles readers ask for one at a time); null means "send the whole file". */
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

/**
 * Serves large public data files (basemap tiles as PMTiles, GeoJSON) with range requests, streamed from disk.
 * Readable from the Electron renderer's app:// origin too, hence the permissive CORS: the data is public.
 */
export function createDataFileHandler(root: string) {
  const rootDir = normalize(root);
  return async function serve(relativePath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = resolveStaticPath(rootDir, relativePath);
    const info = path ? await stat(path).catch(() => null) : null;
    if (!path || !info?.isFile()) return sendText(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = {
      ...BASE_HEADERS,
      'cross-origin-resource-policy': 'cross-origin',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'content-range, content-length, etag',
      'accept-ranges': 'bytes',
      'content-type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=3600',
      etag,
    };
    const range =
      req.headers['if-range'] && req.headers['if-range'] !== etag ? null : parseRange(req.headers.range, info.size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${info.size}` });
      return void res.end();
    }
    const { start, end } = range ?? { start: 0, end: info.size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'content-length': info.size === 0 ? 0 : end - start + 1,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${info.size}` } : {}),
    });
    if (req.method === 'HEAD' || info.size === 0) return void res.end();
    await new Promise<void>((resolve) => {
      const stream = createReadStream(path, { start, end });
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
  };
}
