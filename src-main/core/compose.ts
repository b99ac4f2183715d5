import { join } from 'node:path';
import { CameraEventSchema, events } from '../../src-shared/contract';
import { disposeAll, type Disposable } from '../../src-shared/domain/disposable';
import { alertsHandlers, createAlertsService, createCameraReporter } from '../services/alerts';
import { createAuditLog } from '../services/audit';
import { createAuthService } from '../services/auth';
import { createCameraService } from '../services/cameras';
import {
  casesHandlers,
  createCasesService,
  loadCaseServices,
  loadWorkingCalendar,
  MediaCache,
} from '../services/cases';
import { createLayoutsService, layoutsHandlers } from '../services/layouts';
import { createSecretsService } from '../services/secrets';
import { createSitesService } from '../services/sites';
import { openStore } from '../services/store';
import { createStreamsService, registerStreamMetrics, type ResolveSource } from '../services/streams';
import { guardedStreamHandlers } from './stream-handlers';
import { createSyncService, syncHandlers } from '../services/sync';
import { serverLinkOf } from './alerts-link';
import { cameraHandlers } from './camera-handlers';
import { caseCreateHandlers } from './case-create-handlers';
import type { CoreConfig } from './config';
import { onboardDemoFleet } from './demo-fleet';
import { seedDemo, type DemoCredential } from './demo-seed';
import { createDispatcher } from './dispatch';
import type { Handlers } from './handlers';
import { startHttpHost } from './http-host';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { redact } from '../../src-shared/domain/redact';
import { systemHandlers } from './system-handlers';
import { VERSION } from './version';
import { createWsHost, type WsHost } from './ws-host';

export interface Core {
  dispose(): Promise<void>;
  readonly url: string;
  readonly demoCredentials: DemoCredential[];
}

/** Dependencies a caller (a test, the demo) may supply instead of the defaults. */
export interface CoreInjections {
  /** Where each camera's live stream is and its credentials; default: the camera service. */
  resolveStreamSource?: ResolveSource;
}

/** The composition root: creates each service from config, wires them, and owns their disposal. */
export async function createCore(config: CoreConfig, logger: Logger, inject: CoreInjections = {}): Promise<Core> {
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

    const secrets = createSecretsService({ store, dataDir: config.dataDir, envKey: config.secretsKey ?? undefined });
    // The socket host is created after the handlers that need the camera service; events wait for it.
    let publish: WsHost['publish'] | null = null;
    const layouts = createLayoutsService({
      store,
      publish: (event, payload) => publish?.(event, payload),
      audit: (entry) => audit.record(entry),
      // The camera service is created just below; alerts arrive only after start-up.
      listCameras: () => cameras.list({ sites: ['*'] }),
    });
    owned.push(layouts);
    // Camera events and offline/online become alerts on the central server (created before the camera service,
    // which reports to it; it reads the camera's name and position only once events flow).
    const cameraReports = createCameraReporter({
      link: serverLinkOf(config.serverUrl, store, secrets),
      sqlite: store.sqlite,
      describeCamera: (id) => cameras.get(id),
      logger,
    });
    owned.push(cameraReports);
    metrics.collect('ioc_camera_reports_waiting', 'Camera reports waiting for the central server', () =>
      cameraReports.waiting(),
    );
    const cameras = createCameraService({
      store,
      secrets,
      audit,
      logger,
      publish: (event, payload) => {
        publish?.(event, payload);
        // Motion and tamper pop up on the walls whose alarm policy asks for them.
        if (event === 'camera.event') {
          const cameraEvent = CameraEventSchema.parse(payload);
          layouts.onCameraEvent(cameraEvent);
          cameraReports.report({ cameraId: cameraEvent.cameraId, event: cameraEvent });
        } else if (event === 'camera.status') {
          const { cameraId, status } = events['camera.status'].payload.parse(payload);
          cameraReports.report({ cameraId, status });
        }
      },
    });
    owned.push(cameras);
    const streams = createStreamsService({
      resolveSource: inject.resolveStreamSource ?? ((cameraId, profile) => cameras.streamSource(cameraId, profile)),
      logger,
      redact,
      audit: (entry) => audit.record(entry),
      ingest: config.streamIngest,
    });
    owned.push(streams);
    registerStreamMetrics(metrics, streams);
    const sync = createSyncService({
      store,
      audit,
      secrets,
      logger,
      publish: (event, payload) => publish?.(event, payload),
      serverUrl: config.serverUrl,
      enrolSecret: config.syncEnrolSecret,
      clientVersion: VERSION,
    });
    owned.push(sync);
    // Layouts and tours become the central server's, shared by every workstation (issue 5 §7).
    layouts.attachSync(sync);
    const alerts = createAlertsService({
      link: serverLinkOf(config.serverUrl, store, secrets),
      sqlite: store.sqlite,
      outbox: sync,
      logger,
      publish: (event, payload) => {
        publish?.(event, payload);
        // Fresh alerts with a place pop up the cameras that see it, on walls whose policy asks for alerts.
        if (event === 'alert.changed') {
          void layouts
            .onAlertChanged(events['alert.changed'].payload.parse(payload))
            .catch((error: unknown) => logger.warn('alert pop-up failed', { error: String(error) }));
        }
      },
    });
    owned.push(alerts);
    const cases = createCasesService({
      sqlite: store.sqlite,
      sync,
      audit,
      calendar: loadWorkingCalendar(config.resourcesDir),
      services: loadCaseServices(config.resourcesDir),
      mediaCache: new MediaCache({ dir: join(config.dataDir, 'media-cache') }),
      onWarning: (message, fields) => logger.warn(message, fields),
    });
    owned.push(cases);

    const handlers: Handlers = {
      ...systemHandlers({ version: VERSION, auth, sites, audit }),
      ...cameraHandlers({ cameras, onCredentialsChanged: (id) => streams.restartCamera(id) }),
      // Tests that inject their own stream sources name cameras the camera service does not know: site-less.
      ...guardedStreamHandlers(
        streams,
        inject.resolveStreamSource ? { get: async (id) => ({ id, siteId: null }) } : cameras,
      ),
      ...casesHandlers(cases),
      ...caseCreateHandlers({ cases, cameras }),
      ...syncHandlers(sync),
      ...alertsHandlers(alerts),
      ...layoutsHandlers(layouts),
    };
    const dispatch = createDispatcher(handlers, { logger, metrics });
    const ws = createWsHost({ dispatch, auth, logger, metrics, version: VERSION });
    owned.push(ws);
    publish = (event, payload) => ws.publish(event, payload);
    sync.start();
    alerts.start();
    cameraReports.start();
    await cameras.start();
    if (config.demo && config.demoFleet) {
      // Disposed after the camera service (which aborts what is in flight), so it ends promptly.
      owned.splice(owned.indexOf(cameras), 0, onboardDemoFleet({ file: config.demoFleet, cameras, logger }));
    }
    const http = await startHttpHost(
      {
        host: config.host,
        port: config.port,
        version: VERSION,
        rendererDir: config.rendererDir,
        basemapDir: config.basemapDir,
        basemapFile: config.basemapFile,
        basemapStyle: config.basemapStyle,
        launchSecret: config.launchSecret,
        allowedOrigins: config.allowedOrigins,
        sessionTtlMs: config.sessionTtlMs,
        mediaTickets: config.mediaTicketLifetimes,
      },
      {
        auth,
        dispatch,
        ws,
        logger,
        metrics,
        openMedia: (sha256, principal) => cases.openMedia(sha256, principal),
        importAssets: (format, fileName, file, actor, onStep) =>
          alerts.importAssets(format, fileName, file, actor, onStep),
      },
    );
    // Disposal runs in reverse, and sockets must go first: the HTTP server's close waits for upgraded connections.
    owned.splice(owned.indexOf(ws), 0, http);
    return { url: http.url, demoCredentials, dispose: () => disposeAll(owned) };
  } catch (error) {
    await disposeAll(owned).catch(() => undefined);
    throw error;
  }
}
