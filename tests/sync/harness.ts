import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type AuditLog, createAuditLog } from '../../src-main/services/audit';
import {
  createCasesService,
  loadCaseServices,
  loadWorkingCalendar,
  type CasesService,
} from '../../src-main/services/cases';
import { createLayoutsService, type LayoutsService } from '../../src-main/services/layouts';
import { createSecretsService } from '../../src-main/services/secrets';
import { openStore, type Store } from '../../src-main/services/store';
import { createSyncService, type SyncService, type SyncServiceOptions } from '../../src-main/services/sync';
import type { EventName, EventPayload } from '../../src-shared/contract';
import { parseServerConfig } from '../../src-server/config';
import { silentLogger } from '../../src-server/logging/logger';
import { type CentralServer, startCentralServer } from '../../src-server/server';
import { makeTempDir } from '../integration/tmp-dir';
import { fileLampReport, serverResources } from '../server/citizen-reports';
import type { TestDatabase } from '../server/databases';
import { APP_ROOT, TEST_API_KEY, TEST_PASSWORD } from '../server/server-harness';

export { APP_ROOT, TEST_PASSWORD };
export const ENROL_SECRET = 'bi-mat-dang-ky-thiet-bi-0123456789';
export const RESOURCES = join(APP_ROOT, 'resources');
export { serverResources };
export const calendar = serverResources.calendar;

export interface SyncTestServer {
  server: CentralServer;
  url: string;
  clock: { now: Date };
  stop(): Promise<void>;
}

/** A real central server in this process on a random loopback port, with the demo users and a fast long-poll. */
export async function startSyncServer(
  db: TestDatabase,
  options: { minClientVersion?: string; enrolSecret?: string | null } = {},
): Promise<SyncTestServer> {
  const env: NodeJS.ProcessEnv = {
    IOC_SERVER_DB: db.arg,
    IOC_OPEN311_API_KEY: TEST_API_KEY,
    IOC_DEMO_PASSWORD: TEST_PASSWORD,
  };
  if (options.enrolSecret !== null) env.IOC_SYNC_ENROL_SECRET = options.enrolSecret ?? ENROL_SECRET;
  const config = parseServerConfig(
    ['--port', '0', ...(options.enrolSecret === null ? ['--no-demo'] : [])],
    env,
    APP_ROOT,
  );
  const clock = { now: new Date() };
  const server = await startCentralServer(config, silentLogger, {
    now: () => clock.now,
    minClientVersion: options.minClientVersion,
  });
  return { server, url: server.url, clock, stop: () => server.dispose() };
}

/** A citizen's report straight into the server's database (the same function Open311 intake calls). */
export function fileReport(
  server: CentralServer,
  description = 'Đèn đường trước số 12 Nguyễn Huệ không sáng',
  at = new Date(),
): Promise<{ id: string; code: string }> {
  return fileLampReport(server.database.db, at, { description, addressString: 'Phường Mỹ Phú, Cao Lãnh' });
}

export interface Published {
  event: EventName;
  payload: unknown;
}

export interface TestWorkstation {
  store: Store;
  sync: SyncService;
  cases: CasesService;
  /** Layouts and tours, shared through sync. */
  layouts: LayoutsService;
  audit: AuditLog;
  dataDir: string;
  events: Published[];
  /** Closes everything; `keepFiles` leaves the data folder for a reopen. */
  close(keepFiles?: boolean): Promise<void>;
}

export const OPERATOR = { userId: 'u-operator', username: 'operator', roles: ['operator' as const] };

/** A workstation's sync and cases services over a real SQLite file, without the HTTP host. */
export function openWorkstation(
  serverUrl: string | null,
  options: {
    dataDir?: string;
    timing?: SyncServiceOptions['timing'];
    clientVersion?: string;
    now?: () => Date;
  } & Partial<Pick<SyncServiceOptions, 'transport' | 'credentials' | 'enrolSecret'>> = {},
): TestWorkstation {
  const temp = options.dataDir ? null : makeTempDir('ioc-ws-');
  const dataDir = options.dataDir ?? temp!.dir;
  const store = openStore({ path: join(dataDir, 'ioc.sqlite') });
  const audit = createAuditLog(store);
  const secrets = createSecretsService({ store, dataDir });
  const events: Published[] = [];
  const sync = createSyncService({
    store,
    audit,
    secrets,
    logger: silentLogger,
    publish: <N extends EventName>(event: N, payload: EventPayload<N>) => void events.push({ event, payload }),
    serverUrl,
    enrolSecret: options.enrolSecret === undefined ? ENROL_SECRET : options.enrolSecret,
    clientVersion: options.clientVersion ?? '0.1.0',
    transport: options.transport,
    credentials: options.credentials,
    timing: { backoffBaseMs: 20, backoffCapMs: 200, pullWaitS: 1, watchdogCheckMs: 100, ...options.timing },
    now: options.now,
  });
  const cases = createCasesService({
    sqlite: store.sqlite,
    sync,
    audit,
    calendar: loadWorkingCalendar(RESOURCES),
    services: loadCaseServices(RESOURCES),
    now: options.now,
  });
  const layouts = createLayoutsService({
    store,
    publish: (event, payload) => void events.push({ event, payload }),
    audit: (entry) => audit.record(entry),
    now: options.now,
  });
  layouts.attachSync(sync);
  return {
    store,
    sync,
    cases,
    layouts,
    audit,
    dataDir,
    events,
    async close(keepFiles = false) {
      layouts.dispose();
      await sync.dispose();
      await store.dispose();
      if (!keepFiles) temp?.remove();
    },
  };
}

/**
 * The shortest wait `eventually` allows. Its limit only ends a test that would otherwise hang, and on a loaded
 * 2-core machine (a full run) enrolling, pulling and mirroring took longer than the 10 s callers used to ask for:
 * a shorter limit only turns load into a failure. A check that holds returns at once, so it costs nothing.
 */
export const MIN_EVENTUALLY_MS = 45_000;

/** Polls until `check` holds (or throws the last reason after `timeoutMs`, at least MIN_EVENTUALLY_MS). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = MIN_EVENTUALLY_MS,
  what = 'condition',
): Promise<Exclude<T, null | undefined | false>> {
  const limitMs = Math.max(timeoutMs, MIN_EVENTUALLY_MS);
  const startedAt = Date.now();
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== undefined && value !== null)
        return value as Exclude<T, null | undefined | false>;
    } catch (error) {
      last = error;
    }
    if (Date.now() - startedAt > limitMs) {
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
      throw new Error(
        `timed out after ${limitMs / 1000} s (load average ${load}) waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
