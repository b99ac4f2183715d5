import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { createCore, type Core } from '../../src-main/core/compose';
import { parseConfig } from '../../src-main/core/config';
import { createLogger } from '../../src-main/core/logger';
import { startSimCamera, type SimCamera, type SimCameraOptions } from '../../sim/onvif';
import { makeTempDir } from '../integration/tmp-dir';

export const USER_PASSWORD = 'mật-khẩu-thử-123';
const APP_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Refuses to run outside a loopback-only network namespace: these tests follow what simulated cameras
 * answer, which carries real cameras' private addresses. Run them with `node tests/netns/run.mjs`.
 */
export function assertLoopbackOnly(): void {
  const outside = Object.entries(networkInterfaces()).filter(([, list]) => (list ?? []).some((a) => !a.internal));
  if (outside.length > 0 || process.env.IOC_NETNS !== '1') {
    throw new Error(
      `tests/netns must run in a loopback-only network namespace (node tests/netns/run.mjs); found ${outside.map(([n]) => n).join(', ') || 'IOC_NETNS unset'}`,
    );
  }
}

export interface CameraCore {
  core: Core;
  url: string;
  dataDir: string;
  /** Every line the core logged (JSON, after the redactor). */
  logs: string[];
  /** Every reply body the core sent to rpc(). */
  replies: string[];
  login(username: string): Promise<string>;
  rpc<T = unknown>(command: string, body: unknown, token: string): Promise<{ status: number; json: Reply<T> }>;
  /** rpc() that must succeed; returns the value. */
  call<T = unknown>(command: string, body: unknown, token: string): Promise<T>;
  stop(): Promise<void>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A real core (HTTP, SQLite file, camera service) on a random loopback port, logging at debug into `logs`. */
export async function startCameraCore(env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<CameraCore> {
  const temp = makeTempDir('ioc-cam-core-');
  const config = parseConfig(
    ['--headless', '--port', '0', '--data-dir', temp.dir, ...args],
    { IOC_DEMO_PASSWORD: USER_PASSWORD, ...env },
    APP_ROOT,
  );
  const logs: string[] = [];
  const replies: string[] = [];
  const core = await createCore(config, createLogger({ level: 'debug', write: (line) => logs.push(line) }));
  const url = core.url;
  const rpc = async <T>(command: string, body: unknown, token: string) => {
    const res = await fetch(`${url}/api/rpc/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    replies.push(text);
    return { status: res.status, json: JSON.parse(text) as Reply<T> };
  };
  return {
    core,
    url,
    dataDir: temp.dir,
    logs,
    replies,
    async login(username) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: USER_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    rpc,
    async call<T>(command: string, body: unknown, token: string) {
      const { json } = await rpc<T>(command, body, token);
      if (!json.ok) {
        const logged = logs.filter((l) => /"level":"(error|warn)"/.test(l)).slice(-3);
        throw new Error(`${command} failed: ${json.error.code}: ${json.error.message}\n${logged.join('\n')}`);
      }
      return json.value;
    },
    async stop() {
      await core.dispose();
      temp.remove();
    },
  };
}

/** Simulated cameras started by a test file, disposed together. */
export function simFleet() {
  const cameras: SimCamera[] = [];
  return {
    async start(options: SimCameraOptions): Promise<SimCamera> {
      const camera = await startSimCamera(options);
      cameras.push(camera);
      return camera;
    },
    async disposeAll(): Promise<void> {
      await Promise.all(cameras.splice(0).map((c) => c.dispose()));
    },
  };
}

/** Polls `check` until it returns a value (not undefined); fails after `attempts` × `everyMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  attempts = 100,
  everyMs = 100,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Private and documentation addresses that appear in the captures; none may reach a reply. */
export const CAPTURED_PRIVATE = /\b(?:192\.168\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.0\.2\.\d+)\b/;
