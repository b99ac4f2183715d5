import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Alert, AlertPageSchema } from '../../src-shared/contract/alerts';
import {
  CAMERA_REPORTS_PATH,
  type CameraReport,
  CameraReportReplySchema,
  cameraIdentity,
} from '../../src-shared/contract/camera-reports';
import { describeOnEachDatabase } from '../server/databases';
import { type AlertsServer, call, enrol, startAlertsServer } from './harness';

const ORIGIN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const LOCATION = { lat: 10.4598, lon: 105.6321 };

function report(seq: number, kind: CameraReport['kind'], active: boolean, cameraId = 'cam-1'): CameraReport {
  return {
    seq,
    cameraId,
    cameraName: 'Ngã tư Nguyễn Huệ',
    kind,
    active,
    at: new Date(Date.now() + seq).toISOString(),
    location: cameraId === 'cam-1' ? LOCATION : null,
  };
}

/** Camera reports of enrolled workstations become alerts through the engine (src-server/ingest/camera-routes.ts). */
describeOnEachDatabase('camera reports', (dialect) => {
  let s: AlertsServer;
  beforeAll(async () => {
    // Motion clears after one quiet second; the expiry sweep runs every 200 ms in this harness.
    s = await startAlertsServer(dialect, { env: { IOC_CAMERA_MOTION_QUIET_S: '1' } });
  });
  afterAll(async () => s?.stop());

  const post = (reports: CameraReport[], device = s.device, origin = ORIGIN) =>
    call(`${s.url}${CAMERA_REPORTS_PATH}`, { headers: { authorization: device }, body: { origin, reports } });
  const alerts = async (): Promise<Alert[]> =>
    AlertPageSchema.parse((await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json)
      .alerts;
  const ofType = async (type: string, cameraId = 'cam-1') =>
    (await alerts()).filter((a) => a.type === type && a.sourceId === cameraId);

  it('raises camera.offline with the camera’s place, counts a batch sent again once, clears when back', async () => {
    const first = await post([report(1, 'offline', true)]);
    expect(first.status).toBe(200);
    expect(CameraReportReplySchema.parse(first.json)).toMatchObject({ upTo: 1, accepted: 1, duplicates: 0 });
    // The same batch again (the reply was lost), then with a new report behind it.
    expect((await post([report(1, 'offline', true)])).json).toMatchObject({ upTo: 1, accepted: 0, duplicates: 1 });
    expect((await post([report(1, 'offline', true), report(2, 'offline', true)])).json).toMatchObject({
      upTo: 2,
      accepted: 1,
      duplicates: 1,
    });
    const [offline, ...more] = await ofType('camera.offline');
    expect(more).toEqual([]);
    expect(offline).toMatchObject({
      source: 'camera',
      domain: 'cameras',
      severity: 'major',
      state: 'active',
      count: 2,
      location: { type: 'Point', coordinates: [LOCATION.lon, LOCATION.lat] },
    });
    expect(offline!.title).toContain('Ngã tư Nguyễn Huệ');

    expect((await post([report(3, 'offline', false)])).status).toBe(200);
    expect(await ofType('camera.offline')).toMatchObject([{ id: offline!.id, state: 'cleared', count: 2 }]);
  });

  it('keeps tamper until the camera says it is over, and a camera without a position has no place', async () => {
    await post([report(10, 'tamper', true, 'cam-2')]);
    expect(await ofType('camera.tamper', 'cam-2')).toMatchObject([
      { state: 'active', severity: 'major', location: null },
    ]);
    await post([report(11, 'tamper', false, 'cam-2')]);
    expect(await ofType('camera.tamper', 'cam-2')).toMatchObject([{ state: 'cleared' }]);
  });

  it('folds repeated motion into one alert that clears after a quiet time', async () => {
    await post([report(20, 'motion', true), report(21, 'motion', true), report(22, 'motion', false)]);
    const [motion] = await ofType('camera.motion');
    expect(motion).toMatchObject({ state: 'active', severity: 'warning', count: 2 });
    await expect.poll(async () => (await ofType('camera.motion'))[0]?.state, { timeout: 20_000 }).toBe('cleared');
    // Motion later raises a new one; the cleared one stays as history.
    await post([report(23, 'motion', true)]);
    const all = await ofType('camera.motion');
    expect(all.map((a) => a.state).sort()).toEqual(['active', 'cleared']);
  });

  it('keeps marks apart per workstation and database: another origin or device is not a duplicate', async () => {
    const other = await enrol(s.url);
    expect((await post([report(1, 'offline', true, 'cam-3')], other)).json).toMatchObject({ accepted: 1 });
    expect(
      (await post([report(1, 'offline', true, 'cam-3')], other, 'ffffffffffffffffffffffffffffffff')).json,
    ).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await ofType('camera.offline', 'cam-3')).toMatchObject([{ state: 'active', count: 2 }]);
  });

  it('takes a batch only with its alerts: a failed alert write leaves it to be sent again, counted once', async () => {
    const db = s.server.database.db;
    // A fault after the receipt: the alert row of this camera cannot be written (as if the server died there).
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER fail_camera_alert BEFORE INSERT ON alerts WHEN NEW.source_id = 'cam-fault'
        BEGIN SELECT RAISE(ABORT, 'injected fault'); END`.execute(db);
    } else {
      await sql`CREATE FUNCTION fail_camera_alert() RETURNS trigger AS $$ BEGIN
        IF NEW.source_id = 'cam-fault' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$
        LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER fail_camera_alert BEFORE INSERT ON alerts FOR EACH ROW
        EXECUTE FUNCTION fail_camera_alert()`.execute(db);
    }
    const origin = 'fa17fa17fa17fa17fa17fa17fa17fa17';
    const batch = [report(1, 'offline', true, 'cam-fault'), report(2, 'offline', true, 'cam-ok')];
    const failed = await post(batch, s.device, origin);
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({ ok: false, error: { code: 'internal' } });
    // Neither report was taken, not even the one whose alert could be written.
    expect(await ofType('camera.offline', 'cam-ok')).toEqual([]);

    await sql`DROP TRIGGER fail_camera_alert${sql.raw(dialect === 'sqlite' ? '' : ' ON alerts')}`.execute(db);
    // Sent again as two copies at once (a retry racing another): one takes both reports, the other none.
    const replies = await Promise.all([post(batch, s.device, origin), post(batch, s.device, origin)]);
    const parsed = replies.map((r) => CameraReportReplySchema.parse(r.json));
    expect(parsed.map((r) => r.accepted).sort()).toEqual([0, 2]);
    expect((await post(batch, s.device, origin)).json).toMatchObject({ upTo: 2, accepted: 0, duplicates: 2 });
    expect(await ofType('camera.offline', 'cam-fault')).toMatchObject([{ state: 'active', count: 1 }]);
    expect(await ofType('camera.offline', 'cam-ok')).toMatchObject([{ state: 'active', count: 1 }]);
  });

  it('raises one alert for one camera watched by two workstations, two for two cameras, named by the camera', async () => {
    const other = await enrol(s.url);
    const camera = {
      manufacturer: 'HIKVISION',
      model: 'DS-2CD2143G0-I',
      serial: 'DS-2CD2143G0-I20190101AAWRD1',
      port: 80,
    };
    const key = cameraIdentity({ ...camera, host: '10.0.0.21' });
    // Each workstation has its own id for the camera, and may reach it at another address.
    expect(cameraIdentity({ ...camera, manufacturer: 'Hikvision ', host: 'CAM-21.local.' })).toBe(key);
    const seen = (seq: number, cameraId: string, cameraKey: string, cameraName = 'Chợ Cao Lãnh') => ({
      ...report(seq, 'motion', true, cameraId),
      cameraName,
      cameraKey,
    });
    await post([seen(1, 'ws1-cam-a', key)], s.device, 'd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1');
    await post([seen(1, 'ws2-cam-7', key, 'Cổng chợ Cao Lãnh')], other, 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2');
    const shared = await ofType('camera.motion', key);
    expect(shared).toMatchObject([{ state: 'active', count: 2, subject: 'Cổng chợ Cao Lãnh' }]);
    expect((await alerts()).filter((a) => ['ws1-cam-a', 'ws2-cam-7'].includes(a.sourceId))).toEqual([]);

    const another = cameraIdentity({ ...camera, serial: 'DS-2CD2143G0-I20190101AAWRD2', host: '10.0.0.22' });
    await post([seen(2, 'ws1-cam-b', another, 'Bến xe')], s.device, 'd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1');
    expect(await ofType('camera.motion', another)).toMatchObject([{ count: 1, subject: 'Bến xe' }]);
    expect(await ofType('camera.motion', key)).toMatchObject([{ count: 2 }]);
  });

  it('refuses unauthenticated and malformed reports and changes nothing', async () => {
    const before = (await alerts()).length;
    const anonymous = await call(`${s.url}${CAMERA_REPORTS_PATH}`, {
      body: { origin: ORIGIN, reports: [report(99, 'offline', true, 'cam-x')] },
    });
    expect(anonymous.status).toBe(401);
    for (const body of [
      { origin: ORIGIN, reports: [] },
      { origin: ORIGIN, reports: [{ ...report(99, 'offline', true, 'cam-x'), kind: 'input' }] },
      { origin: ORIGIN, reports: [{ ...report(99, 'offline', true, 'cam-x'), at: 'yesterday' }] },
      { origin: ORIGIN, reports: [{ ...report(99, 'offline', true, 'cam-x'), seq: 0 }] },
      { origin: 'x', reports: [report(99, 'offline', true, 'cam-x')] },
      { origin: ORIGIN, reports: [report(99, 'offline', true, 'cam-x')], extra: 1 },
    ]) {
      const r = await call(`${s.url}${CAMERA_REPORTS_PATH}`, { headers: { authorization: s.device }, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect((await alerts()).length).toBe(before);
    // Nothing refused moved the mark: report 99 is still new.
    expect((await post([report(99, 'offline', true, 'cam-x')])).json).toMatchObject({ accepted: 1 });
  });
});
