import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertPageReply,
  AlertPageSchema,
  SystemsBoardReplySchema,
  type SystemMonitor,
} from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import {
  type GovSystems,
  type Heartbeat,
  opensslAvailable,
  startGovSystems,
  startHeartbeat,
} from '../../sim/gov-systems';
import { makeTempDir } from '../integration/tmp-dir';
import { type AlertsServer, call, startAlertsServer } from './harness';

const INTERVAL_S = 1;
const DOWN_AFTER = 2;

/** Uptime probes against the simulated government systems, with 1-second checks. */
describe('uptime probes of the shared government software', () => {
  const temp = makeTempDir('ioc-gov-');
  let gov: GovSystems;
  let s: AlertsServer;
  let heartbeat: Heartbeat;
  beforeAll(async () => {
    gov = await startGovSystems({ dir: temp.dir });
    const file = join(temp.dir, 'monitors.json');
    writeFileSync(file, JSON.stringify(gov.monitors({ intervalS: INTERVAL_S, downAfter: DOWN_AFTER })));
    s = await startAlertsServer('sqlite', { env: { IOC_MONITORS_FILE: file } });
    heartbeat = startHeartbeat(s.url, gov.heartbeatToken, 400);
  });
  afterAll(async () => {
    heartbeat?.dispose();
    await s?.stop();
    await gov?.dispose();
    temp.remove();
  });

  const board = async () => {
    const r = await call(`${s.url}/api/systems`, { headers: { authorization: s.device } });
    expect(r.status).toBe(200);
    return SystemsBoardReplySchema.parse(r.json).board;
  };
  const monitor = async (id: string): Promise<SystemMonitor> => (await board()).monitors.find((m) => m.id === id)!;
  const activeAlerts = async (): Promise<AlertPageReply['alerts']> => {
    await s.server.alerts.engine.drain();
    const page = AlertPageSchema.parse(
      (await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json,
    );
    return page.alerts.filter((a) => a.state === 'active');
  };
  const results = (id: string, after: string) =>
    withAlertTables(s.server.database.db)
      .selectFrom('probe_results')
      .select(['at', 'status'])
      .where('monitor_id', '=', id)
      .where('at', '>', after)
      .orderBy('id')
      .execute();

  it('brings every system up, with response times and the HTTPS certificates read', async () => {
    await expect
      .poll(async () => (await board()).monitors.map((m) => `${m.id}:${m.status}`).sort(), { timeout: 15_000 })
      .toEqual(['dvc:up', 'idesk:up', 'mail:up', 'vc-heartbeat:up', 'web:up']);
    const dvc = await monitor('dvc');
    expect(dvc.lastResponseMs).toBeGreaterThan(0);
    expect(dvc.uptime.day).toBe(100);
    expect(dvc.responseTimes.length).toBeGreaterThan(0);
    if (opensslAvailable()) {
      expect(dvc.certDaysLeft).toBeGreaterThan(300);
      expect((await monitor('web')).certDaysLeft).toBeLessThanOrEqual(5);
    }
  });

  it('raises a certificate alert for the website whose certificate expires in 5 days', async () => {
    if (!opensslAvailable()) return console.warn('openssl missing: the TLS arm is skipped');
    await expect
      .poll(
        async () =>
          (await activeAlerts()).find((a) => a.sourceId === 'web' && a.type === 'svc.cert_expiring')?.severity,
        {
          timeout: 10_000,
        },
      )
      .toBe('major');
  });

  it('shows a system down on the second failed check after it went down (two check intervals), then back up', async () => {
    const before = new Date().toISOString();
    await gov.systems.dvc.set('down');
    await expect.poll(async () => (await monitor('dvc')).status, { timeout: 15_000 }).toBe('down');
    const seen = await results('dvc', before);
    // The first check after the outage is PENDING (the flapping guard), the second is DOWN.
    const firstDown = seen.findIndex((r) => r.status === 'down');
    expect(seen.slice(0, firstDown).every((r) => r.status === 'pending' || r.status === 'up')).toBe(true);
    expect(seen.slice(0, firstDown).filter((r) => r.status === 'pending')).toHaveLength(DOWN_AFTER - 1);
    const b = await board();
    expect(b.incidents.find((i) => i.monitorId === 'dvc' && i.endedAt === null)?.cause).toBe('HTTP 503');
    expect((await activeAlerts()).find((a) => a.sourceId === 'dvc' && a.type === 'svc.down')).toMatchObject({
      domain: 'gov_systems',
      severity: 'critical',
    });
    await gov.systems.dvc.set('up');
    await expect.poll(async () => (await monitor('dvc')).status, { timeout: 15_000 }).toBe('up');
    expect((await board()).incidents.find((i) => i.monitorId === 'dvc')?.endedAt).not.toBeNull();
    expect((await activeAlerts()).some((a) => a.sourceId === 'dvc' && a.type === 'svc.down')).toBe(false);
    expect((await monitor('dvc')).uptime.day).toBeLessThan(100);
  });

  it('sees a refused TCP port, a slow portal and a silent heartbeat', async () => {
    await gov.systems.mail.set('down');
    await gov.systems.web.set('slow');
    heartbeat.pause();
    await expect.poll(async () => (await monitor('mail')).status, { timeout: 15_000 }).toBe('down');
    await expect.poll(async () => (await monitor('vc-heartbeat')).status, { timeout: 15_000 }).toBe('down');
    await expect
      .poll(async () => (await activeAlerts()).some((a) => a.sourceId === 'web' && a.type === 'svc.slow'), {
        timeout: 15_000,
      })
      .toBe(true);
    await gov.systems.mail.set('up');
    await gov.systems.web.set('up');
    heartbeat.resume();
    await expect.poll(async () => (await monitor('mail')).status, { timeout: 15_000 }).toBe('up');
    await expect.poll(async () => (await monitor('vc-heartbeat')).status, { timeout: 15_000 }).toBe('up');
  });

  it('inside a maintenance window: MAINTENANCE, no alert, and not counted against uptime', async () => {
    const now = Date.now();
    const window = {
      id: 'idesk-upgrade',
      label: 'Nâng cấp iDesk',
      sources: ['idesk'],
      schedule: { kind: 'once', from: new Date(now - 1000).toISOString(), to: new Date(now + 3_600_000).toISOString() },
    };
    const added = await call(`${s.url}/api/maintenance-windows`, {
      headers: { authorization: s.device },
      body: { actorUsername: 'it_admin', window },
    });
    expect(added.status).toBe(200);
    const refused = await call(`${s.url}/api/maintenance-windows`, {
      headers: { authorization: s.device },
      body: { actorUsername: 'operator', window },
    });
    expect(refused.status).toBe(403);
    await gov.systems.idesk.set('down');
    await expect.poll(async () => (await monitor('idesk')).status, { timeout: 15_000 }).toBe('maintenance');
    await new Promise((r) => setTimeout(r, (DOWN_AFTER + 1) * INTERVAL_S * 1000));
    expect((await monitor('idesk')).status).toBe('maintenance');
    expect((await activeAlerts()).some((a) => a.sourceId === 'idesk')).toBe(false);
    expect((await monitor('idesk')).uptime.day).toBe(100);
    await gov.systems.idesk.set('up');
  });

  it('refuses the board without an enrolled workstation, and unknown heartbeat tokens', async () => {
    expect((await call(`${s.url}/api/systems`)).status).toBe(401);
    expect(
      (
        await call(`${s.url}/api/heartbeat`, {
          method: 'POST',
          headers: { authorization: 'Bearer not-a-real-token-123456' },
        })
      ).status,
    ).toBe(404);
  });
});
