import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CommandError, hasPermission } from '../../src-shared/contract';
import type { Principal } from '../services/auth';
import type { MediaFile } from '../services/cases';
import { parseRange } from './data-files';
import { BASE_HEADERS, sendError } from './http-util';

export const MEDIA_PREFIX = '/api/media/';

/** The file behind a hash, if the principal may see a case that shows it (cases service `openMedia`). */
export type OpenMedia = (sha256: string, principal: Principal) => Promise<MediaFile>;

/**
 * `GET|HEAD /api/media/<sha256>`: a photo, video or thumbnail of a case, from the workstation's media cache
 * (downloaded first when online). Content-addressed, so cached by the browser for good; never sniffed, never run
 * as a page; byte ranges for video seeking.
 */
export async function serveCaseMedia(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  principal: Principal,
  open: OpenMedia,
): Promise<void> {
  if (!hasPermission(principal.roles, 'cases.read')) {
    return sendError(res, { code: 'forbidden', message: 'Photos and videos of cases need cases.read.' });
  }
  const sha256 = path.slice(MEDIA_PREFIX.length);
  let file: MediaFile;
  try {
    file = await open(sha256, principal);
  } catch (error) {
    if (error instanceof CommandError) return sendError(res, { code: error.code, message: error.message });
    throw error;
  }
  const etag = `"${file.sha256}"`;
  const headers = {
    ...BASE_HEADERS,
    'content-type': file.mime,
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=31536000, immutable',
    'accept-ranges': 'bytes',
    etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const range =
    req.headers['if-range'] && req.headers['if-range'] !== etag ? null : parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${file.size}` });
    return void res.end();
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
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
