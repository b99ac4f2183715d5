import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSET_IMPORT_PATH,
  type AssetImportReport,
  MAX_ASSET_IMPORT_BYTES,
  MAX_ASSET_UPLOAD_BYTES,
} from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { type TestCore, startTestCore } from '../integration/core-harness';
import { type AlertsServer, ENROL_SECRET, startAlertsServer } from './harness';

/** A register larger than the contract command could carry: `rows` street lights, one per line. */
function bigRegister(rows: number, prefix: string): Buffer {
  const lines = ['id,kind,name,lat,lon,ward'];
  for (let i = 0; i < rows; i++)
    lines.push(`${prefix}-${i},streetlight,Đèn chiếu sáng đường Nguyễn Huệ số ${i},10.46,105.63,Phường 1`);
  return Buffer.from(lines.join('\n'));
}

/** `POST /api/assets/import` on the workstation core: the raw file goes to a real central server. */
describe('the core’s asset register upload route', () => {
  let server: AlertsServer;
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
    await server?.stop();
  });

  const upload = async (body: Buffer, token: string | null, query = 'format=csv&fileName=den-duong.csv') => {
    const res = await fetch(`${core.url}${ASSET_IMPORT_PATH}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; value?: AssetImportReport } };
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
    expect(file.length).toBeGreaterThan(MAX_ASSET_IMPORT_BYTES);
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
});
