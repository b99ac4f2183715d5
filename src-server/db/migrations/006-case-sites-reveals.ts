import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Every reveal of a reporter's identity (issue 5, DESIGN.md §6): who, from which workstation, when, which case.
 * Append-only; the identity itself stays in `reporters`. Column types live in src-server/cases/tables.ts.
 * Cases gain the site whose operators see them (null: every site's).
 */
export const migration006CaseSitesReveals: ServerMigration = {
  name: '006-case-sites-reveals',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema
      .createTable('reporter_reveals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reporter_reveals_by_case').on('reporter_reveals').columns(['case_id', 'at']).execute();
    await db.schema.createIndex('reporter_reveals_by_user').on('reporter_reveals').columns(['user_id', 'at']).execute();
    await db.schema.alterTable('cases').addColumn('site_id', 'text').execute();
    await db.schema.createIndex('cases_by_site').on('cases').columns(['site_id', 'received_at']).execute();
  },
};
