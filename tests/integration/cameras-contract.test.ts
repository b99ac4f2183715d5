// Camera commands through the real contract, where no camera answers: permissions, validation, unknown ids,
// and a closed port on loopback. Cameras that do answer, and discovery (multicast), are tested in tests/netns,
// where no packet can leave loopback.
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from './core-harness';

let t: TestCore;
let technician: string;
let operator: string;
let closedPort: number;

beforeAll(async () => {
  t = await startTestCore();
  technician = await t.login('technician');
  operator = await t.login('operator');
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => t.stop());

describe('camera commands', () => {
  it('starts with no cameras', async () => {
    expect((await t.rpc('cameras.list', {}, technician)).json).toEqual({ ok: true, value: [] });
  });

  it('checks permissions: operators list cameras and move PTZ but do not manage cameras', async () => {
    const add = await t.rpc(
      'cameras.add',
      { host: '127.0.0.1', port: closedPort, username: 'a', password: 'b' },
      operator,
    );
    expect(add).toMatchObject({ status: 403, json: { ok: false, error: { code: 'forbidden' } } });
    expect((await t.rpc('cameras.list', {}, operator)).status).toBe(200);
    expect((await t.rpc('cameras.remove', { id: 'nope' }, operator)).status).toBe(403);
    const move = await t.rpc('ptz.move', { cameraId: 'nope', pan: 0.5, tilt: 0 }, operator);
    expect(move).toMatchObject({ status: 404, json: { ok: false, error: { code: 'not_found' } } });
  });

  it('rejects bad input without touching anything', async () => {
    const cases: unknown[] = [
      { host: '127.0.0.1', port: 70000, username: 'a', password: 'b' },
      { host: 'bad host name', port: 80, username: 'a', password: 'b' },
      { host: '127.0.0.1', port: 80, username: 'a', password: 'x'.repeat(300) },
      { host: '127.0.0.1', port: 80, username: 'a', password: 'b', extra: true },
    ];
    for (const input of cases) {
      expect((await t.rpc('cameras.add', input, technician)).json).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    const speed = await t.rpc('ptz.move', { cameraId: 'x', pan: 2, tilt: 0 }, technician);
    expect(speed.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers not_found for unknown cameras on every command that names one', async () => {
    const commands: [string, unknown][] = [
      ['cameras.update', { id: 'missing', name: 'x' }],
      ['cameras.remove', { id: 'missing' }],
      ['cameras.test', { id: 'missing' }],
      ['cameras.snapshot', { id: 'missing' }],
      ['ptz.stop', { cameraId: 'missing' }],
      ['ptz.status', { cameraId: 'missing' }],
      ['ptz.presets', { cameraId: 'missing' }],
      ['ptz.gotoPreset', { cameraId: 'missing', presetToken: '1' }],
      ['ptz.setPreset', { cameraId: 'missing', name: 'x' }],
      ['ptz.home', { cameraId: 'missing' }],
    ];
    for (const [command, input] of commands) {
      expect((await t.rpc(command, input, technician)).json, command).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
  });

  it('reports a camera that does not answer: unavailable on add (nothing stored), unreachable on test', async () => {
    const input = { host: '127.0.0.1', port: closedPort, username: 'admin', password: 'Mật khẩu' };
    const add = await t.rpc('cameras.add', input, technician);
    expect(add).toMatchObject({ status: 503, json: { ok: false, error: { code: 'unavailable' } } });
    expect(JSON.stringify(add.json)).toMatch(/ECONNREFUSED/);
    const test = await t.rpc('cameras.test', input, technician);
    expect(test.json).toMatchObject({ ok: true, value: { status: 'unreachable', profiles: [] } });
    expect((await t.rpc('cameras.list', {}, technician)).json).toEqual({ ok: true, value: [] });
    for (const reply of [add.json, test.json]) expect(JSON.stringify(reply)).not.toContain('Mật khẩu');
  });

  it('reports a web server that is not an ONVIF device as unsupported', async () => {
    const web = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>404 Not Found</h1></body></html>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const port = (web.address() as { port: number }).port;
      const test = await t.rpc('cameras.test', { host: '127.0.0.1', port, username: 'a', password: 'b' }, technician);
      expect(test.json).toMatchObject({ ok: true, value: { status: 'unsupported' } });
      const add = await t.rpc('cameras.add', { host: '127.0.0.1', port, username: 'a', password: 'b' }, technician);
      expect(add.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      web.closeAllConnections();
      await new Promise((resolve) => web.close(resolve));
    }
  });
});
