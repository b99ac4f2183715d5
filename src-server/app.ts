import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from './logging/logger';
import { logRequest } from './logging/request-log';
import { type MessageKey, languageOf } from './open311/messages';
import { FormBody } from './open311/post-body';
import { formatOfUrl, sendOpen311Error } from './open311/respond';
import { Open311Error } from './open311/errors';
import { OPEN311_PREFIX, type Open311Deps, registerOpen311 } from './open311/routes';
import { registerSync, type SyncDeps } from './sync/routes';
import { registerAgency } from './agency/routes';
import { registerTracking } from './tracking/routes';
import { registerAttachmentRoutes } from './attachments/routes';
import { registerMultipart } from './attachments/multipart';
import { UploadGates } from './attachments/upload-gate';
import { findApiKey } from './auth/api-keys';
import { registerCaseDeviceRoutes } from './cases/device-routes';
import { guardUnreadBodies } from './unread-body';

/** Big enough for a 4,000-character Vietnamese description and its attributes, far too small to hurt. */
export const BODY_LIMIT = 256 * 1024;

export interface AppDeps extends Open311Deps {
  version: string;
  dialect: 'sqlite' | 'postgres';
  logger: Logger;
  sync: Pick<SyncDeps, 'enrolSecret' | 'minClientVersion' | 'watchIntervalMs'>;
  /** Alerts, IoT ingest and uptime probes (alerts/subsystem.ts) add their routes. */
  alerts?: { register(app: FastifyInstance): void };
}

/** Fastify errors raised before a handler runs (body too large, bad JSON, unknown content type) → Open311 keys. */
function keyOf(error: FastifyError): { status: 400 | 413; key: MessageKey } {
  if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, key: 'body_too_large' };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 400, key: 'content_type_unsupported' };
  return { status: 400, key: 'body_malformed' };
}

/** Forms that take files (Open311 `media`, the inbox's progress and result) get one photo's worth; others the usual. */
const OPEN311_POST_URL = /^\/open311\/v2\/requests\.(json|xml)(\?|$)/;

function multipartLimits(url: string, maxImageBytes: number) {
  const takesFiles = OPEN311_POST_URL.test(url) || /^\/agency\/cases\/[^/?]+\/(progress|resolve)(\?|$)/.test(url);
  const maxBytes = takesFiles ? maxImageBytes + 1024 * 1024 : BODY_LIMIT;
  return {
    limits: { maxBytes, maxFields: 200, maxFieldBytes: 64 * 1024, maxFiles: takesFiles ? 5 : 0 },
    drainBytes: 4 * maxBytes,
  };
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // The JSON parser refuses __proto__ and constructor.prototype keys instead of stripping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestTimeout: 30_000,
  });

  // Bodies nobody reads (GET, no parser for the type, answered before read): capped, refused with 413 when declared
  // too long, and drained to a cap after the answer (unread-body.ts).
  guardUnreadBodies(app, {
    bodyLimit: BODY_LIMIT,
    checkDeclaredLength: (req) => req.url.startsWith(OPEN311_PREFIX),
    multipartLimit: (url) => multipartLimits(url, deps.attachments.limits.maxImageBytes).limits.maxBytes,
    tooLarge: (req, reply, limit) =>
      req.url.startsWith(OPEN311_PREFIX)
        ? sendOpen311Error(
            reply,
            formatOfUrl(req.url),
            new Open311Error(413, [{ key: 'body_too_large', params: { limit } }]),
            languageOf(req.headers['accept-language']),
          )
        : reply.code(413).send({
            ok: false,
            error: { code: 'payload_too_large', message: `The request body is too large (at most ${limit} bytes).` },
          }),
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, new FormBody([...new URLSearchParams(body as string)]));
  });

  app.addHook('onResponse', async (req, reply) => {
    logRequest(deps.logger, { method: req.method, url: req.url, status: reply.statusCode, ms: reply.elapsedTime });
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode ?? 500;
    if (req.url.startsWith(OPEN311_PREFIX)) {
      const language = languageOf(req.headers['accept-language']);
      if (status >= 500) {
        deps.logger.error('open311 failure', { error: String(error) });
        return sendOpen311Error(
          reply,
          formatOfUrl(req.url),
          new Open311Error(400, [{ key: 'general_error', code: 500 }]),
          language,
        );
      }
      const { status: code, key } = keyOf(error);
      const params: Record<string, number> = key === 'body_too_large' ? { limit: BODY_LIMIT } : {};
      return sendOpen311Error(reply, formatOfUrl(req.url), new Open311Error(code, [{ key, params }]), language);
    }
    if (status >= 500) deps.logger.error('request failed', { url: req.url, error: String(error) });
    return reply.code(status).send({
      ok: false,
      error: {
        code: status >= 500 ? 'internal' : 'invalid_input',
        message: status >= 500 ? 'Internal error' : error.message,
      },
    });
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send({ ok: false, error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });

  app.get('/api/health', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { ok: true, version: deps.version, database: deps.dialect };
    } catch {
      return reply.code(503).send({ ok: false, version: deps.version, database: deps.dialect });
    }
  });

  const uploadGates = new UploadGates();
  // Open311 sends api_key as a form field: it must come before the media part (or in the query string).
  uploadGates.add(OPEN311_POST_URL, async (req, fields) => {
    const key =
      fields.find(([name]) => name === 'api_key')?.[1] ?? new URL(req.url, 'http://x').searchParams.get('api_key');
    return (await findApiKey(deps.db, key ?? undefined)) !== null;
  });
  registerMultipart(app, (url) => multipartLimits(url, deps.attachments.limits.maxImageBytes), uploadGates);
  registerAttachmentRoutes(app, { db: deps.db, attachments: deps.attachments, now: deps.now, logger: deps.logger });
  registerOpen311(app, deps);
  registerSync(app, {
    ...deps.sync,
    db: deps.db,
    dialect: deps.dialect,
    calendar: deps.calendar,
    now: deps.now,
    logger: deps.logger,
    caseCreation: { catalog: deps.catalog, attachments: deps.attachments, sites: deps.sites ?? [] },
  });
  registerTracking(app, { db: deps.db, now: deps.now, attachments: deps.attachments });
  registerAgency(app, {
    db: deps.db,
    calendar: deps.calendar,
    now: deps.now,
    attachments: deps.attachments,
    uploadGates,
  });
  registerCaseDeviceRoutes(app, { db: deps.db, now: deps.now, logger: deps.logger });
  deps.alerts?.register(app);
  return app;
}
