// The quirks that separate a tool from a demo (research/onvif.md §5), each against a simulated camera that has
// it, through the core's HTTP contract. Loopback-only namespace: a missed address rewrite fails here.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Camera, ServerMessage } from '../../src-shared/contract';
import { openSocket } from '../integration/ws-client';
import {
  assertLoopbackOnly,
  CAPTURED_PRIVATE,
  eventually,
  simFleet,
  startCameraCore,
  type CameraCore,
} from './harness';

const USER = 'onvif-user';
const PASSWORD = 'Mật khẩu Đồng Tháp #2026';
type TestResult = { status: string; detail: string | null; clockOffsetMs: number | null; profiles: unknown[] };

let t: CameraCore;
let technician: string;
const fleet = simFleet();

beforeAll(async () => {
  assertLoopbackOnly();
  t = await startCameraCore();
  technician = await t.login('technician');
});
afterEach(() => fleet.disposeAll());
afterAll(() => t?.stop());

const add = (port: number, password = PASSWORD) =>
  t.rpc<Camera>('cameras.add', { host: '127.0.0.1', port, username: USER, password }, technician);

describe('camera quirks', () => {
  it('wrong password → auth_failed, not an empty camera', async () => {
    const sim = await fleet.start({ personality: 'hikvision', username: USER, password: PASSWORD, auth: 'both' });
    const tested = await t.call<TestResult>(
      'cameras.test',
      { host: '127.0.0.1', port: sim.port, username: USER, password: 'sai-mật-khẩu' },
      technician,
    );
    expect(tested).toMatchObject({ status: 'auth_failed', profiles: [] });
    const added = await add(sim.port, 'sai-mật-khẩu');
    expect(added.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(added.json)).toMatch(/refused the username or password/);
    const list = await t.call<Camera[]>('cameras.list', {}, technician);
    expect(list.some((c) => c.port === sim.port)).toBe(false);
  });

  it('camera clock 1 h off, WS-Security only → connects with timestamps in camera time, reports clock_skew', async () => {
    const sim = await fleet.start({
      personality: 'axis',
      username: USER,
      password: PASSWORD,
      auth: 'wsse',
      clockOffsetMs: 3600_000,
    });
    const added = await add(sim.port);
    expect(added.json.ok).toBe(true);
    const camera = (added.json as { value: Camera }).value;
    expect(camera.status).toBe('clock_skew');
    expect(Math.abs(camera.clockOffsetMs! - 3600_000)).toBeLessThan(3000);
    expect(sim.calls().filter((c) => c.auth === 'wsse' && c.status === 200).length).toBeGreaterThan(3);

    // NTP jumps the camera another hour: a refusal (ter:NotAuthorized, HTTP 400) makes the core re-read the
    // clock and retry once. Whichever request meets the jump first (this one, or the event loop's), the
    // operation succeeds after a fresh GetSystemDateAndTime.
    sim.setClockOffset(2 * 3600_000);
    const before = sim.calls().length;
    await t.call('ptz.status', { cameraId: camera.id }, technician);
    const after = sim
      .calls()
      .slice(before)
      .map((c) => `${c.method}:${c.status}`);
    expect(after).toContain('GetSystemDateAndTime:200');
    expect(after.at(-1) === 'GetStatus:200' || after.includes('GetStatus:200')).toBe(true);
    const refused = after.indexOf('GetStatus:400');
    if (refused >= 0) expect(after.slice(refused)).toContain('GetSystemDateAndTime:200');
  });

  it('Digest-only camera → onboarded over HTTP Digest with a UTF-8 password', async () => {
    const sim = await fleet.start({ personality: 'pelco', username: USER, password: PASSWORD, auth: 'digest' });
    const added = await add(sim.port);
    expect(added.json.ok).toBe(true);
    const authed = sim.calls().filter((c) => c.method !== 'GetSystemDateAndTime' && c.status === 200);
    expect(authed.length).toBeGreaterThan(3);
    expect(new Set(authed.map((c) => c.auth))).toEqual(new Set(['digest']));
  });

  it('unauthenticated GetSystemDateAndTime refused with an HTML 401 page → asked again with credentials', async () => {
    const sim = await fleet.start({
      personality: 'hikvision',
      username: USER,
      password: PASSWORD,
      auth: 'digest',
      refuseUnauthenticatedTime: true,
    });
    const added = await add(sim.port);
    expect(added.json.ok).toBe(true);
    const times = sim.calls().filter((c) => c.method === 'GetSystemDateAndTime');
    expect(times[0]).toMatchObject({ auth: 'none', status: 401 });
    expect(times.some((c) => c.auth === 'digest' && c.status === 200)).toBe(true);
    expect((added.json as { value: Camera }).value.clockOffsetMs).not.toBeNull();
  });

  it('private IPs in XAddrs and URIs → every address is rewritten to where the camera was reached', async () => {
    const sim = await fleet.start({
      personality: 'hikvision',
      username: USER,
      password: PASSWORD,
      advertisedHost: '10.10.1.60',
      rtspUrl: 'rtsp://127.0.0.1:8554/cam1',
    });
    const camera = await t.call<Camera>(
      'cameras.add',
      { host: '127.0.0.1', port: sim.port, username: USER, password: PASSWORD },
      technician,
    );
    expect(JSON.stringify(camera)).not.toMatch(CAPTURED_PRIVATE);
    expect(camera.profiles.every((p) => p.streamUri === 'rtsp://127.0.0.1:8554/cam1')).toBe(true);
    // Snapshot and events follow rewritten addresses too (in this namespace, a private one would fail).
    await t.call('cameras.snapshot', { id: camera.id }, technician);
    await eventually(() => (sim.subscriptionCount() > 0 ? true : undefined), 'a subscription on the rewritten address');
  });

  it('a camera that stops answering mid-call → timeout within the cap, the core keeps answering', async () => {
    const sim = await fleet.start({
      personality: 'agsh',
      username: USER,
      password: PASSWORD,
      hangOn: 'GetProfiles',
      hangAfterBytes: 200,
    });
    let testDone = false;
    const pending = t
      .call<TestResult>(
        'cameras.test',
        { host: '127.0.0.1', port: sim.port, username: USER, password: PASSWORD },
        technician,
      )
      .finally(() => (testDone = true));
    await eventually(
      () => (sim.calls().some((c) => c.method === 'GetProfiles') ? true : undefined),
      'GetProfiles to hang',
    );
    // While the camera hangs, other callers are served.
    const info = await t.call<{ version: string }>('system.info', {}, technician);
    expect(info.version).toMatch(/\d/);
    expect(testDone).toBe(false);
    const result = await pending;
    expect(result).toMatchObject({ status: 'unreachable' });
    expect(result.detail).toMatch(/GetProfiles: no complete answer within 8000 ms/);
  });

  it('status changes are published as camera.status', async () => {
    const sim = await fleet.start({ personality: 'agsh', username: USER, password: PASSWORD });
    const camera = await t.call<Camera>(
      'cameras.add',
      { host: '127.0.0.1', port: sim.port, username: USER, password: PASSWORD },
      technician,
    );
    const socket = await openSocket(t.url, technician);
    try {
      await sim.dispose();
      const tested = await t.call<TestResult>('cameras.test', { id: camera.id }, technician);
      expect(tested.status).toBe('unreachable');
      const message = await eventually(
        async () => {
          const m: ServerMessage = await socket.next();
          return m.t === 'event' && m.event === 'camera.status' ? m : undefined;
        },
        'camera.status',
        20,
        0,
      );
      expect(message).toMatchObject({ payload: { cameraId: camera.id, status: 'unreachable' } });
      const listed = await t.call<Camera[]>('cameras.list', {}, technician);
      expect(listed.find((c) => c.id === camera.id)?.status).toBe('unreachable');
    } finally {
      socket.socket.close();
      await socket.closed;
    }
  });

  it('updates name, place and credentials; a new password is used at once', async () => {
    const sim = await fleet.start({ personality: 'pelco', username: USER, password: PASSWORD });
    const camera = await t.call<Camera>(
      'cameras.add',
      { host: '127.0.0.1', port: sim.port, username: USER, password: PASSWORD },
      technician,
    );
    const renamed = await t.call<Camera>(
      'cameras.update',
      {
        id: camera.id,
        name: 'Chợ Sa Đéc – cổng 2',
        location: { lat: 10.29, lon: 105.75 },
        headingDeg: 270,
        fovDeg: 75,
      },
      technician,
    );
    expect(renamed).toMatchObject({
      name: 'Chợ Sa Đéc – cổng 2',
      location: { lat: 10.29, lon: 105.75 },
      headingDeg: 270,
    });
    const found = await t.call<Camera[]>('cameras.list', { query: 'cho sa dec' }, technician);
    expect(found.map((c) => c.id)).toEqual([camera.id]);

    await t.call('cameras.update', { id: camera.id, password: 'không đúng' }, technician);
    expect((await t.call<TestResult>('cameras.test', { id: camera.id }, technician)).status).toBe('auth_failed');
    await t.call('cameras.update', { id: camera.id, password: PASSWORD }, technician);
    expect((await t.call<TestResult>('cameras.test', { id: camera.id }, technician)).status).toBe('online');
    expect((await t.call('ptz.status', { cameraId: camera.id }, technician)) as object).toHaveProperty('pan');
  });

  it('removes a camera with its stored secret, stopping its event subscription', async () => {
    const sim = await fleet.start({ personality: 'axis', username: USER, password: PASSWORD });
    const camera = await t.call<Camera>(
      'cameras.add',
      { host: '127.0.0.1', port: sim.port, username: USER, password: PASSWORD },
      technician,
    );
    await eventually(() => (sim.subscriptionCount() > 0 ? true : undefined), 'a subscription');
    expect(await t.call('cameras.remove', { id: camera.id }, technician)).toEqual({ removed: true });
    expect(sim.subscriptionCount()).toBe(0);
    expect(sim.calls().at(-1)?.method).toBe('Unsubscribe');
    const db = new BetterSqlite3(join(t.dataDir, 'ioc.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM secrets WHERE id = ?').pluck().get(`camera:${camera.id}`)).toBe(0);
      expect(db.prepare('SELECT count(*) FROM cameras WHERE id = ?').pluck().get(camera.id)).toBe(0);
    } finally {
      db.close();
    }
    const gone = await t.rpc('ptz.move', { cameraId: camera.id, pan: 0.1, tilt: 0 }, technician);
    expect(gone.json).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('never put a camera password in a log line or a reply', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    for (const text of [...t.logs, ...t.replies]) {
      for (const secret of [PASSWORD, 'sai-mật-khẩu', 'không đúng', encodeURIComponent(PASSWORD)]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
