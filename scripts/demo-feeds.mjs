// The utility sensors and the government systems `npm start` simulates (issue 6): sim/sensors/demo-cli.ts as a
// child process. It starts before the central server (whose uptime monitors it describes) and is connected to
// the server once that is up. The sensors' ingest key travels through the environment, never the command line.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, log } from './setup-lib.mjs';
import { spawnTsxChild } from './tsx-child.mjs';

const READY_TIMEOUT_MS = 30_000;

/**
 * Resolves with `{ serverEnv, connect(url, mqttUrl), stop }`, or null when the feeds cannot start (the workstation
 * then starts without them). `serverEnv` is what the central server needs: the monitors file and the ingest key.
 */
export function startDemoFeedsChild(dataDir) {
  log('Starting the simulated sensors and government systems (sim/sensors, sim/gov-systems)…');
  const ingestKey = process.env.IOC_INGEST_KEY || randomBytes(24).toString('base64url');
  const { child, stop } = spawnTsxChild(
    [join(ROOT, 'sim', 'sensors', 'demo-cli.ts'), '--dir', join(dataDir, 'demo-feeds')],
    { ...process.env, IOC_INGEST_KEY: ingestKey },
  );
  return new Promise((resolveStart) => {
    let settled = false;
    const timer = setTimeout(() => {
      log('The simulated feeds did not start in time; going on without them.');
      void stop().then(() => resolveStart(null));
    }, READY_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^FEEDS_MONITORS (.+)$/.exec(line);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolveStart({
          serverEnv: { IOC_MONITORS_FILE: m[1], IOC_INGEST_KEY: ingestKey },
          connect: (url, mqttUrl) => child.stdin.write(`SERVER ${url} ${mqttUrl ?? '-'}\n`),
          stop,
        });
      } else if (line === 'FEEDS_READY')
        log('Simulated sensors and government systems are feeding the central server.');
      else process.stdout.write(`[feeds] ${line}\n`);
    });
    child.once('exit', (code, signal) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        log(`The simulated feeds could not start (exit ${code ?? signal}); going on without them.`);
        resolveStart(null);
      }
    });
  });
}
