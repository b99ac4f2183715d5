import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { hasPermission, type Permission } from '../../src-shared/contract/roles';
import type { ServerDatabase } from '../db/schema';
import { findActiveUser, type ServerUser } from '../sync/actor';
import { createDeviceAuthenticator } from '../sync/devices';
import { parseDeviceAuthorization } from '../sync/secrets';

export type ErrorCode = 'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'internal';
const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply.code(STATUS[code]).send({ ok: false, error: { code, message } });
}

/**
 * Who may read alerts and the Systems board, and act on alerts: an enrolled workstation, with the sync engine's
 * device credentials (`Authorization: Bearer <deviceId>.<deviceSecret>`). The person acting is named in the body
 * and checked against the server's own users and roles — the workstation's word on roles counts for nothing.
 */
export function createWorkstationAuth(db: Kysely<ServerDatabase>, now: () => Date) {
  const authenticate = createDeviceAuthenticator(db);

  async function device(req: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const presented = parseDeviceAuthorization(req.headers.authorization);
    if (!presented) {
      sendError(
        reply,
        'unauthorized',
        'Send Authorization: Bearer <deviceId>.<deviceSecret> of an enrolled workstation.',
      );
      return null;
    }
    const check = await authenticate(presented.deviceId, presented.secret, null, now());
    if (check.ok) return check.deviceId;
    sendError(reply, check.code === 'device_revoked' ? 'forbidden' : 'unauthorized', 'Unknown or revoked workstation.');
    return null;
  }

  async function actor(username: string, permission: Permission, reply: FastifyReply): Promise<ServerUser | null> {
    const user = await findActiveUser(db, username);
    if (!user) {
      sendError(reply, 'forbidden', `The central server has no active user "${username.slice(0, 128)}".`);
      return null;
    }
    if (!hasPermission(user.roles, permission)) {
      sendError(reply, 'forbidden', `${user.username} lacks the permission ${permission} on the central server.`);
      return null;
    }
    return user;
  }

  return { device, actor };
}
