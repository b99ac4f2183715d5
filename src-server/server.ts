import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import packageJson from '../package.json' with { type: 'json' };
import type { ServerConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type ServerDb } from './db/open-database';
import { type AlertSubsystem, type AlertSubsystemOptions, createAlertSubsystem } from './alerts/subsystem';
import { seedAgencyStaff } from './agency/staff-seed';
import { demoPasswordHasher } from './auth/password';
import { Attachments } from './attachments/attachments';
import { buildApp } from './app';
import type { Logger } from './logging/logger';
import { loadServerResources } from './resources/load-resources';
import { type DemoCredential, registerOpen311Key, seedDemoUsers, upsertAgencies } from './seed/seed';

export interface CentralServer {
  readonly url: string;
  readonly database: ServerDb;
  readonly app: FastifyInstance;
  /** Passwords drawn for the demo users on first start (empty when IOC_DEMO_PASSWORD chose them). */
  readonly demoCredentials: readonly DemoCredential[];
  /** The sync enrolment secret drawn at this start (demo, none given in IOC_SYNC_ENROL_SECRET), to print once. */
  readonly generatedEnrolSecret: string | null;
  /** Alerts, IoT ingest and uptime probes. */
  readonly alerts: AlertSubsystem;
  /** Photos and videos of cases: the blob store and its tables. */
  readonly attachments: Attachments;
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Tests move the server's clock; production uses the wall clock. */
  now?: () => Date;
  /** Tests and demos may require a newer workstation than the built-in minimum. */
  minClientVersion?: string;
  /** Tests and the benchmark tune alert batching and long-poll timing. */
  alerts?: AlertSubsystemOptions['engine'];
}

/** Opens and migrates the database, seeds, and listens. Everything it opened is closed by dispose(). */
export async function startCentralServer(
  config: ServerConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<CentralServer> {
  const now = options.now ?? (() => new Date());
  const resources = loadServerResources(config.resourcesDir);
  for (const year of [now().getUTCFullYear(), now().getUTCFullYear() + 1]) {
    const coverage = resources.calendar.covers(year);
    if (coverage !== 'official') {
      logger.warn('holiday calendar incomplete: due dates may be wrong', { year, coverage: coverage || 'missing' });
    }
  }
  const database = await openDatabase(config.database, {
    onPoolError: (error) => logger.warn('database connection lost; the pool reconnects', { error: error.message }),
  });
  let app: FastifyInstance | null = null;
  let alerts: AlertSubsystem | null = null;
  try {
    const migration = await migrateToLatest(database, undefined, now);
    if (migration.applied.length > 0)
      logger.info('database migrated', { ...migration, database: database.description });
    await upsertAgencies(database.db, resources.agencies, now());
    if (config.open311ApiKey) await registerOpen311Key(database.db, config.open311ApiKey, now());
    const hashDemo = demoPasswordHasher(config.demoPassword);
    const demoCredentials = config.demo
      ? [
          ...(await seedDemoUsers(database.db, config.resourcesDir, config.demoPassword, now(), hashDemo)),
          ...(await seedAgencyStaff(database.db, config.resourcesDir, config.demoPassword, now(), hashDemo)),
        ]
      : [];

    const generatedEnrolSecret =
      config.syncEnrolSecret === null && config.demo ? randomBytes(24).toString('base64url') : null;
    alerts = await createAlertSubsystem({
      db: database.db,
      config: config.ingest,
      resourcesDir: config.resourcesDir,
      catalog: resources.catalog,
      calendar: resources.calendar,
      sites: resources.sites,
      demo: config.demo,
      logger,
      now,
      engine: options.alerts,
    });
    const attachments = new Attachments(database.db, config.media);
    await attachments.init();
    app = buildApp({
      db: database.db,
      attachments,
      dialect: database.dialect,
      catalog: resources.catalog,
      agencies: resources.agencies,
      sites: resources.sites,
      calendar: resources.calendar,
      jurisdictionId: config.jurisdictionId,
      now,
      logger,
      version: packageJson.version,
      sync: {
        enrolSecret: config.syncEnrolSecret ?? generatedEnrolSecret,
        minClientVersion: options.minClientVersion,
      },
      alerts,
    });
    const address = await app.listen({ host: config.host, port: config.port });
    await alerts.start();
    const running = app;
    const subsystem = alerts;
    return {
      url: address.replace('://[::1]', '://127.0.0.1'),
      database,
      app: running,
      demoCredentials,
      generatedEnrolSecret,
      alerts: subsystem,
      attachments,
      dispose: async () => {
        await running.close();
        await subsystem.dispose();
        await database.dispose();
      },
    };
  } catch (error) {
    await app?.close();
    await alerts?.dispose();
    await database.dispose();
    throw error;
  }
}
