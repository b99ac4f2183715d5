import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSET_IMPORT_PATH,
  type AssetImportReport,
  AssetImportReportSchema,
  AssetImportStepSchema,
  MAX_ASSET_UPLOAD_BYTES,
} from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { type TestCore, startTestCore } from '../integration/core-harness';
import { type AlertsServer, ENROL_SECRET, startAlertsServer } from './harness';
import { expectOrderedSteps, readJsonLines } from './import-stream';

const XLSX = join(__dirname, '..', 'fixtures', 'xlsx');
const NDJSON = 'application/x-ndjson';

/** A register of `rows` street lights, one per line (3000 rows: past the 180 KiB a contract message could carry). */
function bigRegister(rows: number, prefix: string): Buffer {
  const lines = ['id,kind,name,lat,lon,ward'];
  for (let i = 0; i < rows; i++)
    lines.push(`${prefix}-${i},streetlight,Đèn chiếu sáng đường Nguyễn Huệ số ${i},10.46,105.63,Phường 1`);
  return Buffer.from(lines.join('\n'));
}

/** `POST /api/assets/import` on the workstation core: the raw file goes to a real central server. */
describe('the core’s asset register upload route', () => {
  let server: AlertsServer;
  let serverStopped = false;
  let core: TestCore;
  let technician: string;
  beforeAll(async () => {
    server = await startAlertsServer('sqlite');
    core = await startTestCore(['--server', server.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    technician = await core.login('technician');
    // The workstation forwards imports once the sync engine has enrolled it with the server.
    for (let linked = false; !linked; ) {
      const r = await core.rpc('alerts.list', { filter: {} }, technician);
      linked = (r.json as { value?: { link: { state: string } } }).value?.link.state === 'connected';
      if (!linked) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 60_000);
  afterAll(async () => {
    await core?.stop();
    if (!serverStopped) await server?.stop();
  });

  const post = (body: Buffer, token: string | null, query: string, accept: string) =>
    fetch(`${core.url}${ASSET_IMPORT_PATH}?${query}`, {
      method: 'POST',
      headers: {
        accept,
        'content-type': 'application/octet-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: new Uint8Array(body),
    });
  const upload = async (
    body: Buffer,
    token: string | null,
    query = 'format=csv&fileName=den-duong.csv',
    accept = 'application/json',
  ) => {
    const res = await post(body, token, query, accept);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, json: (await res.json()) as { ok: boolean; value?: AssetImportReport } };
  };
  /** Asked for progress: the `{progress}` lines, then the reply as the last line. */
  const uploadWithProgress = async (body: Buffer, query = 'format=csv&fileName=den-duong.csv') => {
    const res = await post(body, technician, query, NDJSON);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = await readJsonLines(res);
    const steps = lines.slice(0, -1).map((line) => {
      expect(Object.keys(line as object)).toEqual(['progress']);
      return AssetImportStepSchema.parse((line as { progress: unknown }).progress);
    });
    return { steps, last: lines.at(-1) as { ok: boolean; value?: unknown; error?: { code: string } } };
  };
  const assetCount = async () =>
    Number(
      (
        await withAlertTables(server.server.database.db)
          .selectFrom('assets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports a register past the old 180 KiB limit, as the signed-in technician', async () => {
    const file = bigRegister(3000, 'route');
    expect(file.length).toBeGreaterThan(180 * 1024);
    const r = await upload(file, technician);
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({
      status: 'imported',
      fileName: 'den-duong.csv',
      format: 'csv',
      totalRows: 3000,
      importedRows: 3000,
      errors: [],
    });
    expect(await assetCount()).toBe(3000);
  });

  it('reports bad rows by line and imports none of the file', async () => {
    const file = Buffer.concat([bigRegister(10, 'bad'), Buffer.from('\nbad-x,lamp,Đèn hỏng,,,')]);
    const r = await upload(file, technician);
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(r.json.value!.errors.map((e) => [e.line, e.code])).toEqual([[12, 'bad_kind']]);
    expect(await assetCount()).toBe(3000);
  });

  it('refuses without a session, without assets.import, too large, or without format and name', async () => {
    const small = Buffer.from('id,kind,name\nx-1,streetlight,Đèn\n');
    expect(await upload(small, null)).toMatchObject({ status: 401, json: { ok: false } });
    const operator = await core.login('operator');
    expect(await upload(small, operator)).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    const tooLarge = Buffer.alloc(MAX_ASSET_UPLOAD_BYTES + 1, 0x41);
    expect(await upload(tooLarge, technician)).toMatchObject({
      status: 413,
      json: { error: { code: 'payload_too_large' } },
    });
    expect(await upload(small, technician, 'format=pdf&fileName=x.pdf')).toMatchObject({ status: 400 });
    expect(await upload(Buffer.alloc(0), technician)).toMatchObject({ status: 400 });
    expect(await assetCount()).toBe(3000);
  });

  it('relays the server’s steps while it checks and writes the rows, then the report as the last line', async () => {
    const rows = 4000;
    const { steps, last } = await uploadWithProgress(bigRegister(rows, 'relay'), 'format=csv&fileName=den-tien-do.csv');
    const { validating, writing } = expectOrderedSteps(steps);
    expect(validating.length).toBeGreaterThan(0);
    // The writing from its first row to its last, every step in order.
    expect(writing[0]).toMatchObject({ processedRows: 0, totalRows: rows });
    expect(writing.at(-1)).toMatchObject({ processedRows: rows, totalRows: rows });
    expect(writing.length).toBeGreaterThan(2);
    expect(last.ok).toBe(true);
    expect(AssetImportReportSchema.parse(last.value)).toMatchObject({
      status: 'imported',
      fileName: 'den-tien-do.csv',
      totalRows: rows,
      importedRows: rows,
    });
    expect(await assetCount()).toBe(3000 + rows);
  });

  it('relays a rejection with its bad lines as the last line, after the checking steps', async () => {
    const file = Buffer.concat([bigRegister(10, 'relay-bad'), Buffer.from('\nrelay-bad-x,lamp,Đèn hỏng,,,')]);
    const { steps, last } = await uploadWithProgress(file);
    expect(expectOrderedSteps(steps).writing).toEqual([]);
    const report = AssetImportReportSchema.parse(last.value);
    expect(report).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[12, 'bad_kind']]);
  });

  it('carries the count of every bad and good row, past the 200 bad rows the report names', async () => {
    // 1200 rows, every third one of an unknown kind: 400 bad, 800 good.
    const lines = bigRegister(1200, 'tally').toString().split('\n');
    for (let i = 1; i < lines.length; i += 3) lines[i] = lines[i]!.replace(',streetlight,', ',lamp,');
    const { steps, last } = await uploadWithProgress(Buffer.from(lines.join('\n')));
    const { validating } = expectOrderedSteps(steps);
    const partway = validating.find((s) => s.processedRows === 500)!;
    expect(partway).toMatchObject({ badRows: 167, goodRows: 333 });
    const report = AssetImportReportSchema.parse(last.value);
    expect(report).toMatchObject({ status: 'rejected', importedRows: 0, totalRows: 1200, badRows: 400, goodRows: 800 });
    expect(report.errors).toHaveLength(200);
    expect(report.errors[0]).toMatchObject({ line: 2, code: 'bad_kind' });
  });

  it('imports the XLSX fixture workbook, and names the bad rows of another', async () => {
    const before = await assetCount();
    const good = await uploadWithProgress(
      readFileSync(join(XLSX, 'good-register.xlsx')),
      'format=xlsx&fileName=good-register.xlsx',
    );
    expect(good.last.value).toMatchObject({ status: 'imported', format: 'xlsx', importedRows: 122, errors: [] });
    const bad = await upload(
      readFileSync(join(XLSX, 'bad-rows.xlsx')),
      technician,
      'format=xlsx&fileName=bad-rows.xlsx',
    );
    expect(bad.json.value).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(bad.json.value!.errors.map((e) => e.line)).toEqual([7, 12, 20, 25]);
    expect(await assetCount()).toBe(before + 122);
  });

  it('refuses with the same JSON errors when progress is asked for', async () => {
    const small = Buffer.from('id,kind,name\nx-1,streetlight,Đèn\n');
    const operator = await core.login('operator');
    expect(await upload(small, operator, undefined, NDJSON)).toMatchObject({
      status: 403,
      json: { error: { code: 'forbidden' } },
    });
    expect(await upload(small, null, undefined, NDJSON)).toMatchObject({ status: 401 });
    expect(await upload(small, technician, 'format=pdf&fileName=x.pdf', NDJSON)).toMatchObject({ status: 400 });
  });

  it('says clearly that the server cannot be reached, and imports nothing', async () => {
    await server.stop();
    serverStopped = true;
    const small = Buffer.from('id,kind,name\nws-off-1,streetlight,Đèn\n');
    for (const accept of ['application/json', NDJSON]) {
      const r = await upload(small, technician, undefined, accept);
      expect(r.status).toBe(503);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(JSON.stringify(r.json)).toMatch(/cannot be reached/);
    }
  });
});
