// rtsps:// cameras with a pinned certificate (issue 4, security): the native reader speaks TLS, checks the camera's
// certificate against the pin a technician trusted before it writes a single byte, and the supervisor never hands
// an rtsps camera's address to ffmpeg, which does not check certificates at all: what only ffmpeg can read (H.265)
// goes through the core's loopback relay, which checks the pin the same way. Real TLS on 127.0.0.1 (a throwaway
// self-signed certificate) in front of the GStreamer feeds.
import { execFile } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRtspH264Reader,
  type H264AccessUnit,
  type RtspError,
  type RtspH264Reader,
} from '../../src-main/services/streams/rtsp';
import type { ResolvedSource } from '../../src-main/services/streams/types';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireFeedCodec, requireGstreamer } from '../integration/require-gstreamer';
import { children, cmdline, recorder, stateOf, streamServices, waitFor } from '../integration/streams-harness';
import { makeCertificate, startTlsFront, type TestCertificate, type TlsFront } from './tls-fakes';

const gate = await requireGstreamer('tests/streams-rtsp/rtsps-pin');
const { available, support } = gate;
const h265 = requireFeedCodec(gate, 'h265', 'tests/streams-rtsp/rtsps-pin: H.265 rtsps cameras');

const VIEWER = { username: 'viewer', password: 'pin-test-secret-7731' };
const SUB = { width: 320, height: 180, fps: 15, bitrateKbps: 300 };

const withUser = (url: string) => {
  const parsed = new URL(url);
  parsed.username = VIEWER.username;
  parsed.password = VIEWER.password;
  return parsed;
};

interface Played {
  reader: RtspH264Reader;
  units: H264AccessUnit[];
  errors: RtspError[];
  closed: Promise<void>;
}

const readers: RtspH264Reader[] = [];
function play(url: URL, pinnedSha256: string | null | undefined): Played {
  const units: H264AccessUnit[] = [];
  const errors: RtspError[] = [];
  let onClosed!: () => void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const reader = createRtspH264Reader({
    url,
    tls: pinnedSha256 === undefined ? undefined : { pinnedSha256 },
    onParameters: () => undefined,
    onAccessUnit: (unit) => void units.push(unit),
    onError: (error) => void errors.push(error),
    onClose: onClosed,
  });
  readers.push(reader);
  return { reader, units, errors, closed };
}

describe.skipIf(!available)('rtsps:// cameras and their pinned certificate', () => {
  let server: RtspServer;
  let camera: TestCertificate;
  let impostor: TestCertificate;
  let front: TlsFront;
  const services = streamServices({
    timing: { backoffBaseMs: 200, backoffCapMs: 2000, lingerMs: 0, stallMs: 2500, watchdogTickMs: 200 },
    ingest: 'native',
  });

  beforeAll(async () => {
    camera = makeCertificate('ioc-test-camera');
    impostor = makeCertificate('ioc-test-impostor');
    server = await startRtspServer({
      mounts: [
        { path: 'secure/sub', ...SUB, auth: VIEWER },
        ...(support.h265 ? [{ path: 'secure/hevc', codec: 'h265' as const, ...SUB, auth: VIEWER }] : []),
      ],
    });
  });
  afterAll(async () => {
    await server?.dispose();
    camera?.remove();
    impostor?.remove();
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
    await services.disposeAll();
    await front?.close();
    expect(children()).toEqual([]);
  });

  const startFront = async (certificate: TestCertificate) => {
    front = await startTlsFront(server.urlFor('secure/sub'), certificate);
    return front;
  };

  it('plays natively over TLS when the camera presents the pinned certificate', async () => {
    const tls = await startFront(camera);
    const s = play(withUser(tls.urlFor('secure/sub')), camera.sha256.toLowerCase());
    await waitFor(() => s.units.length >= 2, 'two access units over rtsps', 30_000);
    expect(s.errors).toEqual([]);
    expect(s.units[0]!.key).toBe(true);
    expect(tls.received()).toMatch(/^OPTIONS rtsps:\/\/127\.0\.0\.1:\d+\/secure\/sub RTSP\/1\.0\r\n/);
    expect(tls.received()).toContain('Authorization: Digest ');
  }, 60_000);

  it('sends nothing to a camera whose certificate nobody trusted yet, and names what it presented', async () => {
    const tls = await startFront(camera);
    const s = play(withUser(tls.urlFor('secure/sub')), null);
    await s.closed;
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({
      kind: 'certificate',
      details: { certificate: { seenSha256: camera.sha256, verdict: 'untrusted' } },
    });
    expect(s.errors[0]!.message).not.toContain(VIEWER.password);
    expect(tls.connections()).toBe(1);
    expect(tls.received()).toBe('');
  });

  it('refuses a camera that presents another certificate than the pinned one, sending nothing', async () => {
    const tls = await startFront(impostor);
    const s = play(withUser(tls.urlFor('secure/sub')), camera.sha256);
    await s.closed;
    expect(s.errors.map((e) => [e.kind, e.details.certificate])).toEqual([
      ['certificate', { seenSha256: impostor.sha256, verdict: 'changed' }],
    ]);
    expect(tls.connections()).toBe(1);
    expect(tls.received()).toBe('');
  });

  it('refuses rtsps:// without a pin to check before connecting at all', async () => {
    const tls = await startFront(camera);
    const s = play(withUser(tls.urlFor('secure/sub')), undefined);
    await s.closed;
    expect(s.errors.map((e) => e.kind)).toEqual(['certificate']);
    expect(tls.connections()).toBe(0);
  });

  it('the supervisor: waits in cert_untrusted, reports the certificate, then plays natively once it is trusted', async () => {
    const tls = await startFront(camera);
    let pinned: string | null = null;
    const refusals: [string | null, string][] = [];
    const source = (): ResolvedSource => ({
      url: tls.urlFor('secure/sub'),
      ...VIEWER,
      codec: 'H264',
      certificate: { pinnedSha256: pinned, refused: (seen, verdict) => void refusals.push([seen, verdict]) },
    });
    const { service, lines } = services.make(async () => source());
    const viewer = recorder();
    const subscription = await service.subscribe('cam-tls', 'sub', viewer.sink);
    await waitFor(() => stateOf(service, 'cam-tls') === 'cert_untrusted', 'state cert_untrusted', 30_000);
    expect(refusals[0]).toEqual([camera.sha256, 'untrusted']);
    expect(tls.received()).toBe('');
    expect(children()).toEqual([]);
    expect(service.stats()[0]!.lastError).toContain(camera.sha256);

    // The technician compares the fingerprint with the camera's and trusts it: the camera service pins it and
    // restarts the camera's streams.
    pinned = camera.sha256;
    service.restartCamera('cam-tls');
    await waitFor(() => viewer.fragments.length >= 10, 'frames over rtsps after trusting', 30_000);
    expect(service.stats()[0]).toMatchObject({ state: 'playing', ingest: 'native', fallbackReason: null });
    expect(tls.received()).toContain('Authorization: Digest ');
    expect(lines.filter((l) => l.includes(VIEWER.password))).toEqual([]);
    subscription.unsubscribe();
  }, 90_000);

  it('the supervisor: a changed certificate is cert_changed, nothing sent, no ffmpeg', async () => {
    const tls = await startFront(impostor);
    const refusals: [string | null, string][] = [];
    const { service } = services.make(async () => ({
      url: tls.urlFor('secure/sub'),
      ...VIEWER,
      codec: 'H264',
      certificate: { pinnedSha256: camera.sha256, refused: (seen, verdict) => void refusals.push([seen, verdict]) },
    }));
    const subscription = await service.subscribe('cam-tls', 'sub', recorder().sink);
    await waitFor(() => stateOf(service, 'cam-tls') === 'cert_changed', 'state cert_changed', 30_000);
    expect(refusals[0]).toEqual([impostor.sha256, 'changed']);
    expect(tls.received()).toBe('');
    expect(children()).toEqual([]);
    subscription.unsubscribe();
  }, 60_000);

  // Why ffmpeg never gets the camera's address: Debian's ffmpeg 5.1 takes -tls_verify and -ca_file, but its RTSP
  // demuxer opens TLS without them, so it sends the credentials to a peer whose certificate is not its -ca_file
  // (checked first here: should an ffmpeg ever check the peer of rtsps, this test says so by failing).
  it('ffmpeg alone sends the credentials to an impostor: why it only ever reads through the relay', async () => {
    const leaked = await startFront(impostor);
    const url = withUser(leaked.urlFor('secure/sub')).href;
    const args = ['-v', 'error', '-tls_verify', '1', '-ca_file', camera.certFile, '-rtsp_transport', 'tcp'];
    await new Promise<void>((resolve) =>
      execFile('ffmpeg', [...args, '-i', url, '-frames:v', '1', '-f', 'null', '-'], { timeout: 30_000 }, () =>
        resolve(),
      ),
    );
    expect(leaked.received()).toContain('Authorization: Digest ');
  }, 60_000);

  const h265Source = (tls: TlsFront, pinned: () => string | null, refusals: [string | null, string][]) => () =>
    Promise.resolve<ResolvedSource>({
      url: tls.urlFor('secure/hevc'),
      ...VIEWER,
      codec: 'H265',
      certificate: { pinnedSha256: pinned(), refused: (seen, verdict) => void refusals.push([seen, verdict]) },
    });

  it.runIf(h265)(
    'the supervisor: a pinned H.265 rtsps camera plays through ffmpeg transcoding over the loopback relay',
    async () => {
      const tls = await startFront(camera);
      const { service, lines } = services.make(h265Source(tls, () => camera.sha256, []));
      const viewer = recorder();
      const subscription = await service.subscribe('cam-tls', 'sub', viewer.sink);
      await waitFor(() => viewer.fragments.length >= 10, 'transcoded frames over the rtsps relay', 120_000);
      expect(viewer.inits.length).toBeGreaterThan(0);
      expect(service.stats()[0]).toMatchObject({
        state: 'playing',
        ingest: 'transcode',
        transcoded: true,
        fallbackReason: 'codec',
      });
      // One ffmpeg, holding neither the camera's address nor credentials nor the relay's token on its command line.
      const [ffmpeg] = children();
      expect(ffmpeg).toBeDefined();
      const argv = cmdline(ffmpeg!.pid).join(' ');
      expect(argv).not.toContain(VIEWER.password);
      expect(argv).not.toMatch(/rtsps?:\/\/|127\.0\.0\.1|secure\/hevc/);
      // The camera got its own rtsps URLs, and the Digest answer from the relay.
      expect(tls.received()).toMatch(/^OPTIONS rtsps:\/\/127\.0\.0\.1:\d+\/secure\/hevc RTSP\/1\.0\r\n/);
      expect(tls.received()).toMatch(/SETUP rtsps:\/\/127\.0\.0\.1:\d+\/secure\/hevc\//);
      expect(tls.received()).toContain('Authorization: Digest ');
      expect(tls.received()).not.toMatch(/rtsp:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\//);
      expect(lines.filter((l) => l.includes(VIEWER.password))).toEqual([]);
      subscription.unsubscribe();
    },
    180_000,
  );

  it.runIf(h265)(
    'the supervisor: an H.265 rtsps camera not yet trusted, or changed, gets nothing and no ffmpeg starts',
    async () => {
      const tls = await startFront(camera);
      const refusals: [string | null, string][] = [];
      const { service } = services.make(h265Source(tls, () => null, refusals));
      const subscription = await service.subscribe('cam-tls', 'sub', recorder().sink);
      await waitFor(() => stateOf(service, 'cam-tls') === 'cert_untrusted', 'state cert_untrusted', 60_000);
      expect(refusals[0]).toEqual([camera.sha256, 'untrusted']);
      expect(service.stats()[0]).toMatchObject({ ingest: 'transcode', fallbackReason: 'codec' });
      expect(tls.connections()).toBeGreaterThan(0);
      expect(tls.received()).toBe('');
      expect(children()).toEqual([]);
      subscription.unsubscribe();
      await services.disposeAll();
      await tls.close();

      const changed = await startFront(impostor);
      const seen: [string | null, string][] = [];
      const other = services.make(h265Source(changed, () => camera.sha256, seen)).service;
      const again = await other.subscribe('cam-tls', 'sub', recorder().sink);
      await waitFor(() => stateOf(other, 'cam-tls') === 'cert_changed', 'state cert_changed', 60_000);
      expect(seen[0]).toEqual([impostor.sha256, 'changed']);
      expect(changed.received()).toBe('');
      expect(children()).toEqual([]);
      again.unsubscribe();
    },
    120_000,
  );
});
