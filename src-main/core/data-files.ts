import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, normalize } from 'node:path';
import { BASE_HEADERS, sendText } from './http-util';
import { sendRangedFile } from './ranged-file';
import { MIME, resolveStaticPath } from './static-files';

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
    await sendRangedFile(
      req,
      res,
      { path, size: info.size, etag },
      {
        ...BASE_HEADERS,
        'cross-origin-resource-policy': 'cross-origin',
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'content-range, content-length, etag',
        'content-type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=3600',
      },
    );
  };
}
