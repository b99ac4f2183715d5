import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type BundledEntry, bundledArgs } from '../integration/bundled-entry';
import { APP_ROOT, ENROL_SECRET, TEST_PASSWORD } from './harness';
import { TEST_API_KEY } from '../server/server-harness';

export interface Running {
  child: ChildProcess;
  url: string;
  output(): string;
}

const children = new Set<ChildProcess>();

/** Every child a test started, killed if still alive (a failed test must not leave processes behind). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * How long a child may take to print its ready line. Only a child that will never be ready reaches it (it is not
 * a measure): at the load of a full run on 2 cores a start took tens of seconds.
 */
const READY_LIMIT_MS = 120_000;

async function start(
  entry: BundledEntry,
  args: string[],
  ready: RegExp,
  env: Record<string, string>,
): Promise<Running> {
  const child = spawn(process.execPath, await bundledArgs(entry, args), {
    cwd: APP_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      IOC_DEMO_PASSWORD: TEST_PASSWORD,
      IOC_SYNC_ENROL_SECRET: ENROL_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const startedAt = Date.now();
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `the ${entry} printed no ready line within ${READY_LIMIT_MS / 1000} s (load average ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}); its output:\n${out}`,
        ),
      );
    }, READY_LIMIT_MS);
    child.stdout!.on('data', () => {
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the ${entry} exited (${code ?? signal}) ${Date.now() - startedAt} ms after it was started, before it was ready:\n${out}`,
        ),
      );
    });
  });
}

/** The central server as its own process (src-server/cli.ts, bundled: see bundled-entry.ts). */
export function startServerProcess(dbArg: string): Promise<Running> {
  return start('server', ['--port', '0', '--db', dbArg], /IOC_SERVER_READY (http:\/\/127\.0\.0\.1:\d+)/, {
    IOC_OPEN311_API_KEY: TEST_API_KEY,
  });
}

/** The workstation core as its own process (src-main/core/cli.ts, bundled), syncing with `serverUrl`. */
export function startCoreProcess(dataDir: string, serverUrl: string): Promise<Running> {
  return start(
    'core',
    ['--headless', '--port', '0', '--data-dir', dataDir, '--server', serverUrl],
    /IOC_CORE_READY (http:\/\/127\.0\.0\.1:\d+)/,
    {},
  );
}

/**
 * An empty workstation in its own process (catchup-kill-child.ts) that saves `pages` pages of `pageLimit` rows of its
 * initial sync into `dataDir`, then kills itself with SIGKILL, so the kill falls exactly between two pages.
 */
export function runSelfKillingWorkstation(
  serverUrl: string,
  dataDir: string,
  pages: number,
  pageLimit: number,
): Promise<{ signal: string | null; out: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(APP_ROOT, 'tests/sync/catchup-kill-child.ts'),
      serverUrl,
      dataDir,
      String(pages),
      String(pageLimit),
    ],
    { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out })));
}

export async function stopGracefully(running: Running): Promise<void> {
  running.child.kill('SIGTERM');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no exit after SIGTERM')), 15_000),
  );
  await Promise.race([exitOf(running.child), timeout]);
}

export async function killHard(running: Running): Promise<void> {
  running.child.kill('SIGKILL');
  await exitOf(running.child);
}

/** A signed-in contract client of a core process (POST /api/rpc). */
export async function rpcClient(coreUrl: string, username = 'operator') {
  const res = await fetch(`${coreUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return async function call<T = unknown>(command: string, input: unknown = {}): Promise<T> {
    const r = await fetch(`${coreUrl}/api/rpc/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const reply = (await r.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!reply.ok) throw new Error(`${command}: ${reply.error?.message}`);
    return reply.value as T;
  };
}

/** A citizen's report through the server's public Open311 endpoint. */
export async function postReport(serverUrl: string, description: string): Promise<string> {
  const body = new URLSearchParams({
    api_key: TEST_API_KEY,
    service_code: 'lighting',
    lat: '10.4603',
    long: '105.6329',
    'attribute[tinh_trang]': 'khong_sang',
    description,
    first_name: 'Lan',
    phone: '0912345678',
  });
  const res = await fetch(`${serverUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: body.toString(),
  });
  if (res.status >= 300) throw new Error(`Open311 POST failed: ${res.status} ${await res.text()}`);
  const [created] = (await res.json()) as { service_request_id: string }[];
  return created!.service_request_id;
}
