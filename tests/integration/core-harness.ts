import { resolve } from 'node:path';
import { createCore, type Core } from '../../src-main/core/compose';
import { parseConfig } from '../../src-main/core/config';
import { silentLogger } from '../../src-main/core/logger';
import { makeTempDir } from './tmp-dir';

export const TEST_PASSWORD = 'mật-khẩu-thử-123';
const APP_ROOT = resolve(import.meta.dirname, '..', '..');

export interface TestCore {
  core: Core;
  url: string;
  dataDir: string;
  login(username: string, password?: string): Promise<string>;
  rpc(command: string, body: unknown, token: string | null): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

/** A real core on a random loopback port with its own SQLite file, seeded with the demo users. */
export async function startTestCore(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<TestCore> {
  const temp = makeTempDir('ioc-core-');
  const config = parseConfig(
    ['--headless', '--port', '0', '--data-dir', temp.dir, ...extraArgs],
    { IOC_DEMO_PASSWORD: TEST_PASSWORD, ...env },
    APP_ROOT,
  );
  const core = await createCore(config, silentLogger);
  const url = core.url;
  return {
    core,
    url,
    dataDir: temp.dir,
    async login(username, password = TEST_PASSWORD) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async rpc(command, body, token) {
      const res = await fetch(`${url}/api/rpc/${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: JSON.parse(text) as unknown };
    },
    async stop() {
      await core.dispose();
      temp.remove();
    },
  };
}
