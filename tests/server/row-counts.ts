import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../src-server/db/schema';

const TABLES = ['cases', 'case_events', 'reporters', 'case_links', 'sync_changes'] as const;

/** Row counts of every table a report touches, plus the sync cursor: what "nothing half-written" compares. */
export type RowCounts = Record<(typeof TABLES)[number] | 'last_seq', number>;

export async function rowCounts(db: Kysely<ServerDatabase>): Promise<RowCounts> {
  const counts = { last_seq: 0 } as RowCounts;
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const cursor = await db.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
  counts.last_seq = Number(cursor.last_seq);
  return counts;
}
