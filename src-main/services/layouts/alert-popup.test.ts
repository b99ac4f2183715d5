import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert, AlertEventKind } from '../../../src-shared/contract/alerts';
import { alertFixture } from '../../../tests/alerts/alert-fixture';
import { openStore, type Store } from '../store';
import { createLayoutsService, type LayoutsService } from './service';

const actor = { userId: 'u-operator' };
// Looking east from 100 m west of the alerts below: they are in its view.
const cameras = [
  { id: 'cam-east', location: { lat: 10.46, lon: 105.6291 }, headingDeg: 90, fovDeg: 60, status: 'online' },
];

function criticalAlert(id: string, at: string): Alert {
  return alertFixture({
    id,
    dedupeKey: `flood:${id}`,
    sourceId: `urn:ngsi-ld:FloodMonitoring:${id}`,
    severity: 'critical',
    firstSeenAt: at,
    lastSeenAt: at,
    value: 0.62,
    threshold: 0.5,
    unit: 'm',
    title: 'Ngập sâu đường Lê Lợi',
    location: { type: 'Point', coordinates: [105.63, 10.46] },
  });
}

/** A new critical alert with a place pops its cameras up on the wall; it reverts on time or once acknowledged. */
describe('critical alerts on the wall', () => {
  let dir: string;
  let store: Store;
  let service: LayoutsService;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2025-07-01T02:00:00Z'));
    dir = mkdtempSync(join(tmpdir(), 'ioc-alert-popup-'));
    store = openStore({ path: join(dir, 'ioc.sqlite') });
    let n = 0;
    service = createLayoutsService({
      store,
      publish: () => undefined,
      now: () => new Date(Date.now()),
      newId: () => `id-${++n}`,
      listCameras: () => Promise.resolve(cameras),
    });
    service.walls.setAlarmPolicy(
      'screen-0',
      { enabled: true, slot: -1, revertSec: 60, kinds: ['motion'], cameraIds: null, alertMinSeverity: 'critical' },
      actor,
    );
  });
  afterEach(async () => {
    service.dispose();
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
    vi.useRealTimers();
  });

  const now = () => new Date(Date.now()).toISOString();
  const change = (kind: AlertEventKind, alert: Alert) =>
    service.onAlertChanged({ kind, alert: { ...alert, lastChange: kind } });
  const alarm = () => service.walls.get('screen-0').alarm;

  it('reverts after the display’s revert time', async () => {
    await change('raised', criticalAlert('a1', now()));
    expect(alarm()).toMatchObject({ cameraIds: ['cam-east'], sources: [{ reason: 'alert' }] });
    vi.advanceTimersByTime(59_000);
    expect(alarm()).not.toBeNull();
    vi.advanceTimersByTime(1_001);
    expect(alarm()).toBeNull();
  });

  it('reverts at once when the alert is acknowledged, or clears', async () => {
    const a1 = criticalAlert('a1', now());
    await change('raised', a1);
    expect(alarm()).not.toBeNull();
    await change('acknowledged', { ...a1, acknowledged: true, ackBy: 'operator', ackAt: now() });
    expect(alarm()).toBeNull();

    const a2 = criticalAlert('a2', now());
    await change('raised', a2);
    await change('repeated', a2);
    expect(alarm()).not.toBeNull();
    await change('cleared', { ...a2, state: 'cleared', clearedAt: now(), clearReason: 'auto' });
    expect(alarm()).toBeNull();
  });

  it('stays while another alert or a camera event still holds the pop-up', async () => {
    const a1 = criticalAlert('a1', now());
    const a2 = criticalAlert('a2', now());
    await change('raised', a1);
    await change('raised', a2);
    await change('acknowledged', { ...a1, acknowledged: true });
    expect(alarm()?.sources).toHaveLength(2);
    await change('acknowledged', { ...a2, acknowledged: true });
    expect(alarm()).toBeNull();

    await change('raised', a1);
    service.onCameraEvent({
      cameraId: 'cam-east',
      kind: 'motion',
      topic: 'tns1:VideoSource/MotionAlarm',
      active: true,
      at: now(),
      source: {},
    });
    await change('acknowledged', { ...a1, acknowledged: true });
    expect(alarm()).not.toBeNull();
  });

  it('ignores a second acknowledgement and alerts it never showed', async () => {
    await change('raised', criticalAlert('a1', now()));
    await change('acknowledged', { ...criticalAlert('other', now()), acknowledged: true });
    expect(alarm()).not.toBeNull();
  });
});
