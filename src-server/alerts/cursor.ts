import type { AlertsTrx } from './tables';

/**
 * Reserves `count` alert cursor values inside the caller's transaction and returns the first. The counter is one
 * row, so writers queue on its lock and commit in cursor order: a workstation that has read up to N never later
 * finds a change numbered at or below N (the same reasoning as the case cursor, cases/sync-cursor.ts).
 */
export async function reserveAlertSeqs(trx: AlertsTrx, count: number): Promise<number> {
  const row = await trx
    .updateTable('alert_cursor')
    .set((eb) => ({ last_seq: eb('last_seq', '+', count) }))
    .where('id', '=', 1)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq) - count + 1;
}
