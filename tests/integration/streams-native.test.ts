// The stream supervisor with the native ingest (RTSP/RTP read in the core, muxed to fMP4 there) against the
// GStreamer RTSP feeds on 127.0.0.1: no ffmpeg for H.264, the same fan-out and GOP cache, credentials kept out
// of logs, recovery after the camera restarts or hangs, and ffmpeg taking over what the reader cannot play.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFragment, ResolveSource } from '../../src-main/services/streams';
import { encodeUserinfo } from '../../src-main/services/streams/ffmpeg-args';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireFeedCodec, requireGstreamer } from './require-gstreamer';
import { probeFrames } from '../../sim/rtsp/testing/ffmpeg';
import {
  children,
  FAST_TIMING,
  recorder,
  startGarbageServer,
  stateOf,
  streamServices,
  waitFor,
  type GarbageServer,
} from './streams-harness';

const gate = await requireGstreamer('stream supervisor, native ingest');
const { support, available } = gate;
const h265 = requireFeedCodec(gate, 'h265', 'native ingest: H.265 camera handed to ffmpeg');
const VIEWER = { username: 'viewer.native', password: 'n@t:ive/ö\'"#?-Cần Thơ' };

const services = streamServices({ timing: FAST_TIMING, ingest: 'native' });
const makeService = services.make;
afterEach(async () => {
  await services.disposeAll();
  expect(children()).toEqual([]);
});

/** What ffprobe makes of init + fragments written to one file: frames decoded and the picture size. */
function probe(init: Buffer, fragments: MediaFragment[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-native-'));
  try {
    const file = join(dir, 'stream.mp4');
    writeFileSync(file, Buffer.concat([init, ...fragments.map((f) => Buffer.from(f.bytes))]));
    const errors = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stream: probeFrames(file), errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(available)('stream supervisor, native ingest', () => {
  let server: RtspServer;
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [
        { path: 'a/main', width: 320, height: 180, fps: 25, bitrateKbps: 300, pattern: 'ball' },
        { path: 'secure/main', width: 320, height: 180, fps: 10, bitrateKbps: 200, auth: VIEWER },
        ...(support.h265 ? [{ path: 'hevc/main', codec: 'h265' as const, width: 320, height: 240, fps: 10 }] : []),
      ],
    });
  });
  afterAll(() => server?.dispose());

  const source: ResolveSource = async (cameraId) => {
    const path = cameraId === 'secure' || cameraId === 'wrong' ? 'secure/main' : `${cameraId}/main`;
    const password = cameraId === 'wrong' ? 'not-the-password' : VIEWER.password;
    return { url: server.urlFor(path), username: VIEWER.username, password, codec: 'H264' };
  };

  it('plays H.264 with no ffmpeg, starts a late viewer from the cached GOP, and the bytes decode', async () => {
    const { service } = makeService(source);
    const first = recorder();
    await service.subscribe('a', 'main', first.sink);
    await waitFor(() => first.fragments.filter((f) => f.keyframe).length >= 2, 'two keyframes', 20_000);
    expect(children()).toEqual([]);

    const late = recorder();
    await service.subscribe('a', 'main', late.sink);
    expect(late.inits).toHaveLength(1);
    expect(late.fragments[0]!.keyframe).toBe(true);
    expect(late.fragments.slice(1).every((f) => !f.keyframe)).toBe(true);

    const [stats] = service.stats();
    expect(stats).toMatchObject({
      cameraId: 'a',
      state: 'playing',
      viewers: 2,
      transcoded: false,
      ingest: 'native',
      fallbackReason: null,
      width: 320,
      height: 180,
    });
    expect(service.fallbacks().size).toBe(0);
    expect(stats!.mime).toMatch(/^video\/mp4; codecs="avc1\.[0-9a-f]{6}"$/);
    expect(stats!.fps).toBeGreaterThan(5);

    expect(first.fragments[0]!.keyframe).toBe(true);
    const { stream, errors } = probe(first.inits[0]!, first.fragments);
    expect(stream).toEqual({ codec: 'h264', width: 320, height: 180, frames: first.fragments.length });
    expect(errors).toBe('');
  });

  it('signs in with the camera’s credentials, says auth_failed on wrong ones, and logs no password', async () => {
    const { service, lines } = makeService(source);
    const viewer = recorder();
    await service.subscribe('secure', 'main', viewer.sink);
    await waitFor(() => viewer.fragments.length > 0, 'frames from the protected mount', 20_000);
    expect(children()).toEqual([]);

    await service.subscribe('wrong', 'main', recorder().sink);
    await waitFor(() => stateOf(service, 'wrong') === 'auth_failed', 'auth_failed', 20_000);
    const wrong = service.stats().find((s) => s.cameraId === 'wrong')!;
    expect(wrong.retryInMs).toBeGreaterThan(50_000);
    expect(wrong.lastError).not.toBeNull();
    const secrets = [VIEWER.password, encodeUserinfo(VIEWER.password), 'not-the-password'];
    for (const secret of secrets) expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    expect(JSON.stringify(service.stats())).not.toContain('ive/');
  });

  it('comes back by itself after the RTSP server restarts, and after it hangs (watchdog)', async () => {
    const { service } = makeService(source);
    const viewer = recorder();
    await service.subscribe('a', 'main', viewer.sink);
    await waitFor(() => stateOf(service, 'a') === 'playing', 'playing', 20_000);

    await server.restart({ downMs: 1000 });
    await waitFor(
      () => stateOf(service, 'a') === 'playing' && viewer.inits.length >= 2,
      'playing after restart',
      30_000,
    );

    const serverPid = server.pid()!;
    process.kill(serverPid, 'SIGSTOP');
    try {
      await waitFor(() => stateOf(service, 'a') === 'stalled', 'stalled', 10_000);
    } finally {
      process.kill(serverPid, 'SIGCONT');
    }
    await waitFor(() => stateOf(service, 'a') === 'playing', 'playing after the hang', 30_000);
    const frames = viewer.fragments.length;
    await waitFor(() => viewer.fragments.length > frames + 10, 'frames again');
    expect(service.stats()[0]!.restarts).toBeGreaterThanOrEqual(2);
    expect(children()).toEqual([]);
  });

  it.runIf(h265)('hands an H.265 camera that says H.264 to ffmpeg, which transcodes it', async () => {
    const { service } = makeService(source);
    const viewer = recorder();
    await service.subscribe('hevc', 'main', viewer.sink);
    await waitFor(() => viewer.fragments.length > 0, 'transcoded frames', 30_000);
    expect(service.stats()[0]).toMatchObject({
      transcoded: true,
      ingest: 'transcode',
      fallbackReason: 'codec',
      codec: expect.stringMatching(/^H\.?265$/i),
    });
    expect(children()).toHaveLength(1);
    expect([...service.fallbacks()]).toEqual([['codec', 1]]);
  });
});

describe('stream supervisor, native ingest against a port that answers garbage', () => {
  let garbage: GarbageServer;
  beforeAll(async () => {
    garbage = await startGarbageServer();
  });
  afterAll(() => garbage.close());

  it('gives the camera to ffmpeg after the reader fails on it, says why, and keeps retrying with backoff', async () => {
    const { service, lines } = makeService(async () => ({
      url: `rtsp://127.0.0.1:${garbage.port}/x`,
      username: 'u',
      password: 'garbage-pass',
      codec: 'H264',
    }));
    await service.subscribe('g', 'main', recorder().sink);
    expect(service.stats()[0]).toMatchObject({ ingest: 'native', fallbackReason: null });
    await waitFor(() => lines.some((l) => l.includes('ffmpeg reads it for the next hour')), 'the fallback to ffmpeg');
    await waitFor(() => lines.filter((l) => l.includes('ffmpeg exited')).length >= 2, 'ffmpeg attempts');
    expect(stateOf(service, 'g')).toMatch(/^(offline|connecting|stalled|error)$/);
    expect(service.stats()[0]).toMatchObject({ ingest: 'copy', fallbackReason: 'protocol', transcoded: false });
    // Counted once for the stream, however often ffmpeg retries it.
    expect([...service.fallbacks()]).toEqual([['protocol', 1]]);
    expect(lines.filter((l) => l.includes('garbage-pass'))).toEqual([]);
  });

  // Was: rtsps:// went to ffmpeg, which checks no certificate (credentials to whoever answers). Now the native reader
  // keeps it and checks the camera's pinned certificate first (tests/streams-rtsp/rtsps-pin.test.ts); a source
  // without a pin is refused before any connection.
  it('never hands an rtsps:// camera to ffmpeg; without a pinned certificate nothing is sent', async () => {
    const before = garbage.connections();
    const { service, lines } = makeService(async () => ({
      url: `rtsps://127.0.0.1:${garbage.port}/x`,
      username: 'u',
      password: 'garbage-pass',
      codec: 'H264',
    }));
    await service.subscribe('s', 'main', recorder().sink);
    await waitFor(() => stateOf(service, 's') === 'cert_untrusted', 'state cert_untrusted');
    expect(service.stats()[0]).toMatchObject({ ingest: 'native', fallbackReason: null });
    expect([...service.fallbacks()]).toEqual([]);
    expect(children()).toEqual([]);
    expect(garbage.connections()).toBe(before);
    expect(lines.filter((l) => l.includes('garbage-pass'))).toEqual([]);
  });
});
