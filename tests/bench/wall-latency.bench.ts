// Capture-to-display latency of the live wall (issue 4), at 1 tile and at 16, against the JSMpeg approach in the
// same run. Every frame of the simulated cameras carries its capture time (sim/rtsp); the bench captures each
// tile's clock through CDP at known host times, OCRs it with tesseract and subtracts. Our arm is the real app:
// core (ffmpeg copy → per-frame fMP4 → contract socket) and the wall window, forced to MSE for every tile; the
// ours-webcodecs arm forces WebCodecs (localStorage ioc.player: VideoDecoder onto a canvas, on the page's thread),
// the webcodecs-worker arm the same decoding and drawing in a worker per canvas (ioc.webcodecs). While sampling,
// wall-playback-probe.ts records each <video>'s playout lag, catch-up speed, stalls and dropped frames. The app's default
// takes WebCodecs for main streams (the 1-tile case) and MSE for sub streams (16 tiles): playerChoice.ts. The JSMpeg
// arm pulls the very same RTSP feeds (ffmpeg → MPEG-1 TS → WebSocket → JSMpeg canvas) in the same browser and
// window size. The simulated cameras share one encoder per stream size by default (IOC_BENCH_SIM=shared,per-mount:
// real cameras encode off the workstation), each app arm also run against one encoder per mount in the same process;
// IOC_BENCH_CHROMIUM adds browsers with other Chromium flags, arms alternating. Each round's line and result names
// its simulator mode and Chromium flags.
// Results: bench-results/wall-latency.json. Targets (reported, not asserted): ≤ 200 ms at 1 tile, ≤ 300 ms at 16.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from '../e2e/harness';
import {
  allPlaying,
  BENCH_STREAMS,
  captureClock,
  CHROMIUM_FLAG_SETS,
  clockClips,
  grid,
  knob,
  LATENCY_KNOBS,
  LATENCY_TARGET_MS,
  machine,
  openWallWindow,
  readShots,
  round,
  showLayout,
  SHOTS_DIR,
  SIMULATOR_MODES,
  startWallBench,
  summary,
  until,
  writeResult,
  type ChromiumFlagSet,
  type ClockShot,
  type SimulatorMode,
  type WallBench,
} from './wall-harness';
import { describeCpu, startCpuSample } from './wall-cpu';
import { startJsmpegWall } from './wall-jsmpeg';
import { startPlaybackProbe } from './wall-playback-probe';
import { describeTrace, traceFor } from './wall-trace';

const { warmupSeconds: WARMUP_SECONDS, samples: SAMPLES, sampleSeconds: SAMPLE_SECONDS, sizes: SIZES } = LATENCY_KNOBS;
const TARGET_MS = LATENCY_TARGET_MS;
/** How long every tile gets to show a picture (a busy shared box needs more than a quiet one). */
const PLAYING_WITHIN_SECONDS = knob('IOC_BENCH_PLAYING_WITHIN_SECONDS', 90);
/**
 * mse-legacy: the MSE player with its earlier live-edge policy and frame watch (playerChoice.ts: localStorage
 * ioc.liveEdge and ioc.frameWatch = legacy), mse-rvfc with only the earlier frame watch: paired with mse in one run.
 */
type Player = 'mse' | 'mse-legacy' | 'mse-rvfc' | 'webcodecs' | 'webcodecs-worker';
type Arm = Player | 'jsmpeg';
const KNOWN_ARMS: readonly Arm[] = ['mse', 'mse-legacy', 'mse-rvfc', 'webcodecs', 'webcodecs-worker', 'jsmpeg'];
const DEFAULT_ARMS: readonly Arm[] = ['mse', 'webcodecs', 'webcodecs-worker', 'jsmpeg'];
/** The app's arms run this many times in turn per size (old/new alternating), e.g. 2 with mse-legacy,mse. */
const ROUNDS = Math.max(1, Math.round(knob('IOC_BENCH_ROUNDS', 1)));
/** Seconds of Chromium trace per app arm, after the OCR window (0: none; IOC_BENCH_TRACE_FILE keeps the last). */
const TRACE_SECONDS = knob('IOC_BENCH_TRACE_SECONDS', 0);
/**
 * Which arms run, in this order (all by default), e.g. IOC_BENCH_ARMS=mse,webcodecs-worker to iterate on the
 * app's players. webcodecs-worker: the WebCodecs player decoding and drawing in a worker per canvas (opt-in).
 */
const ARMS = (process.env.IOC_BENCH_ARMS ?? DEFAULT_ARMS.join(',')).split(',') as Arm[];
if (!ARMS.every((a) => KNOWN_ARMS.includes(a)) || !ARMS.some((a) => a !== 'jsmpeg')) {
  throw new Error(`IOC_BENCH_ARMS: a list of ${KNOWN_ARMS.join(', ')} with at least one of the app’s players`);
}
/**
 * How the simulated cameras encode (wall-harness.ts SIMULATOR_MODES), each app arm run in each mode in turn, in
 * this order, the simulator restarted on the same port between modes (same feeds, same URLs). shared (the default,
 * first): mounts of one size share one encoder, as cameras encode in their own hardware, off the workstation (16
 * tiles, 28/11/2026, MSE, paired in one process: median 165.5 vs 389 ms for per-mount, ×0.43, load 3–15; 308 vs
 * 522.5 ms, ×0.59, load 9–19); per-mount: one x264 per mount, as `npm start` runs it, kept as the paired arm (on
 * this 2-core box its 16 encoders took 75–110 % of a core from the browser); -nice: the simulator at nice 10
 * (per-mount-nice: ×0.83 of per-mount in one run, p95 worse). The first mode fills the summary fields (ours, oursWebcodecs …) and
 * runs the JSMpeg arm; `byVariant` has every mode × Chromium flag set, with its ratio to the first.
 */
const SIMS = (process.env.IOC_BENCH_SIM ?? 'shared,per-mount').split(',') as SimulatorMode[];
if (!SIMS.length || !SIMS.every((m) => m in SIMULATOR_MODES) || new Set(SIMS).size !== SIMS.length) {
  throw new Error(`IOC_BENCH_SIM: a list of ${Object.keys(SIMULATOR_MODES).join(', ')}`);
}
/**
 * Chromium flag sets (wall-harness.ts CHROMIUM_FLAG_SETS), one browser each, launched side by side in this process;
 * each app arm runs in each, in turn. The first one fills the summary fields and runs the JSMpeg arm.
 */
const CHROMES = (process.env.IOC_BENCH_CHROMIUM ?? 'default').split(',') as ChromiumFlagSet[];
if (!CHROMES.length || !CHROMES.every((c) => c in CHROMIUM_FLAG_SETS) || new Set(CHROMES).size !== CHROMES.length) {
  throw new Error(`IOC_BENCH_CHROMIUM: a list of ${Object.keys(CHROMIUM_FLAG_SETS).join(', ')}`);
}
/** A variant: how the simulator encodes and which Chromium flags, e.g. `shared/default`. */
type Variant = `${SimulatorMode}/${ChromiumFlagSet}`;
const VARIANTS: { simulator: SimulatorMode; chromium: ChromiumFlagSet; name: Variant }[] = SIMS.flatMap((simulator) =>
  CHROMES.map((chromium) => ({ simulator, chromium, name: `${simulator}/${chromium}` as Variant })),
);
/** Ratios in `byVariant` are to the first variant (the first simulator mode with the first flag set). */
const BASELINE: Variant = VARIANTS[0]!.name;
let currentSim: SimulatorMode = 'per-mount';
/** Restarts the simulator in `mode` when it runs in another one (clients see a camera reboot). */
async function useSimulator(bench: WallBench, mode: SimulatorMode) {
  if (mode === currentSim) return;
  await bench.fleet.rtsp.restart({ mode: SIMULATOR_MODES[mode] });
  currentSim = mode;
}

const side = (tiles: number) => Math.ceil(Math.sqrt(tiles));

/** Captures the clock of every picture `selector` finds, round after round, SAMPLES shots in all. */
async function sample(page: Page, selector: string): Promise<ClockShot[]> {
  const shots: ClockShot[] = [];
  const started = Date.now();
  let round = 0;
  while (shots.length < SAMPLES) {
    const clips = await clockClips(page, selector);
    if (SHOTS_DIR && round === 0) {
      await page.screenshot({ path: join(SHOTS_DIR, `page-${clips.length}-${Date.now()}.png`) });
      writeFileSync(join(SHOTS_DIR, `clips-${clips.length}-${Date.now()}.json`), JSON.stringify(clips));
    }
    for (const clip of clips) {
      if (!clip || shots.length >= SAMPLES) continue;
      shots.push(await captureClock(page, clip));
    }
    round++;
    // Spread the rounds over the window: a stall should show up, not hide between two bursts.
    const rounds = Math.ceil(SAMPLES / Math.max(1, clips.length));
    const due = started + (SAMPLE_SECONDS * 1000 * round) / rounds;
    if (Date.now() < due) await page.waitForTimeout(due - Date.now());
    if (Date.now() - started > SAMPLE_SECONDS * 3000) break;
  }
  return shots;
}

async function oursArm(bench: WallBench, tiles: number, player: Player, browser: Browser = bench.browser) {
  const cameraIds = bench.cameraIds.slice(0, tiles);
  const n = side(tiles);
  await showLayout(bench, grid(n, n, cameraIds));
  // Each arm forces its player for every tile (the app's default picks by stream: playerChoice.ts).
  const { context, page } = await openWallWindow(bench, {
    browser,
    ...(player === 'mse'
      ? { initScript: () => localStorage.setItem('ioc.player', 'mse') }
      : player === 'mse-legacy'
        ? {
            initScript: () => {
              localStorage.setItem('ioc.player', 'mse');
              localStorage.setItem('ioc.liveEdge', 'legacy');
              localStorage.setItem('ioc.frameWatch', 'legacy');
            },
          }
        : player === 'mse-rvfc'
          ? {
              initScript: () => {
                localStorage.setItem('ioc.player', 'mse');
                localStorage.setItem('ioc.frameWatch', 'legacy');
              },
            }
          : player === 'webcodecs'
            ? { initScript: () => localStorage.setItem('ioc.player', 'webcodecs') }
            : {
                initScript: () => {
                  localStorage.setItem('ioc.player', 'webcodecs');
                  localStorage.setItem('ioc.webcodecs', 'worker');
                },
              }),
  });
  const shownPlayer = player.startsWith('mse') ? 'mse' : 'webcodecs';
  try {
    // The tile's title bar lies over the top of the picture, where the clock is: hidden for the OCR only.
    await page.addStyleTag({ content: '.tile__bar { visibility: hidden !important; }' });
    const shown = await allPlaying(page, tiles, PLAYING_WITHIN_SECONDS * 1000);
    await page.waitForTimeout(WARMUP_SECONDS * 1000);
    const profiles = (await allPlaying(page, tiles, 30_000)).map((t) => t.profile ?? 'main');
    const players = await page.$$eval('[data-tile-index] .live-video', (e) =>
      e.map((m) => m.getAttribute('data-player')),
    );
    if (players.length !== tiles || players.some((p) => p !== shownPlayer)) {
      throw new Error(`the ${player} arm shows players ${players.join(', ')}`);
    }
    // Frames the WebCodecs player skipped (decoder behind → wait for a key frame): each skip freezes the picture.
    const skipped = () =>
      page.evaluate(() => (Reflect.get(window, '__iocPlayerDebug') as { framesDropped?: number }).framesDropped ?? 0);
    const skippedBefore = await skipped();
    const loadavg = machine().loadavg;
    const stopProbe = await startPlaybackProbe(page);
    const stopCpu = startCpuSample({ [bench.corePid]: 'core' });
    const shots = await sample(page, '[data-tile-index] .live-video:not(.live-video--behind)');
    const cpu = stopCpu();
    const playback = await stopProbe();
    const trace = TRACE_SECONDS > 0 ? await traceFor(bench.browser, page, TRACE_SECONDS) : null;
    return {
      shots,
      playback,
      cpu,
      trace,
      loadavg,
      framesDropped: (await skipped()) - skippedBefore,
      feeds: shown.map((t, i) => ({ cameraId: t.cameraId, profile: profiles[i] as 'main' | 'sub' })),
    };
  } finally {
    await context.close();
    await showLayout(bench, grid(n, n, []));
  }
}

async function jsmpegArm(bench: WallBench, tiles: number, feeds: { cameraId: string; profile: 'main' | 'sub' }[]) {
  const n = side(tiles);
  const wall = await startJsmpegWall(
    feeds.map((f) => ({
      url: bench.feedUrl(f.cameraId, f.profile),
      // A little above the H.264 feed: MPEG-1 needs more bits for the same picture.
      bitrateKbps: Math.round(BENCH_STREAMS[f.profile].bitrateKbps * 1.5),
    })),
    n,
    n,
  );
  const { context, page } = await newPage(bench.browser);
  try {
    await page.goto(wall.pageUrl);
    // JSMpeg sizes its canvas from the first sequence header (a canvas starts 300 × 150).
    const drawing = () =>
      page.$$eval('canvas.jsmpeg-tile', (canvases) => canvases.map((c) => (c as HTMLCanvasElement).width !== 300));
    await until(async () => (await drawing()).every(Boolean), `${tiles} JSMpeg canvases drawing`, 90_000).catch(
      async (error: unknown) => {
        const shown = await drawing();
        const health = wall.health();
        shown.forEach((ok, i) => {
          if (!ok)
            console.log(`JSMpeg tile ${i + 1} (${feeds[i]!.cameraId} ${feeds[i]!.profile}) not drawing:`, health[i]);
        });
        throw error;
      },
    );
    await page.waitForTimeout(WARMUP_SECONDS * 1000);
    return { shots: await sample(page, 'canvas.jsmpeg-tile') };
  } finally {
    await context.close();
    await wall.close();
  }
}

const bench = await startWallBench(Math.max(...SIZES));
const browsers = new Map<ChromiumFlagSet, Browser>();
for (const chromium of CHROMES) {
  const args = CHROMIUM_FLAG_SETS[chromium];
  browsers.set(chromium, args.length ? await launchBrowser(args) : bench.browser);
}
const rows = [];
try {
  console.log(
    `wall latency: ${SIZES.join(' and ')} tiles, ${SAMPLES} OCR samples per arm over ${SAMPLE_SECONDS} s after ` +
      `${WARMUP_SECONDS} s warm-up; main ${BENCH_STREAMS.main.width}×${BENCH_STREAMS.main.height}, ` +
      `sub ${BENCH_STREAMS.sub.width}×${BENCH_STREAMS.sub.height} @ ${BENCH_STREAMS.sub.fps} fps; simulator ` +
      `${SIMS.join(' / ')}; chromium ${CHROMES.join(' / ')}; load ${machine().loadavg.join(' ')}`,
  );
  for (const tiles of SIZES) {
    const loadBefore = machine().loadavg;
    // The core keeps a stream for a few seconds after its last viewer: each arm lets it go before the next runs.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 7000));
    // The app's players in the order IOC_BENCH_ARMS names them.
    type Result = Awaited<ReturnType<typeof oursArm>>;
    const bySim = new Map<Variant, Partial<Record<Player, Result>>>(VARIANTS.map((v) => [v.name, {}]));
    const rounds: {
      round: number;
      arm: Player;
      simulator: SimulatorMode;
      chromium: ChromiumFlagSet;
      result: Result;
    }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const { simulator, chromium, name } of VARIANTS) {
        await useSimulator(bench, simulator);
        for (const arm of ARMS) {
          if (arm === 'jsmpeg') continue;
          const result = await oursArm(bench, tiles, arm, browsers.get(chromium));
          rounds.push({ round, arm, simulator, chromium, result });
          // The summary rows below pool every round of an arm; each round is also printed on its own.
          const played = bySim.get(name)!;
          const pooled = played[arm];
          played[arm] = pooled
            ? {
                ...result,
                shots: [...pooled.shots, ...result.shots],
                framesDropped: pooled.framesDropped + result.framesDropped,
              }
            : result;
          await settle();
        }
      }
    }
    const played = bySim.get(VARIANTS[0]!.name)!;
    const mse = played.mse ?? null;
    const webcodecs = played.webcodecs ?? null;
    const worker = played['webcodecs-worker'] ?? null;
    const feeds = (mse ?? webcodecs ?? worker ?? played['mse-legacy'] ?? played['mse-rvfc'])!.feeds;
    // Every round of every app arm on its own: latency, what the players did, where the CPU went, the load.
    const perRound = [];
    for (const { round: n, arm, simulator, chromium, result } of rounds) {
      const r = await readShots(result.shots);
      const p = result.playback;
      const entry = {
        round: n,
        arm,
        simulator,
        simulatorMode: SIMULATOR_MODES[simulator],
        chromium,
        chromiumArgs: CHROMIUM_FLAG_SETS[chromium],
        loadavg: result.loadavg,
        ...summary(r.latencies),
        unreadable: r.unreadable + r.implausible,
        playback: p,
        cpu: result.cpu,
        trace: result.trace,
      };
      perRound.push(entry);
      console.log(
        `${String(tiles).padStart(2)} tile(s) round ${n} ${arm} (simulator ${simulator}, chromium ${chromium}): median ${entry.median} ms (p95 ${entry.p95}, n ` +
          `${entry.n}, unreadable ${entry.unreadable}); <video> dropped ${p.videoFramesDropped}/${p.videoFramesTotal}, ` +
          `waiting ${p.waitingEvents}, seeks/s ${p.seeksPerSecond}, rate changes/s ${p.rateChangesPerSecond}, ` +
          `appends/s ${p.appendsPerSecond}, playout lag median ${p.playoutLagMs?.median ?? '—'} ms (p95 ` +
          `${p.playoutLagMs?.p95 ?? '—'}), sped up ${p.spedUpShare ?? '—'}; load ${result.loadavg.join(' ')}`,
      );
      console.log(describeCpu(result.cpu));
      if (result.trace) console.log(describeTrace(result.trace));
    }
    // Every app arm per variant, pooled over the rounds, and its ratio to the same arm on the baseline.
    const byVariant: Record<string, Record<string, unknown>> = {};
    for (const { simulator, chromium, name } of VARIANTS) {
      const arms = bySim.get(name)!;
      const out: Record<string, unknown> = {
        simulatorMode: SIMULATOR_MODES[simulator],
        chromiumArgs: CHROMIUM_FLAG_SETS[chromium],
      };
      for (const [arm, result] of Object.entries(arms)) {
        const r = await readShots(result.shots);
        const base = bySim.get(BASELINE)?.[arm as Player];
        const baseMedian = base ? summary((await readShots(base.shots)).latencies).median : null;
        const s = summary(r.latencies);
        const cpuRounds = rounds
          .filter((x) => x.arm === arm && x.simulator === simulator && x.chromium === chromium)
          .map((x) => x.result.cpu);
        out[arm] = {
          ...s,
          unreadable: r.unreadable + r.implausible,
          toBaseline: name !== BASELINE && baseMedian && s.median !== null ? round(s.median / baseMedian, 3) : null,
          metTarget: TARGET_MS[tiles] !== undefined && s.median !== null ? s.median <= TARGET_MS[tiles] : null,
          cpuMachinePct: cpuRounds.map((c) => c.machinePct),
          cpuSimulatorPct: cpuRounds.map((c) => c.groups.simulator ?? 0),
          cpuGroupsPct: cpuRounds.map((c) => c.groups),
        };
        console.log(
          `${String(tiles).padStart(2)} tile(s) ${arm} ${name} (pooled): median ${s.median} ms (p95 ${s.p95}, n ` +
            `${s.n}); ×${(out[arm] as { toBaseline: number | null }).toBaseline ?? '—'} of ${BASELINE}; ` +
            `simulator CPU ${cpuRounds.map((c) => c.groups.simulator ?? 0).join('/')} %, machine ` +
            `${cpuRounds.map((c) => c.machinePct).join('/')} %`,
        );
      }
      byVariant[name] = out;
    }
    await useSimulator(bench, SIMS[0]!);
    const jsmpeg = ARMS.includes('jsmpeg') ? await jsmpegArm(bench, tiles, feeds) : null;
    const loadAfter = machine().loadavg;
    const read = async (arm: { shots: ClockShot[] } | null) => (arm ? await readShots(arm.shots) : null);
    const [mseRead, webcodecsRead, workerRead, jsmpegRead] = [
      await read(mse),
      await read(webcodecs),
      await read(worker),
      await read(jsmpeg),
    ];
    const median = (r: typeof mseRead) => (r ? summary(r.latencies).median : null);
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? round(a / b, 3) : null);
    const met = (m: number | null) => (TARGET_MS[tiles] !== undefined && m !== null ? m <= TARGET_MS[tiles] : null);
    const ours = (arm: typeof mse, r: typeof mseRead) =>
      arm && r
        ? { ...summary(r.latencies), ...counts(r), framesDropped: arm.framesDropped, playback: arm.playback }
        : null;
    const legacy = played['mse-legacy'] ?? null;
    const legacyRead = await read(legacy);
    const rvfc = played['mse-rvfc'] ?? null;
    const rvfcRead = await read(rvfc);
    const row = {
      tiles,
      variant: VARIANTS[0]!.name,
      baseline: BASELINE,
      byVariant,
      rounds: perRound,
      oursLegacy: ours(legacy, legacyRead),
      oursRvfc: ours(rvfc, rvfcRead),
      oursToLegacy: ratio(median(mseRead), median(legacyRead)),
      profiles: [...new Set(feeds.map((f) => f.profile))],
      loadavgBefore: loadBefore,
      loadavgAfter: loadAfter,
      ours: ours(mse, mseRead),
      oursWebcodecs: ours(webcodecs, webcodecsRead),
      oursWebcodecsWorker: ours(worker, workerRead),
      jsmpeg: jsmpegRead ? { ...summary(jsmpegRead.latencies), ...counts(jsmpegRead) } : null,
      targetMs: TARGET_MS[tiles] ?? null,
      oursToJsmpeg: ratio(median(mseRead), median(jsmpegRead)),
      webcodecsToOurs: ratio(median(webcodecsRead), median(mseRead)),
      workerToOurs: ratio(median(workerRead), median(mseRead)),
      workerToWebcodecs: ratio(median(workerRead), median(webcodecsRead)),
      webcodecsToJsmpeg: ratio(median(webcodecsRead), median(jsmpegRead)),
      metTarget: met(median(mseRead)),
      webcodecsMetTarget: met(median(webcodecsRead)),
      workerMetTarget: met(median(workerRead)),
    };
    rows.push(row);
    const line = (name: string, r: NonNullable<typeof row.ours> | typeof row.jsmpeg, target: boolean | null) => {
      if (!r) return;
      const extra =
        'playback' in r
          ? `, frames skipped ${r.framesDropped}, playout lag median ${r.playback.playoutLagMs?.median ?? '—'} ms ` +
            `(p95 ${r.playback.playoutLagMs?.p95 ?? '—'}), sped up ${r.playback.spedUpShare ?? '—'}, waiting ` +
            `${r.playback.waitingEvents}, stalled ${r.playback.stalledTiles}, <video> dropped ` +
            `${r.playback.videoFramesDropped}/${r.playback.videoFramesTotal}`
          : '';
      console.log(
        `${String(tiles).padStart(2)} tile(s) ${name}: median ${r.median} ms (p95 ${r.p95}, n ${r.n}, unreadable ` +
          `${r.unreadable}+${r.implausible}${extra}); target ≤ ${row.targetMs ?? '—'} ms: ${target === null ? '—' : target ? 'met' : 'NOT met'}`,
      );
    };
    line('mse', row.ours, row.metTarget);
    line('mse-legacy (pooled)', row.oursLegacy, met(median(legacyRead)));
    line('mse-rvfc (pooled)', row.oursRvfc, met(median(rvfcRead)));
    if (row.oursToLegacy !== null) console.log(`   mse/mse-legacy ×${row.oursToLegacy}`);
    line('webcodecs', row.oursWebcodecs, row.webcodecsMetTarget);
    line('webcodecs-worker', row.oursWebcodecsWorker, row.workerMetTarget);
    line('JSMpeg', row.jsmpeg, null);
    console.log(
      `   webcodecs/mse ×${row.webcodecsToOurs ?? '—'}, webcodecs-worker/mse ×${row.workerToOurs ?? '—'}, ` +
        `webcodecs-worker/webcodecs ×${row.workerToWebcodecs ?? '—'}, mse/JSMpeg ×${row.oursToJsmpeg ?? '—'}, ` +
        `webcodecs/JSMpeg ×${row.webcodecsToJsmpeg ?? '—'}; load ${loadBefore.join(' ')} → ${loadAfter.join(' ')}`,
    );
    const examples = [mseRead, webcodecsRead, jsmpegRead].map((r) => r?.examples.join(' ') ?? '');
    if (examples.some(Boolean)) {
      console.log(`   unread examples: mse ${examples[0]} | webcodecs ${examples[1]} | JSMpeg ${examples[2]}`);
    }
  }
} finally {
  for (const browser of browsers.values()) if (browser !== bench.browser) await browser.close().catch(() => undefined);
  await bench.dispose();
}

function counts(read: Awaited<ReturnType<typeof readShots>>) {
  return {
    unreadable: read.unreadable,
    implausible: read.implausible,
    captureRoundTripMedianMs: summary(read.captureMs).median,
  };
}

writeResult('wall-latency', {
  ...machine(),
  method:
    'CDP Page.captureScreenshot of each picture’s clock region; host time = middle of the capture round trip; ' +
    'tesseract --psm 7 digits; latency = host time − burnt-in capture time (UTC+7). Unreadable = no 9 digits; ' +
    'implausible = outside −100…60000 ms (a misread digit). The tiles’ title bars are hidden (they cover the clock).',
  streams: BENCH_STREAMS,
  arms: ARMS,
  simulatorModes: Object.fromEntries(SIMS.map((m) => [m, SIMULATOR_MODES[m]])),
  chromiumFlagSets: Object.fromEntries(CHROMES.map((c) => [c, CHROMIUM_FLAG_SETS[c]])),
  samplesPerArm: SAMPLES,
  sampleSeconds: SAMPLE_SECONDS,
  warmupSeconds: WARMUP_SECONDS,
  rows,
});
