import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { hasPermission, type Permission } from '../../src-shared/contract/roles';
import { AuditPushRequestSchema } from '../../src-shared/sync/audit-protocol';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import {
  compareVersions,
  EnrolRequestSchema,
  MAX_PULL_LIMIT,
  MAX_PULL_WAIT_MS,
  OLDEST_SYNC_PROTOCOL,
  parseCursor,
  PushRequestSchema,
  SYNC_HEADERS,
  SYNC_PROTOCOL_VERSION,
  type SyncErrorCode,
} from '../../src-shared/sync/protocol';
import { verifyPassword } from '../auth/password';
import type { DialectName } from '../db/dialect';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { parseRoles } from './actor';
import { readAuditRows, storeAuditRows } from './audit';
import { createChangeWatch } from './change-watch';
import { createDeviceAuthenticator, enrolDevice, revokeDevice } from './devices';
import { readEpoch, rotateEpoch } from './epoch';
import { readPageJson, ResyncRequired } from './pull';
import type { CaseCreationDeps } from './apply-case-create';
import { applyPush, ClientNotYours } from './push';
import { hashSecret, parseDeviceAuthorization, secretMatches } from './secrets';

export const SYNC_PREFIX = '/api/sync/';

/** The oldest workstation this server still syncs with; older ones are told to upgrade (HTTP 426). */
export const MIN_CLIENT_VERSION = '0.1.0';

/** Up to 200 commands of 4,000 Vietnamese characters each (3 bytes apiece in UTF-8). */
const PUSH_BODY_LIMIT = 4 * 1024 * 1024;
const DEFAULT_PULL_LIMIT = 1000;

export interface SyncDeps {
  db: Kysely<ServerDatabase>;
  dialect: DialectName;
  calendar: WorkingCalendar;
  now: () => Date;
  logger: Logger;
  /** The shared enrolment secret of the demo/embedded server; null: only an it_admin enrols devices. */
  enrolSecret: string | null;
  minClientVersion?: string;
  /** How often a long-poll looks for new changes. */
  watchIntervalMs?: number;
  /** What `case.create` / `case.attach` commands need (apply-case-create.ts); absent: they are refused. */
  caseCreation?: CaseCreationDeps;
}

const STATUS: Record<SyncErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  device_revoked: 403,
  forbidden: 403,
  enrolment_closed: 403,
  resync_required: 409,
  upgrade_required: 426,
  internal: 500,
};

function sendError(
  reply: FastifyReply,
  code: SyncErrorCode,
  message: string,
  extra: { minVersion?: string; epoch?: string } = {},
) {
  return reply.code(STATUS[code]).send({ ok: false, error: { code, message, ...extra } });
}

const PullQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /** Seconds (`25` or `25s`) to hold the request open when nothing is new. */
  wait: z
    .string()
    .regex(/^\d{1,2}s?$/)
    .transform((s) => Math.min(Number.parseInt(s, 10) * 1000, MAX_PULL_WAIT_MS))
    .optional(),
});

const AuditReadBody = z
  .object({
    limit: z.number().int().min(1).max(1000).default(200),
    before: z.string().min(20).max(30).optional(),
    /** Only rows of this workstation user (the caller's own username is their login). */
    actor: z.string().min(1).max(128).optional(),
  })
  .loose();

const AdminBody = z.object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) });

/**
 * The sync API (DESIGN.md §6): device enrolment, paged pull then long-poll, push of named commands applied exactly
 * once, version refusal and forced re-sync. Long-poll rather than a WebSocket: one code path for paging and live
 * updates, one cursor meaning, plain HTTP through any proxy or provincial gateway, and no per-connection state on
 * the server beyond a waiting request.
 */
export function registerSync(app: FastifyInstance, deps: SyncDeps): void {
  const minVersion = deps.minClientVersion ?? MIN_CLIENT_VERSION;
  const enrolHash = deps.enrolSecret ? hashSecret(deps.enrolSecret) : null;
  const authenticate = createDeviceAuthenticator(deps.db);
  const watch = createChangeWatch(async () => {
    const row = await deps.db.selectFrom('sync_state').select('last_seq').where('id', '=', 1).executeTakeFirst();
    return Number(row?.last_seq ?? 0);
  }, deps.watchIntervalMs);
  // Waiting long-polls are answered before the server closes, or close() would wait for each to time out.
  app.addHook('preClose', async () => watch.dispose());

  /** `oldestProtocol`: the oldest sync protocol that reads this request's reply (OLDEST_SYNC_PROTOCOL). */
  function versionRefusal(
    req: FastifyRequest,
    reply: FastifyReply,
    oldestProtocol: number = OLDEST_SYNC_PROTOCOL.other,
  ): FastifyReply | null {
    const protocol = req.headers[SYNC_HEADERS.protocol];
    const version = req.headers[SYNC_HEADERS.clientVersion];
    const spoken = typeof protocol === 'string' && /^\d{1,4}$/.test(protocol) ? Number(protocol) : null;
    if (protocol !== undefined && (spoken === null || spoken < oldestProtocol || spoken > SYNC_PROTOCOL_VERSION)) {
      return sendError(
        reply,
        'upgrade_required',
        `This server speaks sync protocol ${SYNC_PROTOCOL_VERSION}` +
          (oldestProtocol > 1 ? ` (${oldestProtocol} or newer for this request).` : '.'),
        { minVersion },
      );
    }
    if (typeof version !== 'string' || compareVersions(version, minVersion) < 0) {
      return sendError(reply, 'upgrade_required', `IOC Wall ${minVersion} or newer is needed to sync.`, { minVersion });
    }
    return null;
  }

  async function device(
    req: FastifyRequest,
    reply: FastifyReply,
    oldestProtocol: number = OLDEST_SYNC_PROTOCOL.other,
  ): Promise<string | null> {
    const refused = versionRefusal(req, reply, oldestProtocol);
    if (refused) return null;
    const presented = parseDeviceAuthorization(req.headers.authorization);
    if (!presented) {
      sendError(reply, 'unauthorized', 'Send Authorization: Bearer <deviceId>.<deviceSecret> (enrol first).');
      return null;
    }
    const version = req.headers[SYNC_HEADERS.clientVersion];
    const check = await authenticate(
      presented.deviceId,
      presented.secret,
      typeof version === 'string' ? version : null,
      deps.now(),
    );
    if (check.ok) return check.deviceId;
    sendError(
      reply,
      check.code,
      check.code === 'device_revoked'
        ? 'This device was revoked by an administrator.'
        : 'Unknown device or wrong secret.',
    );
    return null;
  }

  app.post(`${SYNC_PREFIX}enrol`, async (req, reply) => {
    if (versionRefusal(req, reply)) return reply;
    const body = EnrolRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(reply, 'invalid_input', 'Send {enrolSecret, label}.');
    if (!enrolHash) {
      return sendError(reply, 'enrolment_closed', 'Enrolment by shared secret is off: ask an IT officer to enrol it.');
    }
    if (!secretMatches(body.data.enrolSecret, enrolHash)) {
      deps.logger.warn('sync enrolment refused: wrong enrolment secret', { label: body.data.label.slice(0, 100) });
      return sendError(reply, 'unauthorized', 'Wrong enrolment secret.');
    }
    const enrolled = await enrolDevice(deps.db, body.data.label, 'enrol-secret', deps.now());
    deps.logger.info('sync device enrolled', { deviceId: enrolled.deviceId, label: body.data.label.slice(0, 100) });
    return { ok: true, ...enrolled, epoch: await readEpoch(deps.db) };
  });

  /**
   * Production path: an IT officer (users.manage) enrols, revokes, or orders every workstation to re-sync; a role
   * with audit.read reads the audit log.
   */
  async function admin(
    req: FastifyRequest,
    reply: FastifyReply,
    permission: Permission = 'users.manage',
  ): Promise<{ id: string; body: unknown } | null> {
    const body = AdminBody.loose().safeParse(req.body);
    if (!body.success) {
      sendError(reply, 'invalid_input', 'Send {username, password, …}.');
      return null;
    }
    const row = await deps.db
      .selectFrom('users')
      .select(['id', 'roles', 'password_hash', 'disabled'])
      .where('username_key', '=', body.data.username.toLowerCase())
      .executeTakeFirst();
    const ok = row && !row.disabled && (await verifyPassword(body.data.password, row.password_hash));
    if (!row || !ok) {
      sendError(reply, 'unauthorized', 'Wrong username or password.');
      return null;
    }
    if (!hasPermission(parseRoles(row.roles), permission)) {
      sendError(reply, 'forbidden', `Only a role with ${permission} may do this.`);
      return null;
    }
    return { id: row.id, body: req.body };
  }

  app.post(`${SYNC_PREFIX}devices`, async (req, reply) => {
    const caller = await admin(req, reply);
    if (!caller) return reply;
    const label = z
      .object({ label: z.string().trim().min(1).max(200) })
      .loose()
      .safeParse(caller.body);
    if (!label.success) return sendError(reply, 'invalid_input', 'Send a label for the device.');
    const enrolled = await enrolDevice(deps.db, label.data.label, caller.id, deps.now());
    deps.logger.info('sync device enrolled by an administrator', { deviceId: enrolled.deviceId, by: caller.id });
    return { ok: true, ...enrolled, epoch: await readEpoch(deps.db) };
  });

  app.post(`${SYNC_PREFIX}devices/revoke`, async (req, reply) => {
    const caller = await admin(req, reply);
    if (!caller) return reply;
    const target = z
      .object({ deviceId: z.string().min(1).max(64) })
      .loose()
      .safeParse(caller.body);
    if (!target.success) return sendError(reply, 'invalid_input', 'Send the deviceId to revoke.');
    const revoked = await revokeDevice(deps.db, target.data.deviceId, deps.now());
    deps.logger.info('sync device revoked', { deviceId: target.data.deviceId, by: caller.id, revoked });
    return { ok: true, revoked };
  });

  app.post(`${SYNC_PREFIX}epoch`, async (req, reply) => {
    const caller = await admin(req, reply);
    if (!caller) return reply;
    const epoch = await rotateEpoch(deps.db, deps.now());
    deps.logger.warn('sync epoch rotated: every workstation re-syncs', { epoch, by: caller.id });
    return { ok: true, epoch };
  });

  app.get(`${SYNC_PREFIX}pull`, async (req, reply) => {
    if (!(await device(req, reply, OLDEST_SYNC_PROTOCOL.pull))) return reply;
    const query = PullQuery.safeParse(req.query);
    if (!query.success) return sendError(reply, 'invalid_input', 'cursor, limit (1–5000) and wait (0–25 s) only.');
    const text = query.data.cursor ?? '';
    const cursor = text === '' ? null : parseCursor(text);
    if (text !== '' && !cursor) return sendError(reply, 'invalid_input', 'The cursor is malformed.');
    const request = { epoch: cursor?.epoch ?? null, since: cursor?.seq ?? 0, limit: query.data.limit };
    try {
      let page = await readPageJson(deps.db, deps.dialect, request, deps.now());
      const waitMs = query.data.wait ?? 0;
      if (waitMs > 0 && page.upToDate && page.casesAndEvents === 0) {
        const gone = new AbortController();
        const onClose = () => gone.abort();
        reply.raw.once('close', onClose);
        await watch.wait(page.since, waitMs, gone.signal);
        reply.raw.off('close', onClose);
        if (gone.signal.aborted) return reply;
        page = await readPageJson(deps.db, deps.dialect, { ...request, epoch: page.epoch }, deps.now());
      }
      // Serialized already (pull.ts), as bytes: the content type Fastify gives an object reply.
      return reply.type('application/json; charset=utf-8').send(page.body);
    } catch (error) {
      if (error instanceof ResyncRequired) {
        return sendError(reply, 'resync_required', error.message, { epoch: error.epoch });
      }
      throw error;
    }
  });

  app.post(`${SYNC_PREFIX}audit`, { bodyLimit: PUSH_BODY_LIMIT }, async (req, reply) => {
    const deviceId = await device(req, reply);
    if (!deviceId) return reply;
    const body = AuditPushRequestSchema.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      return sendError(
        reply,
        'invalid_input',
        `Bad audit rows: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
      );
    }
    return { ok: true, ...(await storeAuditRows(deps.db, deviceId, body.data, deps.now())) };
  });

  /** The workstations' audit logs, newest first, for a role with audit.read (password in the body, never the URL). */
  app.post(`${SYNC_PREFIX}audit/read`, async (req, reply) => {
    const caller = await admin(req, reply, 'audit.read');
    if (!caller) return reply;
    const query = AuditReadBody.safeParse(caller.body);
    if (!query.success) return sendError(reply, 'invalid_input', 'limit (1–1000), before (an instant), actor.');
    const rows = await readAuditRows(deps.db, query.data);
    deps.logger.info('audit log read', { by: caller.id, rows: rows.length });
    return { ok: true, rows };
  });

  app.post(`${SYNC_PREFIX}push`, { bodyLimit: PUSH_BODY_LIMIT }, async (req, reply) => {
    const deviceId = await device(req, reply);
    if (!deviceId) return reply;
    const body = PushRequestSchema.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      return sendError(reply, 'invalid_input', `Bad push: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
    }
    try {
      const results = await applyPush(deps.db, deviceId, body.data, {
        calendar: deps.calendar,
        now: deps.now,
        caseCreation: deps.caseCreation,
      });
      watch.poke();
      return { ok: true, epoch: await readEpoch(deps.db), results };
    } catch (error) {
      if (error instanceof ClientNotYours) return sendError(reply, 'forbidden', error.message);
      throw error;
    }
  });
}
