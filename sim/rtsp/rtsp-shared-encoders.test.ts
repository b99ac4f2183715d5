// The simulator's cheaper mode (config.ts rtspFeedsModeSchema): mounts of one encoding sharing one pipeline, and a
// nice value, against the default (one encoder per mount), with real GStreamer and ffmpeg.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { requireGstreamer } from '../../tests/integration/require-gstreamer';
import { parseMounts } from './config';
import { DEFAULT_PYTHON, launchFeeds } from './feeds-process';
import { startRtspServer, type RtspMountInput, type RtspServer } from './index';
import { grabGray, meanDifference, startCopyClient } from './testing/ffmpeg';

const { available } = await requireGstreamer('RTSP feeds with shared encoders');

const owned: { stop(): Promise<void> }[] = [];
afterEach(() => Promise.all(owned.splice(0).map((o) => o.stop())));
function own<T extends { stop(): Promise<void> }>(thing: T): T {
  owned.push(thing);
  return thing;
}
const server = async (mode: Parameters<typeof startRtspServer>[0]['mode']): Promise<RtspServer> => {
  const started = await startRtspServer({ mounts: MOUNTS, mode });
  own({ stop: () => started.dispose() });
  return started;
};

// a and b: one encoding (b asks for another pattern); c: another size, so its own encoder in any mode.
const MOUNTS: RtspMountInput[] = [
  { path: 'a/sub', width: 320, height: 180, fps: 10, bitrateKbps: 300, pattern: 'smpte' },
  { path: 'b/sub', width: 320, height: 180, fps: 10, bitrateKbps: 300, pattern: 'ball' },
  { path: 'c/sub', width: 160, height: 120, fps: 10, bitrateKbps: 200, pattern: 'ball' },
];
const CROP = { width: 320, height: 180, x: 0, y: 0 };
/** Below the clock box: test picture only (smpte bars, or the ball pattern's black field). */
const picture = (frame: Buffer) => frame.subarray(320 * 70, 320 * 140);
/** The top rows, where the clock box is (the whole width: its milliseconds change on every frame). */
const clockBox = (frame: Buffer): Buffer => frame.subarray(0, 320 * 24);

/** Nice values of every thread of a process (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNices(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** Both mounts stream at once; returns one grey frame of each. */
async function bothStream(rtsp: RtspServer) {
  const clients = ['a/sub', 'b/sub'].map((m) => own(startCopyClient(rtsp.urlFor(m))));
  await Promise.all(clients.map((c) => c.waitForFrames(15, 20_000)));
  const [a, b] = await Promise.all(['a/sub', 'b/sub'].map((m) => grabGray(rtsp.urlFor(m), 2, CROP)));
  return { a: a!.at(-1)!, b: b!.at(-1)! };
}

describe.skipIf(!available)('RTSP test feeds: shared encoders and nice', () => {
  it('serves two mounts of one encoding from one encoder, each its own session, clock still burnt in', async () => {
    const rtsp = await server({ sharedEncoders: true, nice: 7 });
    expect(rtsp.mode()).toEqual({ sharedEncoders: true, nice: 7 });
    const { a, b } = await bothStream(rtsp);
    // One pipeline: b shows a's bars (not its own ball pattern); the encoder is counted once, on the first mount.
    expect(meanDifference(picture(a), picture(b))).toBeLessThan(4);
    expect(rtsp.mediaStarts('a/sub')).toBe(1);
    expect(rtsp.mediaStarts('b/sub')).toBe(0);
    // The clock changes from frame to frame on the shared stream too.
    const clock = (await grabGray(rtsp.urlFor('b/sub'), 10, CROP)).map(clockBox);
    let changed = 0;
    for (let i = 1; i < clock.length; i++) if (meanDifference(clock[i - 1]!, clock[i]!) > 0.3) changed++;
    // ffmpeg may repeat a frame when the box is loaded; a frozen clock would change on none.
    expect(changed).toBeGreaterThanOrEqual(clock.length - 3);
    // Another size keeps its own encoder, with its own pattern.
    const c = own(startCopyClient(rtsp.urlFor('c/sub')));
    await c.waitForFrames(5, 20_000);
    expect(rtsp.mediaStarts('c/sub')).toBe(1);
    // Every thread of the server, streaming threads included, runs at the nice value asked for.
    expect(new Set(threadNices(rtsp.pid()!))).toEqual(new Set([7]));
  }, 90_000);

  it('keeps one encoder per mount by default, and switches mode on restart', async () => {
    const rtsp = await server(undefined);
    expect(rtsp.mode()).toEqual({ sharedEncoders: false, nice: 0 });
    const perMount = await bothStream(rtsp);
    expect(meanDifference(picture(perMount.a), picture(perMount.b))).toBeGreaterThan(20);
    expect([rtsp.mediaStarts('a/sub'), rtsp.mediaStarts('b/sub')]).toEqual([1, 1]);
    expect(new Set(threadNices(rtsp.pid()!))).toEqual(new Set([0]));
    await Promise.all(owned.splice(1).map((o) => o.stop()));

    await rtsp.restart({ mode: { sharedEncoders: true } });
    expect(rtsp.mode()).toEqual({ sharedEncoders: true, nice: 0 });
    const shared = await bothStream(rtsp);
    expect(meanDifference(picture(shared.a), picture(shared.b))).toBeLessThan(4);
    expect([rtsp.mediaStarts('a/sub'), rtsp.mediaStarts('b/sub')]).toEqual([1, 0]);
  }, 120_000);

  it('rejects a bad mode in Node and in Python', async () => {
    await expect(startRtspServer({ mounts: MOUNTS, mode: { nice: 20 } })).rejects.toThrow();
    await expect(startRtspServer({ mounts: MOUNTS, mode: { nice: 1.5 } })).rejects.toThrow();
    const raw = (mode: Record<string, unknown>) =>
      launchFeeds({
        python: DEFAULT_PYTHON,
        mounts: parseMounts(MOUNTS),
        port: 0,
        authMethod: 'digest',
        // Past zod, as another launcher could send it.
        mode: mode as never,
        readyTimeoutMs: 20_000,
      });
    await expect(raw({ sharedEncoders: 'yes', nice: 0 })).rejects.toThrow(/sharedEncoders must be true or false/);
    await expect(raw({ sharedEncoders: false, nice: -1 })).rejects.toThrow(/nice must be an integer 0\.\.19/);
    await expect(raw({ sharedEncoders: false, nice: true })).rejects.toThrow(/nice must be an integer 0\.\.19/);
  });
});
