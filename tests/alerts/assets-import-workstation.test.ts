import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssetImportReport, MAX_ASSET_IMPORT_BYTES } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { type TestCore, startTestCore } from '../integration/core-harness';
import { type AlertsServer, ENROL_SECRET, startAlertsServer } from './harness';

const XLSX = join(__dirname, '..', 'fixtures', 'xlsx');

/** `assets.import` on the workstation: the file goes to a real central server, the server's report comes back. */
describe('asset register import from the workstation', () => {
  let server: AlertsServer;
  let serverStopped = false;
  let core: TestCore;
  let technician: string;
  beforeAll(async () => {
    server = await startAlertsServer('sqlite');
    core = await startTestCore(['--server', server.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    technician = await core.login('technician');
  });
  afterAll(async () => {
    await core?.stop();
    if (!serverStopped) await server?.stop();
  });

  const importFile = (format: 'csv' | 'xlsx' | 'geojson', fileName: string, file: Buffer, token = technician) =>
    core.rpc('assets.import', { format, fileName, contentBase64: file.toString('base64') }, token);
  const report = (r: { status: number; json: unknown }) => {
    expect(r.status).toBe(200);
    return (r.json as { value: AssetImportReport }).value;
  };
  const assetIds = async () =>
    (await withAlertTables(server.server.database.db).selectFrom('assets').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );

  it('reaches the central server as an enrolled workstation', async () => {
    await expect
      .poll(
        async () =>
          ((await core.rpc('alerts.list', { filter: {} }, technician)).json as { value: { link: { state: string } } })
            .value.link.state,
        { timeout: 20_000 },
      )
      .toBe('connected');
  });

  it('imports a clean CSV register whole and reports the count', async () => {
    const csv = [
      'id,kind,name,lat,lon,ward',
      'ws-den-1,streetlight,Đèn Nguyễn Huệ 1,10.4601,105.6322,Phường 1',
      'ws-den-2,streetlight,Đèn Nguyễn Huệ 2,10.4602,105.6323,Phường 1',
      'ws-thung-1,waste_container,Thùng rác chợ,10.45,105.62,',
    ].join('\r\n');
    const value = report(await importFile('csv', 'den-duong.csv', Buffer.from(csv)));
    expect(value).toMatchObject({ status: 'imported', format: 'csv', totalRows: 3, importedRows: 3, errors: [] });
    expect(await assetIds()).toEqual(expect.arrayContaining(['ws-den-1', 'ws-den-2', 'ws-thung-1']));
  });

  it('imports the XLSX fixture workbook', async () => {
    const before = (await assetIds()).length;
    const value = report(
      await importFile('xlsx', 'good-register.xlsx', readFileSync(join(XLSX, 'good-register.xlsx'))),
    );
    expect(value).toMatchObject({ status: 'imported', importedRows: 122, errors: [] });
    expect((await assetIds()).length).toBe(before + 122);
  });

  it('imports nothing from files with bad rows and names each bad line', async () => {
    const before = await assetIds();
    const csv = [
      'id,kind,name,lat,lon,ward',
      'ws-x-1,streetlight,Đèn 1,10.46,105.63,',
      'ws-x-2,lamp,Đèn 2,10.46,105.63,',
      'ws-x-3,streetlight,Đèn 3,abc,105.63,',
      'ws-x-4,streetlight,Đèn 4,10.46,105.63,',
    ].join('\n');
    const value = report(await importFile('csv', 'hong.csv', Buffer.from(csv)));
    expect(value).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(value.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(value.errors[0]!.message).toMatch(/kind/);

    const xlsx = report(await importFile('xlsx', 'bad-rows.xlsx', readFileSync(join(XLSX, 'bad-rows.xlsx'))));
    expect(xlsx).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(xlsx.errors.map((e) => e.line)).toEqual([7, 12, 20, 25]);
    expect(await assetIds()).toEqual(before);
  });

  it('refuses a user without assets.import, and input that is not a bounded base64 file', async () => {
    const before = await assetIds();
    const operator = await core.login('operator');
    const csv = Buffer.from('id,kind,name\nws-op-1,streetlight,Đèn\n');
    expect((await importFile('csv', 'x.csv', csv, operator)).status).toBe(403);
    expect(
      (await core.rpc('assets.import', { format: 'csv', fileName: 'x.csv', contentBase64: '%%%' }, technician)).status,
    ).toBe(400);
    const tooBig = Buffer.alloc(MAX_ASSET_IMPORT_BYTES + 3, 0x41);
    expect((await importFile('csv', 'big.csv', tooBig)).status).toBe(400);
    expect(await assetIds()).toEqual(before);
  });

  it('says clearly that the server cannot be reached, and imports nothing', async () => {
    await server.stop();
    serverStopped = true;
    const r = await importFile('csv', 'x.csv', Buffer.from('id,kind,name\nws-off-1,streetlight,Đèn\n'));
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify(r.json)).toMatch(/cannot be reached/);
  });
});
