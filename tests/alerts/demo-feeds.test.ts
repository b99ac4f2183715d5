// Issue 6 §6, "all part of `npm start`'s demo": the feeds process npm start runs (sim/sensors/demo-cli.ts, spoken to
// by scripts/demo-feeds.mjs) describes its government systems, takes the central server's address on stdin, then
// feeds it NGSI-LD over HTTP and MQTT and heartbeats, and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { AssetSchema, SystemsBoardReplySchema } from '../../src-shared/contract/alerts';
import { bundledArgs } from '../integration/bundled-entry';
import { portRefuses } from '../integration/port-refuses';
import { makeTempDir } from '../integration/tmp-dir';
import { type AlertsServer, call, INGEST_KEY, startAlertsServer } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');

async function until<T>(read: () => Promise<T | null>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const temp = makeTempDir('ioc-demo-feeds-');
let feeds: ChildProcess | null = null;
let server: AlertsServer | null = null;
afterAll(async () => {
  if (feeds && feeds.exitCode === null) feeds.kill('SIGKILL');
  await server?.stop();
  temp.remove();
});

it(
  'describes its systems, feeds the server over HTTP and MQTT once told where it is, and stops on SIGTERM',
  { timeout: 90_000 },
  async () => {
    // From an esbuild bundle, not through tsx (~1.5 CPU s per start, too slow under the load of a full run).
    const child = spawn(process.execPath, await bundledArgs('feeds', ['--dir', temp.dir]), {
      cwd: ROOT,
      env: { ...process.env, IOC_INGEST_KEY: INGEST_KEY },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    feeds = child;
    const lines: string[] = [];
    const waiters: (() => void)[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      for (const w of waiters.splice(0)) w();
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const line = (pattern: RegExp) =>
      until(
        async () => {
          const hit = lines.map((l) => pattern.exec(l)).find(Boolean);
          if (hit) return hit;
          // The next line, or a second's wait (the child may have died without one).
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, 1000);
          });
          return null;
        },
        String(pattern),
        30_000,
      );

    // Phase 1: the government systems are up and described for the server's probes.
    const monitorsFile = (await line(/^FEEDS_MONITORS (.+)$/))[1]!;
    type Described = { id: string; port?: number; url?: string };
    const monitors = (JSON.parse(readFileSync(monitorsFile, 'utf8')) as { monitors: Described[] }).monitors;
    expect(monitors.map((m) => m.id).sort()).toEqual(['dvc', 'idesk', 'mail', 'vc-heartbeat', 'web']);
    const ports = monitors.flatMap((m) => (m.port ? [m.port] : m.url ? [Number(new URL(m.url).port)] : []));
    expect(ports.length).toBe(4);

    // Phase 2: told where the server is, it feeds it.
    server = await startAlertsServer('sqlite', { env: { IOC_MQTT_URL: 'embedded', IOC_MONITORS_FILE: monitorsFile } });
    await server.server.alerts.mqtt!.ready();
    child.stdin!.write(`SERVER ${server.url} ${server.server.alerts.mqttUrl!}\n`);
    await line(/^FEEDS_READY$/);
    const s = server;
    const assets = await until(
      async () => {
        const r = await call(`${s.url}/api/assets`, { headers: { authorization: s.device } });
        const list = AssetSchema.array().parse((r.json as { assets: unknown }).assets);
        return list.length === 6 ? list : null;
      },
      'the six demo devices',
      30_000,
    );
    expect(assets.map((a) => a.kind).sort()).toEqual([
      'flood_gauge',
      'flood_gauge',
      'streetlight',
      'waste_container',
      'water_station',
      'wifi_ap',
    ]);
    // Steps alternate HTTP and MQTT: both adapters take readings.
    await until(
      async () => {
        const text = (await call(`${s.url}/api/ingest/metrics`)).text;
        return /ioc_ingest_entities_total\{adapter="ngsi-ld-http"\} [1-9]/.test(text) &&
          /ioc_ingest_entities_total\{adapter="ngsi-ld-mqtt"\} [1-9]/.test(text)
          ? true
          : null;
      },
      'readings over both HTTP and MQTT',
      30_000,
    );
    // Every system is checked and answers, the heartbeat included.
    await until(
      async () => {
        const r = await call(`${s.url}/api/systems`, { headers: { authorization: s.device } });
        const board = SystemsBoardReplySchema.parse(r.json).board;
        return board.monitors.every((m) => m.status === 'up') ? board : null;
      },
      'every government system up',
      30_000,
    );

    // SIGTERM: it exits 0 and its simulated systems stop listening.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const port of ports) expect(await portRefuses(port), `port ${port}`).toBe(true);
    expect(stderr.join('')).not.toContain(INGEST_KEY);
  },
);
