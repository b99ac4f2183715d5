import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

export async function readEpoch(db: Kysely<ServerDatabase>): Promise<string> {
  const row = await db.selectFrom('sync_meta').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.epoch;
}

/**
 * A new epoch: every workstation's cursor becomes invalid, so each drops its mirror and pulls everything again
 * (outboxes are kept and still applied exactly once). For after a restore from backup or a data repair.
 */
export async function rotateEpoch(db: Kysely<ServerDatabase>, now: Date): Promise<string> {
  const epoch = randomBytes(9).toString('base64url');
  await db.updateTable('sync_meta').set({ epoch, updated_at: now.toISOString() }).where('id', '=', 1).execute();
  return epoch;
}
