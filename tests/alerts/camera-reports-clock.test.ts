import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CameraReporter } from '../../src-main/services/alerts';
import { type Alert, AlertPageSchema } from '../../src-shared/contract/alerts';
import { makeTempDir } from '../integration/tmp-dir';
import { type AlertsServer, call, startAlertsServer } from './harness';
import { type TestReporter, testReporter } from './test-reporter';

const MINUTE = 60_000;

/**
 * Workstations watching one camera report it under one key (`cameraIdentity`), each stamping its reports with its
 * own clock. The central server must order them on its clock: a workstation whose clock runs 10 minutes behind is
 * not ignored as stale, one running ahead does not mask the others.
 */
let server: AlertsServer;
const temp = makeTempDir('ioc-camclock-');
const open: TestReporter[] = [];
beforeAll(async () => {
  server = await startAlertsServer('sqlite');
});
afterAll(async () => {
  for (const ws of open) {
    await ws.reporter.dispose();
    await ws.store.dispose();
  }
  await server?.stop();
  temp.remove();
});

/** A workstation whose clock is `offsetMs` off; every camera id it has with the same serial is the same camera. */
function workstation(file: string, offsetMs: number): CameraReporter {
  const ws = testReporter({
    path: join(temp.dir, file),
    link: { serverUrl: server.url, authorization: () => server.device },
    camera: (id) => ({ serial: `SERIAL-${id.split('/')[1]}`, host: `${file}.local` }),
    now: () => new Date(Date.now() + offsetMs),
  });
  open.push(ws);
  return ws.reporter;
}

const cameraAlert = async (type: string, serial: string): Promise<Alert[]> =>
  AlertPageSchema.parse(
    (await call(`${server.url}/api/alerts?since=0`, { headers: { authorization: server.device } })).json,
  ).alerts.filter((a) => a.type === type && a.sourceId.endsWith(`/serial-${serial}`));

async function delivered(reporter: CameraReporter): Promise<void> {
  await reporter.settled();
  await expect.poll(() => reporter.waiting(), { timeout: 20_000 }).toBe(0);
}

it('counts motion from a workstation 10 minutes behind, and takes its "fine" as clearing the tamper', async () => {
  const exact = workstation('exact.sqlite', 0);
  const behind = workstation('behind.sqlite', -10 * MINUTE);
  const start = Date.now();

  exact.report({ cameraId: 'ws1/cho', event: { kind: 'motion', active: true } });
  await delivered(exact);
  expect(await cameraAlert('camera.motion', 'cho')).toMatchObject([{ state: 'active', count: 1 }]);
  behind.report({ cameraId: 'ws2/cho', event: { kind: 'motion', active: true } });
  await delivered(behind);
  const [motion] = await cameraAlert('camera.motion', 'cho');
  expect(motion).toMatchObject({ state: 'active', count: 2 });
  // On the server's clock: not 10 minutes ago, and still within the quiet time (not expired at once).
  expect(Date.parse(motion!.lastSeenAt)).toBeGreaterThanOrEqual(start - 1000);

  exact.report({ cameraId: 'ws1/cho', event: { kind: 'tamper', active: true } });
  await delivered(exact);
  expect(await cameraAlert('camera.tamper', 'cho')).toMatchObject([{ state: 'active' }]);
  behind.report({ cameraId: 'ws2/cho', event: { kind: 'tamper', active: false } });
  await delivered(behind);
  expect(await cameraAlert('camera.tamper', 'cho')).toMatchObject([{ state: 'cleared' }]);
});

it('does not let a workstation 10 minutes ahead hide what the others report after it', async () => {
  const ahead = workstation('ahead.sqlite', 10 * MINUTE);
  const exact = workstation('exact-2.sqlite', 0);

  ahead.report({ cameraId: 'ws3/ben-xe', event: { kind: 'tamper', active: true } });
  await delivered(ahead);
  expect(await cameraAlert('camera.tamper', 'ben-xe')).toMatchObject([{ state: 'active' }]);
  exact.report({ cameraId: 'ws4/ben-xe', event: { kind: 'tamper', active: false } });
  await delivered(exact);
  const [tamper] = await cameraAlert('camera.tamper', 'ben-xe');
  expect(tamper).toMatchObject({ state: 'cleared' });
  expect(Date.parse(tamper!.clearedAt!)).toBeLessThanOrEqual(Date.now());
});
