// A B-frame camera whose clock goes back at a key frame by less than the reorder window. GStreamer's shared media
// does that to every viewer of a mount when another one sends PLAY (the wall-bframes e2e: two profiles, one
// mount); the proxy here does it at every key frame after the first. Taken for reordering, the rewound key unit
// repeated an earlier time or, soon after the session's first packet, went below 0; the muxer refused it and the
// native reader gave the camera up to ffmpeg.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNativeIngest } from '../../src-main/services/streams/native-ingest';
import { createRtspH264Reader, type H264AccessUnit, type RtspError } from '../../src-main/services/streams/rtsp';
import { readDecoderSetup, readSamples } from '../../src-renderer/features/player/fmp4Samples';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from '../integration/require-gstreamer';
import { startRewindingProxy, type RewindingProxy } from './rewinding-proxy';

const { available } = await requireGstreamer('tests/streams-rtsp/rtsp-h264-rewind');

const MOUNT = { path: 'bframes/rewind', width: 320, height: 180, fps: 25, bitrateKbps: 300, bframes: 2 } as const;
/** Twelve frames back: the rewound key frame lands on an earlier frame's time. */
const REWIND_TICKS = (12 * 90_000) / MOUNT.fps;
/** Key frames come every 2 × fps frames; three rewinds are enough. */
const REWINDS = 3;

/** Resolves once `condition` holds, checked on every call of `tick`. */
function whenever(condition: () => boolean): { tick(): void; reached: Promise<void> } {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  return { tick: () => void (condition() && resolve()), reached };
}

describe.skipIf(!available)('a B-frame camera whose clock goes back at key frames', () => {
  let server: RtspServer;
  let proxy: RewindingProxy;
  beforeAll(async () => {
    server = await startRtspServer({ mounts: [MOUNT] });
    proxy = await startRewindingProxy({ upstream: server.urlFor(MOUNT.path), rewindTicks: REWIND_TICKS });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.dispose();
  });

  it('restarts the count after the latest time at a rewound key unit: no time twice, none below 0', async () => {
    const units: H264AccessUnit[] = [];
    const errors: RtspError[] = [];
    const enough = whenever(() => units.filter((u) => u.key).length > REWINDS);
    let closed = false;
    const reader = createRtspH264Reader({
      url: new URL(proxy.url),
      onParameters: () => undefined,
      onAccessUnit: (unit) => {
        units.push(unit);
        enough.tick();
      },
      onError: (error) => errors.push(error),
      onClose: () => (closed = true),
    });
    try {
      await enough.reached;
      expect(errors).toEqual([]);
      expect(closed).toBe(false);
      const stats = reader.stats()!;
      expect(proxy.rewinds()).toBeGreaterThanOrEqual(REWINDS);
      const times = units.map((u) => u.pts90k);
      expect(times.every((t) => Number.isSafeInteger(t) && t >= 0)).toBe(true);
      expect(new Set(times).size, 'no time twice').toBe(times.length);
      for (const [i, unit] of units.entries()) {
        if (!unit.key) continue;
        // Presented after every unit decoded before it, and before every unit decoded after it up to the next key.
        expect(Math.max(...times.slice(0, i)), `key unit ${i}`).toBeLessThan(unit.pts90k);
        const next = units.findIndex((u, j) => j > i && u.key);
        const gop = times.slice(i + 1, next < 0 ? undefined : next);
        expect(Math.min(...gop), `the units after key unit ${i}`).toBeGreaterThan(unit.pts90k);
      }
      expect(stats).toMatchObject({ clockDiscontinuities: 0 });
      expect(stats.clockRestarts).toBeGreaterThanOrEqual(REWINDS);
    } finally {
      await reader.close();
    }
  }, 120_000);

  it('keeps the native ingest on the camera, its fragments presented in order across the rewinds', async () => {
    const failures: RtspError[] = [];
    const inits: Buffer[] = [];
    const fragments: Buffer[] = [];
    const rewindsBefore = proxy.rewinds();
    const enough = whenever(() => proxy.rewinds() - rewindsBefore >= REWINDS && fragments.length > MOUNT.fps);
    const run = runNativeIngest({
      url: new URL(proxy.url),
      connectTimeoutMs: 10_000,
      onInit: (bytes) => inits.push(bytes),
      onFragment: (bytes) => {
        fragments.push(bytes);
        enough.tick();
      },
      onFailure: (error) => failures.push(error),
    });
    try {
      await Promise.race([enough.reached, run.exited]);
    } finally {
      await run.stop(5_000);
    }
    expect(failures.map((f) => `${f.kind}: ${f.message}`)).toEqual([]);
    expect(proxy.rewinds() - rewindsBefore).toBeGreaterThanOrEqual(REWINDS);
    // One muxer for the whole session, read as the WebCodecs player reads it.
    expect(inits).toHaveLength(1);
    const setup = readDecoderSetup(inits[0]!)!;
    const samples = fragments.flatMap((f) => readSamples(f, setup));
    const times = samples.map((sample) => sample.timestampUs);
    expect(new Set(times).size, 'no presentation time twice').toBe(times.length);
    for (const [i, sample] of samples.entries()) {
      if (sample.key) expect(Math.max(...times.slice(0, i)), `key sample ${i}`).toBeLessThan(sample.timestampUs);
    }
  }, 120_000);
});
