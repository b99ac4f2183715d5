import { join } from 'node:path';
import { serverLinkOf } from '../../src-main/core/alerts-link';
import { silentLogger } from '../../src-main/core/logger';
import {
  type AlertsService,
  type AlertsTiming,
  createAlertsService,
  type ServerLink,
} from '../../src-main/services/alerts';
import { createAuditLog } from '../../src-main/services/audit';
import { createSecretsService } from '../../src-main/services/secrets';
import { openStore, type Store } from '../../src-main/services/store';
import { createSyncService, type SyncService } from '../../src-main/services/sync';
import type { EventName, EventPayload } from '../../src-shared/contract';
import type { CentralServer } from '../../src-server/server';
import type { TestDatabase } from '../server/databases';
import { ENROL_SECRET, startAlertsCentral } from './harness';

/** The central server on a database that outlives it: stopped and started again like a real outage. */
export function startServer(db: TestDatabase): Promise<CentralServer> {
  return startAlertsCentral(db, { expiryCheckMs: 60_000 });
}

export interface Workstation {
  store: Store;
  sync: SyncService;
  alerts: AlertsService;
  events: { event: EventName; payload: unknown }[];
  close(): Promise<void>;
}

export interface WorkstationOptions {
  /** The sync service's server (null: commands stay queued); the alert feed uses its device unless `link`. */
  serverUrl: string | null;
  /** The alert feed's own link to a server (e.g. a device enrolled by the test). */
  link?: ServerLink;
  alertsTiming?: Partial<AlertsTiming>;
}

/** The workstation's store, sync and alert services as the core composes them, on one SQLite file. */
export function openWorkstation(dataDir: string, options: WorkstationOptions): Workstation {
  const store = openStore({ path: join(dataDir, 'ioc.sqlite') });
  const audit = createAuditLog(store);
  const secrets = createSecretsService({ store, dataDir });
  const events: Workstation['events'] = [];
  const publish = <N extends EventName>(event: N, payload: EventPayload<N>) => void events.push({ event, payload });
  const sync = createSyncService({
    store,
    audit,
    secrets,
    logger: silentLogger,
    publish,
    serverUrl: options.serverUrl,
    enrolSecret: ENROL_SECRET,
    clientVersion: '0.1.0',
    timing: { backoffBaseMs: 20, backoffCapMs: 200, pullWaitS: 1, watchdogCheckMs: 100 },
  });
  const alerts = createAlertsService({
    link: options.link ?? serverLinkOf(options.serverUrl, store, secrets),
    sqlite: store.sqlite,
    outbox: sync,
    logger: silentLogger,
    publish,
    timing: { waitS: 1, retryBaseMs: 20, retryCapMs: 200, enrolPollMs: 50, ...options.alertsTiming },
  });
  return {
    store,
    sync,
    alerts,
    events,
    async close() {
      await alerts.dispose();
      await sync.dispose();
      await store.dispose();
    },
  };
}

/** Polls a condition (no timing is asserted: the timeout only ends a test that would otherwise hang). */
export async function until<T>(
  check: () => T | null | undefined | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
