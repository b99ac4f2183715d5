// The demo fleet onboarded by a real core process (IOC_DEMO_FLEET), and the credential rules checked from the
// outside: no camera password in any /proc/<pid>/cmdline, any log line, any contract reply, or the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import type { SimCamera } from '../../sim/onvif';
import { makeTempDir } from '../integration/tmp-dir';
import { assertLoopbackOnly, eventually, simFleet, USER_PASSWORD } from './harness';

const ROOT = resolve(import.meta.dirname, '..', '..');
const GOOD = 'Bí-mật:camera@Sa Đéc/#1';
const WRONG = 'Sai-mật-khẩu:đã-đổi@2026';
const SECRETS = [GOOD, WRONG, encodeURIComponent(GOOD), Buffer.from(GOOD).toString('base64')];

interface RunningCore {
  child: ChildProcess;
  url: string;
  stderr: string[];
  stop(): Promise<number | null>;
}

const fleet = simFleet();
const temp = makeTempDir('ioc-fleet-');
const replies: string[] = [];
let good: SimCamera;
let refused: SimCamera;
let manifest: string;

function startCore(): Promise<RunningCore> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src-main', 'core', 'cli.ts'),
      '--headless',
      '--port',
      '0',
      '--data-dir',
      join(temp.dir, 'data'),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, IOC_DEMO_FLEET: manifest, IOC_DEMO_PASSWORD: USER_PASSWORD, IOC_LOG_LEVEL: 'debug' },
    },
  );
  const stderr: string[] = [];
  child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const ready = /IOC_CORE_READY (\S+)/.exec(out);
      if (ready) resolvePromise({ child, url: ready[1]!, stderr, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then((code) => reject(new Error(`core exited (${code}) before it was ready: ${stderr.join('')}`)));
  });
}

async function rpc<T>(core: RunningCore, command: string, body: unknown, token: string): Promise<T> {
  const res = await fetch(`${core.url}/api/rpc/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  replies.push(text);
  const json = JSON.parse(text) as { ok: boolean; value: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${command}: ${json.error?.message}`);
  return json.value;
}

async function login(core: RunningCore, username: string): Promise<string> {
  const res = await fetch(`${core.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: USER_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Every process's command line on this machine (the namespace shares the pid namespace with the host). */
function allCommandLines(): string {
  const lines: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // Exited meanwhile.
    }
  }
  return lines.join('\n');
}

beforeAll(async () => {
  assertLoopbackOnly();
  good = await fleet.start({ personality: 'hikvision', username: 'admin', password: GOOD, auth: 'digest' });
  refused = await fleet.start({ personality: 'axis', username: 'admin', password: 'something else' });
  manifest = join(temp.dir, 'demo-fleet.json');
  const entry = (sim: SimCamera, id: string, password: string) => ({
    id,
    name: `Camera ${id}`,
    siteId: 'sa-dec',
    host: sim.host,
    port: sim.port,
    username: 'admin',
    password,
    location: { lat: 10.29, lon: 105.75 },
    headingDeg: 90,
    fovDeg: 60,
  });
  writeFileSync(manifest, JSON.stringify([entry(good, 'sd-01', GOOD), entry(refused, 'sd-02', WRONG)]), {
    mode: 0o600,
  });
});
afterAll(async () => {
  await fleet.disposeAll();
  temp.remove();
});

describe('demo fleet onboarding and credential hygiene', () => {
  it('onboards the manifest in the background, idempotently, and never exposes a camera password', async () => {
    const core = await startCore();
    let stderr: string[] = [];
    try {
      const token = await login(core, 'technician');
      const cameras = await eventually(async () => {
        const list = await rpc<Camera[]>(core, 'cameras.list', {}, token);
        return list.length === 2 && list.every((c) => c.status !== 'unknown') ? list : undefined;
      }, 'both demo cameras onboarded');
      expect(cameras.find((c) => c.id === 'sd-01')).toMatchObject({
        status: 'online',
        siteId: 'sa-dec',
        location: { lat: 10.29, lon: 105.75 },
        headingDeg: 90,
      });
      expect(cameras.find((c) => c.id === 'sd-02')).toMatchObject({ status: 'auth_failed' });
      // Exercise the paths that handle credentials: snapshot with Digest, test by id (refused), presets.
      await rpc(core, 'cameras.snapshot', { id: 'sd-01' }, token);
      await rpc(core, 'cameras.test', { id: 'sd-02' }, token);
      await rpc(core, 'ptz.presets', { cameraId: 'sd-01' }, token);
      const commandLines = allCommandLines();
      expect(commandLines).toContain('cli.ts');
      for (const secret of SECRETS) expect(commandLines).not.toContain(secret);
    } finally {
      expect(await core.stop()).toBe(0);
      stderr = core.stderr;
    }
    const logText = stderr.join('');
    expect(logText).toMatch(/demo fleet onboarded/);
    expect(logText).toMatch(/refused/);
    for (const secret of SECRETS) {
      expect(logText).not.toContain(secret);
      for (const reply of replies) expect(reply).not.toContain(secret);
    }
    // At rest: only ciphertext in the database and its WAL; the key is in its own 0600 file.
    const dataDir = join(temp.dir, 'data');
    for (const name of readdirSync(dataDir).filter((n) => n.startsWith('ioc.sqlite'))) {
      const bytes = readFileSync(join(dataDir, name));
      expect(bytes.includes(Buffer.from(GOOD))).toBe(false);
      expect(bytes.includes(Buffer.from(WRONG))).toBe(false);
    }
  });

  it('does not add the fleet twice on the next start', async () => {
    const core = await startCore();
    try {
      const token = await login(core, 'technician');
      await eventually(
        async () => (core.stderr.join('').includes('demo fleet onboarded') ? true : undefined),
        'the fleet pass',
      );
      const list = await rpc<Camera[]>(core, 'cameras.list', {}, token);
      expect(list.map((c) => c.id).sort()).toEqual(['sd-01', 'sd-02']);
      expect(core.stderr.join('')).toMatch(/"exists":2/);
    } finally {
      expect(await core.stop()).toBe(0);
    }
  });
});
