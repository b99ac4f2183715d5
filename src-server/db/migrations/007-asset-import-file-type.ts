import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Asset registers may be XLSX workbooks too (issue 6). `asset_imports.format` keeps its CHECK from 003, which
 * SQLite cannot alter in place while `assets` references the table, so the file type is a column of its own;
 * null on older rows means "same as format". Column types live in src-server/alerts/tables.ts.
 */
export const migration007AssetImportFileType: ServerMigration = {
  name: '007-asset-import-file-type',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema
      .alterTable('asset_imports')
      .addColumn('file_type', 'text', (c) => c.check(sql`file_type in ('csv', 'geojson', 'xlsx')`))
      .execute();
  },
};
