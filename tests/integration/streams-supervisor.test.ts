// The stream supervisor with real ffmpeg against the GStreamer RTSP feeds on 127.0.0.1: sharing, the GOP
// cache, credentials kept out of argv and logs, recovery, hostile sources, and nothing left running.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolveSource } from '../../src-main/services/streams';
import { encodeUserinfo } from '../../src-main/services/streams/ffmpeg-args';
import { runFfmpeg } from '../../src-main/services/streams/ffmpeg-process';
import { tcpAccepts, type ReadinessProbe } from '../../src-main/services/streams/readiness';
import type { LiveStreamState } from '../../src-shared/contract/streams';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireFeedCodec, requireGstreamer } from './require-gstreamer';
import {
  children,
  cmdline,
  environ,
  FAST_TIMING as FAST,
  processGone,
  recorder,
  startGarbageServer,
  stateOf,
  streamServices,
  waitFor,
  type GarbageServer,
} from './streams-harness';

const gate = await requireGstreamer('stream supervisor');
const { support, available } = gate;
const h265 = requireFeedCodec(gate, 'h265', 'stream supervisor: H.265 transcoding');
const VIEWER = { username: 'viewer.one', password: 'p@ss:w/rd ö\'"#?-Đồng Tháp' };

/** The real TCP probe, recording each call and its answer. */
function countingProbe() {
  const calls: { port: number; accepted: boolean }[] = [];
  const probe: ReadinessProbe = async (target, timeoutMs) => {
    const accepted = await tcpAccepts(target, timeoutMs);
    calls.push({ port: target.port, accepted });
    return accepted;
  };
  return { probe, calls };
}

/** Index of the first log line at or after `from` whose message is `message`. */
const lineIndex = (lines: string[], message: string, from = 0) =>
  lines.findIndex((l, i) => i >= from && (JSON.parse(l) as { message: string }).message === message);

// The ffmpeg path: copy for H.264 when chosen, and the fallback of the native ingest (streams-native.test.ts).
const services = streamServices({ timing: FAST, ingest: 'ffmpeg' });
const makeService = services.make;
afterEach(async () => {
  await services.disposeAll();
  // Nothing left running, and no zombie: every ffmpeg child was reaped.
  expect(children()).toEqual([]);
});

describe.runIf(available)('stream supervisor', () => {
  let server: RtspServer;
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [
        { path: 'a/main', width: 320, height: 180, fps: 25, bitrateKbps: 300, pattern: 'ball' },
        { path: 'b/main', width: 320, height: 180, fps: 10, bitrateKbps: 200, pattern: 'smpte' },
        { path: 'secure/main', width: 320, height: 180, fps: 10, bitrateKbps: 200, auth: VIEWER },
        ...(support.h265 ? [{ path: 'hevc/main', codec: 'h265' as const, width: 320, height: 240, fps: 10 }] : []),
      ],
    });
  });
  afterAll(() => server?.dispose());

  const source: ResolveSource = async (cameraId) => {
    if (cameraId === 'missing') throw new Error('no such camera');
    const path = cameraId === 'secure' || cameraId === 'wrong' ? 'secure/main' : `${cameraId}/main`;
    const password = cameraId === 'wrong' ? 'not-the-password' : VIEWER.password;
    return { url: server.urlFor(path), username: VIEWER.username, password, codec: 'H264' };
  };

  it('shares one ffmpeg between viewers and starts a late viewer at once from the cached GOP', async () => {
    const { service } = makeService(source);
    const first = recorder();
    const sub1 = await service.subscribe('a', 'main', first.sink);
    await waitFor(() => {
      const key = first.fragments.findIndex((f) => f.keyframe);
      return key >= 0 && first.fragments.length - key > 10;
    }, 'a keyframe and 10 more frames');
    expect(children()).toHaveLength(1);

    const late = recorder();
    const sub2 = await service.subscribe('a', 'main', late.sink);
    // Delivered during subscribe, before any new frame came in: the init, then the GOP from its keyframe.
    expect(late.inits).toHaveLength(1);
    expect(late.fragments.length).toBeGreaterThan(1);
    expect(late.fragments[0]!.keyframe).toBe(true);
    expect(late.fragments.slice(1).every((f) => !f.keyframe)).toBe(true);
    expect(children()).toHaveLength(1);
    expect(service.stats()).toMatchObject([
      { cameraId: 'a', state: 'playing', viewers: 2, transcoded: false, ingest: 'copy', fallbackReason: null },
    ]);

    const other = recorder();
    const sub3 = await service.subscribe('b', 'main', other.sink);
    await waitFor(() => other.fragments.length > 0, 'frames of b');
    expect(children()).toHaveLength(2);
    const [a] = service.stats();
    expect(a).toMatchObject({ codec: 'H264', width: 320, height: 180, restarts: 0, retryInMs: null });
    expect(a!.mime).toMatch(/^video\/mp4; codecs="avc1\.42c0[0-9a-f]{2}"$/);
    expect(a!.fps).toBeGreaterThan(5);
    expect(a!.bitrateKbps).toBeGreaterThan(0);

    // The last viewer leaving stops its ffmpeg (linger 0 here); the other stream is untouched.
    sub1.unsubscribe();
    expect(children()).toHaveLength(2);
    sub2.unsubscribe();
    await waitFor(() => children().length === 1, 'ffmpeg of a to stop');
    expect(service.stats().map((s) => s.cameraId)).toEqual(['b']);
    sub3.unsubscribe();
    await waitFor(() => children().length === 0, 'ffmpeg of b to stop');
    expect(other.ended).toBe(false);

    // Viewers still there when the service goes away are told the stream ended.
    const last = recorder();
    await service.subscribe('a', 'main', last.sink);
    await waitFor(() => last.fragments.length > 0, 'frames again');
    await service.dispose();
    expect(last.ended).toBe(true);
    expect(children()).toEqual([]);
  });

  it('keeps a stream running for the linger time after its last viewer, so a returning tile reuses it', async () => {
    const { service } = makeService(source, { timing: { ...FAST, lingerMs: 1500 } });
    const first = recorder();
    const sub = await service.subscribe('b', 'main', first.sink);
    await waitFor(() => first.fragments.length > 0, 'frames');
    const [ffmpeg] = children();
    sub.unsubscribe();
    const again = recorder();
    const back = await service.subscribe('b', 'main', again.sink);
    expect(children().map((c) => c.pid)).toEqual([ffmpeg!.pid]);
    expect(again.inits).toHaveLength(1);
    back.unsubscribe();
    expect(children()).toHaveLength(1);
    expect(service.stats()[0]!.viewers).toBe(0);
    await waitFor(() => children().length === 0, 'ffmpeg to stop after the linger');
    expect(service.stats()).toEqual([]);
  });

  it('keeps the password out of argv, the environment, the list file and every log line', async () => {
    process.env.FFREPORT = 'file=/tmp/ioc-ffreport-must-not-exist.log';
    const { service, lines } = makeService(source);
    try {
      const viewer = recorder();
      await service.subscribe('secure', 'main', viewer.sink);
      await waitFor(() => viewer.fragments.length > 0, 'frames from the protected mount');
      const [ffmpeg] = children();
      const argv = cmdline(ffmpeg!.pid);
      const listPath = argv[argv.indexOf('-i') + 1]!;
      const secrets = [VIEWER.password, encodeUserinfo(VIEWER.password), 'ss:w'];
      for (const secret of secrets) expect(argv.join(' ')).not.toContain(secret);
      expect(environ(ffmpeg!.pid).some((v) => v.startsWith('FFREPORT='))).toBe(false);
      expect(existsSync(listPath)).toBe(false);

      await service.subscribe('wrong', 'main', recorder().sink);
      await waitFor(() => stateOf(service, 'wrong') === 'auth_failed', 'auth_failed');
      const wrong = service.stats().find((s) => s.cameraId === 'wrong')!;
      expect(wrong.lastError).toMatch(/401/);
      // Retried slowly (authRetryMs 60 s by default), not with the 200 ms backoff of other failures.
      expect(wrong.retryInMs).toBeGreaterThan(50_000);
      expect(wrong.restarts).toBe(0);

      // ffmpeg did echo the URL with its userinfo (so the redactor had something to do)…
      expect(lines.some((l) => l.includes('rtsp://***:***@127.0.0.1'))).toBe(true);
      // …and no line carries the password in any form.
      for (const secret of [...secrets, 'not-the-password', encodeUserinfo('not-the-password')]) {
        expect(lines.filter((l) => l.includes(secret))).toEqual([]);
      }
      expect(existsSync('/tmp/ioc-ffreport-must-not-exist.log')).toBe(false);
    } finally {
      delete process.env.FFREPORT;
    }
  });

  it.runIf(h265)('transcodes H.265 to H.264 when the camera sends it, even if it said H.264', async () => {
    const { service } = makeService(source);
    const viewer = recorder();
    await service.subscribe('hevc', 'main', viewer.sink);
    await waitFor(() => viewer.fragments.length > 0, 'transcoded frames', 30_000);
    expect(viewer.inits).toHaveLength(1);
    expect(viewer.fragments[0]!.keyframe).toBe(true);
    const [stats] = service.stats();
    expect(stats).toMatchObject({
      codec: 'H265',
      transcoded: true,
      ingest: 'transcode',
      fallbackReason: 'codec',
      width: 320,
      height: 240,
    });
    expect([...service.fallbacks()]).toEqual([['codec', 1]]);
    expect(stats!.mime).toMatch(/^video\/mp4; codecs="avc1\.64/);
    expect(cmdline(children()[0]!.pid)).toContain('libx264');
  });

  it('answers an unknown camera with the resolver’s error and starts nothing', async () => {
    const { service } = makeService(source);
    await expect(service.subscribe('missing', 'main', recorder().sink)).rejects.toThrow(/no such camera/);
    expect(service.stats()).toEqual([]);
    expect(children()).toEqual([]);
  });

  it('restarts a stream whose picture stops (watchdog), then plays again by itself', async () => {
    const { service } = makeService(source);
    const viewer = recorder();
    await service.subscribe('b', 'main', viewer.sink);
    await waitFor(() => stateOf(service, 'b') === 'playing', 'playing');
    const oldPid = children()[0]!.pid;
    const serverPid = server.pid()!;
    process.kill(serverPid, 'SIGSTOP');
    try {
      await waitFor(() => stateOf(service, 'b') === 'stalled', 'stalled', 10_000);
      expect(service.stats()[0]!.lastError).toMatch(/No picture/);
    } finally {
      process.kill(serverPid, 'SIGCONT');
    }
    await waitFor(() => stateOf(service, 'b') === 'playing', 'playing again', 30_000);
    expect(processGone(oldPid)).toBe(true);
    expect(children()).toHaveLength(1);
    expect(viewer.inits.length).toBeGreaterThanOrEqual(2);
    expect(service.stats()[0]!.restarts).toBeGreaterThanOrEqual(1);
  });

  it('comes back by itself after the RTSP server restarts, leaving no zombie', async () => {
    const { service } = makeService(source);
    const viewer = recorder();
    await service.subscribe('a', 'main', viewer.sink);
    await waitFor(() => stateOf(service, 'a') === 'playing', 'playing');
    const oldPid = children()[0]!.pid;
    const seen = new Set<LiveStreamState>();
    const watch = setInterval(() => seen.add(stateOf(service, 'a')!), 20);
    try {
      await server.restart({ downMs: 1000 });
      await waitFor(() => seen.has('stalled') && stateOf(service, 'a') === 'playing', 'stalled then playing', 30_000);
    } finally {
      clearInterval(watch);
    }
    expect(processGone(oldPid)).toBe(true);
    const now = children();
    expect(now).toHaveLength(1);
    expect(now[0]!.state).not.toBe('Z');
    const stats = service.stats()[0]!;
    expect(stats.restarts).toBeGreaterThanOrEqual(1);
    expect(stats.lastError).toBeNull();
    const before = viewer.fragments.length;
    await waitFor(() => viewer.fragments.length > before + 5, 'frames after the restart');
  });

  it('holds no more file descriptors after repeated camera restarts than after one', async () => {
    const { service } = makeService(source);
    const openFds = () => readdirSync('/proc/self/fd').length;
    /** Watch, ride out a restart of the camera, stop watching and wait until its ffmpeg is gone. */
    const cycle = async () => {
      const viewer = recorder();
      const sub = await service.subscribe('b', 'main', viewer.sink);
      await waitFor(() => stateOf(service, 'b') === 'playing', 'playing');
      await server.restart({ downMs: 500 });
      await waitFor(
        () => stateOf(service, 'b') === 'playing' && viewer.inits.length >= 2,
        'playing after the restart',
        30_000,
      );
      sub.unsubscribe();
      await waitFor(() => children().length === 0 && service.stats().length === 0, 'the stream to stop');
    };
    // The first cycle opens what is opened once (probe sockets, the private source dir); later ones must not add.
    await cycle();
    const baseline = openFds();
    for (let i = 0; i < 3; i++) await cycle();
    expect(openFds()).toBeLessThanOrEqual(baseline);
  }, 120_000);

  // A minute of backoff: the stream can only be back within the test because the probe saw the port return.
  const LONG_BACKOFF = {
    ...FAST,
    backoffBaseMs: 60_000,
    backoffCapMs: 60_000,
    probeMinIntervalMs: 100,
    probeMaxIntervalMs: 100,
  };

  it('retries as soon as the RTSP server accepts again instead of waiting out a long backoff', async () => {
    const { probe, calls } = countingProbe();
    const { service, lines } = makeService(source, { timing: LONG_BACKOFF, probe, random: () => 1 });
    const viewer = recorder();
    await service.subscribe('a', 'main', viewer.sink);
    await waitFor(() => stateOf(service, 'a') === 'playing', 'playing');
    const inits = viewer.inits.length;
    const mark = lines.length;
    await server.restart({ downMs: 1500 });
    // Well within the minute of backoff: only the probe can bring it back this soon.
    await waitFor(() => viewer.inits.length > inits && stateOf(service, 'a') === 'playing', 'playing again', 45_000);

    // The order of events: the long retry was scheduled, the probe found the port back, ffmpeg started again.
    const scheduled = lineIndex(lines, 'stream retry scheduled', mark);
    const back = lineIndex(lines, 'camera port accepts again; retrying now', mark);
    const restarted = lineIndex(lines, 'ffmpeg restarted', mark);
    expect(scheduled).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(lines[scheduled]!)).toMatchObject({ delayMs: 60_000 });
    expect(back).toBeGreaterThan(scheduled);
    expect(restarted).toBeGreaterThan(back);
    expect((JSON.parse(lines[back]!) as { remainingMs: number }).remainingMs).toBeGreaterThan(0);
    // Probes went to the camera's port only: refused while the server was away, then accepted once.
    expect(calls.every((c) => c.port === server.port)).toBe(true);
    expect(calls.some((c) => !c.accepted)).toBe(true);
    expect(calls.at(-1)!.accepted).toBe(true);
    expect(service.stats()[0]).toMatchObject({ retryInMs: null, lastError: null });
    // Playing again, the probing has stopped.
    const probes = calls.length;
    const frames = viewer.fragments.length;
    await waitFor(() => viewer.fragments.length > frames + 10, 'more frames');
    expect(calls).toHaveLength(probes);
  }, 60_000);

  it('probes no camera that nobody watches, and starts when a viewer comes back', async () => {
    const { probe, calls } = countingProbe();
    const { service, lines } = makeService(source, {
      timing: { ...LONG_BACKOFF, lingerMs: 120_000 },
      probe,
      random: () => 1,
    });
    const first = recorder();
    const sub = await service.subscribe('b', 'main', first.sink);
    await waitFor(() => stateOf(service, 'b') === 'playing', 'playing');
    sub.unsubscribe();
    expect(service.stats()[0]).toMatchObject({ viewers: 0, state: 'playing' });

    const restart = server.restart({ downMs: 4000 });
    try {
      // Lingering without viewers, the stream lost its camera and waits out its backoff…
      await waitFor(() => service.stats()[0]!.retryInMs !== null, 'the backoff after the camera went away');
      // …long enough for several probes had anybody been watching (one every 80–120 ms).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(calls).toEqual([]);
      expect(server.pid()).toBeNull();

      const viewer = recorder();
      await service.subscribe('b', 'main', viewer.sink);
      await restart;
      await waitFor(() => viewer.inits.length > 0 && stateOf(service, 'b') === 'playing', 'playing again', 45_000);
    } finally {
      await restart.catch(() => undefined);
    }
    expect(calls.some((c) => !c.accepted)).toBe(true);
    expect(lineIndex(lines, 'camera port accepts again; retrying now')).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe('stream supervisor against hostile sources', () => {
  let garbage: GarbageServer;
  beforeAll(async () => {
    garbage = await startGarbageServer();
  });
  afterAll(() => garbage.close());

  const retryDelays = (lines: string[]) =>
    lines
      .filter((l) => l.includes('stream retry scheduled'))
      .map((l) => (JSON.parse(l) as { delayMs: number }).delayMs);

  it('backs off exponentially when the camera port answers garbage, and keeps running', async () => {
    const { service, lines } = makeService(
      async () => ({
        url: `rtsp://127.0.0.1:${garbage.port}/x`,
        username: 'u',
        password: 'garbage-pass',
        codec: 'H264',
      }),
      { random: () => 1 },
    );
    await service.subscribe('g', 'main', recorder().sink);
    await waitFor(() => retryDelays(lines).length >= 4, 'four failed attempts');
    expect(retryDelays(lines).slice(0, 4)).toEqual([200, 400, 800, 1600]);
    expect(stateOf(service, 'g')).toMatch(/^(offline|connecting)$/);
    expect(garbage.connections()).toBeGreaterThanOrEqual(4);
    expect(service.stats()[0]!.lastError).not.toBeNull();
  });

  it('kills a process that ignores SIGTERM with SIGKILL after the grace period, and reaps it', async () => {
    let ready = false;
    const run = runFfmpeg({
      path: '/bin/sh',
      args: ['-c', "trap '' TERM; echo ready >&2; while :; do sleep 0.1; done"],
      onStdout() {},
      onStderrLine: (line) => void (ready ||= line === 'ready'),
    });
    await waitFor(() => ready, 'the child to start');
    await run.stop(300);
    expect(await run.exited).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(processGone(run.pid!)).toBe(true);
  });

  it('backs off when ffmpeg exits at once or cannot be started at all', async () => {
    const src: ResolveSource = async () => ({ url: 'rtsp://127.0.0.1:9/x', username: '', password: '', codec: 'H264' });
    const quits = makeService(src, { ffmpegPath: '/bin/false', random: () => 1 });
    await quits.service.subscribe('q', 'main', recorder().sink);
    await waitFor(() => retryDelays(quits.lines).length >= 3, 'three attempts');
    expect(retryDelays(quits.lines).slice(0, 3)).toEqual([200, 400, 800]);
    expect(stateOf(quits.service, 'q')).toMatch(/^(offline|connecting)$/);

    const missing = makeService(src, { ffmpegPath: '/nonexistent/ffmpeg', random: () => 1 });
    await missing.service.subscribe('m', 'main', recorder().sink);
    await waitFor(() => stateOf(missing.service, 'm') === 'error', 'error state');
    expect(missing.service.stats()[0]!.lastError).toMatch(/could not be started/);
    await waitFor(() => retryDelays(missing.lines).length >= 2, 'a retry');
    expect(retryDelays(missing.lines).slice(0, 2)).toEqual([200, 400]);
  });
});
