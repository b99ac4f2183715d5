import { afterAll, beforeAll, expect, it } from 'vitest';
import { AssetsReplySchema } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, call, floodGauge, ngsiHeaders, startAlertsServer } from './harness';

interface ImportReply {
  import: {
    id: string;
    status: string;
    totalRows: number;
    processedRows: number;
    importedRows: number;
    errors: { line: number; message: string }[];
  };
}

describeOnEachDatabase('asset register import', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());

  const upload = (body: string, format: 'csv' | 'geojson', actor = 'technician') =>
    call(`${s.url}/api/assets/import?format=${format}&fileName=so-dang-ky.${format}`, {
      method: 'POST',
      headers: {
        authorization: s.device,
        'content-type': format === 'csv' ? 'text/csv' : 'application/geo+json',
        'x-ioc-actor': actor,
      },
      raw: body,
    });
  const follow = async (id: string) => {
    let reply: ImportReply;
    do {
      reply = (await call(`${s.url}/api/assets/imports/${id}`, { headers: { authorization: s.device } }))
        .json as ImportReply;
    } while (reply.import.status === 'validating' || reply.import.status === 'writing');
    return reply.import;
  };
  const count = async () =>
    Number(
      (
        await withAlertTables(s.server.database.db)
          .selectFrom('assets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports nothing from a file with bad rows, and names each bad line', async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `sl-${i},streetlight,Đèn số ${i},10.${4500 + i},105.63,Phường ${i % 5}`,
    );
    rows[700] = 'sl-700,streetlight,Đèn số 700,abc,105.63,';
    rows[1100] = 'sl-1100,lamp,Đèn,10.4,105.6,';
    const before = await count();
    const started = await upload(['id,kind,name,lat,lon,ward', ...rows].join('\n'), 'csv');
    expect(started.status).toBe(202);
    const done = await follow((started.json as ImportReply).import.id);
    expect(done).toMatchObject({ status: 'rejected', totalRows: 1200, importedRows: 0 });
    expect(done.errors.map((e) => e.line)).toEqual([702, 1102]);
    expect(await count()).toBe(before);
  });

  it('imports a clean register whole, with progress to the last row, and keeps live readings of known assets', async () => {
    const gauge = await call(`${s.url}/ngsi-ld/v1/entityOperations/upsert`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify([floodGauge('imp-1', 1.1, new Date().toISOString())]),
    });
    expect(gauge.status).toBe(201);
    await s.server.alerts.pipeline.drain();
    const rows = [
      'id,kind,name,lat,lon,ward',
      'urn:ngsi-ld:FloodMonitoring:imp-1,flood_gauge,Trạm đo Nguyễn Huệ,10.4601,105.6322,Phường 1',
      ...Array.from({ length: 999 }, (_, i) => `wc-${i},waste_container,Thùng rác ${i},10.45,105.62,`),
    ];
    const started = await upload(rows.join('\r\n'), 'csv');
    const done = await follow((started.json as ImportReply).import.id);
    expect(done).toMatchObject({
      status: 'imported',
      totalRows: 1000,
      processedRows: 1000,
      importedRows: 1000,
      errors: [],
    });
    const assets = AssetsReplySchema.parse(
      (await call(`${s.url}/api/assets`, { headers: { authorization: s.device } })).json,
    ).assets;
    const imported = assets.find((a) => a.id === 'urn:ngsi-ld:FloodMonitoring:imp-1')!;
    expect(imported).toMatchObject({ name: 'Trạm đo Nguyễn Huệ', ward: 'Phường 1', observed: { currentLevel: 1.1 } });
    expect(assets.filter((a) => a.kind === 'waste_container')).toHaveLength(999);
  });

  it('takes GeoJSON, and refuses a user without the permission', async () => {
    const fc = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'ap-9',
          geometry: { type: 'Point', coordinates: [105.633, 10.458] },
          properties: { kind: 'wifi_ap', name: 'Wi-Fi Văn Miếu' },
        },
      ],
    });
    expect((await upload(fc, 'geojson', 'operator')).status).toBe(403);
    const started = await upload(fc, 'geojson');
    expect(await follow((started.json as ImportReply).import.id)).toMatchObject({
      status: 'imported',
      importedRows: 1,
    });
  });
});
