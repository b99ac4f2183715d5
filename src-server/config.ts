import { join, resolve } from 'node:path';
import { type DatabaseTarget, parseDatabaseTarget, redactUrl } from './db/database-target';
import { type MediaConfig, parseMediaConfig } from './attachments/config';
import { type IngestConfig, parseIngestConfig } from './ingest/config';
import type { LogLevel } from './logging/logger';

export interface ServerConfig {
  host: string;
  port: number;
  database: DatabaseTarget;
  demo: boolean;
  /** IOC_DEMO_PASSWORD: one password for every demo user; null draws random ones. */
  demoPassword: string | null;
  /** IOC_OPEN311_API_KEY: registered at start as an Open311 API key. */
  open311ApiKey: string | null;
  /** IOC_SYNC_ENROL_SECRET: workstations enrol for sync with it; the demo server draws one when absent. */
  syncEnrolSecret: string | null;
  resourcesDir: string;
  jurisdictionId: string;
  logLevel: LogLevel;
  /** IoT ingest and uptime probes (IOC_MQTT_URL, IOC_INGEST_KEY, IOC_MONITORS_FILE…): ingest/config.ts. */
  ingest: IngestConfig;
  /** Attachments: where blobs live and the size/pixel caps (IOC_MEDIA_DIR, IOC_MEDIA_MAX_*): attachments/config.ts. */
  media: MediaConfig;
}

export class ServerConfigError extends Error {}

const FLAGS_WITH_VALUE = new Set(['--port', '--host', '--db', '--resources-dir', '--jurisdiction']);
const BOOLEAN_FLAGS = new Set(['--no-demo', '--demo']);
const DEFAULT_JURISDICTION = 'dongthap.gov.vn';

/**
 * argv carries no secrets: /proc/<pid>/cmdline is world-readable. A database password goes in IOC_SERVER_DB or
 * PGPASSWORD, the demo password in IOC_DEMO_PASSWORD, the Open311 key in IOC_OPEN311_API_KEY.
 */
export function parseServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv, appRoot: string): ServerConfig {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (FLAGS_WITH_VALUE.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new ServerConfigError(`${name} needs a value.`);
      values.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) flags.add(name);
    else {
      const known = [...FLAGS_WITH_VALUE, ...BOOLEAN_FLAGS].join(', ');
      throw new ServerConfigError(`Unknown option ${redactUrl(arg)}. Options: ${known}.`);
    }
  }
  const portText = values.get('--port') ?? env.IOC_SERVER_PORT ?? '8090';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ServerConfigError(`--port must be 0–65535, not "${portText}".`);

  const dbArg = values.get('--db');
  if (dbArg !== undefined && redactUrl(dbArg) !== dbArg) {
    throw new ServerConfigError(
      '--db must not contain a password (command lines are visible to every user of the machine): put the URL in IOC_SERVER_DB, or the password in PGPASSWORD.',
    );
  }
  const database = parseDatabaseTarget(dbArg ?? env.IOC_SERVER_DB ?? join(appRoot, '.data', 'central.sqlite'));

  const open311ApiKey = env.IOC_OPEN311_API_KEY?.trim() || null;
  if (open311ApiKey !== null && open311ApiKey.length < 16) {
    throw new ServerConfigError('IOC_OPEN311_API_KEY must be at least 16 characters long.');
  }
  const syncEnrolSecret = env.IOC_SYNC_ENROL_SECRET?.trim() || null;
  if (syncEnrolSecret !== null && syncEnrolSecret.length < 16) {
    throw new ServerConfigError('IOC_SYNC_ENROL_SECRET must be at least 16 characters long.');
  }
  return {
    host: values.get('--host') ?? env.IOC_SERVER_HOST ?? '127.0.0.1',
    port,
    database,
    demo: !flags.has('--no-demo'),
    demoPassword: env.IOC_DEMO_PASSWORD || null,
    open311ApiKey,
    syncEnrolSecret,
    resourcesDir: resolve(values.get('--resources-dir') ?? env.IOC_RESOURCES_DIR ?? join(appRoot, 'resources')),
    jurisdictionId: values.get('--jurisdiction') ?? env.IOC_OPEN311_JURISDICTION ?? DEFAULT_JURISDICTION,
    logLevel: env.IOC_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    ingest: parseIngestConfig(env, (message) => new ServerConfigError(message)),
    media: parseMediaConfig(env, database, appRoot, (message) => new ServerConfigError(message)),
  };
}
