import { promises as fsp } from 'node:fs';
import { isInside, resolveAppPath } from './app-protocol-path';
import { parseByteRange } from './byte-range';
import { mimeTypeFor } from './mime';

/** The file-system calls the handler needs; injectable so tests can run against a temp dir or fakes. */
export interface AppFileSystem {
  realpath(filePath: string): Promise<string>;
  isFile(filePath: string): Promise<boolean>;
  readFile(filePath: string): Promise<Uint8Array<ArrayBuffer>>;
}

export interface AppProtocolHandlerOptions {
  /** Directory holding the built renderer (dist/renderer). */
  readonly rootDir: string;
  /** Read on every response so the policy follows the core's current URL. */
  readonly contentSecurityPolicy: () => string;
  readonly fileSystem?: AppFileSystem;
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

// Read through `fsp.<fn>` at call time: in packaged builds Electron patches these to read inside app.asar.
export const nodeAppFileSystem: AppFileSystem = {
  realpath: (filePath) => fsp.realpath(filePath),
  isFile: async (filePath) => (await fsp.stat(filePath)).isFile(),
  readFile: async (filePath) => new Uint8Array(await fsp.readFile(filePath)),
};

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function isMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * Serves the built renderer for `protocol.handle('app', ...)`: GET/HEAD only, files under `rootDir` only
 * (lexical check, then realpath containment so a symlink cannot lead out), a MIME type per extension, single
 * byte ranges, and the security headers (CSP included) on every response, errors too.
 */
export function createAppProtocolHandler(options: AppProtocolHandlerOptions): AppProtocolHandler {
  const fileSystem = options.fileSystem ?? nodeAppFileSystem;
  return async (request) => {
    const headers = securityHeaders(options.contentSecurityPolicy());
    const fail = (status: number): Response =>
      new Response(null, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } });
    }
    const resolved = resolveAppPath(request.url, options.rootDir);
    if (!resolved.ok) return fail(resolved.status);

    let body: Uint8Array<ArrayBuffer>;
    try {
      const root = await fileSystem.realpath(options.rootDir);
      const real = await fileSystem.realpath(resolved.filePath);
      if (!isInside(root, real)) return fail(403);
      if (!(await fileSystem.isFile(real))) return fail(404);
      body = await fileSystem.readFile(real);
    } catch (error) {
      return fail(isMissing(error) ? 404 : 500);
    }

    const contentType = mimeTypeFor(resolved.filePath);
    const range = parseByteRange(request.headers.get('Range'), body.byteLength);
    if (range === 'unsatisfiable') {
      return new Response(null, {
        status: 416,
        headers: { ...headers, 'Content-Range': `bytes */${body.byteLength}` },
      });
    }
    const slice = range === null ? body : body.subarray(range.start, range.end + 1);
    const responseHeaders: Record<string, string> = {
      ...headers,
      'Content-Type': contentType,
      'Content-Length': String(slice.byteLength),
      'Accept-Ranges': 'bytes',
    };
    if (range !== null) responseHeaders['Content-Range'] = `bytes ${range.start}-${range.end}/${body.byteLength}`;
    return new Response(request.method === 'HEAD' ? null : slice, {
      status: range === null ? 200 : 206,
      headers: responseHeaders,
    });
  };
}
