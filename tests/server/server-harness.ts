import { resolve } from 'node:path';
import { parseServerConfig } from '../../src-server/config';
import { silentLogger } from '../../src-server/logging/logger';
import { type CentralServer, startCentralServer } from '../../src-server/server';
import type { TestDatabase } from './databases';

export const APP_ROOT = resolve(import.meta.dirname, '..', '..');
export const TEST_API_KEY = 'khoa-thu-open311-0123456789';
export const TEST_PASSWORD = 'mật-khẩu-thử-123';

export interface TestServer {
  server: CentralServer;
  url: string;
  /** The server's clock; tests move it to file reports at chosen times. */
  clock: { now: Date };
  stop(): Promise<void>;
}

/** A real central server on a random loopback port over the given database, in this process. */
export async function startTestServer(db: TestDatabase, options: { demo?: boolean } = {}): Promise<TestServer> {
  const config = parseServerConfig(
    ['--port', '0', ...(options.demo ? [] : ['--no-demo'])],
    { IOC_SERVER_DB: db.arg, IOC_OPEN311_API_KEY: TEST_API_KEY, IOC_DEMO_PASSWORD: TEST_PASSWORD },
    APP_ROOT,
  );
  const clock = { now: new Date() };
  const server = await startCentralServer(config, silentLogger, { now: () => clock.now });
  return { server, url: server.url, clock, stop: () => server.dispose() };
}

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let json: unknown = undefined;
  if (contentType.startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, contentType, text, json };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return toReply(await fetch(url, { headers }));
}

/** A POST exactly as the spec shows it: application/x-www-form-urlencoded; charset=utf-8. */
export async function postForm(url: string, fields: [string, string][] | Record<string, string>): Promise<Reply> {
  const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)).toString();
  return toReply(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    }),
  );
}

export async function postJson(url: string, body: unknown): Promise<Reply> {
  return toReply(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}
