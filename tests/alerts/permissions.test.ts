import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, type Permission, ROLES } from '../../src-shared/contract/roles';
import { type TestCore, startTestCore } from '../integration/core-harness';
import { type AlertsServer, call, ENROL_SECRET, floodGauge, ngsiHeaders, startAlertsServer } from './harness';

const grantsOf = (permission: Permission) => ROLES.filter((role) => hasPermission([role], permission));

describe('alert permissions: the grant table', () => {
  it('operators read, acknowledge and escalate; technicians import assets and plan maintenance; managers read', () => {
    expect(grantsOf('alerts.read')).toEqual(['operator', 'technician', 'it_admin', 'director']);
    expect(grantsOf('alerts.acknowledge')).toEqual(['operator']);
    expect(grantsOf('alerts.escalate')).toEqual(['operator']);
    expect(grantsOf('assets.import')).toEqual(['technician', 'it_admin']);
    expect(grantsOf('maintenance.manage')).toEqual(['technician', 'it_admin']);
    // Escalating opens a case: nobody may escalate who may not write cases.
    for (const role of grantsOf('alerts.escalate')) expect(hasPermission([role], 'cases.write')).toBe(true);
  });
});

/** Each route and command checks its own permission, on the central server and on the workstation. */
describe('alert permissions: refusals', () => {
  let s: AlertsServer;
  let core: TestCore;
  let alertId: string;
  beforeAll(async () => {
    s = await startAlertsServer('sqlite');
    core = await startTestCore(['--server', s.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    const raised = await call(`${s.url}/ngsi-ld/v1/entityOperations/upsert`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify([floodGauge('perm-1', 1.9, new Date().toISOString())]),
    });
    expect(raised.status).toBe(201);
    await s.server.alerts.pipeline.drain();
    const page = await call(`${s.url}/api/alerts`, { headers: { authorization: s.device } });
    alertId = (page.json as { alerts: { id: string }[] }).alerts[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await core?.stop();
    await s?.stop();
  });

  const post = (path: string, body: object) => call(`${s.url}${path}`, { headers: { authorization: s.device }, body });

  it('acknowledge and escalate on the server: only roles with the permission', async () => {
    expect((await post(`/api/alerts/${alertId}/acknowledge`, { actorUsername: 'technician' })).status).toBe(403);
    expect((await post(`/api/alerts/${alertId}/escalate`, { actorUsername: 'director' })).status).toBe(403);
    const refused = await post(`/api/alerts/${alertId}/escalate`, { actorUsername: 'police' });
    expect(refused.json).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/alerts\.escalate/) as unknown },
    });
    expect((await post(`/api/alerts/${alertId}/acknowledge`, { actorUsername: 'operator' })).status).toBe(200);
  });

  it('maintenance windows: technicians and IT officers, not operators or directors', async () => {
    const now = Date.now();
    const window = (id: string) => ({
      id,
      label: 'Thay đèn',
      sources: ['urn:ngsi-ld:Streetlight:sl-1'],
      schedule: { kind: 'once', from: new Date(now).toISOString(), to: new Date(now + 3_600_000).toISOString() },
    });
    expect((await post('/api/maintenance-windows', { actorUsername: 'operator', window: window('w1') })).status).toBe(
      403,
    );
    expect((await post('/api/maintenance-windows', { actorUsername: 'director', window: window('w1') })).status).toBe(
      403,
    );
    expect((await post('/api/maintenance-windows', { actorUsername: 'technician', window: window('w1') })).status).toBe(
      200,
    );
    const remove = (actorUsername: string) =>
      call(`${s.url}/api/maintenance-windows/w1`, {
        method: 'DELETE',
        headers: { authorization: s.device },
        body: { actorUsername },
      });
    expect((await remove('operator')).status).toBe(403);
    expect((await remove('it_admin')).status).toBe(200);
  });

  it('asset import: technicians and IT officers, not directors or police', async () => {
    const upload = (actor: string) =>
      call(`${s.url}/api/assets/import?format=csv&fileName=perm.csv`, {
        method: 'POST',
        headers: { authorization: s.device, 'content-type': 'text/csv', 'x-ioc-actor': actor },
        raw: 'id,kind,name\nperm-sl-1,streetlight,Đèn 1\n',
      });
    expect((await upload('director')).status).toBe(403);
    expect((await upload('police')).status).toBe(403);
    const started = await upload('it_admin');
    expect(started.status).toBe(202);
    const id = (started.json as { import: { id: string } }).import.id;
    await expect
      .poll(async () => {
        const r = await call(`${s.url}/api/assets/imports/${id}`, { headers: { authorization: s.device } });
        return (r.json as { import: { status: string } }).import.status;
      })
      .toBe('imported');
  });

  it('on the workstation: police may not list alerts or assets; a director may list but not act', async () => {
    const police = await core.login('police');
    expect((await core.rpc('alerts.list', { filter: {} }, police)).status).toBe(403);
    expect((await core.rpc('alerts.assets', {}, police)).status).toBe(403);
    const director = await core.login('director');
    expect((await core.rpc('alerts.list', { filter: {} }, director)).status).toBe(200);
    expect((await core.rpc('alerts.escalate', { id: alertId }, director)).status).toBe(403);
  });
});
