import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerLink } from '../../src-main/services/alerts';
import { type Alert, AlertPageSchema } from '../../src-shared/contract/alerts';
import { CAMERA_REPORTS_PATH } from '../../src-shared/contract/camera-reports';
import { makeTempDir } from '../integration/tmp-dir';
import { type AlertsServer, call, startAlertsServer } from './harness';
import { type ReplyDroppingProxy, startReplyDroppingProxy } from './reply-dropping-proxy';
import { type TestReporter, testReporter } from './test-reporter';

const PLACE = { lat: 10.4598, lon: 105.6321 };

/**
 * The workstation's camera reports while the central server cannot be reached: kept on disk, through a restart,
 * bounded when a camera chatters, and delivered once the link is back.
 */
let server: AlertsServer;
let proxy: ReplyDroppingProxy;
const temp = makeTempDir('ioc-camrep-');
beforeAll(async () => {
  server = await startAlertsServer('sqlite');
  proxy = await startReplyDroppingProxy(server.url, CAMERA_REPORTS_PATH);
});
afterAll(async () => {
  await proxy?.dispose();
  await server?.stop();
  temp.remove();
});

/** What each camera says about itself; `cam-x` on the first workstation is `ws2-cam-1` on the second. */
const FACTS: Record<string, { serial: string; host: string }> = {
  'cam-x': { serial: 'DS-2CD2143G0-I20190101AAWRD1', host: '10.0.0.21' },
  'ws2-cam-1': { serial: 'DS-2CD2143G0-I20190101AAWRD1', host: 'Cam-21.local' },
  'ws2-cam-2': { serial: 'DS-2CD2143G0-I20190101AAWRD2', host: '10.0.0.22' },
};

function openWorkstation(file = 'ioc.sqlite'): TestReporter {
  const link: ServerLink = { serverUrl: proxy.url, authorization: () => server.device };
  return testReporter({
    path: join(temp.dir, file),
    link,
    camera: (id) => ({ location: id === 'cam-a' ? PLACE : null, ...FACTS[id] }),
  });
}

const onServer = async (): Promise<Alert[]> =>
  AlertPageSchema.parse(
    (await call(`${server.url}/api/alerts?since=0`, { headers: { authorization: server.device } })).json,
  ).alerts.filter((a) => a.source === 'camera');

it('keeps reports through an outage and a restart, coalesces chatter, and delivers them once back', async () => {
  proxy.cutOff(true);
  let ws = openWorkstation();
  ws.reporter.report({ cameraId: 'cam-a', status: 'unreachable' });
  ws.reporter.report({ cameraId: 'cam-a', status: 'unreachable' });
  ws.reporter.report({ cameraId: 'cam-b', event: { kind: 'tamper', active: true } });
  for (let i = 0; i < 500; i++)
    ws.reporter.report({ cameraId: 'cam-c', event: { kind: 'motion', active: i % 2 === 0 } });
  await ws.reporter.settled();
  await expect.poll(() => proxy.cut(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(ws.reporter.waiting()).toBe(3);

  // The workstation restarts while the server is still away: the queue is on disk.
  await ws.reporter.dispose();
  await ws.store.dispose();
  ws = openWorkstation();
  try {
    expect(ws.reporter.waiting()).toBe(3);
    proxy.cutOff(false);
    await expect.poll(() => ws.reporter.waiting(), { timeout: 20_000 }).toBe(0);
    const alerts = await onServer();
    expect(alerts.map((a) => [a.type, a.sourceId, a.state, a.count]).sort()).toEqual([
      ['camera.motion', 'onvif:hikvision/ds-2cd2143g0-i/sn-cam-c', 'active', 1],
      ['camera.offline', 'cam-a', 'active', 1],
      ['camera.tamper', 'onvif:hikvision/ds-2cd2143g0-i/sn-cam-b', 'active', 1],
    ]);
    expect(alerts.find((a) => a.sourceId === 'cam-a')?.location).toEqual({
      type: 'Point',
      coordinates: [PLACE.lon, PLACE.lat],
    });

    // Back online: the clear travels too (this run has not sent an offline state for cam-a yet, so it goes).
    ws.reporter.report({ cameraId: 'cam-a', status: 'online' });
    await expect
      .poll(async () => (await onServer()).find((a) => a.type === 'camera.offline')?.state, { timeout: 20_000 })
      .toBe('cleared');
  } finally {
    await ws.reporter.dispose();
    await ws.store.dispose();
  }
});

it('raises one alert when two workstations report one camera’s motion, and one per camera otherwise', async () => {
  const one = openWorkstation('ioc-1.sqlite');
  const two = openWorkstation('ioc-2.sqlite');
  try {
    one.reporter.report({ cameraId: 'cam-x', event: { kind: 'motion', active: true } });
    two.reporter.report({ cameraId: 'ws2-cam-1', event: { kind: 'motion', active: true } });
    two.reporter.report({ cameraId: 'ws2-cam-2', event: { kind: 'motion', active: true } });
    await Promise.all([one.reporter.settled(), two.reporter.settled()]);
    await expect.poll(() => one.reporter.waiting() + two.reporter.waiting(), { timeout: 20_000 }).toBe(0);
    const motion = (await onServer()).filter((a) => a.type === 'camera.motion' && a.sourceId.endsWith('aawrd1'));
    expect(motion).toMatchObject([{ state: 'active', count: 2 }]);
    expect(motion[0]?.subject).toMatch(/^Camera (cam-x|ws2-cam-1)$/);
    const other = (await onServer()).filter((a) => a.type === 'camera.motion' && a.sourceId.endsWith('aawrd2'));
    expect(other).toMatchObject([{ state: 'active', count: 1, subject: 'Camera ws2-cam-2' }]);
  } finally {
    for (const ws of [one, two]) {
      await ws.reporter.dispose();
      await ws.store.dispose();
    }
  }
});
