import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from '../services/store';
import { createCore } from './compose';
import { ConfigError, parseConfig } from './config';
import { createLogger } from './logger';

/** Electron's utilityProcess gives the child a parentPort; plain Node does not. */
interface ParentPort {
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function findAppRoot(): string {
  // src-main/core/cli.ts under tsx, dist/core/cli.mjs when built: both two levels below the app root.
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

async function main(): Promise<void> {
  const logger = createLogger({ level: process.env.IOC_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env, findAppRoot());
  } catch (error) {
    if (error instanceof ConfigError) {
      parentPort?.postMessage({ type: 'fatal', message: error.message });
      process.stderr.write(`ioc-wall: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let core;
  try {
    core = await createCore(config, logger);
  } catch (error) {
    const message = error instanceof StoreError || error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ type: 'fatal', message });
    process.stderr.write(`ioc-wall: cannot start: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`IOC_CORE_READY ${core.url}\n`);
  parentPort?.postMessage({ type: 'ready', url: core.url });
  if (core.demoCredentials.length > 0 && !config.demoPassword) {
    process.stdout.write('Demo users (set IOC_DEMO_PASSWORD to choose one password for all):\n');
    for (const c of core.demoCredentials) process.stdout.write(`  ${c.username.padEnd(12)} ${c.password}\n`);
  }
  logger.info('core started', { url: core.url, dataDir: config.dataDir, demo: config.demo });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    core
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
  process.stderr.write(`ioc-wall: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
