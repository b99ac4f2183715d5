// What the players do while the latency bench samples the clocks: how far each MSE <video> plays behind its newest
// buffered frame (its playout cushion, which liveTarget.ts adapts), whether it is sped up to catch up, how often a
// playhead runs dry ('waiting') or a tile goes 'stalled', and the frames the players dropped. Observes only.
import type { Page } from 'playwright-core';
import { summary } from './wall-harness';

interface ProbeState {
  lags: number[];
  rates: number[];
  waiting: number;
  stalled: number;
  seeks: number;
  rateChanges: number;
  appends: number;
  startDropped: number;
  startTotal: number;
  stopped: boolean;
}

// A string, not a function: tsx would wrap named inner functions in a `__name` helper the page lacks.
const START = `(() => {
  const selector = '[data-tile-index] .live-video:not(.live-video--behind)';
  const quality = () => [...document.querySelectorAll('video')].reduce((sum, v) => {
    const q = v.getVideoPlaybackQuality();
    return [sum[0] + q.droppedVideoFrames, sum[1] + q.totalVideoFrames];
  }, [0, 0]);
  const [startDropped, startTotal] = quality();
  const probe = { lags: [], rates: [], waiting: 0, stalled: 0, seeks: 0, rateChanges: 0, appends: 0, startDropped,
    startTotal, stopped: false, quality };
  const states = new Map();
  const onWaiting = () => { if (!probe.stopped) probe.waiting++; };
  const onSeeking = () => { if (!probe.stopped) probe.seeks++; };
  const onRate = () => { if (!probe.stopped) probe.rateChanges++; };
  // Every SourceBuffer append of the page (the players coalesce fragments while one is in flight).
  const append = SourceBuffer.prototype.appendBuffer;
  SourceBuffer.prototype.appendBuffer = function (data) {
    if (!probe.stopped) probe.appends++;
    return append.call(this, data);
  };
  const watched = new Set();
  const timer = setInterval(() => {
    if (probe.stopped) return clearInterval(timer);
    for (const media of document.querySelectorAll(selector)) {
      if (!(media instanceof HTMLVideoElement)) continue;
      if (!watched.has(media)) {
        watched.add(media);
        media.addEventListener('waiting', onWaiting);
        media.addEventListener('seeking', onSeeking);
        media.addEventListener('ratechange', onRate);
      }
      const ranges = media.buffered;
      if (ranges.length === 0) continue;
      probe.lags.push(ranges.end(ranges.length - 1) - media.currentTime);
      probe.rates.push(media.playbackRate);
    }
    for (const tile of document.querySelectorAll('[data-tile-index]')) {
      const state = tile.getAttribute('data-state');
      const index = tile.getAttribute('data-tile-index');
      if (state === 'stalled' && states.get(index) !== 'stalled') probe.stalled++;
      states.set(index, state);
    }
  }, 250);
  Object.defineProperty(window, '__latencyProbe', { value: probe, configurable: true });
})()`;

export interface PlaybackReport {
  /** MSE only: seconds between the playhead and the newest buffered frame, over tiles and 250 ms ticks. */
  playoutLagMs: ReturnType<typeof summary> | null;
  /** MSE only: share of those ticks a tile played faster than 1× to catch up. */
  spedUpShare: number | null;
  waitingEvents: number;
  stalledTiles: number;
  /** Playhead jumps (catch-up seeks), playbackRate changes and SourceBuffer appends per second, all tiles. */
  seeksPerSecond: number;
  rateChangesPerSecond: number;
  appendsPerSecond: number;
  /** <video> frames the media pipeline dropped during the window (the WebCodecs arm counts its own skips). */
  videoFramesDropped: number;
  videoFramesTotal: number;
}

export async function startPlaybackProbe(page: Page): Promise<() => Promise<PlaybackReport>> {
  await page.evaluate(START);
  const started = Date.now();
  return async () => {
    const seconds = (Date.now() - started) / 1000;
    const perSecond = (n: number) => Math.round((n / seconds) * 10) / 10;
    const read = await page.evaluate(() => {
      const probe = Reflect.get(window, '__latencyProbe') as ProbeState & { quality(): [number, number] };
      probe.stopped = true;
      const [dropped, total] = probe.quality();
      return {
        lags: probe.lags,
        rates: probe.rates,
        waiting: probe.waiting,
        stalled: probe.stalled,
        seeks: probe.seeks,
        rateChanges: probe.rateChanges,
        appends: probe.appends,
        dropped: dropped - probe.startDropped,
        total: total - probe.startTotal,
      };
    });
    return {
      playoutLagMs: read.lags.length ? summary(read.lags.map((l) => l * 1000)) : null,
      spedUpShare: read.rates.length
        ? Math.round((read.rates.filter((r) => r > 1).length / read.rates.length) * 1000) / 1000
        : null,
      waitingEvents: read.waiting,
      stalledTiles: read.stalled,
      seeksPerSecond: perSecond(read.seeks),
      rateChangesPerSecond: perSecond(read.rateChanges),
      appendsPerSecond: perSecond(read.appends),
      videoFramesDropped: read.dropped,
      videoFramesTotal: read.total,
    };
  };
}
