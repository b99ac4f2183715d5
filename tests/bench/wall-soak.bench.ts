// Soak of the live wall (issue 4): 16 tiles playing for IOC_BENCH_SOAK_MINUTES (default 30). Every sample: the
// wall renderer's JS heap after a forced GC (CDP Runtime.getHeapUsage), the RSS of the core and of every Chromium
// process, the core's ffmpeg processes and file descriptors, and the players' own counters. Growth is the
// least-squares slope after the warm-up, per tile per hour. Results: bench-results/wall-soak.json.
import {
  allPlaying,
  cdpSession,
  chromiumRssMb,
  coreFootprint,
  grid,
  knob,
  machine,
  openWallWindow,
  round,
  showLayout,
  slope,
  startWallBench,
  tiles as readTiles,
  writeResult,
} from './wall-harness';

const TILES = knob('IOC_BENCH_TILES', 16);
const MINUTES = knob('IOC_BENCH_SOAK_MINUTES', 30);
const SAMPLE_SECONDS = knob('IOC_BENCH_SOAK_SAMPLE_SECONDS', 30);
/** Samples before this are not fitted: buffers, JIT and caches fill during the first minute. */
const WARMUP_SECONDS = knob('IOC_BENCH_SOAK_WARMUP_SECONDS', Math.min(120, MINUTES * 6));

interface Sample {
  atSec: number;
  heapUsedMb: number;
  heapTotalMb: number;
  coreRssMb: number;
  chromiumRssMb: number;
  coreFds: number;
  ffmpeg: number;
  playing: number;
  framesDecoded: number;
  framesDropped: number;
  mediaSourcesLive: number;
  sessionsLive: number;
}

const bench = await startWallBench(TILES);
const samples: Sample[] = [];
try {
  const side = Math.ceil(Math.sqrt(TILES));
  await showLayout(bench, grid(side, side, bench.cameraIds.slice(0, TILES)));
  const { context, page } = await openWallWindow(bench);
  await allPlaying(page, TILES, 120_000);
  const session = await cdpSession(page);
  await session.send('HeapProfiler.enable');
  console.log(
    `wall soak: ${TILES} tiles for ${MINUTES} min, a sample every ${SAMPLE_SECONDS} s, fit after ${WARMUP_SECONDS} s; ` +
      `load ${machine().loadavg.join(' ')}`,
  );
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  for (;;) {
    await session.send('HeapProfiler.collectGarbage');
    const heap = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const players = await page.evaluate(() => {
      const counters = Reflect.get(window, '__iocPlayerDebug') as { mediaSourcesLive: number; sessionsLive: number };
      const videos = [...document.querySelectorAll('video')].map((v) => v.getVideoPlaybackQuality());
      return {
        ...counters,
        decoded: videos.reduce((s, q) => s + q.totalVideoFrames, 0),
        dropped: videos.reduce((s, q) => s + q.droppedVideoFrames, 0),
      };
    });
    const core = coreFootprint(bench.corePid);
    const sample: Sample = {
      atSec: round((Date.now() - started) / 1000)!,
      heapUsedMb: round(heap.usedSize / 2 ** 20, 2)!,
      heapTotalMb: round(heap.totalSize / 2 ** 20, 2)!,
      coreRssMb: core.rssMb,
      chromiumRssMb: chromiumRssMb(),
      coreFds: core.fds,
      ffmpeg: core.ffmpeg,
      playing: (await readTiles(page)).filter((t) => t.state === 'playing').length,
      framesDecoded: players.decoded,
      framesDropped: players.dropped,
      mediaSourcesLive: players.mediaSourcesLive,
      sessionsLive: players.sessionsLive,
    };
    samples.push(sample);
    console.log(
      `${String(Math.round(sample.atSec)).padStart(5)} s: heap ${sample.heapUsedMb} MB, core ${sample.coreRssMb} MB, ` +
        `chromium ${sample.chromiumRssMb} MB, fds ${sample.coreFds}, ffmpeg ${sample.ffmpeg}, playing ${sample.playing}/${TILES}`,
    );
    if (Date.now() >= end) break;
    await page.waitForTimeout(Math.min(SAMPLE_SECONDS * 1000, Math.max(0, end - Date.now())));
  }
  await context.close();
} finally {
  await bench.dispose();
}

const fitted = samples.filter((s) => s.atSec >= WARMUP_SECONDS);
const perTilePerHour = (pick: (s: Sample) => number) =>
  round((slope(fitted.map((s) => ({ x: s.atSec / 3600, y: pick(s) }))) * 1) / TILES, 3);
const first = fitted[0] ?? samples[0]!;
const last = samples[samples.length - 1]!;
const growth = {
  heapMbPerTilePerHour: perTilePerHour((s) => s.heapUsedMb),
  coreRssMbPerTilePerHour: perTilePerHour((s) => s.coreRssMb),
  chromiumRssMbPerTilePerHour: perTilePerHour((s) => s.chromiumRssMb),
};
const ratios = {
  heapLastToFirst: round(last.heapUsedMb / first.heapUsedMb, 3),
  coreRssLastToFirst: round(last.coreRssMb / first.coreRssMb, 3),
  chromiumRssLastToFirst: round(last.chromiumRssMb / first.chromiumRssMb, 3),
};
console.log(
  `soak growth per tile per hour: JS heap ${growth.heapMbPerTilePerHour} MB, core RSS ${growth.coreRssMbPerTilePerHour} MB, ` +
    `Chromium RSS ${growth.chromiumRssMbPerTilePerHour} MB; last/first (after warm-up): heap ×${ratios.heapLastToFirst}, ` +
    `core ×${ratios.coreRssLastToFirst}, Chromium ×${ratios.chromiumRssLastToFirst}; every tile playing at the end: ` +
    `${last.playing === TILES ? 'yes' : `no (${last.playing}/${TILES})`}`,
);
writeResult(MINUTES === 30 && TILES === 16 ? 'wall-soak' : `wall-soak-${TILES}x${MINUTES}min`, {
  ...machine(),
  method:
    'Renderer JS heap = CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage on the wall window; RSS from ' +
    '/proc/<pid>/status (core; sum over Chromium processes); growth = least-squares slope after the warm-up / tiles.',
  tiles: TILES,
  minutes: MINUTES,
  sampleSeconds: SAMPLE_SECONDS,
  warmupSeconds: WARMUP_SECONDS,
  growth,
  ratios,
  allPlayingAtEnd: last.playing === TILES,
  samples,
});
