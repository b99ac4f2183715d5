import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { ServiceCatalog } from '../resources/catalog';
import type { SiteArea } from '../cases/site-areas';
import type { IngestAdapter } from '../ingest/adapter';
import { createAssetImporter } from '../ingest/assets/import';
import { registerCameraReportRoutes } from '../ingest/camera-routes';
import type { IngestConfig } from '../ingest/config';
import { type EmbeddedBroker, startEmbeddedBroker } from '../ingest/embedded-broker';
import { createNgsiHttpAdapter } from '../ingest/http-adapter';
import { createIngestMetrics } from '../ingest/metrics';
import { createMqttAdapter, type MqttAdapter } from '../ingest/mqtt-adapter';
import { createIngestPipeline, type IngestPipeline } from '../ingest/pipeline';
import { registerIngestRoutes } from '../ingest/routes';
import { loadMonitorsFile } from '../probes/monitors';
import { registerProbeRoutes } from '../probes/routes';
import { createProbeRunner, type ProbeRunner } from '../probes/runner';
import { type AlertEngine, type AlertEngineOptions, createAlertEngine } from './engine';
import { loadAlertRules } from './load-rules';
import { registerAlertRoutes } from './routes';

export interface AlertSubsystemOptions {
  db: Kysely<ServerDatabase>;
  config: IngestConfig;
  resourcesDir: string;
  catalog: ServiceCatalog;
  calendar: WorkingCalendar;
  /** The centre's sites (resources/server/sites.json): where an escalated alert's case belongs. */
  sites: readonly SiteArea[];
  /** A demo server draws an ingest key when none is configured (printed once, like the demo passwords). */
  demo: boolean;
  logger: Logger;
  now: () => Date;
  engine?: Pick<AlertEngineOptions, 'batch' | 'expiryCheckMs' | 'watchIntervalMs'>;
}

export interface AlertSubsystem {
  readonly engine: AlertEngine;
  readonly pipeline: IngestPipeline;
  readonly probes: ProbeRunner;
  /** The embedded broker's URL, or the configured one; null when MQTT is off. */
  readonly mqttUrl: string | null;
  readonly mqtt: MqttAdapter | null;
  /** The key sensors present, or null when ingest is open (no key configured, not a demo). */
  readonly ingestKey: string | null;
  /** Drawn at this start because none was configured (demo): print it once. */
  readonly generatedIngestKey: string | null;
  /** Adds every route (before the app listens). */
  register(app: FastifyInstance): void;
  /** Starts adapters and probes (after the app listens). */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The common operating picture on the server: the alert engine, the ingest adapters (NGSI-LD over HTTP and MQTT,
 * asset registers) and the uptime probes, composed and disposed together.
 */
export async function createAlertSubsystem(options: AlertSubsystemOptions): Promise<AlertSubsystem> {
  const { db, config, logger, now } = options;
  const rules = loadAlertRules(options.resourcesDir, options.catalog);
  const monitors = config.monitorsFile ? loadMonitorsFile(config.monitorsFile) : [];
  const generatedIngestKey = config.ingestKey === null && options.demo ? randomBytes(24).toString('base64url') : null;
  const ingestKey = config.ingestKey ?? generatedIngestKey;
  if (ingestKey === null) logger.warn('IOC_INGEST_KEY is not set: NGSI-LD ingest accepts unauthenticated sensors');

  const engine = await createAlertEngine({
    db,
    now,
    logger,
    calendar: options.calendar,
    catalog: options.catalog,
    caseServices: rules.caseServices,
    sites: options.sites,
    ...options.engine,
  });
  const metrics = createIngestMetrics();
  const pipeline = await createIngestPipeline({ db, engine, rules: rules.rules, metrics, logger, now });
  const http = createNgsiHttpAdapter({ ingestKey });
  const importer = createAssetImporter(db, now);
  const probes = createProbeRunner({ db, engine, maintenance: engine.maintenance, monitors, logger, now });

  let broker: EmbeddedBroker | null = null;
  let mqtt: MqttAdapter | null = null;
  let mqttUrl: string | null = null;
  const adapters: IngestAdapter[] = [http];
  try {
    if (config.mqtt.kind === 'embedded') {
      broker = await startEmbeddedBroker({ ingestKey });
      mqttUrl = broker.url;
    } else if (config.mqtt.kind === 'external') mqttUrl = config.mqtt.url;
    if (mqttUrl !== null) {
      mqtt = createMqttAdapter({
        url: mqttUrl,
        topic: config.mqttTopic ?? undefined,
        logger,
        ...(broker && ingestKey ? { username: 'ioc-server', password: ingestKey } : {}),
      });
      adapters.push(mqtt);
    }
  } catch (error) {
    await broker?.dispose();
    await engine.dispose();
    throw error;
  }

  return {
    engine,
    pipeline,
    probes,
    mqttUrl,
    mqtt,
    ingestKey,
    generatedIngestKey,
    register(app) {
      // Waiting long-polls are answered before the server closes, or close() would wait out each one.
      app.addHook('preClose', async () => engine.releaseWaiters());
      http.register(app);
      registerAlertRoutes(app, { db, engine, now });
      registerCameraReportRoutes(app, { db, engine, now, logger, motionQuietMs: config.cameraMotionQuietMs });
      registerProbeRoutes(app, { db, runner: probes, now });
      registerIngestRoutes(app, {
        db,
        importer,
        now,
        metricsText: () =>
          metrics.render({
            ioc_alert_signals_pending: engine.stats().pending,
            ioc_alert_signals_dropped: engine.stats().signalsDropped,
            ioc_mqtt_connected: mqtt?.connected() ? 1 : 0,
          }),
      });
    },
    async start() {
      for (const adapter of adapters) await adapter.start(pipeline);
      await probes.start();
    },
    async dispose() {
      await probes.dispose();
      for (const adapter of [...adapters].reverse()) await adapter.stop();
      await importer.idle();
      await pipeline.dispose();
      await engine.dispose();
      await broker?.dispose();
    },
  };
}
