import { parseServerConfig } from '../../src-server/config';
import { silentLogger } from '../../src-server/logging/logger';
import { type CentralServer, startCentralServer } from '../../src-server/server';
import { createDatabase, type DialectUnderTest, type TestDatabase } from '../server/databases';
import { APP_ROOT } from '../server/server-harness';

export const INGEST_KEY = 'khoa-cam-bien-thu-0123456789';
export const ENROL_SECRET = 'bi-mat-ghi-danh-thu-0123456789';
export const PASSWORD = 'mật-khẩu-thử-123';

export interface AlertsServer {
  server: CentralServer;
  url: string;
  db: TestDatabase;
  /** `Bearer <deviceId>.<secret>` of a workstation enrolled for this test. */
  device: string;
  stop(): Promise<void>;
}

export interface AlertsServerOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/**
 * The central server of these tests on `db`, on a random loopback port: the demo users, the ingest key, the
 * enrolment secret, MQTT off unless `env` says otherwise, and alert batches and watches quick enough for tests.
 */
export function startAlertsCentral(
  db: TestDatabase,
  options: AlertsServerOptions & { expiryCheckMs: number },
): Promise<CentralServer> {
  const config = parseServerConfig(
    ['--port', '0'],
    {
      IOC_SERVER_DB: db.arg,
      IOC_DEMO_PASSWORD: PASSWORD,
      IOC_INGEST_KEY: INGEST_KEY,
      IOC_SYNC_ENROL_SECRET: ENROL_SECRET,
      IOC_MQTT_URL: 'off',
      ...options.env,
    },
    APP_ROOT,
  );
  return startCentralServer(config, silentLogger, {
    now: options.now,
    alerts: { batch: { delayMs: 5 }, watchIntervalMs: 50, expiryCheckMs: options.expiryCheckMs },
  });
}

/** A real central server (Fastify + SQLite or PostgreSQL) on a random loopback port, with one enrolled device. */
export async function startAlertsServer(
  dialect: DialectUnderTest,
  options: AlertsServerOptions = {},
): Promise<AlertsServer> {
  const db = await createDatabase(dialect);
  let server: CentralServer;
  try {
    server = await startAlertsCentral(db, { ...options, expiryCheckMs: 200 });
  } catch (error) {
    await db.drop();
    throw error;
  }
  const device = await enrol(server.url);
  return {
    server,
    url: server.url,
    db,
    device,
    async stop() {
      await server.dispose();
      await db.drop();
    },
  };
}

export async function enrol(url: string): Promise<string> {
  const res = await fetch(`${url}/api/sync/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ioc-client-version': '0.1.0', 'x-ioc-sync-protocol': '1' },
    body: JSON.stringify({ enrolSecret: ENROL_SECRET, label: 'test workstation' }),
  });
  const body = (await res.json()) as { deviceId?: string; deviceSecret?: string };
  if (!res.ok || !body.deviceId || !body.deviceSecret)
    throw new Error(`enrol failed: ${res.status} ${JSON.stringify(body)}`);
  return `Bearer ${body.deviceId}.${body.deviceSecret}`;
}

export interface JsonReply {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<JsonReply> {
  const res = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A FloodMonitoring gauge in normalized NGSI-LD, as a Cao Lãnh drainage sensor would send it. */
export function floodGauge(id: string, level: number, observedAt: string, extra: Record<string, unknown> = {}) {
  return {
    id: `urn:ngsi-ld:FloodMonitoring:${id}`,
    type: 'FloodMonitoring',
    currentLevel: { type: 'Property', value: level, unitCode: 'MTR', observedAt },
    alertLevel: { type: 'Property', value: 1.5, unitCode: 'MTR' },
    dangerLevel: { type: 'Property', value: 2.0, unitCode: 'MTR' },
    location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [105.6321, 10.4598] } },
    ...extra,
  };
}

export const LD_CONTEXT = [
  'https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
];

export function ngsiHeaders(kind: 'json' | 'ld+json' = 'ld+json', key = INGEST_KEY): Record<string, string> {
  return { 'content-type': `application/${kind}`, authorization: `Bearer ${key}` };
}

/** A second operator on the central server (a copy of the demo operator under another name). */
export async function addOperator(server: CentralServer, username: string): Promise<void> {
  const db = server.database.db.withTables<{ users: Record<string, unknown> }>();
  const row = await db.selectFrom('users').selectAll().where('username', '=', 'operator').executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({ ...row, id: `u-${username}`, username, username_key: username })
    .execute();
}
