import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { portRefuses } from '../../tests/integration/port-refuses';
import { whenExited } from './child-process';
import { parseMounts } from './config';
import { DEFAULT_PYTHON, launchFeeds } from './feeds-process';
import { probeRtspSupport, startRtspServer, type RtspMountInput, type RtspServer } from './index';
import { rtspDescribe } from './rtsp-describe';
import {
  ffprobe,
  grabGray,
  meanDifference,
  probeFrameOrder,
  startCopyClient,
  type RunningClient,
} from './testing/ffmpeg';
import { cpuSeconds, processExists } from './testing/proc';
import { playOverTcp, type PlayingSession } from './testing/rtsp-session';

const support = await probeRtspSupport();

// Stopped after each test even when it times out (a `finally` after a hung await never runs).
const owned: { stop(): Promise<void> }[] = [];
afterEach(() => Promise.all(owned.splice(0).map((o) => o.stop())));
function own<T extends { stop(): Promise<void> }>(thing: T): T {
  owned.push(thing);
  return thing;
}
const viewer = (url: string): RunningClient => own(startCopyClient(url));
const VIEWER = { username: 'viewer', password: 'mật khẩu:ö€ 1' };

const MOUNTS: RtspMountInput[] = [
  { path: 'cam1/main', width: 640, height: 360, fps: 15, bitrateKbps: 800, pattern: 'smpte', label: 'Cầu Cao Lãnh' },
  { path: 'cam1/sub', width: 320, height: 180, fps: 10, bitrateKbps: 300, pattern: 'ball' },
  { path: 'load/main', width: 1280, height: 720, fps: 25, bitrateKbps: 2000, pattern: 'ball' },
  { path: 'secure/main', width: 320, height: 180, fps: 10, auth: VIEWER },
  { path: 'bframes/main', width: 320, height: 180, fps: 10, bitrateKbps: 300, bframes: 2 },
  ...(support.h265 ? [{ path: 'hevc/main', codec: 'h265' as const, width: 320, height: 240, fps: 10 }] : []),
];

/** The grey pixels of one rectangle of a width×height grey frame. */
function region(frame: Buffer, width: number, x: number, y: number, w: number, h: number): Buffer {
  const out = Buffer.alloc(w * h);
  for (let row = 0; row < h; row++) frame.copy(out, row * w, (y + row) * width + x, (y + row) * width + x + w);
  return out;
}

describe.runIf(support.gstreamer && support.h264)('RTSP test feeds (GStreamer)', () => {
  let server: RtspServer;
  beforeAll(async () => {
    server = await startRtspServer({ mounts: MOUNTS });
  });
  afterAll(() => server?.dispose());

  it('binds a free loopback port and serves H.264 at each mount’s size and rate', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.urlFor('cam1/main')).toBe(`rtsp://127.0.0.1:${server.port}/cam1/main`);
    const main = await ffprobe(server.urlFor('cam1/main'));
    expect(main).toMatchObject({ codec_name: 'h264', width: 640, height: 360, r_frame_rate: '15/1' });
    const sub = await ffprobe(server.urlFor('cam1/sub'));
    expect(sub).toMatchObject({ codec_name: 'h264', width: 320, height: 180, r_frame_rate: '10/1' });
  });

  it('burns a clock into the top-left corner that changes on every frame while the picture stays', async () => {
    const frames = await grabGray(server.urlFor('cam1/main'), 12, { width: 640, height: 360, x: 0, y: 0 });
    expect(frames).toHaveLength(12);
    const clock = frames.map((f) => region(f, 640, 0, 0, 220, 40));
    const bars = frames.map((f) => region(f, 640, 300, 80, 120, 100));
    let changed = 0;
    for (let i = 1; i < clock.length; i++) if (meanDifference(clock[i - 1]!, clock[i]!) > 0.5) changed++;
    expect(changed).toBeGreaterThanOrEqual(clock.length - 2);
    expect(meanDifference(clock[0]!, clock.at(-1)!)).toBeGreaterThan(2);
    expect(meanDifference(bars[0]!, bars.at(-1)!)).toBeLessThan(2);
  });

  it('serves four clients of one mount from one encoder', async () => {
    const pid = server.pid()!;
    const clients = [viewer(server.urlFor('load/main'))];
    await clients[0]!.waitForFrames(25, 15_000);
    const measure = async () => {
      const before = cpuSeconds(pid);
      await sleep(3000);
      return (cpuSeconds(pid) - before) / 3;
    };
    const oneClient = await measure();
    for (let i = 0; i < 3; i++) clients.push(viewer(server.urlFor('load/main')));
    await Promise.all(clients.map((c) => c.waitForFrames(c.frames() + 25, 15_000)));
    const fourClients = await measure();
    const before = clients.map((c) => c.frames());
    await sleep(500);
    clients.forEach((c, i) => expect(c.frames()).toBeGreaterThan(before[i]!));
    expect(server.mediaStarts('load/main')).toBe(1);
    console.info(
      `[rtsp] 1280x720@25 H.264 mount, server CPU: 1 client ${(oneClient * 100).toFixed(1)}% of a core, ` +
        `4 clients ${(fourClients * 100).toFixed(1)}% (ratio ${(fourClients / oneClient).toFixed(2)})`,
    );
  }, 60_000);

  it('serves H.264 with B-frames when a mount asks: packets arrive out of presentation order', async () => {
    const url = server.urlFor('bframes/main');
    expect(await ffprobe(url)).toMatchObject({ codec_name: 'h264', profile: 'Main', width: 320, r_frame_rate: '10/1' });
    const { packetPts, pictureTypes } = await probeFrameOrder(url, 2);
    const known = packetPts.filter((pts): pts is number => pts !== null);
    const backwards = known.slice(1).filter((pts, i) => pts < known[i]!).length;
    // Two B-frames after each reference: one step back per three frames.
    expect(known.length).toBeGreaterThan(9);
    expect(backwards).toBeGreaterThanOrEqual(Math.floor(known.length / 3) - 1);
    expect(pictureTypes).toContain('B');
    // The other mounts keep constrained baseline: presentation order is decode order.
    const plain = await probeFrameOrder(server.urlFor('cam1/sub'), 1);
    const plainPts = plain.packetPts.filter((pts): pts is number => pts !== null);
    expect(plainPts.slice(1).every((pts, i) => pts > plainPts[i]!)).toBe(true);
    expect(plain.pictureTypes).not.toContain('B');
  }, 60_000);

  it.runIf(support.h265)('serves an H.265 mount', async () => {
    const hevc = await ffprobe(server.urlFor('hevc/main'));
    expect(hevc).toMatchObject({ codec_name: 'hevc', width: 320, height: 240, r_frame_rate: '10/1' });
    const frames = await grabGray(server.urlFor('hevc/main'), 3, { width: 320, height: 240, x: 0, y: 0 });
    expect(frames).toHaveLength(3);
  });

  it('challenges for Digest on a protected mount and accepts a UTF-8 password', async () => {
    const url = server.urlFor('secure/main');
    const anonymous = await rtspDescribe(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Digest /);
    expect((await rtspDescribe(url, { ...VIEWER, password: 'wrong' })).status).toBe(401);
    const ok = await rtspDescribe(url, VIEWER);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/m=video .* RTP\/AVP 96/);
    expect((await rtspDescribe(server.urlFor('cam1/sub'))).status).toBe(200);
  });

  it('refuses a second server on a port that is taken, with the reason', async () => {
    await expect(startRtspServer({ mounts: [{ path: 'x' }], port: server.port })).rejects.toThrow(/cannot listen/);
  });

  it('restarts on the same port: clients see the stream end, then it plays again', async () => {
    const client = viewer(server.urlFor('cam1/sub'));
    await client.waitForFrames(5, 15_000);
    const oldPid = server.pid()!;
    await server.restart({ downMs: 300 });
    // The old server's close ends the viewer cleanly, as a camera reboot does (DESIGN.md §5: rc 0 = ended).
    expect(await client.exitCode()).toBe(0);
    expect(processExists(oldPid)).toBe(false);
    expect(server.pid()).not.toBe(oldPid);
    const again = await ffprobe(server.urlFor('cam1/sub'));
    expect(again).toMatchObject({ codec_name: 'h264', width: 320 });
    expect(server.mediaStarts('cam1/sub')).toBe(1);
  });
});

describe.runIf(support.gstreamer && support.h264)('RTSP test feeds: lifecycle and Basic auth', () => {
  it('answers Basic when configured so', async () => {
    const server = await startRtspServer({
      authMethod: 'basic',
      mounts: [{ path: 'b', width: 160, height: 120, fps: 5, auth: VIEWER }],
    });
    own({ stop: () => server.dispose() });
    const anonymous = await rtspDescribe(server.urlFor('b'));
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await rtspDescribe(server.urlFor('b'), VIEWER)).status).toBe(200);
  });

  it('leaves no process and no listening port after dispose', async () => {
    const server = await startRtspServer({ mounts: [{ path: 'x', width: 160, height: 120, fps: 5 }] });
    own({ stop: () => server.dispose() });
    const pid = server.pid()!;
    expect(processExists(pid)).toBe(true);
    await server.dispose();
    await server.dispose();
    expect(processExists(pid)).toBe(false);
    expect(server.pid()).toBeNull();
    expect(await portRefuses(server.port)).toBe(true);
    await expect(server.restart()).rejects.toThrow(/disposed/);
  });

  it('survives 16 viewers leaving as 16 others join, round after round', async () => {
    // Enough rounds that the old race (about one round in 40 here) shows with near certainty.
    const ROUNDS = 150;
    const lines: string[] = [];
    const server = await startRtspServer({
      mounts: [{ path: 'churn', width: 320, height: 180, fps: 10, bitrateKbps: 300 }],
      log: (line) => lines.push(line),
    });
    own({ stop: () => server.dispose() });
    const pid = server.pid();
    const url = server.urlFor('churn');
    let viewers: PlayingSession[] = [];
    own({ stop: async () => viewers.forEach((v) => v.close()) });
    // A wall switching layouts: every viewer drops its connection while the next 16 send SETUP and PLAY with a
    // Range, as ffmpeg does. Each such PLAY used to seek (flush) the shared live pipeline, and a PLAY landing just
    // after another's flush aborted the server in gst_rtsp_media_get_rates.
    for (let round = 0; round < ROUNDS; round++) {
      viewers.forEach((v) => v.close());
      viewers = await Promise.all(Array.from({ length: 16 }, () => playOverTcp(url))).catch((error: Error) => {
        throw new Error(`round ${round}: ${error.message}\n${lines.slice(-4).join('\n')}`);
      });
      expect(
        viewers.map((v) => v.status),
        `round ${round}`,
      ).toEqual(Array(16).fill(200));
    }
    expect(server.pid()).toBe(pid);
    expect(lines.join('\n')).not.toMatch(/assertion failed|SIGABRT/);
    viewers.forEach((v) => v.close());
    expect(await ffprobe(url)).toMatchObject({ codec_name: 'h264', width: 320 });
  }, 180_000);

  it('exits by itself when its owner goes away (its stdin closes)', async () => {
    const feeds = own(
      await launchFeeds({
        python: DEFAULT_PYTHON,
        mounts: parseMounts([{ path: 'x', width: 160, height: 120, fps: 5 }]),
        port: 0,
        authMethod: 'digest',
        readyTimeoutMs: 20_000,
      }),
    );
    feeds.child.stdin?.end();
    await whenExited(feeds.child);
    expect(feeds.child.exitCode).toBe(0);
  });

  it('rejects a bad configuration before starting a process', async () => {
    await expect(startRtspServer({ mounts: [{ path: 'a' }, { path: 'a' }] })).rejects.toThrow(/twice/);
    await expect(
      startRtspServer({
        mounts: [
          { path: 'a', auth: { username: 'u', password: 'one' } },
          { path: 'b', auth: { username: 'u', password: 'two' } },
        ],
      }),
    ).rejects.toThrow(/two different passwords/);
    await expect(startRtspServer({ mounts: [{ path: '../etc' }] })).rejects.toThrow();
    await expect(startRtspServer({ mounts: [{ path: 'h', codec: 'h265', bframes: 2 }] })).rejects.toThrow(
      /H\.264 only/,
    );
    await expect(startRtspServer({ mounts: [{ path: 'h', bframes: 4 }] })).rejects.toThrow();
  });
});

describe.runIf(!support.gstreamer)('RTSP test feeds without GStreamer', () => {
  it('says what is missing', () => {
    expect(support.error ?? '').not.toBe('');
  });
});
