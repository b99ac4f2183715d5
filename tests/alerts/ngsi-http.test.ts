import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlertPageSchema } from '../../src-shared/contract/alerts';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, call, floodGauge, LD_CONTEXT, ngsiHeaders, startAlertsServer } from './harness';

describeOnEachDatabase('NGSI-LD over HTTP raises and clears alerts', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());

  const upsert = (entities: unknown[]) =>
    call(`${s.url}/ngsi-ld/v1/entityOperations/upsert`, { headers: ngsiHeaders(), raw: JSON.stringify(entities) });
  const alerts = async (since = 0) => {
    const reply = await call(`${s.url}/api/alerts?since=${since}`, { headers: { authorization: s.device } });
    expect(reply.status).toBe(200);
    return AlertPageSchema.parse(reply.json);
  };

  it('creates an entity (201, Location) and refuses to create it twice (409 AlreadyExists)', async () => {
    const gauge = { '@context': LD_CONTEXT, ...floodGauge('tx-1', 0.8, '2026-06-01T03:00:00Z') };
    const first = await call(`${s.url}/ngsi-ld/v1/entities`, { headers: ngsiHeaders(), raw: JSON.stringify(gauge) });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/ngsi-ld/v1/entities/urn%3Angsi-ld%3AFloodMonitoring%3Atx-1');
    const again = await call(`${s.url}/ngsi-ld/v1/entities`, { headers: ngsiHeaders(), raw: JSON.stringify(gauge) });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json).toMatchObject({ type: 'https://uri.etsi.org/ngsi-ld/errors/AlreadyExists', status: 409 });
  });

  it('raises one alert when a gauge crosses its alert level, counts repeats, escalates severity, clears', async () => {
    const id = 'tx-2';
    const at = (m: number) => new Date(Date.UTC(2026, 5, 1, 4, m)).toISOString();
    const send = async (level: number, minute: number) => {
      const r = await upsert([{ '@context': LD_CONTEXT, ...floodGauge(id, level, at(minute)) }]);
      expect([201, 204]).toContain(r.status);
      await s.server.alerts.pipeline.drain();
    };
    const before = await alerts();
    await send(1.2, 0);
    await send(1.6, 1);
    await send(1.7, 2);
    let page = await alerts(before.cursor);
    let alert = page.alerts.find((a) => a.sourceId === `urn:ngsi-ld:FloodMonitoring:${id}`)!;
    expect(alert).toMatchObject({
      type: 'flood.level',
      domain: 'drainage',
      severity: 'major',
      state: 'active',
      count: 2,
      value: 1.7,
      threshold: 1.5,
      unit: 'MTR',
      firstSeenAt: at(1),
      lastSeenAt: at(2),
      location: { type: 'Point', coordinates: [105.6321, 10.4598] },
    });
    await send(2.3, 3);
    page = await alerts(page.cursor);
    alert = page.alerts.find((a) => a.id === alert.id)!;
    expect(alert).toMatchObject({ severity: 'critical', count: 3, lastChange: 'worsened' });
    await send(1.47, 4); // inside the hysteresis band: still active
    await send(1.2, 5);
    page = await alerts(page.cursor);
    expect(page.alerts.find((a) => a.id === alert.id)).toMatchObject({
      state: 'cleared',
      clearReason: 'auto',
      clearedAt: at(5),
    });
    const rows = await s.server.database.db
      .withTables<{ alerts: { source_id: string } }>()
      .selectFrom('alerts')
      .select('source_id')
      .where('source_id', '=', `urn:ngsi-ld:FloodMonitoring:${id}`)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('answers a batch with 207 naming each refused entity, and stores the good ones', async () => {
    const good = { '@context': LD_CONTEXT, ...floodGauge('tx-3', 1.9, '2026-06-01T05:00:00Z') };
    const noId = { '@context': LD_CONTEXT, type: 'FloodMonitoring' };
    const wrongUnit = {
      '@context': LD_CONTEXT,
      ...floodGauge('tx-4', 20, '2026-06-01T05:00:00Z'),
      currentLevel: { type: 'Property', value: 20, unitCode: 'CEL' },
    };
    const r = await upsert([good, noId, wrongUnit]);
    expect(r.status).toBe(207);
    expect(r.json).toMatchObject({
      success: ['urn:ngsi-ld:FloodMonitoring:tx-3'],
      errors: [
        { entityId: '', error: { type: 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData', status: 400 } },
        { entityId: 'urn:ngsi-ld:FloodMonitoring:tx-4', error: { detail: expect.stringContaining('CEL') } },
      ],
    });
  });

  it('long-polls: a waiting GET /api/alerts answers as soon as an alert changes', async () => {
    await s.server.alerts.pipeline.drain();
    const { cursor } = await alerts();
    const waiting = call(`${s.url}/api/alerts?since=${cursor}&wait=20`, { headers: { authorization: s.device } });
    await new Promise((r) => setTimeout(r, 100));
    await upsert([{ '@context': LD_CONTEXT, ...floodGauge('tx-5', 1.8, new Date().toISOString()) }]);
    const reply = await waiting;
    const page = AlertPageSchema.parse(reply.json);
    expect(page.alerts.map((a) => a.sourceId)).toContain('urn:ngsi-ld:FloodMonitoring:tx-5');
  });

  it('refuses the alert API without an enrolled device', async () => {
    expect((await call(`${s.url}/api/alerts`)).status).toBe(401);
    expect(
      (
        await call(`${s.url}/api/alerts`, {
          headers: { authorization: 'Bearer nobody123.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
        })
      ).status,
    ).toBe(401);
  });
});
