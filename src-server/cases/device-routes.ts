import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { hasPermission } from '../../src-shared/contract/roles';
import {
  CASE_LOOKUP_PATHS,
  type DirectoryResponse,
  type RevealedReporter,
  RevealRequestSchema,
  type RevealResponse,
} from '../../src-shared/sync/case-lookups';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { findActiveUser } from '../sync/actor';
import { createDeviceAuthenticator } from '../sync/devices';
import { parseDeviceAuthorization } from '../sync/secrets';
import { uuidv7 } from './ids';
import { withCaseTables } from './tables';

export interface CaseDeviceDeps {
  db: Kysely<ServerDatabase>;
  now: () => Date;
  logger: Logger;
}

type Refusal = 'invalid_input' | 'unauthorized' | 'device_revoked' | 'forbidden' | 'not_found';
const STATUS: Readonly<Record<Refusal, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  device_revoked: 403,
  forbidden: 403,
  not_found: 404,
};

function refuse(reply: FastifyReply, code: Refusal, message: string) {
  return reply.code(STATUS[code]).send({ ok: false, error: { code, message } });
}

function fullName(first: string | null, last: string | null): string | null {
  const name = [last, first]
    .filter((w): w is string => Boolean(w?.trim()))
    .join(' ')
    .trim();
  return name === '' ? null : name;
}

/**
 * What an enrolled workstation asks for besides syncing: the agency directory, and a reporter's identity for a
 * user whose role (on this server's own record) carries `identity.reveal` — each reveal recorded before it is sent.
 */
export function registerCaseDeviceRoutes(app: FastifyInstance, deps: CaseDeviceDeps): void {
  const authenticate = createDeviceAuthenticator(deps.db);
  const db = withCaseTables(deps.db);

  async function device(req: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const presented = parseDeviceAuthorization(req.headers.authorization);
    const check = presented
      ? await authenticate(presented.deviceId, presented.secret, null, deps.now())
      : ({ ok: false, code: 'unauthorized' } as const);
    if (check.ok) return check.deviceId;
    refuse(reply, check.code, check.code === 'device_revoked' ? 'This device was revoked.' : 'Unknown device.');
    return null;
  }

  app.get(CASE_LOOKUP_PATHS.directory, async (req, reply) => {
    if (!(await device(req, reply))) return reply;
    const rows = await deps.db
      .selectFrom('agencies')
      .select(['id', 'name', 'short_name', 'kind'])
      .orderBy('name')
      .execute();
    const body: DirectoryResponse = {
      ok: true,
      agencies: rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind })),
    };
    return body;
  });

  app.post(CASE_LOOKUP_PATHS.revealReporter, async (req, reply) => {
    const deviceId = await device(req, reply);
    if (!deviceId) return reply;
    const body = RevealRequestSchema.safeParse(req.body);
    if (!body.success) return refuse(reply, 'invalid_input', 'Send {caseId, actorUsername}.');
    const user = await findActiveUser(deps.db, body.data.actorUsername);
    if (!user || !hasPermission(user.roles, 'identity.reveal')) {
      deps.logger.warn('reporter reveal refused', { deviceId, username: body.data.actorUsername.slice(0, 128) });
      return refuse(reply, 'forbidden', 'Revealing a reporter needs the identity.reveal permission.');
    }
    const at = deps.now().toISOString();
    const reporter = await db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('cases')
        .leftJoin('reporters', 'reporters.case_id', 'cases.id')
        .select(['cases.id as id', 'reporters.case_id as r_case_id', 'first_name', 'last_name', 'phone', 'email'])
        .where('cases.id', '=', body.data.caseId)
        .executeTakeFirst();
      if (!found) return undefined;
      await trx
        .insertInto('reporter_reveals')
        .values({ id: uuidv7(), case_id: found.id, user_id: user.id, username: user.username, device_id: deviceId, at })
        .execute();
      const revealed: RevealedReporter | null =
        found.r_case_id === null
          ? null
          : { name: fullName(found.first_name, found.last_name), phone: found.phone, email: found.email };
      return revealed;
    });
    if (reporter === undefined) return refuse(reply, 'not_found', `No case ${body.data.caseId.slice(0, 100)}.`);
    deps.logger.info('reporter revealed', { caseId: body.data.caseId, userId: user.id, deviceId });
    const answer: RevealResponse = { ok: true, reporter, revealedAt: at };
    return answer;
  });
}
