// `node --import tsx sim/sensors/cli.ts [--step-ms <n>] [--period <steps>]`
// Environment: IOC_SIM_SERVER_URL (NGSI-LD over HTTP), IOC_SIM_MQTT_URL (over MQTT), IOC_INGEST_KEY (the key).
// Publishes the demo scenario (a flood gauge rising past its alert level and falling back, a waste container
// filling, a lamp failing and repaired, a Wi-Fi access point dropping out) every step, alternating transports,
// prints `SENSORS_READY`, and runs until SIGTERM/SIGINT or until its stdin pipe closes.
import { fstatSync } from 'node:fs';
import { redact } from '../../src-shared/domain/redact';
import { createPublisher } from './publisher';
import { demoReadings } from './scenario';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const stepMs = flag('--step-ms', 5000);
  const period = flag('--period', 120);
  const httpUrl = process.env.IOC_SIM_SERVER_URL;
  const mqttUrl = process.env.IOC_SIM_MQTT_URL;
  if (!httpUrl && !mqttUrl) throw new Error('set IOC_SIM_SERVER_URL and/or IOC_SIM_MQTT_URL');
  const publisher = await createPublisher({ httpUrl, mqttUrl, key: process.env.IOC_INGEST_KEY ?? null });
  let step = 0;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    const via = httpUrl && mqttUrl ? (step % 2 === 0 ? 'http' : 'mqtt') : undefined;
    publisher
      .publish(demoReadings(step++, new Date(), period), via)
      .catch((error: unknown) => process.stderr.write(`[sensors] ${redact(String(error))}\n`))
      .finally(() => {
        if (timer !== null) timer = setTimeout(tick, stepMs);
      });
  };
  timer = setTimeout(tick, 0);
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    void publisher.dispose().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const stdin = fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
  process.stdout.write('SENSORS_READY\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`[sensors] ${redact(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
