import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/contract/alerts';
import { cameraIdentity } from '../../src-shared/contract/camera-reports';
import type { AlarmPolicy } from '../../src-shared/contract/layouts';
import { openStore, type Store } from '../../src-main/services/store';
import { createLayoutsService, type LayoutsService } from '../../src-main/services/layouts';
import { alertFixture } from './alert-fixture';

const actor = { userId: 'u-operator' };
const AT = [105.63, 10.46] as const;
const facts = { manufacturer: 'HIKVISION', model: 'DS-2DE4425IW-DE', firmware: '', host: '127.0.0.1', port: 8080 };
// The camera that saw the motion (a PTZ dome at the place), and a fixed camera 100 m west looking at it.
const dome = { id: 'cam-dome', location: { lat: AT[1], lon: AT[0] }, headingDeg: null, fovDeg: null, ptz: true };
const cameras = [
  { ...dome, ...facts, serial: 'DS-2DE4425IW-DE20200101AAWR1', status: 'online' },
  {
    id: 'cam-east',
    location: { lat: 10.46, lon: 105.6291 },
    headingDeg: 90,
    fovDeg: 60,
    status: 'online',
    ...facts,
    serial: 'X2',
    port: 8081,
  },
];

function cameraAlert(id: string, type: string, sourceId: string, at: string): Alert {
  return alertFixture({
    id,
    dedupeKey: `camera|${type}|${sourceId}`,
    source: 'camera',
    sourceId,
    type,
    domain: 'cameras',
    severity: 'warning',
    firstSeenAt: at,
    lastSeenAt: at,
    value: null,
    threshold: null,
    unit: null,
    title: 'Camera phát hiện chuyển động: Chợ',
    subject: 'Chợ',
    location: { type: 'Point', coordinates: [AT[0], AT[1]] },
  });
}

const policy = (over: Partial<AlarmPolicy>): AlarmPolicy => ({
  enabled: true,
  slot: -1,
  revertSec: 60,
  kinds: ['motion', 'tamper'],
  cameraIds: null,
  alertMinSeverity: 'warning',
  ...over,
});

/**
 * A camera's motion pops it up on the wall at once (camera.event); the alert it becomes on the central server comes
 * back a moment later and must not pop the neighbourhood up on top of it (issue 6).
 */
describe('a camera alert on the wall', () => {
  let dir: string;
  let store: Store;
  let service: LayoutsService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-camera-alert-popup-'));
    store = openStore({ path: join(dir, 'ioc.sqlite') });
    service = createLayoutsService({
      store,
      publish: () => undefined,
      listCameras: () => Promise.resolve(cameras),
    });
    // screen-0 pops camera events up and alerts too; screen-1 only alerts.
    service.walls.setAlarmPolicy('screen-0', policy({}), actor);
    service.walls.setAlarmPolicy('screen-1', policy({ kinds: [] }), actor);
  });
  afterEach(async () => {
    service.dispose();
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const alarm = (displayId: string) => service.walls.get(displayId).alarm;
  const now = () => new Date().toISOString();
  const key = cameraIdentity(cameras[0]!);

  it('does not pop up again where the camera event already did; elsewhere the camera itself comes first', async () => {
    service.onCameraEvent({
      cameraId: 'cam-dome',
      kind: 'motion',
      topic: 'tns1:VideoSource/MotionAlarm',
      active: true,
      at: now(),
      source: {},
    });
    expect(alarm('screen-0')).toMatchObject({ cameraIds: ['cam-dome'], sources: [{ reason: 'camera.event' }] });
    expect(alarm('screen-1')).toBeNull();

    await service.onAlertChanged({ kind: 'raised', alert: cameraAlert('a1', 'camera.motion', key, now()) });
    expect(alarm('screen-0')).toMatchObject({ cameraIds: ['cam-dome'], sources: [{ reason: 'camera.event' }] });
    expect(alarm('screen-1')).toMatchObject({ cameraIds: ['cam-dome', 'cam-east'], sources: [{ reason: 'alert' }] });
    expect(alarm('screen-1')?.sources[0]?.cameraId).toBe('cam-dome');

    // A camera alert of a camera this workstation does not have pops up the cameras that see its place.
    for (const display of ['screen-0', 'screen-1']) service.walls.acknowledge(display, alarm(display)!.id, actor);
    await service.onAlertChanged({
      kind: 'raised',
      alert: cameraAlert('a2', 'camera.motion', 'onvif:axis/p1448-le/accc8e000001', now()),
    });
    for (const display of ['screen-0', 'screen-1']) {
      expect(alarm(display)).toMatchObject({
        cameraIds: ['cam-east', 'cam-dome'],
        sources: [{ reason: 'alert', cameraId: 'cam-east' }],
      });
    }
    // Offline is not a camera event: its alert pops up the cameras that see the place, as any alert's does.
    await service.onAlertChanged({ kind: 'raised', alert: cameraAlert('a3', 'camera.offline', 'cam-dome', now()) });
    expect(alarm('screen-0')?.sources).toMatchObject([{ reason: 'alert' }, { reason: 'alert', cameraId: 'cam-east' }]);
  });
});
