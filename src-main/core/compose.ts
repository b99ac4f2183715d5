import { join } from 'node:path';
import { disposeAll, type Disposable } from '../../src-shared/domain/disposable';
import { createAuditLog } from '../services/audit';
import { createAuthService } from '../services/auth';
import { createSitesService } from '../services/sites';
import { openStore } from '../services/store';
import type { CoreConfig } from './config';
import { seedDemo, type DemoCredential } from './demo-seed';
import { createDispatcher } from './dispatch';
import type { Handlers } from './handlers';
import { startHttpHost } from './http-host';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { systemHandlers } from './system-handlers';
import { VERSION } from './version';
import { createWsHost } from './ws-host';

export interface Core {
  dispose(): Promise<void>;
  readonly url: string;
  readonly demoCredentials: DemoCredential[];
}

/** The composition root: creates each service from config, wires them, and owns their disposal. */
export async function createCore(config: CoreConfig, logger: Logger): Promise<Core> {
  const owned: Disposable[] = [];
  try {
    const metrics = createMetrics();
    metrics.gauge('ioc_build_info', 'Version of the running core').set(1, { version: VERSION });
    metrics.collect('process_resident_memory_bytes', 'Resident memory of the core', () => process.memoryUsage().rss);
    metrics.collect('process_uptime_seconds', 'Seconds since the core started', () => Math.round(process.uptime()));

    const store = openStore({ path: join(config.dataDir, 'ioc.sqlite') });
    owned.push(store);
    if (store.backupPath) logger.info('database migrated; backup written', { backup: store.backupPath });
    const audit = createAuditLog(store);
    const auth = createAuthService({ store, audit, sessionTtlMs: config.sessionTtlMs });
    const sites = createSitesService(store);
    const demoCredentials = config.demo
      ? await seedDemo({
          store,
          sites,
          resourcesDir: config.resourcesDir,
          dataDir: config.dataDir,
          password: config.demoPassword,
        })
      : [];

    const handlers: Handlers = { ...systemHandlers({ version: VERSION, auth, sites, audit }) };
    const dispatch = createDispatcher(handlers, { logger, metrics });
    const ws = createWsHost({ dispatch, auth, logger, metrics, version: VERSION });
    owned.push(ws);
    const http = await startHttpHost(
      {
        host: config.host,
        port: config.port,
        version: VERSION,
        rendererDir: config.rendererDir,
        launchSecret: config.launchSecret,
        allowedOrigins: config.allowedOrigins,
        sessionTtlMs: config.sessionTtlMs,
      },
      { auth, dispatch, ws, logger, metrics },
    );
    // Disposal runs in reverse, and sockets must go first: the HTTP server's close waits for upgraded connections.
    owned.splice(owned.indexOf(ws), 0, http);
    return { url: http.url, demoCredentials, dispose: () => disposeAll(owned) };
  } catch (error) {
    await disposeAll(owned).catch(() => undefined);
    throw error;
  }
}
