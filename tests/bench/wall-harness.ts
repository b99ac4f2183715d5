// Shared set-up of the wall benchmarks (issue 4): the demo fleet with light, all-H.264 feeds, the real core, Debian
// Chromium on the wall window, and readers for what the benches measure (OCR of the burnt-in clock, /proc).
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Camera } from '../../src-shared/contract';
import type { Layout } from '../../src-shared/contract/layouts';
import { startDemoFleet, type DemoFleet } from '../../sim/fleet';
import { probeRtspSupport } from '../../sim/rtsp';
import { signIn } from '../e2e/app';
import { launchBrowser, makeDataDir, newPage, REPO_ROOT, startCore, type CoreProcess } from '../e2e/harness';
import { rpcClient, until } from '../e2e/wall-fleet';
import { clockLatencyMs, parseClock } from './wall-clock';

export { clockLatencyMs, parseClock, until };

export const knob = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

/** The knobs both latency benches (wall-latency, wall-latency-floor) read, with the same defaults. */
export const LATENCY_KNOBS = {
  warmupSeconds: knob('IOC_BENCH_WARMUP_SECONDS', 8),
  /** OCR samples per arm and size, spread over `sampleSeconds`. */
  samples: knob('IOC_BENCH_SAMPLES', 80),
  sampleSeconds: knob('IOC_BENCH_SECONDS', 20),
  /** Wall sizes (tile or stream counts) measured, in order. */
  sizes: (process.env.IOC_BENCH_TILES ?? '1,16').split(',').map(Number),
};
/** Issue 4's targets on this 2-core box: median capture-to-display latency per wall size (reported, not asserted). */
export const LATENCY_TARGET_MS: Readonly<Record<number, number>> = { 1: 200, 16: 300 };

export interface FeedSize {
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
}

/** Main streams fill a 1×1 wall; sub streams are about the size of a 4×4 tile on a 1600×900 window. */
export const BENCH_STREAMS: { main: FeedSize; sub: FeedSize } = {
  main: { width: 1280, height: 720, fps: 25, bitrateKbps: 2000 },
  sub: { width: 384, height: 216, fps: 25, bitrateKbps: 400 },
};

/**
 * How the simulated cameras encode (sim/rtsp mode). per-mount: one x264 per mount, as `npm start` runs it — on this
 * box the 16 encoders take the CPU the browser needs, where real cameras encode in their own hardware. shared: mounts
 * of one encoding share one encoder (still 16 RTSP sessions to the core, the clock burnt in before encoding).
 * -nice: the simulator at nice 10, so the workstation's processes get the CPU first.
 */
export const SIMULATOR_MODES = {
  'per-mount': { sharedEncoders: false, nice: 0 },
  'per-mount-nice': { sharedEncoders: false, nice: 10 },
  shared: { sharedEncoders: true, nice: 0 },
  'shared-nice': { sharedEncoders: true, nice: 10 },
} as const;
export type SimulatorMode = keyof typeof SIMULATOR_MODES;

/**
 * Extra Chromium flags the wall-latency bench can compare (IOC_BENCH_CHROMIUM), on top of launchBrowser's
 * (software compositing: --disable-gpu). in-process-gpu: the display compositor runs in the browser process
 * instead of a GPU process of its own; one-raster-thread: one raster worker instead of the default pool.
 * Measured at 16 tiles with shared encoders (28/11/2026, paired): in-process-gpu ×1.08 of default, one-raster-thread
 * ×0.88 and ×1.02 in two runs with the order swapped — no flag set beats the noise, so none is the default.
 */
export const CHROMIUM_FLAG_SETS = {
  default: [],
  'in-process-gpu': ['--in-process-gpu'],
  'one-raster-thread': ['--num-raster-threads=1'],
} as const satisfies Record<string, readonly string[]>;
export type ChromiumFlagSet = keyof typeof CHROMIUM_FLAG_SETS;

export interface WallBench {
  fleet: DemoFleet;
  core: CoreProcess;
  corePid: number;
  browser: Browser;
  call: Awaited<ReturnType<typeof rpcClient>>;
  /** Onboarded camera ids in the order of resources/demo/cameras.json. */
  cameraIds: string[];
  cameras: Camera[];
  /** RTSP URL of the feed a tile with this profile plays (no credentials: the bench fleet asks for none). */
  feedUrl(cameraId: string, profile: 'main' | 'sub'): string;
  dispose(): Promise<void>;
}

export async function requireFleetSupport(): Promise<void> {
  const support = await probeRtspSupport();
  if (!support.gstreamer || !support.h264) {
    throw new Error(`GStreamer RTSP feeds unavailable (${support.error ?? support.missing.join(', ')})`);
  }
}

/**
 * The first `count` demo cameras, every one H.264 (nothing transcodes: the benches measure delivery, not
 * x264 in the core), no scheduled motion, no RTSP authentication (the JSMpeg arm pulls the same feeds).
 */
export async function startWallBench(count: number): Promise<WallBench> {
  await requireFleetSupport();
  const dataDir = makeDataDir();
  const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'demo', 'cameras.json'), 'utf8')) as {
    cameras: Record<string, unknown>[];
  };
  if (count > demo.cameras.length) throw new Error(`the demo fleet has ${demo.cameras.length} cameras, not ${count}`);
  const camerasFile = join(dataDir, 'wall-bench-cameras.json');
  writeFileSync(
    camerasFile,
    JSON.stringify({
      ...demo,
      streams: BENCH_STREAMS,
      cameras: demo.cameras
        .slice(0, count)
        .map(({ motionEverySec: _, ...camera }) => ({ ...camera, mainCodec: 'h264' })),
    }),
  );
  const fleet = await startDemoFleet({ camerasFile, dataDir, rtspAuth: false });
  let core: CoreProcess | null = null;
  let browser: Browser | null = null;
  const dispose = async () => {
    await browser?.close().catch(() => undefined);
    await core?.stop().catch((error: unknown) => console.warn(`core stop: ${String(error)}`));
    await fleet.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    core = await startCore({ dataDir, demoFleet: fleet.manifestPath });
    const corePid = core.pid;
    const call = await rpcClient(core.url, 'technician');
    const cameras = await until(
      async () => {
        const list = await call<Camera[]>('cameras.list', {});
        return list.filter((c) => c.status === 'online').length === count ? list : null;
      },
      `${count} bench cameras onboarded and online`,
      180_000,
    );
    const order = fleet.cameras.map((c) => c.entry.id);
    browser = await launchBrowser();
    return {
      fleet,
      core,
      corePid,
      browser,
      call,
      cameras,
      cameraIds: order.filter((id) => cameras.some((c) => c.id === id)),
      feedUrl(cameraId, profile) {
        const found = fleet.cameras.find((c) => c.entry.id === cameraId);
        if (!found) throw new Error(`no bench camera ${cameraId}`);
        const hasSub = cameras.find((c) => c.id === cameraId)?.profiles.some((p) => p.role === 'sub');
        return profile === 'sub' && hasSub ? found.subUrl : found.mainUrl;
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export const grid = (cols: number, rows: number, cameraIds: readonly (string | null)[]) => ({
  cols,
  rows,
  tiles: Array.from({ length: cols * rows }, (_, i) => ({
    x: i % cols,
    y: Math.floor(i / cols),
    w: 1,
    h: 1,
    cameraId: cameraIds[i] ?? null,
  })),
});

let layoutSerial = 0;
export async function showLayout(bench: WallBench, layout: ReturnType<typeof grid>, displayId = 'screen-0') {
  const saved = await bench.call<Layout>('layouts.save', { name: `Bench ${++layoutSerial}`, ...layout });
  await bench.call('walls.assign', { displayId, source: { kind: 'layout', layoutId: saved.id } });
  return saved;
}

/** A signed-in wall window (the page a wall display shows) in its own browser context. */
export async function openWallWindow(
  bench: WallBench,
  options: { displayId?: string; initScript?: () => void; browser?: Browser } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(options.browser ?? bench.browser);
  if (options.initScript) await context.addInitScript(options.initScript);
  await signIn(page, bench.core.url, 'technician');
  await page.goto(`${bench.core.url}/#/wall/${options.displayId ?? 'screen-0'}`);
  await page.getByTestId('wall-window').waitFor();
  return { context, page };
}

export interface TileInfo {
  index: number;
  cameraId: string;
  state: string | null;
  profile: string | null;
}

export const tiles = (page: Page): Promise<TileInfo[]> =>
  page.$$eval('[data-tile-index]', (elements) =>
    elements.map((e) => ({
      index: Number(e.getAttribute('data-tile-index')),
      cameraId: e.getAttribute('data-camera-id') ?? '',
      state: e.getAttribute('data-state'),
      profile: e.getAttribute('data-profile'),
    })),
  );

export async function allPlaying(page: Page, count: number, timeoutMs: number): Promise<TileInfo[]> {
  let states = '';
  return until(
    async () => {
      const shown = (await tiles(page)).filter((t) => t.cameraId);
      states = shown.map((t) => t.state).join(' ');
      return shown.length === count && shown.every((t) => t.state === 'playing') ? shown : null;
    },
    `${count} tiles playing`,
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)} (tile states: ${states})`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The burnt-in clock (sim/rtsp): HH:MM:SS.mmm in UTC+7, top-left of the frame, about 34 % × 8 % of it.

/** The crop of the picture that holds the clock box, as shares of the shown picture. */
export const CLOCK_CROP = { width: 0.42, height: 0.16 };

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the clock of each picture is on the page: the part of the element that shows the picture
 * (object-fit: contain) and the top-left share of it. `selector` finds <video> or <canvas> elements.
 */
export function clockClips(page: Page, selector: string): Promise<(Clip | null)[]> {
  return page.$$eval(
    selector,
    (elements, crop) =>
      elements.map((element) => {
        const media = element as HTMLVideoElement | HTMLCanvasElement;
        const width = media instanceof HTMLVideoElement ? media.videoWidth : media.width;
        const height = media instanceof HTMLVideoElement ? media.videoHeight : media.height;
        const box = media.getBoundingClientRect();
        if (!width || !height || box.width < 10) return null;
        const scale = Math.min(box.width / width, box.height / height);
        const shownWidth = width * scale;
        const shownHeight = height * scale;
        const left = box.left + (box.width - shownWidth) / 2;
        const top = box.top + (box.height - shownHeight) / 2;
        return {
          x: Math.round(left),
          y: Math.round(top),
          width: Math.round(shownWidth * crop.width),
          height: Math.round(shownHeight * crop.height),
        };
      }),
    CLOCK_CROP,
  );
}

export interface ClockShot {
  png: Buffer;
  /** Host clock (ms since epoch) half-way through the capture, and how long the capture took. */
  at: number;
  captureMs: number;
}

/**
 * Captures a region of the page through CDP, scaled up so the digits are large enough for tesseract.
 * The capture is of the next compositor frame after the request: `at` is the middle of the round trip.
 */
export async function captureClock(page: Page, clip: Clip): Promise<ClockShot> {
  const session = await cdpSession(page);
  const scale = Math.max(1, Math.min(4, 72 / Math.max(1, clip.height)));
  const started = Date.now();
  const { data } = (await session.send('Page.captureScreenshot', {
    format: 'png',
    clip: { ...clip, scale },
    optimizeForSpeed: true,
  })) as { data: string };
  const ended = Date.now();
  return { png: Buffer.from(data, 'base64'), at: (started + ended) / 2, captureMs: ended - started };
}

const sessions = new WeakMap<Page, Awaited<ReturnType<BrowserContext['newCDPSession']>>>();
export async function cdpSession(page: Page) {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** The clock's time of day in ms (UTC+7), or null when tesseract cannot read HH:MM:SS.mmm. */
export function ocrClock(png: Buffer): Promise<{ text: string; msOfDay: number | null }> {
  return new Promise((resolve) => {
    const child = execFile(
      'tesseract',
      ['stdin', 'stdout', '--psm', '7', '-c', 'tessedit_char_whitelist=0123456789:.'],
      { encoding: 'utf8', timeout: 20_000 },
      (error, stdout) => {
        const text = (stdout ?? '').trim();
        if (error) return resolve({ text: `error: ${error.message}`, msOfDay: null });
        resolve({ text, msOfDay: parseClock(text) });
      },
    );
    child.stdin?.end(png);
  });
}

/**
 * A latency outside this window is a misread digit (e.g. a 3 read as an 8), not a measurement. Wide on the
 * late side: a player that cannot keep up (JSMpeg has no frame dropping) falls seconds behind, and that counts.
 */
export const PLAUSIBLE_LATENCY_MS = { min: -100, max: 60_000 };

export interface LatencySamples {
  latencies: number[];
  unreadable: number;
  implausible: number;
  captureMs: number[];
  examples: string[];
}

/** Unreadable shots are written here when set, to see what tesseract was given. */
export const SHOTS_DIR = process.env.IOC_BENCH_SHOTS_DIR;

/** What tesseract read from each shot: a shot read again (per round, then pooled) is not OCRed twice. */
const ocrDone = new WeakMap<ClockShot, Awaited<ReturnType<typeof ocrClock>>>();

/** OCRs the shots one after the other (after the capture window, so tesseract does not load the run). */
export async function readShots(shots: readonly ClockShot[]): Promise<LatencySamples> {
  const result: LatencySamples = { latencies: [], unreadable: 0, implausible: 0, captureMs: [], examples: [] };
  for (const shot of shots) {
    result.captureMs.push(shot.captureMs);
    let read = ocrDone.get(shot);
    if (!read) ocrDone.set(shot, (read = await ocrClock(shot.png)));
    const { text, msOfDay } = read;
    if (SHOTS_DIR && msOfDay === null)
      writeFileSync(join(SHOTS_DIR, `unread-${Date.now()}-${result.unreadable}.png`), shot.png);
    if (msOfDay === null) {
      result.unreadable++;
      if (result.examples.length < 5) result.examples.push(JSON.stringify(text));
      continue;
    }
    const latency = clockLatencyMs(shot.at, msOfDay);
    if (latency < PLAUSIBLE_LATENCY_MS.min || latency > PLAUSIBLE_LATENCY_MS.max) {
      result.implausible++;
      if (result.examples.length < 5) result.examples.push(`${JSON.stringify(text)} → ${Math.round(latency)} ms`);
      continue;
    }
    result.latencies.push(latency);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics, /proc and results.

export function summary(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);
  return {
    n: sorted.length,
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(sorted[0] ?? NaN),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

export const round = (n: number, digits = 1) =>
  Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null;

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

function procStatus(pid: number): { ppid: number; comm: string; rssKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(status)?.[1] ?? '';
    return { ppid: Number(field('PPid')), comm: field('Name'), rssKb: Number.parseInt(field('VmRSS'), 10) || 0 };
  } catch {
    return null;
  }
}

function allProcesses() {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => ({ pid: Number(name), status: procStatus(Number(name)) }))
    .filter((p): p is { pid: number; status: NonNullable<ReturnType<typeof procStatus>> } => p.status !== null);
}

/** Every process below `root` (not root itself). */
export function descendants(root: number) {
  const all = allProcesses();
  const out: typeof all = [];
  const frontier = [root];
  while (frontier.length) {
    const parent = frontier.pop()!;
    for (const p of all) {
      if (p.status.ppid !== parent || out.includes(p)) continue;
      out.push(p);
      frontier.push(p.pid);
    }
  }
  return out;
}

/** What the core holds: its ffmpeg children, open file descriptors (sockets, pipes, files) and RSS. */
export function coreFootprint(corePid: number) {
  const fds = readdirSync(`/proc/${corePid}/fd`);
  const kinds = { sockets: 0, pipes: 0, other: 0 };
  for (const fd of fds) {
    let target = '';
    try {
      target = readlinkSync(`/proc/${corePid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (target.startsWith('socket:')) kinds.sockets++;
    else if (target.startsWith('pipe:')) kinds.pipes++;
    else kinds.other++;
  }
  return {
    ffmpeg: descendants(corePid).filter((p) => p.status.comm === 'ffmpeg').length,
    fds: fds.length,
    ...kinds,
    rssMb: round((procStatus(corePid)?.rssKb ?? 0) / 1024)!,
  };
}

/** RSS of every Chromium process this bench started (browser, renderers, GPU and utility processes). */
export function chromiumRssMb(): number {
  const kb = descendants(process.pid)
    .filter((p) => /chrom/i.test(p.status.comm))
    .reduce((sum, p) => sum + p.status.rssKb, 0);
  return round(kb / 1024)!;
}

export function machine() {
  return { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)), at: new Date().toISOString() };
}

export function writeResult(name: string, result: unknown): string {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(`written ${file}`);
  return file;
}
