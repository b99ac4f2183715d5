import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { verifyPassword } from '../../src-server/auth/password';
import { openDatabase } from '../../src-server/db/open-database';
import pg from 'pg';
import { describeOnEachDatabase, PG_ADMIN_URL, useDatabase } from './databases';
import { bundledArgs } from '../integration/bundled-entry';
import { APP_ROOT, get, postForm, TEST_API_KEY, TEST_PASSWORD } from './server-harness';

// Each test starts the server as a process, some twice (with 15 demo passwords drawn and hashed): at the load of a
// full run on 2 cores that outlasted 30 s. The limits only end a test that hangs.
vi.setConfig({ testTimeout: 180_000 });
const READY_LIMIT_MS = 120_000;

/** node's arguments to run the server: its bundle (bundled-entry.ts), not tsx compiling it at every start. */
let serverEntry: string[] = [];
beforeAll(async () => {
  serverEntry = await bundledArgs('server', []);
});

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

const children = new Set<ChildProcess>();
afterEach(() => {
  // A failed test must not leave a server running.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

function spawnServer(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [...serverEntry, ...args], {
    cwd: APP_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return child;
}

function startServer(dbArg: string, env: Record<string, string>): Promise<Running> {
  const child = spawnServer(['--port', '0', '--db', dbArg], env);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no IOC_SERVER_READY within ${READY_LIMIT_MS / 1000} s:\n${out}\n${err}`)),
      READY_LIMIT_MS,
    );
    child.stdout!.on('data', () => {
      const m = /IOC_SERVER_READY (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, stdout: () => out, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}\n${err}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function stop(running: Running): Promise<{ code: number | null; signal: string | null }> {
  running.child.kill('SIGTERM');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no exit 10 s after SIGTERM')), 10_000),
  );
  return Promise.race([exitOf(running.child), timeout]);
}

describeOnEachDatabase('the central server as its own process', (dialect) => {
  const db = useDatabase(dialect);

  it('starts, takes a report, stops cleanly on SIGTERM and keeps the report across a restart', async () => {
    const env = { IOC_DEMO_PASSWORD: TEST_PASSWORD, IOC_OPEN311_API_KEY: TEST_API_KEY };
    const first = await startServer(db().arg, env);
    // Secrets come from the environment only: the command line every user can read holds none.
    const cmdline = readFileSync(`/proc/${first.child.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain(serverEntry.at(-1)!);
    expect(cmdline).not.toContain(TEST_API_KEY);
    expect(cmdline).not.toContain(TEST_PASSWORD);

    expect((await get(`${first.url}/api/health`)).json).toMatchObject({ ok: true, database: dialect });
    const posted = await postForm(`${first.url}/open311/v2/requests.json`, {
      api_key: TEST_API_KEY,
      service_code: 'water',
      address_string: 'Số 5 Nguyễn Huệ, phường Cao Lãnh',
      'attribute[su_co]': 'vo_ong',
    });
    expect(posted.status).toBe(201);
    const code = (posted.json as { service_request_id: string }[])[0]!.service_request_id;
    if (dialect === 'postgres') {
      // PostgreSQL drops the server's idle connections (a restart, a failover): the server must not crash.
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
        new URL(db().arg).pathname.slice(1),
      ]);
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(first.child.exitCode).toBeNull();
      expect((await get(`${first.url}/open311/v2/requests/${code}.json`)).status).toBe(200);
    }
    expect(await stop(first)).toEqual({ code: 0, signal: null });
    expect(first.stderr()).not.toContain(TEST_API_KEY);

    const second = await startServer(db().arg, env);
    const found = await get(`${second.url}/open311/v2/requests/${code}.json`);
    expect(found.status).toBe(200);
    expect(await stop(second)).toEqual({ code: 0, signal: null });
    await expect(fetch(`${second.url}/api/health`)).rejects.toThrow();

    // The five demo users of the workstation, with IOC_DEMO_PASSWORD (agency staff are seeded beside them).
    const check = await openDatabase(db().target);
    try {
      const users = await check.db
        .selectFrom('users')
        .select(['username', 'password_hash', 'roles'])
        .where('agency_id', 'is', null)
        .orderBy('username')
        .execute();
      expect(users.map((u) => u.username)).toEqual(['director', 'it_admin', 'operator', 'police', 'technician']);
      expect(await verifyPassword(TEST_PASSWORD, users[0]!.password_hash)).toBe(true);
      expect(JSON.parse(users[2]!.roles)).toEqual(['operator']);
      expect(await check.db.selectFrom('api_keys').select('key_hash').execute()).toHaveLength(1);
    } finally {
      await check.dispose();
    }
  });
});

it('refuses bad options with exit code 2 and never echoes a database password', async () => {
  const usage = spawnServer(['--port', '0', '--db', 'postgres://ioc:topsecret@127.0.0.1:5432/ioc'], {});
  let err = '';
  usage.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  expect((await exitOf(usage)).code).toBe(2);
  expect(err).toMatch(/must not contain a password/);
  expect(err).not.toContain('topsecret');

  const unknown = spawnServer(['--port', '0', '--api-key', 'x'], {});
  expect((await exitOf(unknown)).code).toBe(2);
});

it('prints the drawn demo passwords once when IOC_DEMO_PASSWORD is not set', async () => {
  const { createSqliteDatabase } = await import('./databases');
  const db = createSqliteDatabase();
  try {
    const running = await startServer(db.arg, {});
    expect(running.stdout()).toMatch(/Demo users[\s\S]*operator\s+\S{8,}/);
    await stop(running);
    const again = await startServer(db.arg, {});
    expect(again.stdout()).not.toMatch(/Demo users/);
    await stop(again);
  } finally {
    await db.drop();
  }
});

it('has a real resources folder next to it', () => {
  expect(() => readFileSync(join(APP_ROOT, 'resources', 'server', 'services.json'))).not.toThrow();
});
