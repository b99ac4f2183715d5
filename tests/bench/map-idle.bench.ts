// Map page idle cost (issue 6): while the Map page is open and nothing changes, what the page still draws and what
// CPU it takes from the operator's workstation (2 cores, no GPU: SwiftShader draws WebGL on the CPU, in the GPU
// process). The built app's Map page in Debian's Chromium, signed in to a workstation core synced with a central
// server that holds a few alerts; for IOC_BENCH_MAP_IDLE_SECONDS each, two phases:
//   idle — nothing changes (the alerts are old: no ring);
//   ring — one alert raised while the page is open, its ring pulsing (a ring lasts 90 s: the phase is shorter).
// Counted: tasks that drew on deck.gl's and on MapLibre's canvas (tests/e2e/map-fixture.ts FRAME_PROBE), animation
// frame callbacks, the renderer's main-thread busy time (CDP Performance.getMetrics TaskDuration, ScriptDuration)
// and the CPU of the renderer and GPU processes (CDP SystemInfo.getProcessInfo). Two arms in the same browser,
// switched by localStorage (MapCanvas.tsx MAP_LOOP_KEY) and a reload: `legacy`, the loop the map had before
// (deck.gl's animation loop on every frame, the pulse's timer restarted with each layers change), and `ondemand`
// (frames drawn only when something changed). Rounds alternate the arms (AB, BA…). `npm run bench -- map-idle`;
// results in bench-results/map-idle.json. Compare the ratios, not absolute figures: the machine is shared.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession, Page } from 'playwright-core';
import { createPublisher, floodMonitoring, PLACES, streetlight } from '../../sim/sensors';
import { INGEST_KEY } from '../alerts/harness';
import { REPO_ROOT } from '../e2e/harness';
import { type MapFrames, mapFrames, startMapScene } from '../e2e/map-fixture';

const SECONDS = Math.min(60, Number(process.env.IOC_BENCH_MAP_IDLE_SECONDS ?? 15));
const ROUNDS = Number(process.env.IOC_BENCH_MAP_IDLE_ROUNDS ?? 2);
/** What MapCanvas reads to pick its loop (the bench's switch; nothing else sets it). */
const MAP_LOOP_KEY = 'ioc.mapLoop';

type Arm = 'legacy' | 'ondemand';
type Phase = 'idle' | 'ring';

interface Sample {
  arm: Arm;
  phase: Phase;
  seconds: number;
  /** Per second. */
  deckFrames: number;
  maplibreFrames: number;
  rafCallbacks: number;
  /** Milliseconds per second of the renderer's main thread (CDP TaskDuration, ScriptDuration). */
  taskMs: number;
  scriptMs: number;
  layouts: number;
  /** Percent of one core. */
  rendererCpu: number;
  gpuCpu: number;
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const round2 = (n: number) => Math.round(n * 100) / 100;

async function pageMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** CPU seconds so far of the renderer and GPU processes (SwiftShader draws in the GPU process). */
async function processCpu(browserCdp: CDPSession): Promise<{ renderer: number; gpu: number }> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number; cpuTime: number }[];
  };
  const sum = (type: string) => processInfo.filter((p) => p.type === type).reduce((s, p) => s + p.cpuTime, 0);
  return { renderer: sum('renderer'), gpu: sum('GPU') };
}

async function measure(page: Page, cdp: CDPSession, browserCdp: CDPSession, arm: Arm, phase: Phase) {
  const f0 = await mapFrames(page);
  const m0 = await pageMetrics(cdp);
  const c0 = await processCpu(browserCdp);
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const f1 = await mapFrames(page);
  const m1 = await pageMetrics(cdp);
  const c1 = await processCpu(browserCdp);
  const s = (performance.now() - t0) / 1000;
  const rate = (key: keyof MapFrames) => round2((f1[key] - f0[key]) / s);
  const metric = (name: string, scale = 1) => round2((((m1[name] ?? 0) - (m0[name] ?? 0)) * scale) / s);
  const sample: Sample = {
    arm,
    phase,
    seconds: round2(s),
    deckFrames: rate('deck'),
    maplibreFrames: rate('maplibre'),
    rafCallbacks: rate('raf'),
    taskMs: metric('TaskDuration', 1000),
    scriptMs: metric('ScriptDuration', 1000),
    layouts: metric('LayoutCount'),
    rendererCpu: round2(((c1.renderer - c0.renderer) * 100) / s),
    gpuCpu: round2(((c1.gpu - c0.gpu) * 100) / s),
  };
  console.log(
    `${arm.padEnd(8)} ${phase.padEnd(4)} deck ${sample.deckFrames}/s, maplibre ${sample.maplibreFrames}/s, ` +
      `rAF ${sample.rafCallbacks}/s, main thread ${sample.taskMs} ms/s (script ${sample.scriptMs}), ` +
      `renderer ${sample.rendererCpu} %, GPU process ${sample.gpuCpu} %`,
  );
  return sample;
}

/** Until MapLibre has drawn nothing for two seconds (tiles in, fades done), at most 30 s. */
async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = (await mapFrames(page)).maplibre;
  while (Date.now() < deadline) {
    await sleep(2000);
    const now = (await mapFrames(page)).maplibre;
    if (now === last) return;
    last = now;
  }
}

const loadBefore = uptime();
console.log(`load before: ${loadBefore}`);
const now = new Date();
const scene = await startMapScene({
  readings: [
    floodMonitoring('bench-idle-gauge', PLACES.gauge, 1.72, now),
    streetlight('bench-idle-lamp', PLACES.lamp, 'defectiveLamp', now),
  ],
  reports: [{ description: 'Ổ gà trên đường Nguyễn Huệ', lat: '10.4603', long: '105.6329' }],
  countFrames: true,
});
try {
  const { page, browser, server } = scene;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const browserCdp = await browser.newBrowserCDPSession();
  const sensors = await createPublisher({ httpUrl: server.url, key: INGEST_KEY });
  let alerts = 2;
  let raised = 0;
  const samples: Sample[] = [];
  const order: Arm[] = [];
  for (let r = 0; r < ROUNDS; r++)
    order.push(...((r % 2 === 0 ? ['legacy', 'ondemand'] : ['ondemand', 'legacy']) as Arm[]));
  for (const arm of order) {
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [MAP_LOOP_KEY, arm] as const);
    await page.reload();
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction((n) => document.querySelector(`[data-alert-points="${n}"]`) !== null, alerts, {
      timeout: 60_000,
    });
    await settle(page);
    samples.push(await measure(page, cdp, browserCdp, arm, 'idle'));
    // A new alert while the page is open: its ring pulses (for 90 s) over the old ones.
    const place = { ...PLACES.gauge2, lat: PLACES.gauge2.lat + raised * 0.001 };
    await sensors.publish([floodMonitoring(`bench-idle-new-${raised++}`, place, 1.8, new Date())]);
    alerts++;
    await page.waitForFunction((n) => document.querySelector(`[data-alert-points="${n}"]`) !== null, alerts, {
      timeout: 60_000,
    });
    await sleep(1000);
    samples.push(await measure(page, cdp, browserCdp, arm, 'ring'));
  }
  await sensors.dispose();
  if (scene.problems.length > 0) throw new Error(`page errors: ${scene.problems.join('; ')}`);

  const mean = (arm: Arm, phase: Phase) => {
    const of = samples.filter((s) => s.arm === arm && s.phase === phase);
    const avg = (key: keyof Sample) => round2(of.reduce((sum, s) => sum + (s[key] as number), 0) / of.length);
    return {
      deckFrames: avg('deckFrames'),
      maplibreFrames: avg('maplibreFrames'),
      rafCallbacks: avg('rafCallbacks'),
      taskMs: avg('taskMs'),
      scriptMs: avg('scriptMs'),
      layouts: avg('layouts'),
      rendererCpu: avg('rendererCpu'),
      gpuCpu: avg('gpuCpu'),
    };
  };
  const ratio = (a: number, b: number) => (b === 0 ? null : round2(a / b));
  const summary = Object.fromEntries(
    (['idle', 'ring'] as const).map((phase) => {
      const legacy = mean('legacy', phase);
      const ondemand = mean('ondemand', phase);
      return [
        phase,
        {
          legacy,
          ondemand,
          ratioOndemandOverLegacy: {
            taskMs: ratio(ondemand.taskMs, legacy.taskMs),
            rendererCpu: ratio(ondemand.rendererCpu, legacy.rendererCpu),
            gpuCpu: ratio(ondemand.gpuCpu, legacy.gpuCpu),
            rendererPlusGpuCpu: ratio(ondemand.rendererCpu + ondemand.gpuCpu, legacy.rendererCpu + legacy.gpuCpu),
          },
        },
      ];
    }),
  );
  const loadAfter = uptime();
  console.log(`load after: ${loadAfter}`);
  for (const [phase, s] of Object.entries(summary))
    console.log(`${phase}: ondemand / legacy ${JSON.stringify(s.ratioOndemandOverLegacy)}`);
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const result = {
    secondsPerPhase: SECONDS,
    rounds: ROUNDS,
    order,
    renderer: 'SwiftShader (headless Chromium): compare the ratios, not the absolute figures',
    loadBefore,
    loadAfter,
    summary,
    samples,
  };
  writeFileSync(join(dir, 'map-idle.json'), JSON.stringify(result, null, 2));
  console.log(`written ${join(dir, 'map-idle.json')}`);
} finally {
  await scene.stop();
}
