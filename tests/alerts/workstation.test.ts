import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert, AlertSchema } from '../../src-shared/contract/alerts';
import { type TestCore, startTestCore } from '../integration/core-harness';
import { openSocket } from '../integration/ws-client';
import { type AlertsServer, call, ENROL_SECRET, floodGauge, ngsiHeaders, startAlertsServer } from './harness';

/** The workstation's core against a real central server: the alert mirror, the commands, the events. */
describe('alerts on the workstation', () => {
  let server: AlertsServer;
  let core: TestCore;
  let token: string;
  beforeAll(async () => {
    server = await startAlertsServer('sqlite');
    core = await startTestCore(['--server', server.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    token = await core.login('operator');
  });
  afterAll(async () => {
    await core?.stop();
    await server?.stop();
  });

  const gauge = (level: number) =>
    call(`${server.url}/ngsi-ld/v1/entityOperations/upsert`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify([floodGauge('ws-1', level, new Date().toISOString())]),
    });
  const list = async (filter: object = {}) => {
    const r = await core.rpc('alerts.list', { filter }, token);
    expect(r.status).toBe(200);
    return (r.json as { value: { alerts: Alert[]; link: { state: string } } }).value;
  };

  it('mirrors an alert raised on the server and pushes alert.changed to signed-in sockets', async () => {
    await expect.poll(async () => (await list()).link.state, { timeout: 20_000 }).toBe('connected');
    const socket = await openSocket(core.url, token);
    try {
      expect(await socket.next()).toMatchObject({ t: 'hello' });
      expect((await gauge(1.9)).status).toBe(201);
      let event: { t: string; event?: string; payload?: unknown };
      do event = (await socket.next()) as typeof event;
      while (event.event !== 'alert.changed');
      expect(event.payload).toMatchObject({ kind: 'raised', alert: { type: 'flood.level', severity: 'major' } });
    } finally {
      socket.socket.close();
    }
    const { alerts } = await list({ domains: ['drainage'] });
    expect(alerts).toHaveLength(1);
    expect(AlertSchema.parse(alerts[0])).toMatchObject({
      sourceId: 'urn:ngsi-ld:FloodMonitoring:ws-1',
      acknowledged: false,
    });
  });

  it('acknowledges with a note as the signed-in operator, once', async () => {
    const [alert] = (await list()).alerts;
    const r = await core.rpc('alerts.acknowledge', { id: alert!.id, note: 'Đã cử tổ thoát nước tới kiểm tra' }, token);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      ok: true,
      value: { acknowledged: false, ackPending: true, ackBy: 'operator', ackNote: 'Đã cử tổ thoát nước tới kiểm tra' },
    });
    const again = await core.rpc('alerts.acknowledge', { id: alert!.id, note: '' }, token);
    expect(again.status).toBe(409);
    // Recorded here at once, then through the sync outbox to the server, whose copy comes back acknowledged.
    await expect
      .poll(async () => (await list()).alerts.find((a) => a.id === alert!.id)?.ackPending ?? false, {
        timeout: 20_000,
      })
      .toBe(false);
    expect((await list()).alerts.find((a) => a.id === alert!.id)).toMatchObject({
      acknowledged: true,
      ackBy: 'operator',
      ackNote: 'Đã cử tổ thoát nước tới kiểm tra',
    });
    expect((await core.rpc('alerts.acknowledge', { id: alert!.id, note: '' }, token)).status).toBe(409);
  });

  it('escalates to a case in the case lifecycle, linked both ways, and refuses a second escalation', async () => {
    const [alert] = (await list()).alerts;
    const r = await core.rpc('alerts.escalate', { id: alert!.id }, token);
    expect(r.status).toBe(200);
    const value = (r.json as { value: { caseId: string; caseCode: string; alert: Alert } }).value;
    expect(value.caseCode).toMatch(/^DT-/);
    expect(value.alert).toMatchObject({ caseId: value.caseId, caseCode: value.caseCode });
    const stored = await server.server.database.db
      .selectFrom('cases')
      .select(['kind', 'channel', 'service_code', 'state', 'lat', 'long', 'attributes'])
      .where('id', '=', value.caseId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      kind: 'alert_incident',
      channel: 'alert',
      service_code: 'drainage',
      state: 'received',
      lat: 10.4598,
    });
    expect(JSON.parse(stored.attributes)).toMatchObject({ alert_id: alert!.id });
    const events = await server.server.database.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', value.caseId)
      .execute();
    expect(events).toHaveLength(1);
    expect((await core.rpc('alerts.escalate', { id: alert!.id }, token)).status).toBe(409);
  });

  it('refuses roles without the permission before anything reaches the server', async () => {
    const [alert] = (await list()).alerts;
    const director = await core.login('director');
    expect((await core.rpc('alerts.acknowledge', { id: alert!.id, note: '' }, director)).status).toBe(403);
    const technician = await core.login('technician');
    expect((await core.rpc('alerts.escalate', { id: alert!.id }, technician)).status).toBe(403);
  });

  it('clears in the mirror when the level falls', async () => {
    expect((await gauge(1.0)).status).toBe(204);
    await expect.poll(async () => (await list({ state: 'cleared' })).alerts.length, { timeout: 20_000 }).toBe(1);
    expect((await list()).alerts).toHaveLength(0);
  });
});
