import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert, AlertPageSchema } from '../../src-shared/contract/alerts';
import { CAMERA_REPORTS_PATH, CameraReportBatchSchema, cameraIdentity } from '../../src-shared/contract/camera-reports';
import type { Camera } from '../../src-shared/contract';
import { startSimCamera, type SimCamera } from '../../sim/onvif';
import { type TestCore, startTestCore } from '../integration/core-harness';
import { type AlertsServer, call, ENROL_SECRET, startAlertsServer } from './harness';
import { type ReplyDroppingProxy, startReplyDroppingProxy } from './reply-dropping-proxy';

const ACCOUNT = { username: 'ioc-cam', password: 'mật-khẩu-camera-1' };
const PLACE = { lat: 10.2931, lon: 105.7564 };

/**
 * A simulated ONVIF camera on loopback, the workstation's real core and a real central server (behind a proxy that
 * can lose a reply): the camera's motion and its going offline end as alerts in the workstation's alerts list.
 */
describe('camera events become alerts on the central server', () => {
  let server: AlertsServer;
  let proxy: ReplyDroppingProxy;
  let sim: SimCamera;
  let core: TestCore;
  let operator: string;
  let technician: string;
  let camera: Camera;

  const startCamera = (port = 0) =>
    startSimCamera({
      personality: 'hikvision',
      ...ACCOUNT,
      port,
      advertisedHost: '127.0.0.1',
      rtspUrl: 'rtsp://127.0.0.1:9/none',
      name: 'Cầu Sa Đéc',
    });

  beforeAll(async () => {
    // Motion clears after two quiet seconds; this harness sweeps expired alerts every 200 ms.
    server = await startAlertsServer('sqlite', { env: { IOC_CAMERA_MOTION_QUIET_S: '2' } });
    proxy = await startReplyDroppingProxy(server.url, CAMERA_REPORTS_PATH);
    sim = await startCamera();
    core = await startTestCore(['--server', proxy.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    technician = await core.login('technician');
    operator = await core.login('operator');
    const added = await core.rpc(
      'cameras.add',
      { host: sim.host, port: sim.port, ...ACCOUNT, name: 'Cầu Sa Đéc', location: PLACE },
      technician,
    );
    expect(added.status).toBe(200);
    camera = (added.json as { value: Camera }).value;
  }, 60_000);

  afterAll(async () => {
    await core?.stop();
    await sim?.dispose();
    await proxy?.dispose();
    await server?.stop();
  });

  const list = async (): Promise<Alert[]> => {
    const r = await core.rpc('alerts.list', { filter: { state: 'all', domains: ['cameras'] } }, operator);
    expect(r.status).toBe(200);
    return (r.json as { value: { alerts: Alert[] } }).value.alerts;
  };
  // Motion is keyed by the physical camera (what it says about itself), offline by this workstation's camera id.
  const ofType = async (type: string) =>
    (await list()).filter(
      (a) => a.type === type && a.sourceId === (type === 'camera.offline' ? camera.id : cameraIdentity(camera)),
    );
  const status = async () => {
    const r = await core.rpc('cameras.test', { id: camera.id }, technician);
    return (r.json as { value: { status: string } }).value.status;
  };

  it('raises camera.motion at the camera’s position when the camera sees motion, and clears it after quiet', async () => {
    await expect.poll(() => sim.subscriptionCount(), { timeout: 60_000 }).toBeGreaterThan(0);
    sim.triggerMotion(500);
    await expect.poll(async () => (await ofType('camera.motion')).length, { timeout: 60_000 }).toBe(1);
    const [motion] = await ofType('camera.motion');
    expect(motion).toMatchObject({
      source: 'camera',
      domain: 'cameras',
      severity: 'warning',
      location: { type: 'Point', coordinates: [PLACE.lon, PLACE.lat] },
    });
    expect(motion!.title).toContain('Cầu Sa Đéc');
    expect(motion!.subject).toBe('Cầu Sa Đéc');
    expect(motion!.sourceId).toMatch(/^onvif:hikvision\//);
    await expect.poll(async () => (await ofType('camera.motion'))[0]?.state, { timeout: 60_000 }).toBe('cleared');
  });

  it('raises camera.offline once although the reply to the report was lost, and clears it when the camera is back', async () => {
    const port = sim.port;
    const sentBefore = proxy.seen.length;
    const answeredBefore = proxy.answered();
    proxy.dropNextReply();
    await sim.dispose();
    expect(await status()).toBe('unreachable');
    // The first report reached the server and its answer was lost; the workstation sends it again, answered now.
    await expect.poll(() => proxy.dropped(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => proxy.answered(), { timeout: 60_000 }).toBeGreaterThan(answeredBefore);
    const offlineReports = proxy.seen
      .slice(sentBefore)
      .map((body) => CameraReportBatchSchema.parse(body).reports.filter((r) => r.kind === 'offline'));
    expect(offlineReports.length).toBeGreaterThanOrEqual(2);
    expect(offlineReports[1]!.map((r) => r.seq)).toEqual(offlineReports[0]!.map((r) => r.seq));
    // The server's own copy, as it stands after the retry was answered: counted once.
    const onServer = AlertPageSchema.parse(
      (await call(`${server.url}/api/alerts?since=0`, { headers: { authorization: server.device } })).json,
    ).alerts.filter((a) => a.type === 'camera.offline' && a.sourceId === camera.id);
    expect(onServer).toMatchObject([{ state: 'active', severity: 'major', count: 1 }]);
    await expect.poll(async () => (await ofType('camera.offline'))[0]?.state, { timeout: 60_000 }).toBe('active');
    expect(await ofType('camera.offline')).toMatchObject([
      { count: 1, location: { coordinates: [PLACE.lon, PLACE.lat] } },
    ]);

    sim = await startCamera(port);
    await expect.poll(status, { timeout: 60_000 }).toBe('online');
    await expect.poll(async () => (await ofType('camera.offline'))[0]?.state, { timeout: 60_000 }).toBe('cleared');
    expect(await ofType('camera.offline')).toMatchObject([{ state: 'cleared', count: 1 }]);
  });
});
