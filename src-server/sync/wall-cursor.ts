import type { Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/**
 * The next sync cursor for a wall item, taken inside the caller's transaction from the same one-row counter as
 * the cases (cases/sync-cursor.ts), so layouts, tours and cases share one commit order and one page boundary.
 */
export async function nextWallChangeSeq(
  trx: Transaction<ServerDatabase>,
  kind: 'layout' | 'tour',
  id: string,
  at: string,
): Promise<number> {
  const row = await trx
    .updateTable('sync_state')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.last_seq);
  await trx.insertInto('sync_changes').values({ seq, entity: kind, entity_id: id, at }).execute();
  return seq;
}
