import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  CommandError,
  type ContractError,
  LAUNCH_HEADER,
  LAUNCH_PROTOCOL_PREFIX,
  LoginRequestSchema,
  SESSION_COOKIE,
  WS_TOKEN_PROTOCOL_PREFIX,
} from '../../src-shared/contract';
import type { AuthService, Principal } from '../services/auth';
import type { Dispatch } from './dispatch';
import { bearerToken, MAX_BODY_BYTES, parseCookies, readJsonBody, sendError, sendJson, sendText } from './http-util';
import type { Logger } from './logger';
import {
  issueMediaTicket,
  MEDIA_PREFIX,
  MEDIA_TICKET_SUFFIX,
  mediaTicketOf,
  type OpenMedia,
  serveCaseMedia,
} from './media-route';
import { createMediaTickets } from './media-tickets';
import { importAssetsRoute, type ImportAssets, UPLOAD_DRAIN_LIMITS } from './asset-import-route';
import { type DrainLimits, dropIgnoredBody, refuseUnread, refuseUnreadText } from './refuse-upload';
import { ASSET_IMPORT_PATH } from '../../src-shared/contract/alerts';
import type { Metrics } from './metrics';
import { createBasemapRoutes } from './basemap-routes';
import { createDataFileHandler } from './data-files';
import { createStaticHandler, rendererCsp } from './static-files';
import type { WsHost } from './ws-host';

export interface HttpHostOptions {
  host: string;
  port: number;
  version: string;
  rendererDir: string;
  /** Public map data served under /basemap/ (PMTiles, GeoJSON), with range requests. */
  basemapDir: string;
  /** `--basemap`: one PMTiles file served at CUSTOM_PMTILES_PATH and drawn instead of the offline basemap. */
  basemapFile?: string | null;
  /** `--basemap-style`: a MapLibre style URL the map draws instead (said at BASEMAP_CHOICE_PATH). */
  basemapStyle?: string | null;
  /** When set (Electron host), every /api call must prove it comes from our own renderer. */
  launchSecret: string | null;
  /** Origins allowed to call cross-origin (the Electron renderer's app://ioc). */
  allowedOrigins: readonly string[];
  sessionTtlMs: number;
  /** Video-link lifetimes (tests shorten them); default those of media-tickets.ts. */
  mediaTickets?: { idleMs?: number; maxAgeMs?: number };
}

export interface HttpHost {
  readonly url: string;
  readonly server: Server;
  dispose(): Promise<void>;
}

interface Deps {
  auth: AuthService;
  dispatch: Dispatch;
  ws: WsHost;
  logger: Logger;
  metrics: Metrics;
  /** Photos and videos of cases at /api/media/<sha256> (cases service); absent: none are served. */
  openMedia?: OpenMedia;
  /** Asset registers uploaded raw at /api/assets/import (alerts service); absent: the route answers not_found. */
  importAssets?: ImportAssets;
}

const RPC_PREFIX = '/api/rpc/';
const BASEMAP_PREFIX = '/basemap/';
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A request refused before its body is read gets its answer whole, then the rest of the body is read and dropped up
 * to these limits (refuse-upload.ts): a register's worth on the upload route, a JSON body's worth elsewhere.
 */
function drainLimits(path: string): DrainLimits {
  return path === ASSET_IMPORT_PATH ? UPLOAD_DRAIN_LIMITS : { maxBytes: 2 * MAX_BODY_BYTES, maxMs: REQUEST_TIMEOUT_MS };
}

/** A JSON refusal that does not read the request's body, whatever the client is still sending. */
const refuse = (req: IncomingMessage, res: ServerResponse, path: string, error: ContractError) =>
  refuseUnread(req, res, error, drainLimits(path));

export async function startHttpHost(options: HttpHostOptions, deps: Deps): Promise<HttpHost> {
  const serveStatic = createStaticHandler(options.rendererDir, rendererCsp(options.basemapStyle ?? null));
  const serveData = createDataFileHandler(options.basemapDir);
  const basemapRoutes = createBasemapRoutes(options.basemapFile ?? null, options.basemapStyle ?? null);
  const requests = deps.metrics.counter('ioc_http_requests_total', 'HTTP requests, by route and status');
  const mediaTickets = createMediaTickets(options.mediaTickets);

  function sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    if (options.allowedOrigins.includes(origin)) return true;
    return origin === `http://${req.headers.host ?? ''}`;
  }

  function launchOk(req: IncomingMessage): boolean {
    if (!options.launchSecret) return true;
    if (req.headers[LAUNCH_HEADER] === options.launchSecret) return true;
    return offeredProtocols(req).includes(LAUNCH_PROTOCOL_PREFIX + options.launchSecret);
  }

  /** Bearer header first, then the subprotocol (WebSocket), then the session cookie (browser host). */
  function tokenOf(req: IncomingMessage): { token: string; viaCookie: boolean } | null {
    const bearer =
      bearerToken(req) ??
      offeredProtocols(req)
        .find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX))
        ?.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
    if (bearer) return { token: bearer, viaCookie: false };
    const cookie = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return cookie ? { token: cookie, viaCookie: true } : null;
  }

  async function principalOf(req: IncomingMessage): Promise<{ principal: Principal; token: string } | null> {
    const found = tokenOf(req);
    if (!found) return null;
    // A cookie rides along on any request the browser makes; only trust it from our own pages.
    if (found.viaCookie && !sameOrigin(req)) return null;
    const principal = await deps.auth.authenticate(found.token);
    return principal ? { principal, token: found.token } : null;
  }

  function cookieHeader(token: string, maxAgeSeconds: number): string {
    return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}`;
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<string> {
    const method = req.method ?? 'GET';
    if (path === '/api/health' && method === 'GET') {
      sendJson(res, 200, { ok: true, version: options.version });
      return 'health';
    }
    if (path === '/metrics' && method === 'GET') {
      sendText(res, 200, 'text/plain; version=0.0.4; charset=utf-8', deps.metrics.render(), {
        'cache-control': 'no-store',
      });
      return 'metrics';
    }
    if (path.startsWith('/api/')) {
      // A <video> cannot send the launch header; its media ticket was issued to a request that did.
      if (!launchOk(req) && !isTicketedMedia(req, path, method)) {
        await refuse(req, res, path, { code: 'forbidden', message: 'This core only answers its own window.' });
        return 'launch_refused';
      }
      return routeApi(req, res, path, method);
    }
    if ((method === 'GET' || method === 'HEAD') && (await basemapRoutes(path, req, res))) return 'basemap';
    if (path.startsWith(BASEMAP_PREFIX) && (method === 'GET' || method === 'HEAD')) {
      await serveData(path.slice(BASEMAP_PREFIX.length - 1), req, res);
      return 'basemap';
    }
    if (method !== 'GET' && method !== 'HEAD') {
      await refuseUnreadText(req, res, 405, 'Method not allowed', { allow: 'GET, HEAD' }, drainLimits(path));
      return 'static';
    }
    await serveStatic(path, res);
    return 'static';
  }

  async function routeApi(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<string> {
    if (path === '/api/auth/login' && method === 'POST') {
      if (!sameOrigin(req)) {
        await refuse(req, res, path, { code: 'forbidden', message: 'Cross-site login refused.' });
        return 'login';
      }
      const parsed = LoginRequestSchema.safeParse(await readJsonBody(req));
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
        sendError(res, { code: 'invalid_input', message: 'Enter a username and a password.', issues });
        return 'login';
      }
      const result = await deps.auth.login(parsed.data.username, parsed.data.password);
      if (!result) {
        sendError(res, { code: 'unauthenticated', message: 'Wrong username or password.' });
        return 'login';
      }
      sendJson(
        res,
        200,
        { token: result.token, user: result.user, expiresAt: result.expiresAt.toISOString() },
        {
          'set-cookie': cookieHeader(result.token, Math.floor(options.sessionTtlMs / 1000)),
        },
      );
      return 'login';
    }
    // Only uploads and RPC read a body from here on; the other routes drop a small one and refuse a large one.
    if (path !== ASSET_IMPORT_PATH && !path.startsWith(RPC_PREFIX)) await dropIgnoredBody(req);
    if (isTicketedMedia(req, path, method)) {
      const token = mediaTickets.redeem(mediaTicketOf(req) ?? '', path.slice(MEDIA_PREFIX.length));
      const principal = token ? await deps.auth.authenticate(token) : null;
      if (!principal) {
        await refuse(req, res, path, {
          code: 'unauthenticated',
          message: 'This link to a photo or video has expired; open it again.',
        });
      } else if (!deps.openMedia)
        await refuse(req, res, path, { code: 'not_found', message: 'No media on this core.' });
      else await serveCaseMedia(req, res, path, principal, deps.openMedia);
      return 'media';
    }
    const auth = await principalOf(req);
    if (path === '/api/auth/logout' && method === 'POST') {
      if (auth) {
        mediaTickets.endSession(auth.principal.sessionId);
        await deps.auth.logout(auth.principal);
        deps.ws.endSession(auth.principal.sessionId, 'logout');
      }
      res.writeHead(204, { 'set-cookie': cookieHeader('', 0), 'cache-control': 'no-store' });
      res.end();
      return 'logout';
    }
    if (path === '/api/auth/session' && method === 'GET') {
      if (!auth) await refuse(req, res, path, { code: 'unauthenticated', message: 'Not signed in.' });
      else {
        const p = auth.principal;
        sendJson(res, 200, {
          user: { id: p.userId, username: p.username, displayName: p.displayName, roles: p.roles, sites: p.sites },
        });
      }
      return 'session';
    }
    if (path.startsWith(MEDIA_PREFIX) && path.endsWith(MEDIA_TICKET_SUFFIX) && method === 'POST') {
      if (!auth)
        await refuse(req, res, path, {
          code: 'unauthenticated',
          message: 'Sign in to see photos and videos of cases.',
        });
      else if (!deps.openMedia) await refuse(req, res, path, { code: 'not_found', message: 'No media on this core.' });
      else await issueMediaTicket(res, path, auth, deps.openMedia, mediaTickets);
      return 'media_ticket';
    }
    if (path.startsWith(MEDIA_PREFIX) && (method === 'GET' || method === 'HEAD')) {
      if (!auth)
        await refuse(req, res, path, {
          code: 'unauthenticated',
          message: 'Sign in to see photos and videos of cases.',
        });
      else if (!deps.openMedia) await refuse(req, res, path, { code: 'not_found', message: 'No media on this core.' });
      else await serveCaseMedia(req, res, path, auth.principal, deps.openMedia);
      return 'media';
    }
    if (path === ASSET_IMPORT_PATH && method === 'POST') {
      // Refused before the body is read: the client reads the refusal, not a reset, and the core reads a bounded body.
      if (!auth)
        await refuse(req, res, path, { code: 'unauthenticated', message: 'Sign in to import asset registers.' });
      else if (!deps.importAssets)
        await refuse(req, res, path, { code: 'not_found', message: 'No asset import on this core.' });
      else await importAssetsRoute(req, res, auth.principal, deps.importAssets);
      return 'asset_import';
    }
    if (path.startsWith(RPC_PREFIX)) {
      // Authentication first: an anonymous caller learns nothing, not even which commands exist.
      if (!auth) {
        await refuse(req, res, path, {
          code: 'unauthenticated',
          message: 'Send Authorization: Bearer <token> (from POST /api/auth/login).',
        });
        return 'rpc';
      }
      if (method !== 'POST') {
        await refuseUnreadText(req, res, 405, 'Use POST', { allow: 'POST' }, drainLimits(path));
        return 'rpc';
      }
      const command = decodeURIComponentSafe(path.slice(RPC_PREFIX.length));
      const input = await readJsonBody(req);
      const reply = await deps.dispatch(command, input, auth.principal);
      if (reply.ok) sendJson(res, 200, reply);
      else sendError(res, reply.error);
      return 'rpc';
    }
    await refuse(req, res, path, { code: 'not_found', message: `No API at ${path.slice(0, 200)}.` });
    return 'api_not_found';
  }

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !options.allowedOrigins.includes(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-headers': `authorization, content-type, range, ${LAUNCH_HEADER}`,
      'access-control-allow-methods': 'GET, POST',
      vary: 'origin',
    };
  }

  const server = createServer((req, res) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return sendText(res, 400, 'text/plain; charset=utf-8', 'Bad URL');
    }
    for (const [k, v] of Object.entries(corsHeaders(req))) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      return void res.end();
    }
    route(req, res, path)
      .then((name) => requests.inc({ route: name, status: String(res.statusCode) }))
      .catch((error: unknown) => {
        let refusal: ContractError;
        if (error instanceof CommandError) refusal = { code: error.code, message: error.message };
        else {
          deps.logger.error('request failed', { path, error: error instanceof Error ? error.message : String(error) });
          refusal = { code: 'internal', message: 'The request failed on the server; the error was logged.' };
        }
        const answered = res.headersSent;
        if (answered) {
          res.end();
          // A request whose body we stopped reading must not keep the socket half-open.
          req.resume();
        }
        // A body refused part-way (too large) or never read: answered whole, the rest read and dropped up to a cap.
        const refused = answered ? Promise.resolve() : refuse(req, res, path, refusal);
        requests.inc({ route: 'error', status: String(res.statusCode) });
        return refused;
      })
      .catch((error: unknown) => {
        deps.logger.error('refusal failed', { path, error: error instanceof Error ? error.message : String(error) });
      });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/api/ws' || !sameOrigin(req) || !launchOk(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    principalOf(req)
      .then((auth) => deps.ws.handleUpgrade(req, socket, head, auth))
      .catch(() => socket.destroy());
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    server,
    dispose: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isTicketedMedia(req: IncomingMessage, path: string, method: string): boolean {
  return path.startsWith(MEDIA_PREFIX) && (method === 'GET' || method === 'HEAD') && mediaTicketOf(req) !== null;
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return typeof header === 'string' ? header.split(',').map((p) => p.trim()) : [];
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
