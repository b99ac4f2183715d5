import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { basemapStyleOrigin } from '../../src-shared/basemap';
import { sendText } from './http-util';

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * The renderer is same-origin with the core: scripts only from here, sockets only back to here. A configured
 * basemap style (`--basemap-style`) adds exactly its origin for the style, tiles and sprites, never a wildcard.
 */
export function rendererCsp(basemapStyleUrl: string | null = null): string {
  const styleOrigin = basemapStyleUrl === null ? null : basemapStyleOrigin(basemapStyleUrl);
  const extra = styleOrigin === null ? '' : ` ${styleOrigin}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    "media-src 'self' blob:",
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export const RENDERER_CSP = rendererCsp();

/** Maps a URL path to a file under root, or null when it would escape root. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = normalize(join(root, decoded));
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep) ? target : null;
}

export function createStaticHandler(root: string, csp: string = RENDERER_CSP) {
  const rootDir = normalize(root);
  async function fileAt(path: string): Promise<Buffer | null> {
    try {
      const info = await stat(path);
      return info.isFile() ? await readFile(path) : null;
    } catch {
      return null;
    }
  }
  return async function serve(urlPath: string, res: ServerResponse): Promise<void> {
    const path = resolveStaticPath(rootDir, urlPath === '/' ? '/index.html' : urlPath);
    if (!path) return sendText(res, 400, 'text/plain; charset=utf-8', 'Bad path');
    const body = await fileAt(path);
    if (body) {
      const type = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
      const isHtml = type.startsWith('text/html');
      return sendText(res, 200, type, body, {
        'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
        ...(isHtml ? { 'content-security-policy': csp } : {}),
      });
    }
    // Files with an extension are real 404s; other paths are client routes served by the SPA shell.
    if (extname(urlPath)) return sendText(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const index = await fileAt(join(rootDir, 'index.html'));
    if (index)
      return sendText(res, 200, 'text/html; charset=utf-8', index, {
        'cache-control': 'no-cache',
        'content-security-policy': csp,
      });
    return sendText(
      res,
      503,
      'text/plain; charset=utf-8',
      `The user interface has not been built (no ${join(rootDir, 'index.html')}). Run "npm run build" or start with "npm start".`,
    );
  };
}
