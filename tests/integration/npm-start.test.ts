// `npm start`'s wiring, run as it is: scripts/start-workstation.mjs, what scripts/start.mjs runs after its setup
// steps (npm ci, apt-get, vite build: left out, they change the machine). It starts the demo camera fleet, the
// simulated sensors and government systems, the embedded central server and the headless core, each as the real
// child process npm start makes (through tsx), and connects them. Checked through real HTTP and the contract:
// the core syncs with the embedded server, sensor readings reach the server and come back to the core, and with
// `--server <url>` no embedded server (nor feeds) starts and the core syncs with the one named. After SIGTERM every
// process the launcher started, at any depth, is gone.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AssetSchema } from '../../src-shared/contract/alerts';
import { SyncStatusSchema } from '../../src-shared/contract/cases';
import { ENROL_SECRET } from '../sync/harness';
import { killAll, startServerProcess, stopGracefully } from '../sync/processes';
import { APP_ROOT } from '../server/server-harness';
import { requireGstreamer } from './require-gstreamer';
import { makeTempDir } from './tmp-dir';

const PASSWORD = 'mật-khẩu-npm-start';
const START_MODULE = join(APP_ROOT, 'scripts', 'start-workstation.mjs');
/** Only a start that will never finish reaches these (four tsx children at the load of a full run). */
const READY_LIMIT_MS = 180_000;
const EXIT_LIMIT_MS = 30_000;

const gstreamer = await requireGstreamer('npm start: the demo camera fleet');

interface Proc {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: with the pid, names one process even if the pid is reused. */
  start: string;
  state: string;
  cmdline: string;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: the fields after its ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(fields[1]), start: fields[19]!, state: fields[0]!, cmdline };
  } catch {
    return null;
  }
}

/** Every live descendant of `root`, at any depth. */
function descendants(root: number): Proc[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is Proc => p !== null);
  const found: Proc[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** Still running: the same process (pid and start time) and not a zombie. */
function alive(p: Proc): boolean {
  const now = readProc(p.pid);
  return now !== null && now.start === p.start && now.state !== 'Z';
}

interface Launcher {
  child: ChildProcess;
  coreUrl: string;
  output(): string;
}

let launched: ChildProcess | null = null;
afterEach(async () => {
  // A failed test must not leave the launcher or its children behind: SIGTERM, then SIGKILL what is left.
  const child = launched;
  launched = null;
  if (child && child.exitCode === null && child.signalCode === null) {
    const tree = descendants(child.pid!);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, EXIT_LIMIT_MS))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const p of tree) if (alive(p)) process.kill(p.pid, 'SIGKILL');
  }
  killAll();
});

/** Runs `startWorkstation(args)` in a process of its own, as scripts/start.mjs does, until the core is ready. */
async function launch(args: string[], env: Record<string, string> = {}): Promise<Launcher> {
  const inherited = { ...process.env };
  // What the test's own environment could bring that npm start would take (a server, a secret, a data dir).
  for (const name of Object.keys(inherited)) if (name.startsWith('IOC_')) delete inherited[name];
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      'const { startWorkstation } = await import(process.argv[1]); await startWorkstation(process.argv.slice(2));',
      START_MODULE,
      '--headless',
      '--port',
      '0',
      ...args,
    ],
    {
      cwd: APP_ROOT,
      env: { ...inherited, IOC_DEMO_PASSWORD: PASSWORD, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  launched = child;
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const coreUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`no IOC_CORE_READY in ${READY_LIMIT_MS / 1000} s (load ${loadavg().join(' ')}); output:\n${out}`),
        ),
      READY_LIMIT_MS,
    );
    child.stdout!.on('data', () => {
      const m = /IOC_CORE_READY (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the launcher exited (${code ?? signal}) before the core was ready; output:\n${out}`));
    });
  });
  return { child, coreUrl, output: () => out };
}

/** SIGTERM to the launcher, as Ctrl-C or a service manager sends it: it exits and takes every child with it. */
async function stopAndCheckNoStrays(launcher: Launcher): Promise<void> {
  const tree = descendants(launcher.child.pid!);
  expect(tree.length, 'the launcher has children').toBeGreaterThan(0);
  const exited = new Promise<number | null>((resolve) => launcher.child.once('exit', (code) => resolve(code)));
  launcher.child.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), EXIT_LIMIT_MS)),
  ]);
  expect(code, `the launcher's exit after SIGTERM; output:\n${launcher.output()}`).toBe(0);
  // The launcher waits for its children before it exits; a grandchild (GStreamer's Python, ffmpeg) may take a
  // moment longer to be reaped.
  let strays = tree.filter(alive);
  for (let i = 0; i < 50 && strays.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 200));
    strays = strays.filter(alive);
  }
  const report = strays.map((p) => `${p.pid} ${p.cmdline}`);
  // Not left for the next test either: the same processes (pid and start time) are killed.
  for (const p of strays) if (alive(p)) process.kill(p.pid, 'SIGKILL');
  expect(report, 'processes left running').toEqual([]);
}

async function login(coreUrl: string) {
  const res = await fetch(`${coreUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return async function call(command: string, input: unknown = {}): Promise<unknown> {
    const r = await fetch(`${coreUrl}/api/rpc/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const reply = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(`${command}: ${reply.error?.message}`);
    return reply.value;
  };
}

async function until<T>(read: () => Promise<T | null>, what: string, limitMs = 120_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await read();
      if (value !== null) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last error: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function childrenRunning(launcher: Launcher, entry: string): string[] {
  return descendants(launcher.child.pid!)
    .map((p) => p.cmdline)
    .filter((c) => c.includes(entry));
}

describe('npm start (scripts/start-workstation.mjs)', () => {
  it(
    'starts the embedded central server and the feeds, the core syncs with it and sees sensor readings',
    { timeout: 400_000 },
    async () => {
      const temp = makeTempDir('ioc-npm-start-');
      try {
        const launcher = await launch(['--data-dir', temp.dir]);
        const serverUrl = /Central server ready at (http:\/\/127\.0\.0\.1:\d+)\./.exec(launcher.output())?.[1];
        expect(serverUrl, launcher.output()).toBeDefined();
        // The children npm start makes, each a real process under the launcher.
        expect(childrenRunning(launcher, join('src-server', 'cli.ts'))).toHaveLength(1);
        expect(childrenRunning(launcher, join('sim', 'sensors', 'demo-cli.ts'))).toHaveLength(1);
        expect(childrenRunning(launcher, join('src-main', 'core', 'cli.ts'))).toHaveLength(1);
        expect(existsSync(join(temp.dir, 'central.sqlite'))).toBe(true);

        const call = await login(launcher.coreUrl);
        // The core was given the embedded server (`--server <its url>`) and the enrolment secret: it syncs.
        const status = await until(async () => {
          const s = SyncStatusSchema.parse(await call('sync.status'));
          return s.connected ? s : null;
        }, 'the core connected to the embedded server');
        expect(status.serverUrl).toBe(serverUrl);

        // The feeds were told where the server is: readings over NGSI-LD reach it…
        await until(async () => {
          const text = await (await fetch(`${serverUrl}/api/ingest/metrics`)).text();
          return /ioc_ingest_entities_total\{adapter="ngsi-ld-(http|mqtt)"\} [1-9]/.test(text) ? true : null;
        }, 'sensor readings taken by the embedded server');
        // …and the core, through the server, shows the devices with what they last reported.
        const observed = await until(async () => {
          const assets = AssetSchema.array().parse(await call('alerts.assets'));
          const seen = assets.filter((a) => a.observedAt !== null && Object.keys(a.observed).length > 0);
          return seen.length > 0 ? seen : null;
        }, 'a demo device with a reading, at the core');
        expect(observed.map((a) => a.kind)).toEqual(expect.arrayContaining([expect.any(String)]));

        if (gstreamer.available) {
          // The fleet's manifest went to the core (IOC_DEMO_FLEET): it onboarded the simulated cameras.
          expect(launcher.output()).toContain('Camera fleet ready.');
          const cameras = (await call('cameras.list')) as unknown[];
          expect(cameras.length).toBeGreaterThan(0);
        }

        await stopAndCheckNoStrays(launcher);
      } finally {
        temp.remove();
      }
    },
  );

  it('with --server <url> starts no embedded server and syncs with the one named', { timeout: 400_000 }, async () => {
    const temp = makeTempDir('ioc-npm-start-server-');
    try {
      const external = await startServerProcess(join(temp.dir, 'external.sqlite'));
      const dataDir = join(temp.dir, 'workstation');
      const launcher = await launch(['--data-dir', dataDir, '--server', external.url], {
        IOC_SYNC_ENROL_SECRET: ENROL_SECRET,
      });
      expect(launcher.output()).not.toContain('embedded central server');
      expect(launcher.output()).not.toContain('Central server ready');
      expect(childrenRunning(launcher, join('src-server', 'cli.ts'))).toEqual([]);
      // The feeds only feed the embedded server.
      expect(childrenRunning(launcher, join('sim', 'sensors', 'demo-cli.ts'))).toEqual([]);
      expect(childrenRunning(launcher, join('src-main', 'core', 'cli.ts'))).toHaveLength(1);
      expect(existsSync(join(dataDir, 'central.sqlite'))).toBe(false);

      const call = await login(launcher.coreUrl);
      const status = await until(async () => {
        const s = SyncStatusSchema.parse(await call('sync.status'));
        return s.connected ? s : null;
      }, 'the core connected to the external server');
      expect(status.serverUrl).toBe(external.url);

      await stopAndCheckNoStrays(launcher);
      await stopGracefully(external);
    } finally {
      temp.remove();
    }
  });
});
