// The stream supervisor with the native ingest against cameras it cannot or need not hand to ffmpeg:
// packetization-mode 2 is detected by the one native attempt, then ffmpeg copies the camera's H.264 for good
// (remembered for the camera's next stream), and what the viewers get decodes; H.264 with B-frames and a DESCRIBE
// redirect to the same camera stay native. Credentials stay out of every log line and stat.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../src-shared/domain/redact';
import {
  createStreamsService,
  type MediaFragment,
  type MediaSink,
  type ResolveSource,
  type StreamsService,
} from '../../src-main/services/streams';
import { encodeUserinfo } from '../../src-main/services/streams/ffmpeg-args';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';
import { startRedirector, startSdpRewritingProxy, type FakeRtspServer } from '../streams-rtsp/rtsp-fakes';
import { captureLogger, children, waitFor } from './streams-harness';

const { available } = await requireGstreamer('native ingest handing cameras to ffmpeg');
const FAST = { backoffBaseMs: 200, backoffCapMs: 2000, lingerMs: 0, stallMs: 2500, watchdogTickMs: 200 };
const CAMERA = { username: 'cam.fallback', password: 'f@ll:back/ö\'"#?-Huế' };
const FALLBACK_LINE = 'ffmpeg reads it for the next hour';

interface Segment {
  init: Buffer;
  fragments: MediaFragment[];
}

/** What one viewer received, cut at each init segment (a new attempt, native or ffmpeg, sends its own). */
function recorder() {
  const segments: Segment[] = [];
  const sink: MediaSink = {
    init: (s) => void segments.push({ init: s.bytes, fragments: [] }),
    fragment: (f) => void segments.at(-1)?.fragments.push(f),
    backlog: () => 0,
    end: () => undefined,
  };
  return { sink, segments };
}

const services: StreamsService[] = [];
const fakes: FakeRtspServer[] = [];
function makeService(resolveSource: ResolveSource) {
  const log = captureLogger();
  const service = createStreamsService({ resolveSource, logger: log.logger, redact, timing: FAST, ingest: 'native' });
  services.push(service);
  return { service, lines: log.lines };
}
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  expect(children()).toEqual([]);
});

const messageOf = (line: string) => (JSON.parse(line) as { message: string }).message;
const count = (lines: string[], message: string) => lines.filter((l) => messageOf(l) === message).length;
/** Failures the native reader reported: one per native attempt that ended on its own. */
const nativeFailures = (lines: string[]) => count(lines, 'rtsp');

interface Probed {
  frames: { pts: number; pict_type: string }[];
  packets: { pts: number; dts: number }[];
  decodeErrors: string;
}

/** ffprobe and a full decode of init + fragments written to one file. */
function probe(segment: Segment): Probed {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-fallback-'));
  try {
    const file = join(dir, 'stream.mp4');
    writeFileSync(file, Buffer.concat([segment.init, ...segment.fragments.map((f) => Buffer.from(f.bytes))]));
    const entries = (what: string) =>
      execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', ...what.split(' '), '-of', 'json', file], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
    const frames = (JSON.parse(entries('-show_frames -show_entries frame=pts,pict_type')) as Pick<Probed, 'frames'>)
      .frames;
    const packets = (JSON.parse(entries('-show_packets -show_entries packet=pts,dts')) as Pick<Probed, 'packets'>)
      .packets;
    const decodeErrors = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { frames, packets, decodeErrors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** From the first key frame of a segment on: what a viewer joining there decodes. */
function fromFirstKey(segment: Segment): Segment {
  const first = segment.fragments.findIndex((f) => f.keyframe);
  return { init: segment.init, fragments: first < 0 ? [] : segment.fragments.slice(first) };
}

const samples = (segment: Segment) => segment.fragments.reduce((sum, f) => sum + f.sampleCount, 0);

function expectNoSecrets(lines: string[], service: StreamsService, secrets: string[]): void {
  for (const secret of secrets) {
    expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    expect(JSON.stringify(service.stats())).not.toContain(secret);
  }
}

const cameraSecrets = [
  CAMERA.password,
  encodeUserinfo(CAMERA.password),
  Buffer.from(`${CAMERA.username}:${CAMERA.password}`, 'utf8').toString('base64'),
];

describe.runIf(available)('native ingest handing cameras to ffmpeg', () => {
  let server: RtspServer;
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [
        { path: 'bframes/main', width: 320, height: 180, fps: 25, bitrateKbps: 300, pattern: 'ball', bframes: 2 },
        { path: 'plain/main', width: 320, height: 180, fps: 15, bitrateKbps: 300, pattern: 'smpte' },
      ],
    });
  });
  afterAll(() => server?.dispose());

  // Was: B-frames fell back to ffmpeg after one native attempt (the muxer wrote no composition offsets). The
  // native muxer now gives them decode times and composition offsets, so the camera stays native.
  it('B-frames: the native reader plays them in order, no fallback, also after the camera reboots', async () => {
    const { service, lines } = makeService(async () => ({
      url: server.urlFor('bframes/main'),
      username: '',
      password: '',
      codec: 'H264',
    }));
    const viewer = recorder();
    const subscription = await service.subscribe('bf', 'main', viewer.sink);
    // Three key frames (a key frame every 2 × fps): two whole GOPs after the first.
    await waitFor(
      () => (viewer.segments.at(-1)?.fragments.filter((f) => f.keyframe).length ?? 0) >= 3,
      'three key frames through the native reader',
      30_000,
    );
    // A viewer joining mid-stream starts at the GOP cache's key frame.
    const late = recorder();
    const lateSubscription = await service.subscribe('bf', 'main', late.sink);
    await waitFor(() => (late.segments[0]?.fragments.length ?? 0) >= 30, 'frames for the late viewer', 20_000);
    lateSubscription.unsubscribe();
    expect(children()).toEqual([]);
    expect(nativeFailures(lines)).toBe(0);
    expect(lines.some((l) => l.includes(FALLBACK_LINE))).toBe(false);
    expect(viewer.segments).toHaveLength(1);
    expect(late.segments).toHaveLength(1);
    expect(late.segments[0]!.fragments[0]!.keyframe).toBe(true);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'native', fallbackReason: null, width: 320 });

    // (ffprobe and ffmpeg run synchronously from here: the stream may stall meanwhile, so nothing live is checked.)
    const played = fromFirstKey(viewer.segments[0]!);
    const { frames, packets, decodeErrors } = probe(played);
    expect(decodeErrors).toBe('');
    expect(frames).toHaveLength(samples(played));
    expect(frames.map((f) => f.pict_type)).toContain('B');
    // Presentation order after decoding: strictly increasing, one frame interval (25 fps) apart (but at the end,
    // where the B-frames of the last reference had not come yet). Decode order differs (composition offsets),
    // with decode times strictly increasing.
    expect(frames.slice(1).every((f, i) => f.pts > frames[i]!.pts)).toBe(true);
    const steps = frames.slice(1, -2).map((f, i) => f.pts - frames[i]!.pts);
    expect(new Set(steps)).toEqual(new Set([3600]));
    expect(packets.some((p) => p.pts !== p.dts)).toBe(true);
    expect(packets.slice(1).every((p, i) => p.dts > packets[i]!.dts)).toBe(true);
    expect(packets.every((p) => p.pts >= p.dts)).toBe(true);
    const joined = probe(late.segments[0]!);
    expect(joined.decodeErrors).toBe('');
    expect(joined.frames).toHaveLength(samples(late.segments[0]!));
    expect(joined.frames.slice(1).every((f, i) => f.pts > joined.frames[i]!.pts)).toBe(true);

    // The camera reboots: the native reader reads it again, ffmpeg is never started.
    const segmentsBefore = viewer.segments.length;
    await server.restart({ downMs: 500 });
    await waitFor(
      () => viewer.segments.length > segmentsBefore && viewer.segments.at(-1)!.fragments.length >= 30,
      'frames through the native reader after the camera restarted',
      30_000,
    );
    expect(children()).toEqual([]);
    expect(lines.some((l) => l.includes(FALLBACK_LINE))).toBe(false);
    expect(service.stats()[0]).toMatchObject({ ingest: 'native', fallbackReason: null });
    const after = probe(fromFirstKey(viewer.segments.at(-1)!));
    expect(after.decodeErrors).toBe('');
    expect(after.frames.slice(1).every((f, i) => f.pts > after.frames[i]!.pts)).toBe(true);
    subscription.unsubscribe();
  }, 120_000);

  it('a DESCRIBE redirect to the same camera: the native reader follows it, and no credentials leak', async () => {
    const handedOut = { username: 'hand-off', password: 'redirect-token-4711' };
    const target = new URL(server.urlFor('plain/main'));
    target.username = handedOut.username;
    target.password = handedOut.password;
    const front = await startRedirector({ location: target.href, requireBasic: CAMERA });
    fakes.push(front);
    const { service, lines } = makeService(async () => ({ url: front.url, ...CAMERA, codec: 'H264' }));
    const viewer = recorder();
    await service.subscribe('moved', 'main', viewer.sink);
    await waitFor(
      () => viewer.segments.at(-1)?.fragments.some((f) => f.keyframe) && viewer.segments.at(-1)!.fragments.length >= 20,
      'frames from the redirect target',
      30_000,
    );

    // ffmpeg would drop the camera's credentials on the redirect; the native reader keeps the stream.
    expect(children()).toEqual([]);
    expect(nativeFailures(lines)).toBe(0);
    expect(lines.some((l) => l.includes(FALLBACK_LINE))).toBe(false);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'native', fallbackReason: null, width: 320 });
    const signedIn = front.requests.filter((r) => r.method === 'DESCRIBE' && r.headers.has('authorization'));
    expect(signedIn.length).toBeGreaterThanOrEqual(1);
    expectNoSecrets(lines, service, [...cameraSecrets, handedOut.password]);

    const { frames, decodeErrors } = probe(fromFirstKey(viewer.segments.at(-1)!));
    expect(decodeErrors).toBe('');
    expect(frames.length).toBeGreaterThan(10);
  }, 60_000);

  it('packetization-mode 2 in the SDP: the native reader refuses it at DESCRIBE and ffmpeg plays', async () => {
    const proxy = await startSdpRewritingProxy({
      upstream: server.urlFor('plain/main'),
      rewriteSdp: (sdp) => sdp.replace(/packetization-mode=\d/, 'packetization-mode=2'),
    });
    fakes.push(proxy);
    const { service, lines } = makeService(async () => ({ url: proxy.url, ...CAMERA, codec: 'H264' }));
    const viewer = recorder();
    await service.subscribe('interleaved', 'main', viewer.sink);
    await waitFor(() => lines.some((l) => l.includes(FALLBACK_LINE)), 'the fallback to ffmpeg', 20_000);
    await waitFor(
      () => viewer.segments.at(-1)?.fragments.some((f) => f.keyframe) && viewer.segments.at(-1)!.fragments.length >= 20,
      'frames through ffmpeg',
      30_000,
    );

    expect(children()).toHaveLength(1);
    expect(nativeFailures(lines)).toBe(1);
    expect(lines.find((l) => messageOf(l) === 'rtsp')).toMatch(/packetization-mode 2/);
    expect(count(lines, 'native ingest restarted')).toBe(0);
    expect(proxy.requests.filter((r) => r.method === 'DESCRIBE').length).toBeGreaterThanOrEqual(2);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', transcoded: false, width: 320 });
    expectNoSecrets(lines, service, cameraSecrets);

    const { frames, decodeErrors } = probe(fromFirstKey(viewer.segments.at(-1)!));
    expect(decodeErrors).toBe('');
    expect(frames.length).toBeGreaterThan(10);
  }, 60_000);
});
