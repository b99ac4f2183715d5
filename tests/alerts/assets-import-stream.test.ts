import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AssetImportReplySchema, type AssetImportProgress } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { progressStep } from '../../src-server/ingest/assets/import';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, startAlertsServer } from './harness';
import { expectOrderedSteps, readJsonLines } from './import-stream';

const NDJSON = 'application/x-ndjson';

function register(rows: number, prefix: string): string {
  const lines = ['id,kind,name,lat,lon,ward'];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}-${i},streetlight,Đèn số ${i},10.46,105.63,Phường ${i % 5}`);
  return lines.join('\n');
}

/** The central server's import, asked for its steps as JSON lines: the same `{ok, import}` as polling, streamed. */
describeOnEachDatabase('asset register import as a progress stream', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());

  const upload = (body: string, accept = NDJSON, actor = 'technician', query = 'format=csv&fileName=den.csv') =>
    fetch(`${s.url}/api/assets/import?${query}`, {
      method: 'POST',
      headers: { authorization: s.device, 'content-type': 'text/csv', 'x-ioc-actor': actor, accept },
      body,
    });
  const imports = async (res: Response): Promise<AssetImportProgress[]> =>
    (await readJsonLines(res)).map((line) => AssetImportReplySchema.parse(line).import);
  const count = async (prefix: string) =>
    (
      await withAlertTables(s.server.database.db)
        .selectFrom('assets')
        .select('id')
        .where('id', 'like', `${prefix}-%`)
        .execute()
    ).length;

  it('streams the checking and writing steps of a clean register, then the outcome, and imports it whole', async () => {
    const rows = 5200;
    const res = await upload(register(rows, 'st'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = await imports(res);
    const outcome = lines.at(-1)!;
    expect(outcome).toMatchObject({ status: 'imported', totalRows: rows, processedRows: rows, importedRows: rows });
    expect(new Set(lines.map((l) => l.id)).size).toBe(1);
    const steps = expectOrderedSteps(lines.slice(0, -1));
    expect(steps.validating[0]).toMatchObject({ processedRows: 0 });
    expect(steps.validating.at(-1)).toMatchObject({ processedRows: rows, totalRows: rows });
    // Every step of the writing, from nothing written to the last row: 0, 500, 1000 … 5000, 5200.
    const step = progressStep(rows);
    expect(steps.writing.map((w) => w.processedRows)).toEqual([
      ...Array.from({ length: Math.floor(rows / step) + 1 }, (_, i) => i * step),
      rows,
    ]);
    expect(steps.writing.every((w) => w.totalRows === rows)).toBe(true);
    expect(await count('st')).toBe(rows);
    // The stored outcome is what the stream ended with.
    const stored = await fetch(`${s.url}/api/assets/imports/${outcome.id}`, { headers: { authorization: s.device } });
    expect(AssetImportReplySchema.parse(await stored.json()).import).toEqual(outcome);
  });

  it('streams the checking of a register with bad rows, then the rejection with each bad line; writes nothing', async () => {
    const lines = register(1500, 'sb').split('\n');
    lines[800] = 'sb-799,lamp,Đèn hỏng,10.46,105.63,';
    const all = await imports(await upload(lines.join('\n')));
    expect(all.at(-1)).toMatchObject({ status: 'rejected', totalRows: 1500, importedRows: 0 });
    expect(all.at(-1)!.errors.map((e) => [e.line, e.code])).toEqual([[801, 'bad_kind']]);
    const steps = expectOrderedSteps(all.slice(0, -1));
    expect(steps.writing).toEqual([]);
    expect(steps.validating.at(-1)).toMatchObject({ processedRows: 1500, totalRows: 1500 });
    expect(await count('sb')).toBe(0);
    // Stored with its counts: read back, it is the rejection the stream ended with.
    const stored = await fetch(`${s.url}/api/assets/imports/${all.at(-1)!.id}`, {
      headers: { authorization: s.device },
    });
    const rejection = AssetImportReplySchema.parse(await stored.json()).import;
    expect(rejection).toEqual(all.at(-1));
    expect(rejection).toMatchObject({ badRows: 1, goodRows: 1499 });
  });

  it('reads back an import stored before the rows were counted, without the counts', async () => {
    const id = randomUUID();
    const errors = [{ line: 3, code: 'bad_kind', params: { kind: 'lamp', kinds: 'streetlight' }, message: 'x' }];
    await withAlertTables(s.server.database.db)
      .insertInto('asset_imports')
      .values({
        id,
        file_name: 'cu.csv',
        format: 'csv',
        file_type: 'csv',
        status: 'rejected',
        total_rows: 4,
        processed_rows: 4,
        imported_rows: 0,
        errors: JSON.stringify(errors),
        started_at: '2026-11-01T03:00:00.000Z',
        finished_at: '2026-11-01T03:00:01.000Z',
        actor: 'technician',
      })
      .execute();
    const stored = await fetch(`${s.url}/api/assets/imports/${id}`, { headers: { authorization: s.device } });
    const old = AssetImportReplySchema.parse(await stored.json()).import;
    expect(old).toMatchObject({ status: 'rejected', errors });
    expect(old).not.toHaveProperty('badRows');
    expect(old).not.toHaveProperty('goodRows');
  });

  it('refuses as before, with a JSON error and its status, whatever the client accepts', async () => {
    const refused = await upload(register(2, 'sr'), NDJSON, 'operator');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const badQuery = await upload(register(2, 'sr'), NDJSON, 'technician', 'format=pdf');
    expect(badQuery.status).toBe(400);
    expect(await count('sr')).toBe(0);
  });

  it('still answers 202 with the import started to a client that asks for JSON', async () => {
    const res = await upload(register(3, 'sj'), 'application/json');
    expect(res.status).toBe(202);
    const { id, status } = AssetImportReplySchema.parse(await res.json()).import;
    expect(status).toBe('validating');
    for (let done = false; !done; ) {
      const reply = await fetch(`${s.url}/api/assets/imports/${id}`, { headers: { authorization: s.device } });
      const now = AssetImportReplySchema.parse(await reply.json()).import;
      done = now.status === 'imported';
      expect(['validating', 'writing', 'imported']).toContain(now.status);
    }
    expect(await count('sj')).toBe(3);
  });
});
