import type { Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

/**
 * Hands out the next sync cursor inside the caller's transaction and records what changed. The counter is one
 * row, so concurrent writers queue on its row lock and commit in cursor order: a client that has read up to N
 * can never later find a change numbered below N appear (the gap a plain sequence leaves open on PostgreSQL).
 * Cases, their attachments, wall layouts and tours share it, so they share one commit order and one page boundary.
 */
export async function nextChangeSeq(
  trx: Transaction<ServerDatabase>,
  entity: 'case' | 'attachment' | 'layout' | 'tour',
  entityId: string,
  at: string,
): Promise<number> {
  const row = await trx
    .updateTable('sync_state')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.last_seq);
  await trx.insertInto('sync_changes').values({ seq, entity, entity_id: entityId, at }).execute();
  return seq;
}
