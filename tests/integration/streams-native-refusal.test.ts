// The native reader's refusal of a camera is remembered for a while, not for the core's lifetime: a camera that
// answered one connection with garbage (a framing error) goes to ffmpeg, its next streams start there, and once
// the refusal expired (an injected clock an hour ahead) the native reader reads it again — on the camera's next
// stream, and on the next attempt of a stream that stayed up on ffmpeg, without interrupting that ffmpeg.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolveSource, StreamsService } from '../../src-main/services/streams';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';
import { startFlakyProxy, type FlakyProxy } from '../streams-rtsp/rtsp-fakes';
import { children, FAST_TIMING, recorder, streamServices, waitFor, type Recorded } from './streams-harness';

const { available } = await requireGstreamer('native refusals');
const HOUR = 60 * 60_000;
const FALLBACK_LINE = 'ffmpeg reads it for the next hour';

/** The refusal memory's clock: real time plus whatever the test skipped ahead. */
let skippedMs = 0;
// No port probes during backoffs: a probe is a connection too, and would take the proxy's garbage.
const services = streamServices({ timing: { ...FAST_TIMING, probeMinIntervalMs: 0 }, ingest: 'native' });
const proxies: FlakyProxy[] = [];
afterEach(async () => {
  await services.disposeAll();
  await Promise.all(proxies.splice(0).map((p) => p.close()));
  expect(children()).toEqual([]);
  skippedMs = 0;
});

const messageOf = (line: string) => (JSON.parse(line) as { message: string }).message;
/** Failures the native reader reported: one per native attempt that ended on its own. */
const nativeFailures = (lines: string[]) => lines.filter((l) => messageOf(l) === 'rtsp').length;

type Viewer = Recorded & { fragmentsAtInit: number[] };

/** Key frame and ten more fragments after the viewer's latest init segment. */
async function playing(viewer: Viewer, what: string): Promise<void> {
  await waitFor(
    () => {
      const since = viewer.fragments.slice(viewer.fragmentsAtInit.at(-1) ?? 0);
      return since.some((f) => f.keyframe) && since.length >= 10;
    },
    what,
    30_000,
  );
}

/** A recorder that also notes where each init segment fell among the fragments. */
function viewerOf(): Viewer {
  const viewer = Object.assign(recorder(), { fragmentsAtInit: [] as number[] });
  const init = viewer.sink.init;
  viewer.sink.init = (segment) => {
    viewer.fragmentsAtInit.push(viewer.fragments.length);
    init(segment);
  };
  return viewer;
}

async function stopped(service: StreamsService): Promise<void> {
  await waitFor(() => service.stats().length === 0 && children().length === 0, 'the stream stopped', 20_000);
}

describe.runIf(available)('native refusals expire', () => {
  let server: RtspServer;
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [{ path: 'plain/main', width: 320, height: 180, fps: 15, bitrateKbps: 300, pattern: 'smpte' }],
    });
  });
  afterAll(() => server?.dispose());

  async function flakyCamera(garbleFirst: number) {
    const proxy = await startFlakyProxy({ upstream: server.urlFor('plain/main'), garbleFirst });
    proxies.push(proxy);
    const source: ResolveSource = async () => ({ url: proxy.url, username: '', password: '', codec: 'H264' });
    const { service, lines } = services.make(source, { nativeRefusals: { now: () => Date.now() + skippedMs } });
    return { proxy, service, lines };
  }

  it('a framing error sends the camera to ffmpeg for an hour; its next stream after that is native', async () => {
    const { service, lines } = await flakyCamera(1);
    const first = viewerOf();
    const subscription = await service.subscribe('flaky', 'main', first.sink);
    await waitFor(() => lines.some((l) => l.includes(FALLBACK_LINE)), 'the fallback to ffmpeg', 20_000);
    await playing(first, 'frames through ffmpeg');
    expect(children()).toHaveLength(1);
    expect(nativeFailures(lines)).toBe(1);
    expect(lines.find((l) => messageOf(l) === 'rtsp')).toContain('"kind":"protocol"');
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'copy', fallbackReason: 'protocol' });
    subscription.unsubscribe();
    await stopped(service);

    // 59 minutes later the camera is paged back in: still remembered, ffmpeg from the first attempt.
    skippedMs = HOUR - 60_000;
    const second = viewerOf();
    const again = await service.subscribe('flaky', 'main', second.sink);
    expect(service.stats()[0]).toMatchObject({ ingest: 'copy', fallbackReason: 'protocol' });
    await playing(second, 'frames of the second stream');
    expect(second.fragmentsAtInit).toHaveLength(1);
    expect(children()).toHaveLength(1);
    expect(nativeFailures(lines)).toBe(1);
    again.unsubscribe();
    await stopped(service);

    // An hour after the refusal: the native reader reads the camera again, no ffmpeg.
    skippedMs = HOUR;
    const third = viewerOf();
    const back = await service.subscribe('flaky', 'main', third.sink);
    expect(service.stats()[0]).toMatchObject({ ingest: 'native', fallbackReason: null });
    await playing(third, 'frames through the native reader');
    expect(children()).toEqual([]);
    expect(nativeFailures(lines)).toBe(1);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'native', fallbackReason: null });
    // The metric counts streams that went to ffmpeg: the first two; the native one is not among them.
    expect([...service.fallbacks()]).toEqual([['protocol', 2]]);
    back.unsubscribe();
  }, 120_000);

  it('a stream that stayed up on ffmpeg goes native at its first new attempt after the refusal expired', async () => {
    const { proxy, service, lines } = await flakyCamera(0);
    const viewer = viewerOf();
    await service.subscribe('flaky', 'main', viewer.sink);
    await playing(viewer, 'frames through the native reader');
    expect(children()).toEqual([]);

    // The camera restarts and garbles the first connection after: the stream falls back to ffmpeg.
    proxy.garbleNext(1);
    await server.restart({ downMs: 500 });
    await waitFor(() => lines.some((l) => l.includes(FALLBACK_LINE)), 'the fallback to ffmpeg', 30_000);
    const inits = viewer.fragmentsAtInit.length;
    await waitFor(() => viewer.fragmentsAtInit.length > inits, 'the init segment of ffmpeg', 30_000);
    await playing(viewer, 'frames through ffmpeg');
    expect(children()).toHaveLength(1);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'copy', fallbackReason: 'protocol' });

    // An hour on, ffmpeg keeps playing: the expiry alone does not interrupt it.
    skippedMs = HOUR;
    const ffmpegPid = children()[0]!.pid;
    const fragments = viewer.fragments.length;
    await waitFor(() => viewer.fragments.length >= fragments + 10, 'ffmpeg still playing', 20_000);
    expect(children().map((c) => c.pid)).toEqual([ffmpegPid]);

    // Its next attempt (the camera restarts again) is the native reader's, and it plays.
    const beforeRestart = viewer.fragmentsAtInit.length;
    await server.restart({ downMs: 500 });
    await waitFor(() => viewer.fragmentsAtInit.length > beforeRestart, 'a new init segment after the restart', 30_000);
    await playing(viewer, 'frames through the native reader again');
    await waitFor(() => children().length === 0, 'ffmpeg gone', 10_000);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'native', fallbackReason: null });
    // Refused once: the other native failures are the restarts (the connection closed, the camera still away).
    expect(lines.filter((l) => messageOf(l) === 'rtsp' && l.includes('"kind":"protocol"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(FALLBACK_LINE))).toHaveLength(1);
  }, 120_000);
});
