import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Attachments ride the sync pull (issue 5 §9): each gets a cursor from the one counter cases use, so a page that
 * covers it carries it. Attachments made before this migration draw new cursors here, in the order they were
 * added, so a workstation already past their cases' cursors still receives them. Types in attachments/tables.ts.
 */
export const migration008AttachmentChangeSeq: ServerMigration = {
  name: '008-attachment-change-seq',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema.alterTable('attachments').addColumn('change_seq', 'bigint').execute();
    const state = await sql<{ last_seq: string | number }>`select last_seq from sync_state where id = 1`.execute(db);
    let seq = Number(state.rows[0]?.last_seq ?? 0);
    const rows = await sql<{
      id: string;
      created_at: string;
    }>`select id, created_at from attachments order by seq`.execute(db);
    for (const row of rows.rows) {
      seq += 1;
      await sql`update attachments set change_seq = ${seq} where id = ${row.id}`.execute(db);
      await sql`insert into sync_changes (seq, entity, entity_id, at) values (${seq}, 'attachment', ${row.id}, ${row.created_at})`.execute(
        db,
      );
    }
    if (rows.rows.length > 0) await sql`update sync_state set last_seq = ${seq} where id = 1`.execute(db);
    await db.schema.createIndex('attachments_by_change').on('attachments').columns(['change_seq']).execute();
  },
};
