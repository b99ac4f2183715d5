import type { Kysely, Transaction } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import type { PushCommand, PushRequest, PushResult } from '../../src-shared/sync/protocol';
import type { ServerDatabase } from '../db/schema';
import type { CaseCreationDeps } from './apply-case-create';
import { applyCommand, rejectionOf } from './apply-command';

export interface PushDeps {
  calendar: WorkingCalendar;
  now: () => Date;
  caseCreation?: CaseCreationDeps;
}

/** The client id is registered to another device: a device cannot speak for someone else's outbox. */
export class ClientNotYours extends Error {}

/** Someone (a duplicate delivery, a retry) got this command number first, or an earlier one is missing. */
class NotNext extends Error {}

/** A case changed between the read and the write (another writer won): worth trying again, a few times. */
const MAX_ATTEMPTS = 5;
const MAX_MESSAGE = 1000;

/**
 * Applies a client's commands in order, each exactly once: claiming the number (last_seq → seq), the effects and
 * the recorded outcome commit in one transaction, or none of them does. A number seen before gets the first
 * outcome back; a number past a gap stops the batch so nothing is applied out of the client's order.
 */
export async function applyPush(
  db: Kysely<ServerDatabase>,
  deviceId: string,
  request: PushRequest,
  deps: PushDeps,
): Promise<PushResult[]> {
  await ensureClient(db, request.clientId, deviceId, deps.now());
  const results: PushResult[] = [];
  for (const command of request.commands) {
    const result = await applyOne(db, request.clientId, command, deps);
    results.push(result);
    if (result.status === 'out_of_order') break;
  }
  return results;
}

async function ensureClient(db: Kysely<ServerDatabase>, clientId: string, deviceId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('sync_clients')
    .values({ client_id: clientId, device_id: deviceId, last_seq: 0, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('sync_clients')
    .select('device_id')
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  if (row.device_id !== deviceId) throw new ClientNotYours(`Client ${clientId} belongs to another device.`);
}

async function applyOne(
  db: Kysely<ServerDatabase>,
  clientId: string,
  command: PushCommand,
  deps: PushDeps,
): Promise<PushResult> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.now();
    try {
      return await db.transaction().execute(async (trx): Promise<PushResult> => {
        await claim(trx, clientId, command.seq, now);
        const effect = await applyCommand(trx, command, {
          calendar: deps.calendar,
          now,
          clientId,
          caseCreation: deps.caseCreation,
        });
        await record(trx, clientId, command, now, {
          outcome: 'applied',
          code: null,
          message: null,
          case_id: effect.caseId,
          change_seq: effect.changeSeq,
        });
        return { seq: command.seq, status: 'applied', changeSeq: effect.changeSeq };
      });
    } catch (error) {
      if (error instanceof NotNext) return answerSeen(db, clientId, command.seq);
      const rejection = rejectionOf(error);
      if (!rejection) throw error;
      if (rejection.code === 'conflict' && attempt < MAX_ATTEMPTS) continue;
      return recordRejection(db, clientId, command, rejection, deps.now());
    }
  }
}

async function recordRejection(
  db: Kysely<ServerDatabase>,
  clientId: string,
  command: PushCommand,
  rejection: { code: string; message: string },
  now: Date,
): Promise<PushResult> {
  const message = rejection.message.slice(0, MAX_MESSAGE);
  try {
    return await db.transaction().execute(async (trx): Promise<PushResult> => {
      await claim(trx, clientId, command.seq, now);
      await record(trx, clientId, command, now, {
        outcome: 'rejected',
        code: rejection.code,
        message,
        case_id: caseIdOf(command.args),
        change_seq: null,
      });
      return { seq: command.seq, status: 'rejected', code: rejection.code, message };
    });
  } catch (error) {
    if (error instanceof NotNext) return answerSeen(db, clientId, command.seq);
    throw error;
  }
}

/**
 * Takes the command's number: succeeds only when it is exactly the next one. On PostgreSQL the update holds the
 * client's row lock until commit, so a duplicate delivered concurrently waits and then finds the number taken.
 */
async function claim(trx: Transaction<ServerDatabase>, clientId: string, seq: number, now: Date): Promise<void> {
  const result = await trx
    .updateTable('sync_clients')
    .set({ last_seq: seq, updated_at: now.toISOString() })
    .where('client_id', '=', clientId)
    .where('last_seq', '=', seq - 1)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new NotNext();
}

async function record(
  trx: Transaction<ServerDatabase>,
  clientId: string,
  command: PushCommand,
  now: Date,
  outcome: {
    outcome: 'applied' | 'rejected';
    code: string | null;
    message: string | null;
    case_id: string | null;
    change_seq: number | null;
  },
): Promise<void> {
  await trx
    .insertInto('sync_applied')
    .values({
      client_id: clientId,
      seq: command.seq,
      name: command.name.slice(0, 64),
      actor_username: command.actorUsername,
      client_created_at: command.createdAt,
      applied_at: now.toISOString(),
      ...outcome,
    })
    .execute();
}

async function answerSeen(db: Kysely<ServerDatabase>, clientId: string, seq: number): Promise<PushResult> {
  const client = await db
    .selectFrom('sync_clients')
    .select('last_seq')
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  const last = Number(client.last_seq);
  if (seq > last) return { seq, status: 'out_of_order', expected: last + 1 };
  const row = await db
    .selectFrom('sync_applied')
    .select(['outcome', 'code', 'message', 'change_seq'])
    .where('client_id', '=', clientId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (!row) throw new Error(`Command ${clientId}/${seq} is counted as applied but has no recorded outcome.`);
  return {
    seq,
    status: 'duplicate',
    original:
      row.outcome === 'applied'
        ? { status: 'applied', changeSeq: Number(row.change_seq ?? 0) }
        : { status: 'rejected', code: row.code ?? 'rejected', message: row.message ?? '' },
  };
}

function caseIdOf(args: unknown): string | null {
  if (typeof args !== 'object' || args === null || !('caseId' in args)) return null;
  const id = (args as { caseId: unknown }).caseId;
  return typeof id === 'string' ? id.slice(0, 100) : null;
}
