// Map frame time while panning with 100,000 alert points: deck.gl's ScatterplotLayer overlaid on MapLibre (what the
// map page does) against MapLibre's own circle layer on the same points (issue 6). Headless Debian Chromium draws
// WebGL with SwiftShader here, so the absolute frame rate says little about a control-room GPU: the ratio is the
// result. A third arm, the deck.gl overlay with no points, tells the overlay's own cost (a second WebGL canvas) from
// the points'. Arms alternate (ABC, CBA…) in one browser. Results in bench-results/map-frames.json; `npm run bench`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { createDataFileHandler } from '../../src-main/core/data-files';
import { launchBrowser, REPO_ROOT } from '../e2e/harness';
import type { Arm, ArmResult } from './map-frames/page';

const SECONDS = Number(process.env.IOC_BENCH_MAP_SECONDS ?? 10);
const ROUNDS = Number(process.env.IOC_BENCH_MAP_ROUNDS ?? 2);
const MIN_FRAMES = Number(process.env.IOC_BENCH_MAP_MIN_FRAMES ?? 12);
const WEBGL_ARGS = [
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  // Without these headless Chromium holds frames to 60 Hz, which would hide the cheaper arm's cost.
  '--disable-frame-rate-limit',
  '--disable-gpu-vsync',
];

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round2 = (n: number) => Math.round(n * 100) / 100;

function summarise(results: readonly ArmResult[]) {
  const frames = results.flatMap((r) => r.frames).sort((a, b) => a - b);
  const median = quantile(frames, 0.5);
  return {
    frames: frames.length,
    medianMs: round2(median),
    p95Ms: round2(quantile(frames, 0.95)),
    fpsAtMedian: round2(1000 / median),
    setupMs: results.map((r) => Math.round(r.setupMs)),
  };
}

const outDir = mkdtempSync(join(tmpdir(), 'ioc-bench-map-'));
try {
  await build({
    root: join(REPO_ROOT, 'tests', 'bench', 'map-frames'),
    base: './',
    configFile: false,
    // deck.gl's loaders pull in Node-only modules the page never calls: Rollup's warnings about them are noise.
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const page = createDataFileHandler(outDir);
  const basemap = createDataFileHandler(join(REPO_ROOT, 'resources', 'basemap'));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path.startsWith('/basemap/')) void basemap(path.slice('/basemap/'.length), req, res);
    else void page(path === '/' ? 'index.html' : path.slice(1), req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchBrowser(WEBGL_ARGS);
  try {
    const tab = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const problems: string[] = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(url);
    await tab.waitForFunction(() => 'runArm' in window, undefined, { timeout: 60_000 });
    type PageRun = (arm: Arm, seconds: number, minFrames: number) => Promise<ArmResult>;
    const runArm = (arm: Arm, seconds = SECONDS, minFrames = MIN_FRAMES) =>
      tab.evaluate(([a, s, m]) => (window as unknown as { runArm: PageRun }).runArm(a, s, m), [
        arm,
        seconds,
        minFrames,
      ] as const);
    // Warm-up: shaders compiled and tiles cached for both arms before anything is measured.
    await runArm('deck', 3, 2);
    await runArm('maplibre', 3, 2);
    const runs: ArmResult[] = [];
    const order: Arm[] = [];
    for (let r = 0; r < ROUNDS; r++)
      order.push(...((r % 2 === 0 ? ['deck', 'maplibre', 'deck-empty'] : ['deck-empty', 'maplibre', 'deck']) as Arm[]));
    for (const arm of order) {
      const result = await runArm(arm);
      console.log(`${arm.padEnd(10)} ${result.frames.length} frames, setup ${Math.round(result.setupMs)} ms`);
      runs.push(result);
    }
    if (problems.length > 0) throw new Error(`page errors: ${problems.join('; ')}`);
    const deck = summarise(runs.filter((r) => r.arm === 'deck'));
    const maplibre = summarise(runs.filter((r) => r.arm === 'maplibre'));
    const deckEmpty = summarise(runs.filter((r) => r.arm === 'deck-empty'));
    const result = {
      points: 100_000,
      secondsPerRun: SECONDS,
      minFramesPerRun: MIN_FRAMES,
      order,
      renderer: 'SwiftShader (headless Chromium): compare the ratio, not the absolute frame rate',
      deck,
      maplibre,
      /** The overlay alone, no points: what deck.gl costs before it draws anything. */
      deckEmpty,
      ratio: {
        medianDeckOverMaplibre: round2(deck.medianMs / maplibre.medianMs),
        p95DeckOverMaplibre: round2(deck.p95Ms / maplibre.p95Ms),
        medianDeckEmptyOverMaplibre: round2(deckEmpty.medianMs / maplibre.medianMs),
      },
    };
    console.log(`deck.gl  frame median ${deck.medianMs} ms, p95 ${deck.p95Ms} ms`);
    console.log(`MapLibre frame median ${maplibre.medianMs} ms, p95 ${maplibre.p95Ms} ms`);
    console.log(`deck.gl overlay without points: frame median ${deckEmpty.medianMs} ms, p95 ${deckEmpty.p95Ms} ms`);
    console.log(
      `ratio deck.gl / MapLibre: median ×${result.ratio.medianDeckOverMaplibre}, p95 ×${result.ratio.p95DeckOverMaplibre}`,
    );
    const dir = join(REPO_ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'map-frames.json'), JSON.stringify(result, null, 2));
    console.log(`written ${join(dir, 'map-frames.json')}`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
