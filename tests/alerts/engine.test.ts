import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlertPageSchema } from '../../src-shared/contract/alerts';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import { withAlertTables } from '../../src-server/alerts/tables';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, call, LD_CONTEXT, ngsiHeaders, startAlertsServer } from './harness';

const at = (s: number) => new Date(Date.UTC(2026, 5, 2, 1, 0, s)).toISOString();
function signal(
  entityId: string,
  active: boolean,
  second: number,
  severity: AlertSignal['severity'] = 'major',
): AlertSignal {
  return {
    source: 'test',
    type: 'flood.level',
    entityId,
    domain: 'drainage',
    severity,
    active,
    value: active ? 1.8 : 1.2,
    threshold: 1.5,
    unit: 'MTR',
    title: 'Mực nước',
    observedAt: at(second),
    location: null,
  };
}

describeOnEachDatabase('the alert engine', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());
  const rows = (entityId: string) =>
    withAlertTables(s.server.database.db)
      .selectFrom('alerts')
      .select(['state', 'count', 'acknowledged', 'severity', 'first_seen_at'])
      .where('source_id', '=', entityId)
      .orderBy('first_seen_at')
      .execute();

  it('raise, clear and raise again of one key in one batch: the first stays as history, one is active', async () => {
    const { engine } = s.server.alerts;
    engine.submit([signal('b-1', true, 0), signal('b-1', true, 1), signal('b-1', false, 2), signal('b-1', true, 3)]);
    await engine.drain();
    expect(await rows('b-1')).toEqual([
      { state: 'cleared', count: 2, acknowledged: 0, severity: 'major', first_seen_at: at(0) },
      { state: 'active', count: 1, acknowledged: 0, severity: 'major', first_seen_at: at(3) },
    ]);
  });

  it('keeps an operator’s acknowledgement through repeats, takes it back when the severity rises', async () => {
    const { engine } = s.server.alerts;
    engine.submit([signal('b-2', true, 0)]);
    await engine.drain();
    const page = AlertPageSchema.parse(
      (await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json,
    );
    const alert = page.alerts.find((a) => a.sourceId === 'b-2')!;
    const ack = await call(`${s.url}/api/alerts/${alert.id}/acknowledge`, {
      headers: { authorization: s.device },
      body: { actorUsername: 'operator', note: 'đang xử lý' },
    });
    expect(ack.status).toBe(200);
    engine.submit([signal('b-2', true, 1), signal('b-2', true, 2)]);
    await engine.drain();
    expect((await rows('b-2'))[0]).toMatchObject({ acknowledged: 1, count: 3 });
    engine.submit([signal('b-2', true, 3, 'critical')]);
    await engine.drain();
    expect((await rows('b-2'))[0]).toMatchObject({ acknowledged: 0, severity: 'critical', count: 4 });
  });

  it('a stale "fine" reading (older than the raise) does not clear, a reordered older raise does not reopen', async () => {
    const { engine } = s.server.alerts;
    engine.submit([signal('b-3', true, 10), signal('b-3', false, 5)]);
    await engine.drain();
    expect((await rows('b-3')).map((r) => r.state)).toEqual(['active']);
    engine.submit([signal('b-3', false, 20)]);
    await engine.drain();
    engine.submit([signal('b-3', true, 15)]);
    await engine.drain();
    expect((await rows('b-3')).map((r) => r.state)).toEqual(['cleared']);
  });

  it('takes a FIWARE Alert as an alert and clears it by itself when validTo passes', async () => {
    const now = Date.now();
    const entity = {
      '@context': LD_CONTEXT,
      id: `urn:ngsi-ld:Alert:fire-${dialect}`,
      type: 'Alert',
      category: { type: 'Property', value: 'security' },
      subCategory: { type: 'Property', value: 'buildingFire' },
      severity: { type: 'Property', value: 'critical' },
      alertSource: { type: 'Relationship', object: `urn:ngsi-ld:Device:smoke-${dialect}` },
      dateIssued: { type: 'Property', value: { '@type': 'DateTime', '@value': new Date(now).toISOString() } },
      validTo: { type: 'Property', value: { '@type': 'DateTime', '@value': new Date(now + 1500).toISOString() } },
      description: { type: 'Property', value: 'Cháy nhà dân đường Lê Lợi' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [105.634, 10.458] } },
    };
    const r = await call(`${s.url}/ngsi-ld/v1/entities`, { headers: ngsiHeaders(), raw: JSON.stringify(entity) });
    expect(r.status).toBe(201);
    await s.server.alerts.pipeline.drain();
    const find = async () =>
      AlertPageSchema.parse(
        (await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json,
      ).alerts.find((a) => a.sourceId === `urn:ngsi-ld:Device:smoke-${dialect}`);
    expect(await find()).toMatchObject({
      type: 'alert.security.buildingfire',
      severity: 'critical',
      domain: 'security',
      state: 'active',
    });
    await expect.poll(async () => (await find())?.clearReason, { timeout: 10_000 }).toBe('expired');
  });
});
