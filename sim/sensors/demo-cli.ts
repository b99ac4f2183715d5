// `node --import tsx sim/sensors/demo-cli.ts --dir <dir>` — the utility and government-system feeds of `npm start`.
// Environment: IOC_INGEST_KEY (the sensors' key, shared with the central server by the launcher).
// Phase 1: starts the simulated government systems, writes <dir>/monitors.json, prints `FEEDS_MONITORS <file>`.
// Phase 2: on the stdin line `SERVER <url> <mqtt-url|->`, starts the sensors (NGSI-LD over HTTP and MQTT) and the
// video-conference heartbeat, plays the demo schedule, prints `FEEDS_READY`. Runs until SIGTERM/SIGINT or stdin ends.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { redact } from '../../src-shared/domain/redact';
import { type Heartbeat, startGovSystems, startHeartbeat } from '../gov-systems';
import { modesAt } from '../gov-systems/schedule';
import { createPublisher, type Publisher } from './publisher';
import { demoReadings } from './scenario';

const STEP_MS = 5000;
const PERIOD_STEPS = 120;
const MONITOR_INTERVAL_S = 30;

async function main(): Promise<void> {
  const i = process.argv.indexOf('--dir');
  const dir = i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : null;
  if (!dir) throw new Error('--dir is required');
  const key = process.env.IOC_INGEST_KEY ?? null;
  const log = (line: string) => void process.stderr.write(`[feeds] ${redact(line)}\n`);
  const gov = await startGovSystems({ dir });
  if (!gov.caFile) log('openssl is missing: the government systems speak plain HTTP and no certificate is checked');
  const file = join(dir, 'monitors.json');
  writeFileSync(file, JSON.stringify(gov.monitors({ intervalS: MONITOR_INTERVAL_S, downAfter: 2 }), null, 2), {
    mode: 0o600,
  });
  process.stdout.write(`FEEDS_MONITORS ${file}\n`);

  let publisher: Publisher | null = null;
  let heartbeat: Heartbeat | null = null;
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const t of timers) clearInterval(t);
    heartbeat?.dispose();
    void Promise.all([publisher?.dispose(), gov.dispose()]).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const lines = createInterface({ input: process.stdin });
  lines.on('close', stop);
  lines.on('line', (line) => {
    const m = /^SERVER (\S+) (\S+)$/.exec(line.trim());
    if (!m || publisher || stopping) return;
    const [, serverUrl, mqttUrl] = m;
    void (async () => {
      publisher = await createPublisher({ httpUrl: serverUrl, mqttUrl: mqttUrl === '-' ? undefined : mqttUrl, key });
      heartbeat = startHeartbeat(serverUrl!, gov.heartbeatToken, (MONITOR_INTERVAL_S * 1000) / 2);
      const started = Date.now();
      let step = 0;
      timers.push(
        setInterval(() => {
          const via = mqttUrl !== '-' && step % 2 === 1 ? 'mqtt' : 'http';
          publisher?.publish(demoReadings(step++, new Date(), PERIOD_STEPS), via).catch((e: unknown) => log(String(e)));
        }, STEP_MS),
      );
      timers.push(
        setInterval(() => {
          for (const [id, mode] of modesAt((Date.now() - started) / 1000)) {
            if (id === 'vc') {
              if (mode === 'silent') heartbeat?.pause();
              else heartbeat?.resume();
            } else if (mode !== 'silent' && gov.systems[id].mode() !== mode) void gov.systems[id].set(mode);
          }
        }, 5000),
      );
      process.stdout.write('FEEDS_READY\n');
    })().catch((e: unknown) => {
      log(`cannot start the sensors: ${String(e)}`);
      stop();
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`[feeds] ${redact(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
