import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AssetImportReplySchema } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { progressStep } from '../../src-server/ingest/assets/import';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, startAlertsServer } from './harness';
import { expectOrderedSteps, readJsonLinesByRead } from './import-stream';

const NDJSON = 'application/x-ndjson';

function register(rows: number, prefix: string, name = (i: number) => `Đèn số ${i}`): string {
  const lines = ['id,kind,name,lat,lon,ward'];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}-${i},streetlight,${name(i)},10.46,105.63,Phường ${i % 5}`);
  return lines.join('\n');
}

/** Large registers: checked in slices whose progress streams as it moves, written in multi-row statements. */
describeOnEachDatabase('large asset register import', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());

  const upload = async (body: string) => {
    const res = await fetch(`${s.url}/api/assets/import?format=csv&fileName=lon.csv`, {
      method: 'POST',
      headers: { authorization: s.device, 'content-type': 'text/csv', 'x-ioc-actor': 'technician', accept: NDJSON },
      body,
    });
    expect(res.status).toBe(200);
    return (await readJsonLinesByRead(res)).map(({ value, read }) => ({
      ...AssetImportReplySchema.parse(value).import,
      read,
    }));
  };
  const assets = (prefix: string) =>
    withAlertTables(s.server.database.db)
      .selectFrom('assets')
      .select(['id', 'name'])
      .where('id', 'like', `${prefix}-%`)
      .orderBy('id')
      .execute();

  it('streams the checking of a large register step by step, not in one burst at the end', async () => {
    const rows = 40_000;
    const lines = await upload(register(rows, 'lg'));
    expect(lines.at(-1)).toMatchObject({ status: 'imported', totalRows: rows, importedRows: rows });
    expectOrderedSteps(lines.slice(0, -1));
    const partway = lines.filter((l) => l.status === 'validating' && l.processedRows > 0 && l.processedRows < rows);
    // Every step of the checking, one per `progressStep` rows: 500, 1000 … 39,500.
    expect(partway.map((v) => v.processedRows)).toEqual(
      Array.from({ length: rows / progressStep(rows) - 1 }, (_, i) => (i + 1) * progressStep(rows)),
    );
    // Checking yields between steps, so they leave the server one by one and the client reads them apart (79 reads
    // for 79 steps here); checked in one go, they all arrived in one or two reads.
    const reads = new Set(partway.map((v) => v.read));
    expect(reads.size).toBeGreaterThan(partway.length / 2);
    expect(await assets('lg')).toHaveLength(rows);
  });

  it('keeps no row of the earlier statements when the last one fails at the database', async () => {
    const rows = 5200;
    const before = await upload(register(10, 'lc', (i) => `Cũ ${i}`));
    expect(before.at(-1)).toMatchObject({ status: 'imported', importedRows: 10 });
    // A rule only the database knows: the checks pass, the last statement's last row breaks it (it takes the name
    // the first statement gave lc-0).
    const db = s.server.database.db;
    await sql`create unique index test_lc_one_name on assets (name) where id like 'lc-%'`.execute(db);
    try {
      const lines = await upload(register(rows, 'lc', (i) => (i === rows - 1 ? 'Đèn số 0' : `Đèn số ${i}`)));
      const outcome = lines.at(-1)!;
      expect(outcome).toMatchObject({ status: 'failed', totalRows: rows, importedRows: 0 });
      expect(outcome.errors).toMatchObject([{ line: 0, code: 'write_failed' }]);
      // Statements of `progressStep` rows: all but the last (rows 5000…5199) were written before it failed.
      const written = expectOrderedSteps(lines.slice(0, -1)).writing.map((w) => w.processedRows);
      expect(progressStep(rows)).toBe(500);
      expect(Math.max(...written)).toBe(5000);
      expect(await assets('lc')).toEqual(Array.from({ length: 10 }, (_, i) => ({ id: `lc-${i}`, name: `Cũ ${i}` })));
    } finally {
      await sql`drop index test_lc_one_name`.execute(db);
    }
  });
});
