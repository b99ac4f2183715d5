import type { Kysely } from 'kysely';
import type { AuditPushRequest } from '../../src-shared/sync/audit-protocol';
import type { ServerDatabase } from '../db/schema';
import { withSyncTables } from './tables';

/**
 * Stores a batch of a workstation's audit rows, each once: a row already held (the batch was sent again after a
 * lost reply) is skipped by its (origin, local number) key. Append-only: nothing here updates or deletes.
 */
export async function storeAuditRows(
  base: Kysely<ServerDatabase>,
  deviceId: string,
  request: AuditPushRequest,
  now: Date,
): Promise<{ stored: number; upTo: number }> {
  const db = withSyncTables(base);
  const receivedAt = now.toISOString();
  const result = await db
    .insertInto('workstation_audit')
    .values(
      request.rows.map((r) => ({
        origin: request.origin,
        local_seq: r.seq,
        device_id: deviceId,
        at: r.at,
        user_id: r.userId,
        username: r.username,
        action: r.action,
        subject: r.subject,
        detail: JSON.stringify(r.detail),
        received_at: receivedAt,
      })),
    )
    .onConflict((oc) => oc.columns(['origin', 'local_seq']).doNothing())
    .executeTakeFirst();
  return { stored: Number(result.numInsertedOrUpdatedRows ?? 0), upTo: request.rows.at(-1)!.seq };
}

export interface AuditQuery {
  limit: number;
  /** Rows before this instant (paging backwards); none: the newest. */
  before?: string | undefined;
  /** Only rows of this workstation username. */
  actor?: string | undefined;
}

export interface ServerAuditRow {
  origin: string;
  seq: number;
  deviceId: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  subject: string | null;
  detail: unknown;
  receivedAt: string;
}

/** The newest audit rows of every workstation, newest first. */
export async function readAuditRows(base: Kysely<ServerDatabase>, query: AuditQuery): Promise<ServerAuditRow[]> {
  let q = withSyncTables(base)
    .selectFrom('workstation_audit')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('origin')
    .orderBy('local_seq', 'desc')
    .limit(query.limit);
  if (query.before) q = q.where('at', '<', query.before);
  if (query.actor) q = q.where('username', '=', query.actor);
  const rows = await q.execute();
  return rows.map((r) => ({
    origin: r.origin,
    seq: Number(r.local_seq),
    deviceId: r.device_id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    subject: r.subject,
    detail: JSON.parse(r.detail) as unknown,
    receivedAt: r.received_at,
  }));
}
