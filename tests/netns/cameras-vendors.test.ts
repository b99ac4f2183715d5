// Each vendor's captures behind the simulator, onboarded and driven through the core's real HTTP contract:
// add, profiles, URIs rewritten, snapshot, PTZ, presets by token, events. Runs in a loopback-only namespace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera, CameraEvent, Preset, ServerMessage } from '../../src-shared/contract';
import { PERSONALITIES, type SimCamera } from '../../sim/onvif';
import { openSocket, type TestSocket } from '../integration/ws-client';
import { jpegSize } from '../../src-main/services/cameras/media/jpeg';
import {
  assertLoopbackOnly,
  CAPTURED_PRIVATE,
  eventually,
  simFleet,
  startCameraCore,
  type CameraCore,
} from './harness';

const CAMERA_USER = 'ky-thuat';
const CAMERA_PASSWORD = 'Mật khẩu: Cổng#1@chợ';
const RTSP_MAIN = 'rtsp://127.0.0.1:8554/cam/main';

let t: CameraCore;
let technician: string;
let itAdmin: string;
const fleet = simFleet();

beforeAll(async () => {
  assertLoopbackOnly();
  t = await startCameraCore();
  technician = await t.login('technician');
  itAdmin = await t.login('it_admin');
});
afterAll(async () => {
  await t?.stop();
  await fleet.disposeAll();
});

describe.each(PERSONALITIES)('%s capture set', (personality) => {
  let sim: SimCamera;
  let camera: Camera;

  beforeAll(async () => {
    sim = await fleet.start({
      personality,
      username: CAMERA_USER,
      password: CAMERA_PASSWORD,
      auth: 'both',
      rtspUrl: RTSP_MAIN,
      // Like the Tapo C220: a fractional ContinuousMove Timeout (PT0.4S) is refused with a fault.
      wholeSecondPtzTimeouts: true,
    });
  });

  it('onboards: device info, classified profiles, every URI moved off the captured private address', async () => {
    expect(sim.advertisedHost).toMatch(CAPTURED_PRIVATE);
    camera = await t.call<Camera>(
      'cameras.add',
      { host: sim.host, port: sim.port, username: CAMERA_USER, password: CAMERA_PASSWORD, siteId: 'sa-dec' },
      technician,
    );
    expect(camera).toMatchObject({ host: '127.0.0.1', port: sim.port, siteId: 'sa-dec', ptz: true, events: true });
    expect(['online', 'clock_skew']).toContain(camera.status);
    expect(camera.manufacturer.length).toBeGreaterThan(0);
    expect(camera.profiles.map((p) => p.token)).toEqual(sim.profiles.map((p) => p.token));
    expect(camera.profiles.filter((p) => p.role === 'main')).toHaveLength(1);
    const main = camera.profiles.find((p) => p.role === 'main')!;
    const simMain = sim.profiles.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    expect([main.width, main.height]).toEqual([simMain.width, simMain.height]);
    for (const profile of camera.profiles) {
      expect(profile.streamUri).toBe(RTSP_MAIN);
      expect(new URL(profile.snapshotUri!).host).toBe(`127.0.0.1:${sim.port}`);
    }
    // Nothing the camera said about its own private address reaches the renderer.
    expect(JSON.stringify(camera)).not.toMatch(CAPTURED_PRIVATE);
    expect(JSON.stringify(camera)).not.toContain(CAMERA_PASSWORD);
  });

  it('lists it, and fetches a JPEG snapshot with the stored credentials', async () => {
    const list = await t.call<Camera[]>('cameras.list', {}, technician);
    expect(list.map((c) => c.id)).toContain(camera.id);
    const shot = await t.call<{ contentType: string; dataBase64: string; width: number; height: number }>(
      'cameras.snapshot',
      { id: camera.id },
      technician,
    );
    expect(shot.contentType).toBe('image/jpeg');
    const size = jpegSize(Buffer.from(shot.dataBase64, 'base64'));
    expect(size).toEqual({ width: shot.width, height: shot.height });
    expect(shot.width).toBeGreaterThan(0);
    expect(sim.calls().length).toBeGreaterThan(0);
  });

  it('lists presets by token, moves, stops by itself, goes to presets and home, and audits each action', async () => {
    const presets = await t.call<Preset[]>('ptz.presets', { cameraId: camera.id }, technician);
    // Every token, not one entry per name (Hikvision: 255 tokens, 31 distinct names).
    expect(presets.map((p) => p.token)).toEqual(sim.presets().map((p) => p.token));
    expect(new Set(presets.map((p) => p.token)).size).toBe(presets.length);

    await t.call('ptz.move', { cameraId: camera.id, pan: 0.5, tilt: -0.25, zoom: 0, timeoutMs: 400 }, technician);
    expect(sim.ptzState().panTiltMoving).toBe(true);
    // Stopped by the core's own timer (the camera was given a whole-second Timeout, PT1S).
    await eventually(() => (sim.ptzState().panTiltMoving ? undefined : true), 'the move to stop');
    const stops = sim.calls().filter((c) => c.method === 'Stop');
    expect(stops.length).toBeGreaterThan(0);

    const status = await t.call<{ pan: number; tilt: number; moving: boolean }>(
      'ptz.status',
      { cameraId: camera.id },
      technician,
    );
    expect(status.pan).toBeCloseTo(sim.ptzState().pan, 3);

    const ordinary = sim.presets().find((p) => !p.function)!;
    await t.call('ptz.gotoPreset', { cameraId: camera.id, presetToken: ordinary.token }, technician);
    const saved = await t.call<Preset>(
      'ptz.setPreset',
      { cameraId: camera.id, name: 'Cổng <chính> & "B"' },
      technician,
    );
    expect(sim.presets().find((p) => p.token === saved.token)?.name).toBe('Cổng <chính> & "B"');
    await t.call('ptz.home', { cameraId: camera.id }, technician);
    await t.call('ptz.stop', { cameraId: camera.id }, technician);

    const audit = await t.call<{ action: string; subject: string }[]>('audit.list', { limit: 200 }, itAdmin);
    const actions = audit.filter((a) => a.subject === camera.id).map((a) => a.action);
    for (const action of ['cameras.add', 'ptz.move', 'ptz.gotoPreset', 'ptz.setPreset', 'ptz.home', 'ptz.stop']) {
      expect(actions).toContain(action);
    }
  });

  it('audits a held joystick once per move, not once per refresh', async () => {
    const moveRows = async () =>
      (await t.call<{ action: string; subject: string }[]>('audit.list', { limit: 500 }, itAdmin)).filter(
        (a) => a.subject === camera.id && a.action === 'ptz.move',
      ).length;
    const before = await moveRows();
    for (let i = 0; i < 4; i++) {
      await t.call('ptz.move', { cameraId: camera.id, pan: 0.3, tilt: 0, zoom: 0, timeoutMs: 3000 }, technician);
    }
    expect(await moveRows()).toBe(before + 1);
    await t.call('ptz.move', { cameraId: camera.id, pan: -0.3, tilt: 0, zoom: 0, timeoutMs: 3000 }, technician);
    expect(await moveRows()).toBe(before + 2);
    await t.call('ptz.stop', { cameraId: camera.id }, technician);
    await t.call('ptz.move', { cameraId: camera.id, pan: -0.3, tilt: 0, zoom: 0, timeoutMs: 3000 }, technician);
    expect(await moveRows(), 'a move after a stop is a new move').toBe(before + 3);
    await t.call('ptz.stop', { cameraId: camera.id }, technician);
  });

  it('publishes motion as camera.event over the contract socket', async () => {
    const socket: TestSocket = await openSocket(t.url, technician);
    try {
      await eventually(() => (sim.subscriptionCount() > 0 ? true : undefined), 'a pull-point subscription');
      sim.triggerMotion(500);
      const event = await eventually(
        async () => {
          const message: ServerMessage = await socket.next();
          if (message.t !== 'event' || message.event !== 'camera.event') return undefined;
          const payload = message.payload as CameraEvent;
          return payload.cameraId === camera.id && payload.active ? payload : undefined;
        },
        'an active motion event',
        50,
        0,
      );
      expect(event).toMatchObject({ kind: 'motion', active: true });
      expect(event.topic).toMatch(/Motion/i);
    } finally {
      socket.socket.close();
      await socket.closed;
    }
  });
});

describe('credential hygiene across all vendors', () => {
  it('never put a camera password in a log line or a reply', () => {
    expect(t.replies.length).toBeGreaterThan(10);
    for (const text of [...t.logs, ...t.replies]) {
      expect(text).not.toContain(CAMERA_PASSWORD);
      expect(text).not.toContain(encodeURIComponent(CAMERA_PASSWORD));
    }
  });
});
