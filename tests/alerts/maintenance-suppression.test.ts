import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Alert, AlertPageSchema } from '../../src-shared/contract/alerts';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import { withAlertTables } from '../../src-server/alerts/tables';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, call, startAlertsServer } from './harness';

const HOUR = 3_600_000;

function signal(entityId: string, severity: AlertSignal['severity'] = 'critical'): AlertSignal {
  return {
    source: 'ngsi-ld',
    type: 'flood.level',
    entityId,
    domain: 'drainage',
    severity,
    active: true,
    value: 2.3,
    threshold: 2,
    unit: 'MTR',
    title: 'Mực nước vượt mức nguy hiểm',
    observedAt: new Date().toISOString(),
    location: null,
  };
}

/**
 * Maintenance suppression follows the window: an alert raised inside one is recorded but silent (no chime, no
 * pop-up), and is heard once the window ends or is removed, as `worsened`; an active alert a new window covers is
 * silenced at its next reading.
 */
describeOnEachDatabase('maintenance suppression', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer(dialect);
  });
  afterAll(async () => s?.stop());

  const windowFor = (id: string, sources: string[], from: number, to: number) =>
    call(`${s.url}/api/maintenance-windows`, {
      headers: { authorization: s.device },
      body: {
        actorUsername: 'technician',
        window: {
          id,
          label: 'Hiệu chuẩn cảm biến',
          sources,
          schedule: { kind: 'once', from: new Date(from).toISOString(), to: new Date(to).toISOString() },
        },
      },
    });
  const removeWindow = (id: string) =>
    call(`${s.url}/api/maintenance-windows/${id}`, {
      method: 'DELETE',
      headers: { authorization: s.device },
      body: { actorUsername: 'technician' },
    });
  const alertOf = async (entityId: string): Promise<Alert | undefined> =>
    AlertPageSchema.parse(
      (await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json,
    ).alerts.find((a) => a.sourceId === entityId && a.state === 'active');
  const submit = async (...signals: AlertSignal[]) => {
    s.server.alerts.engine.submit(signals);
    await s.server.alerts.engine.drain();
  };

  it('is heard again, as worsened, once its window is removed, without waiting for another reading', async () => {
    expect((await windowFor('w-gauge', ['urn:gauge-1'], Date.now() - HOUR, Date.now() + HOUR)).status).toBe(200);
    await submit(signal('urn:gauge-1'));
    expect(await alertOf('urn:gauge-1')).toMatchObject({ suppressed: true, lastChange: 'raised' });

    expect((await removeWindow('w-gauge')).status).toBe(200);
    const lifted = await alertOf('urn:gauge-1');
    expect(lifted).toMatchObject({ suppressed: false, lastChange: 'worsened', count: 1 });
    const history = await withAlertTables(s.server.database.db)
      .selectFrom('alert_events')
      .select(['kind', 'note'])
      .where('alert_id', '=', lifted!.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { kind: 'raised', note: null },
      { kind: 'worsened', note: 'maintenance ended' },
    ]);
  });

  it('is heard again once its window has ended, by the sweep, keeping an acknowledgement given', async () => {
    expect((await windowFor('w-short', ['urn:gauge-2'], Date.now() - HOUR, Date.now() + HOUR)).status).toBe(200);
    await submit(signal('urn:gauge-2'));
    const silenced = await alertOf('urn:gauge-2');
    expect(silenced).toMatchObject({ suppressed: true });
    const ack = await call(`${s.url}/api/alerts/${silenced!.id}/acknowledge`, {
      headers: { authorization: s.device },
      body: { actorUsername: 'operator', note: 'đang bảo trì' },
    });
    expect(ack.status).toBe(200);
    // The window is cut short: it has ended. Changing a window lifts nothing by itself; the sweep does.
    expect((await windowFor('w-short', ['urn:gauge-2'], Date.now() - HOUR, Date.now() - 1000)).status).toBe(200);
    await expect.poll(async () => (await alertOf('urn:gauge-2'))?.suppressed, { timeout: 15_000 }).toBe(false);
    expect(await alertOf('urn:gauge-2')).toMatchObject({ lastChange: 'worsened', acknowledged: true });
  });

  it('silences an active alert at its next reading once a window covers it, and only then', async () => {
    await submit(signal('urn:gauge-3', 'major'));
    expect(await alertOf('urn:gauge-3')).toMatchObject({ suppressed: false });
    expect((await windowFor('w-later', ['urn:gauge-3'], Date.now() - 1000, Date.now() + HOUR)).status).toBe(200);
    // The sweep does not silence (only a reading does), so the alert is as it was until the next one.
    expect(await alertOf('urn:gauge-3')).toMatchObject({ suppressed: false });
    await submit(signal('urn:gauge-3', 'major'));
    expect(await alertOf('urn:gauge-3')).toMatchObject({ suppressed: true, lastChange: 'updated', count: 2 });
  });
});
