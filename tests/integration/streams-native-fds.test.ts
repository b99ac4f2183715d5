// Native ingest leaves no descriptor behind: the RTSP server restarts several times under cameras read natively
// (one of them through a DESCRIBE redirect: two connections per attempt), the viewers leave, the streams linger
// and stop — and the process's open descriptors are the idle baseline again: no RTSP socket (live or half-closed)
// kept by the reader, its keep-alives or RTCP reports, the readiness probes, or the redirect's first connection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolveSource, Subscription } from '../../src-main/services/streams';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';
import { startRedirector, type FakeRtspServer } from '../streams-rtsp/rtsp-fakes';
import { children, FAST_TIMING, openFds, recorder, streamServices, waitFor, type OpenFd } from './streams-harness';

const { available } = await requireGstreamer('native ingest descriptors');
const RESTARTS = 4;
/** Long enough to be a real linger (the streams outlive their viewers), short for the test. */
const LINGER_MS = 1500;

const services = streamServices({
  // Port probes while a stream waits out its backoff (more connections), often enough to happen during each restart.
  timing: { ...FAST_TIMING, lingerMs: LINGER_MS, probeMinIntervalMs: 100, probeMaxIntervalMs: 300 },
  ingest: 'native',
});
const fakes: FakeRtspServer[] = [];
afterEach(async () => {
  await services.disposeAll();
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  expect(children()).toEqual([]);
});

const describeFd = (f: OpenFd) =>
  f.tcp ? `${f.fd} ${f.target} tcp :${f.tcp.localPort} → :${f.tcp.remotePort} ${f.tcp.state}` : `${f.fd} ${f.target}`;

describe.runIf(available)('native ingest, descriptors after recoveries', () => {
  let server: RtspServer;
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [
        { path: 'a/main', width: 320, height: 180, fps: 25, bitrateKbps: 300, pattern: 'ball' },
        { path: 'b/main', width: 320, height: 180, fps: 15, bitrateKbps: 200, pattern: 'smpte' },
      ],
    });
  });
  afterAll(() => server?.dispose());

  it(`${RESTARTS} RTSP server restarts, viewers gone, linger over: back to the idle descriptors`, async () => {
    const front = await startRedirector({ location: server.urlFor('b/main') });
    fakes.push(front);
    const source: ResolveSource = async (cameraId) => ({
      url: cameraId === 'moved' ? front.url : server.urlFor(`${cameraId}/main`),
      username: '',
      password: '',
      codec: 'H264',
    });
    const { service, lines } = services.make(source);
    const cameras = ['a', 'b', 'moved'];
    const rtspPorts = new Set([server.port, front.port]);
    const rtspSockets = () => openFds().filter((f) => f.tcp && rtspPorts.has(f.tcp.remotePort));

    // Idle: the service exists, nothing is watched. The RTSP server's pipes are among these (a restart swaps them).
    const idle = openFds();
    expect(rtspSockets()).toEqual([]);

    const viewers = cameras.map(() => recorder());
    const subscriptions: Subscription[] = [];
    for (const [i, camera] of cameras.entries()) {
      subscriptions.push(await service.subscribe(camera, 'main', viewers[i]!.sink));
    }
    /** Every stream playing on an attempt that sent its init segment after `marks` (init segments seen before). */
    const playingAgain = async (marks: number[], what: string) =>
      waitFor(
        () =>
          viewers.every((v, i) => v.inits.length > marks[i]!) && service.stats().every((s) => s.state === 'playing'),
        what,
        30_000,
      );
    await playingAgain([0, 0, 0], 'every camera playing');
    // One RTSP connection per playing stream; the redirect's first connection is gone already.
    expect(rtspSockets().map((f) => f.tcp!.state)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED']);

    for (let restart = 1; restart <= RESTARTS; restart++) {
      const marks = viewers.map((v) => v.inits.length);
      await server.restart({ downMs: 300 + 200 * restart });
      await playingAgain(marks, `every camera playing after restart ${restart}`);
      // Playing again: one connection per stream, none left from the attempts before.
      await waitFor(() => rtspSockets().length === cameras.length, `${cameras.length} RTSP sockets`, 5000).catch(
        () => undefined,
      );
      expect(rtspSockets().map(describeFd)).toHaveLength(cameras.length);
    }
    expect(children()).toEqual([]);
    expect(lines.filter((l) => l.includes('native ingest restarted')).length).toBeGreaterThanOrEqual(RESTARTS * 3);

    for (const subscription of subscriptions) subscription.unsubscribe();
    // Still there during the linger, gone after it.
    expect(service.stats()).toHaveLength(cameras.length);
    await waitFor(() => service.stats().length === 0, 'the streams stopped after the linger', 10_000);

    // No TCP socket to the cameras in any state, and as many descriptors of each kind as when idle.
    await waitFor(() => rtspSockets().length === 0, 'RTSP sockets closed', 5000).catch(() => undefined);
    expect(rtspSockets().map(describeFd)).toEqual([]);
    const kinds = (fds: OpenFd[]) => {
      const count = { sockets: 0, pipes: 0, other: 0 };
      for (const f of fds) {
        if (f.target.startsWith('socket:')) count.sockets++;
        else if (f.target.startsWith('pipe:')) count.pipes++;
        else count.other++;
      }
      return count;
    };
    await waitFor(() => openFds().length <= idle.length, 'descriptors back to idle', 5000).catch(() => undefined);
    const after = openFds();
    const idleTargets = new Set(idle.map((f) => f.target));
    expect({ ...kinds(after), extra: after.filter((f) => !idleTargets.has(f.target)).map(describeFd) }).toMatchObject(
      kinds(idle),
    );
    expect(after.length).toBeLessThanOrEqual(idle.length);
  }, 180_000);
});
