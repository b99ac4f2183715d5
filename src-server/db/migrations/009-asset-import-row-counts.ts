import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;

/**
 * The bad and good row counts of an asset import get columns of their own; until now they rode in the `errors`
 * JSON as `{errors, badRows, goodRows}`. Rows stored that way have their counts copied into the columns and keep
 * only the list in `errors`; rows stored before the counts (a bare list) keep null: counts unknown. Copied here
 * rather than in SQL, which reads JSON differently on SQLite and PostgreSQL; an import register holds one row per
 * import. Column types live in src-server/alerts/tables.ts.
 */
export const migration009AssetImportRowCounts: ServerMigration = {
  name: '009-asset-import-row-counts',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema
      .alterTable('asset_imports')
      .addColumn('bad_rows', 'integer', (c) => c.check(sql`bad_rows >= 0`))
      .execute();
    await db.schema
      .alterTable('asset_imports')
      .addColumn('good_rows', 'integer', (c) => c.check(sql`good_rows >= 0`))
      .execute();
    const rows = await sql<{ id: string; errors: string }>`
      select id, errors from asset_imports where errors like ${'{%'}`.execute(db);
    for (const row of rows.rows) {
      let stored: unknown;
      try {
        stored = JSON.parse(row.errors);
      } catch {
        continue;
      }
      if (typeof stored !== 'object' || stored === null || !('errors' in stored) || !Array.isArray(stored.errors))
        continue;
      const bad = 'badRows' in stored ? count(stored.badRows) : null;
      const good = 'goodRows' in stored ? count(stored.goodRows) : null;
      await sql`update asset_imports set bad_rows = ${bad}, good_rows = ${good}, errors = ${JSON.stringify(
        stored.errors,
      )} where id = ${row.id}`.execute(db);
    }
  },
};
