// Server migration 009 on a database that already holds asset imports: the bad and good row counts stored inside
// the `errors` JSON move to columns of their own, `errors` keeps the list; imports stored before the counts keep
// none and read back without them. New imports write the columns. SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import { withAlertTables } from '../../src-server/alerts/tables';
import { migrateToLatest } from '../../src-server/db/migrate';
import { createAssetImporter } from '../../src-server/ingest/assets/import';
import { describeOnEachDatabase } from './databases';
import { migrationDatabases, migrationsFrom } from './migration-harness';

const AT = '2026-11-01T03:00:00.000Z';
const BAD_KIND = { line: 3, code: 'bad_kind', params: { kind: 'lamp', kinds: 'streetlight' }, message: 'x' };

/** An import as migration 007 left the table: the counts, when there are any, inside `errors`. */
function oldImport(id: string, status: string, errors: unknown) {
  return {
    id,
    file_name: `${id}.csv`,
    format: 'csv',
    file_type: 'csv',
    status,
    total_rows: 1000,
    processed_rows: 1000,
    imported_rows: status === 'imported' ? 1000 : 0,
    errors: typeof errors === 'string' ? errors : JSON.stringify(errors),
    started_at: AT,
    finished_at: status === 'validating' ? null : AT,
    actor: 'technician',
  };
}

describeOnEachDatabase('server migration 009: asset import row counts in columns', (dialect) => {
  const databases = migrationDatabases(dialect);

  it('copies the counts stored inside errors into the columns, leaves older imports without counts', async () => {
    const target = await databases.before('009');
    const old = target.db.withTables<{ asset_imports: Record<string, unknown> }>();
    await old
      .insertInto('asset_imports')
      .values([
        oldImport('counted-rejected', 'rejected', { errors: [BAD_KIND], badRows: 250, goodRows: 750 }),
        oldImport('counted-imported', 'imported', { errors: [], badRows: 0, goodRows: 1000 }),
        oldImport('uncounted', 'rejected', [BAD_KIND]),
        oldImport('message-only', 'rejected', [{ line: 2, message: 'kind must be one of streetlight' }]),
        oldImport('interrupted', 'validating', '[]'),
      ])
      .execute();

    expect((await migrateToLatest(target)).applied).toEqual(migrationsFrom('009'));
    const rows = await withAlertTables(target.db)
      .selectFrom('asset_imports')
      .select(['id', 'bad_rows', 'good_rows', 'errors'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, errors: JSON.parse(r.errors) as unknown }))).toEqual([
      { id: 'counted-imported', bad_rows: 0, good_rows: 1000, errors: [] },
      { id: 'counted-rejected', bad_rows: 250, good_rows: 750, errors: [BAD_KIND] },
      { id: 'interrupted', bad_rows: null, good_rows: null, errors: [] },
      { id: 'message-only', bad_rows: null, good_rows: null, errors: [{ line: 2, message: expect.any(String) }] },
      { id: 'uncounted', bad_rows: null, good_rows: null, errors: [BAD_KIND] },
    ]);

    // Read back as the server answers them: counts where they were stored, none where they never were.
    const importer = createAssetImporter(target.db, () => new Date(AT));
    expect(await importer.progress('counted-rejected')).toMatchObject({
      status: 'rejected',
      badRows: 250,
      goodRows: 750,
      errors: [BAD_KIND],
    });
    expect(await importer.progress('counted-imported')).toMatchObject({ badRows: 0, goodRows: 1000, errors: [] });
    for (const id of ['uncounted', 'message-only', 'interrupted']) {
      const progress = await importer.progress(id);
      expect(progress).not.toHaveProperty('badRows');
      expect(progress).not.toHaveProperty('goodRows');
    }
    expect((await importer.progress('uncounted'))?.errors).toEqual([BAD_KIND]);
  });

  it('stores a new import’s counts in the columns and only the list of errors in errors', async () => {
    const target = await databases.fresh();
    await migrateToLatest(target);
    const importer = createAssetImporter(target.db, () => new Date(AT));
    const lines = ['id,kind,name,lat,lon,ward', 'a-1,streetlight,Đèn 1,10.46,105.63,', 'a-2,lamp,Đèn 2,10.46,105.63,'];
    const rejected = importer.start({
      fileName: 'den.csv',
      format: 'csv',
      file: Buffer.from(lines.join('\n')),
      actor: 'technician',
    });
    const clean = importer.start({
      fileName: 'den.csv',
      format: 'csv',
      file: Buffer.from(lines.slice(0, 2).join('\n')),
      actor: 'technician',
    });
    await importer.idle();

    const stored = async (id: string) => {
      const row = await withAlertTables(target.db)
        .selectFrom('asset_imports')
        .select(['status', 'bad_rows', 'good_rows', 'errors'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { ...row, errors: JSON.parse(row.errors) as unknown };
    };
    expect(await stored(rejected.id)).toEqual({
      status: 'rejected',
      bad_rows: 1,
      good_rows: 1,
      errors: [expect.objectContaining({ line: 3, code: 'bad_kind' })],
    });
    expect(await stored(clean.id)).toEqual({ status: 'imported', bad_rows: 0, good_rows: 1, errors: [] });
    expect(await importer.progress(rejected.id)).toMatchObject({ badRows: 1, goodRows: 1 });
    expect(await importer.progress(clean.id)).toMatchObject({ badRows: 0, goodRows: 1, importedRows: 1 });
  });
});
