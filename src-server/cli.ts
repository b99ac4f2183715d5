import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerConfig, ServerConfigError } from './config';
import { DatabaseTargetError, redactUrl } from './db/database-target';
import { createLogger } from './logging/logger';
import { startCentralServer } from './server';

const APP_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let config;
  try {
    config = parseServerConfig(process.argv.slice(2), process.env, APP_ROOT);
  } catch (error) {
    if (error instanceof ServerConfigError || error instanceof DatabaseTargetError) {
      process.stderr.write(`ioc-server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  let server;
  try {
    server = await startCentralServer(config, logger);
  } catch (error) {
    logger.error('cannot start', { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  // Before the ready line, so a script that waits for it has seen everything printed at start.
  if (server.demoCredentials.length > 0) {
    process.stdout.write('Demo users (set IOC_DEMO_PASSWORD to choose one password for all):\n');
    for (const c of server.demoCredentials) process.stdout.write(`  ${c.username.padEnd(12)} ${c.password}\n`);
  }
  if (server.generatedEnrolSecret) {
    process.stdout.write(
      `Sync enrolment secret (set IOC_SYNC_ENROL_SECRET to choose it): ${server.generatedEnrolSecret}\n`,
    );
  }
  if (server.alerts.generatedIngestKey) {
    process.stdout.write(`Sensor ingest key (set IOC_INGEST_KEY to choose it): ${server.alerts.generatedIngestKey}\n`);
  }
  if (server.alerts.mqttUrl) process.stdout.write(`IOC_SERVER_MQTT ${redactUrl(server.alerts.mqttUrl)}\n`);
  process.stdout.write(`IOC_SERVER_READY ${server.url}\n`);
  logger.info('central server started', { url: server.url, database: server.database.description });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    server
      .dispose()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`ioc-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
