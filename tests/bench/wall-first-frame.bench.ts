// Time to first frame when a wall tile opens (issue 4), measured in Chromium from the tile's streams.open call
// on the contract socket to the first frame its <video> presents (requestVideoFrameCallback; `playing` too).
// Two arms in the same run, alternating on the same cameras:
// - warm, with the GOP cache: the camera's stream is already running in the core (a tile showed it a moment ago
//   and the core keeps a stream a few seconds after its last viewer), so the tile gets the init segment and the
//   cached GOP from its keyframe at once;
// - cold, without it: no stream in the core, so it starts ffmpeg, connects over RTSP and the tile waits for the
//   camera's next keyframe. Each camera's encoder is kept running by a plain `ffmpeg -c copy` client, as a real
//   camera's is, so a new connection lands mid-GOP (keyframe every 2 s) instead of on a fresh encoder's first IDR.
// Results: bench-results/wall-first-frame.json. Target (reported, not asserted): ≤ 500 ms with the GOP cache.
import { spawn } from 'node:child_process';
import type { LiveStreamStats } from '../../src-shared/contract/streams';
import { stopChild } from '../../sim/rtsp/child-process';
import { instrumentWall, readProbe } from './wall-instrument';
import {
  grid,
  knob,
  machine,
  openWallWindow,
  round,
  showLayout,
  startWallBench,
  summary,
  until,
  writeResult,
  type WallBench,
} from './wall-harness';

const CAMERAS = knob('IOC_BENCH_CAMERAS', 4);
const TRIALS = knob('IOC_BENCH_TRIALS', 12);
const TARGET_MS = 500;
/** A 4×4 tile is small: it plays the sub stream. */
const COLS = 4;

const bench: WallBench = await startWallBench(CAMERAS);
const keepers = bench.cameraIds.map((id) =>
  spawn(
    'ffmpeg',
    [
      '-nostdin',
      '-loglevel',
      'error',
      '-rtsp_transport',
      'tcp',
      '-i',
      bench.feedUrl(id, 'sub'),
      '-c',
      'copy',
      '-f',
      'null',
      '-',
    ],
    { stdio: 'ignore' },
  ),
);
const results = {
  warm: [] as number[],
  cold: [] as number[],
  warmPlaying: [] as number[],
  coldPlaying: [] as number[],
  profiles: [] as string[],
};
const failures: string[] = [];
try {
  const empty = await showLayout(bench, grid(COLS, COLS, []));
  const single = new Map<string, string>();
  for (const id of bench.cameraIds) single.set(id, (await showLayout(bench, grid(COLS, COLS, [id]))).id);
  const assign = (layoutId: string) =>
    bench.call('walls.assign', { displayId: 'screen-0', source: { kind: 'layout', layoutId } });
  await assign(empty.id);
  const { context, page } = await openWallWindow(bench, { initScript: instrumentWall });
  const running = async (cameraId: string) =>
    (await bench.call<LiveStreamStats[]>('streams.stats', {})).some((s) => s.cameraId === cameraId);

  /** Shows the camera in one tile and returns ms from its streams.open to its first frame and to `playing`. */
  async function openTile(cameraId: string) {
    const before = await readProbe(page);
    await assign(single.get(cameraId)!);
    const probe = await until(
      async () => {
        const now = await readProbe(page);
        const open = now.opens.slice(before.opens.length).find((o) => o.cameraId === cameraId);
        const fresh = now.frames.slice(before.frames.length).filter((f) => f.cameraId === cameraId);
        const frame = open && fresh.find((f) => f.kind === 'first-frame' && f.t >= open.t);
        const playing = open && fresh.find((f) => f.kind === 'playing' && f.t >= open.t);
        return open && frame && playing ? { open, frame, playing } : null;
      },
      `first frame of ${cameraId}`,
      30_000,
    ).catch(async (error: unknown) => {
      const now = await readProbe(page);
      const shown = await page.$$eval('[data-camera-id]:not([data-camera-id=""])', (e) =>
        e.map((x) => `${x.getAttribute('data-camera-id')}:${x.getAttribute('data-state')}`),
      );
      throw new Error(
        `${String(error)}; opens ${JSON.stringify(now.opens.slice(before.opens.length))}, frames ` +
          `${JSON.stringify(now.frames.slice(before.frames.length))}, tiles ${shown.join(' ')}`,
      );
    });
    return {
      firstFrameMs: probe.frame.t - probe.open.t,
      playingMs: probe.playing.t - probe.open.t,
      profile: probe.open.profile,
    };
  }

  await page.waitForTimeout(3000); // every camera's encoder running, GOPs under way
  console.log(
    `wall first frame: ${TRIALS} trials per arm on ${CAMERAS} cameras in a 4×4 tile; load ${machine().loadavg.join(' ')}`,
  );
  for (let trial = 0; trial < TRIALS; trial++) {
    const cameraId = bench.cameraIds[trial % bench.cameraIds.length]!;
    try {
      await until(async () => !(await running(cameraId)), `${cameraId}'s stream to stop in the core`, 30_000);
      const cold = await openTile(cameraId);
      await page.waitForTimeout(1500);
      await assign(empty.id);
      await page.waitForTimeout(500);
      if (!(await running(cameraId))) throw new Error(`${cameraId}'s stream stopped at once: no warm arm possible`);
      const warm = await openTile(cameraId);
      results.cold.push(cold.firstFrameMs);
      results.coldPlaying.push(cold.playingMs);
      results.warm.push(warm.firstFrameMs);
      results.warmPlaying.push(warm.playingMs);
      results.profiles.push(warm.profile);
      console.log(
        `trial ${trial + 1} ${cameraId} ${warm.profile}: cold ${Math.round(cold.firstFrameMs)} ms, warm (GOP cache) ` +
          `${Math.round(warm.firstFrameMs)} ms`,
      );
      await page.waitForTimeout(1000);
      await assign(empty.id);
    } catch (error) {
      failures.push(`trial ${trial + 1} ${cameraId}: ${String(error)}`);
      console.log(failures[failures.length - 1]);
      await assign(empty.id);
    }
  }
  await context.close();
} finally {
  await Promise.all(keepers.map((k) => stopChild(k)));
  await bench.dispose();
}

const warm = summary(results.warm);
const cold = summary(results.cold);
console.log(
  `first frame: warm with GOP cache median ${warm.median} ms (p95 ${warm.p95}, n ${warm.n}); cold without it median ` +
    `${cold.median} ms (p95 ${cold.p95}, n ${cold.n}); warm / cold ×${round(warm.median! / cold.median!, 3)}; ` +
    `target ≤ ${TARGET_MS} ms: ${warm.median! <= TARGET_MS ? 'met' : 'NOT met'}${failures.length ? `; ${failures.length} failed trials` : ''}`,
);
writeResult('wall-first-frame', {
  ...machine(),
  method:
    'In Chromium: performance.now() at the streams.open call on the contract socket → presentationTime of the ' +
    'first requestVideoFrameCallback of the tile’s <video> (and the `playing` event). Warm = the core still runs ' +
    'the stream (lingering after the tile closed 0.5 s earlier): init + cached GOP. Cold = no stream in the core: ' +
    'ffmpeg start, RTSP connect, wait for the camera’s next keyframe (encoders kept running, keyframe every 2 s).',
  cameras: CAMERAS,
  trials: TRIALS,
  warmWithGopCache: { firstFrame: warm, playing: summary(results.warmPlaying) },
  coldWithoutGopCache: { firstFrame: cold, playing: summary(results.coldPlaying) },
  warmToCold: round(warm.median! / cold.median!, 3),
  profilesPerTrial: results.profiles,
  targetMs: TARGET_MS,
  metTarget: warm.median! <= TARGET_MS,
  failures,
});
