// The in-process RTSP/RTP H.264 reader against the GStreamer RTSP feeds on 127.0.0.1, checked with ffprobe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRtspH264Reader,
  type H264AccessUnit,
  type H264Parameters,
  type RtspError,
  type RtspH264Reader,
} from '../../src-main/services/streams/rtsp';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireFeedCodec, requireGstreamer } from '../integration/require-gstreamer';
import { probeFrames } from '../../sim/rtsp/testing/ffmpeg';
import { startRedirector, startSdpRewritingProxy, type FakeRtspServer } from './rtsp-fakes';
import { portRefuses } from '../integration/port-refuses';

const gate = await requireGstreamer('tests/streams-rtsp');
const { support, available } = gate;
const h265 = requireFeedCodec(gate, 'h265', 'tests/streams-rtsp: H.265 mount');

const VIEWER = { username: 'người xem', password: 'mật khẩu:ö@/#? 1' };
const SUB = { width: 320, height: 180, fps: 15 };

interface Session {
  reader: RtspH264Reader;
  units: H264AccessUnit[];
  parameters: H264Parameters[];
  errors: RtspError[];
  closed: Promise<void>;
  /** Resolves once `count` access units have arrived. */
  units$(count: number): Promise<void>;
}

const open: RtspH264Reader[] = [];
const fakes: FakeRtspServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

function play(url: URL): Session {
  const units: H264AccessUnit[] = [];
  const waiters: (() => boolean)[] = [];
  let onClosed!: () => void;
  const session: Omit<Session, 'reader'> = {
    units,
    parameters: [],
    errors: [],
    closed: new Promise((resolve) => (onClosed = resolve)),
    units$: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (units.length < count) return false;
          resolve();
          return true;
        };
        if (!check()) waiters.push(check);
      }),
  };
  const reader = createRtspH264Reader({
    url,
    onParameters: (p) => session.parameters.push(p),
    onAccessUnit: (unit) => {
      units.push(unit);
      for (const check of waiters.splice(0)) if (!check()) waiters.push(check);
    },
    onError: (error) => session.errors.push(error),
    onClose: onClosed,
  });
  open.push(reader);
  return { ...session, reader };
}

const withUser = (url: string, user: { username: string; password: string }) => {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user.username);
  parsed.password = encodeURIComponent(user.password);
  return parsed;
};

/** Active TCP handles of this process: what a reader must give back when it closes. */
const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe.skipIf(!available)('RTSP H.264 reader against the GStreamer feeds', () => {
  let server: RtspServer;
  const dir = mkdtempSync(join(tmpdir(), 'rtsp-reader-'));
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [
        { path: 'cam1/sub', ...SUB, bitrateKbps: 300, pattern: 'ball' },
        { path: 'secure/sub', ...SUB, bitrateKbps: 300, auth: VIEWER },
        { path: 'bframes/sub', ...SUB, bitrateKbps: 300, bframes: 2 },
        ...(support.h265 ? [{ path: 'hevc/main', codec: 'h265' as const, width: 320, height: 240, fps: 10 }] : []),
      ],
    });
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers parameters, a key unit first, one unit per frame at the feed’s rate, decodable by ffprobe', async () => {
    const before = tcpHandles();
    const s = play(new URL(server.urlFor('cam1/sub')));
    await s.units$(61);
    await s.reader.close();
    await s.closed;
    expect(s.errors).toEqual([]);
    expect(tcpHandles()).toBe(before);

    expect(s.parameters.length).toBeGreaterThanOrEqual(1);
    const { sps, pps } = s.parameters[0]!;
    expect([sps[0]! & 0x1f, pps[0]! & 0x1f]).toEqual([7, 8]);
    expect(s.units[0]!.key).toBe(true);
    expect(s.units[0]!.pts90k).toBe(0);
    const steps = s.units.slice(1).map((u, i) => u.pts90k - s.units[i]!.pts90k);
    expect(steps.every((step) => step > 0)).toBe(true);
    // RTP time, not wall-clock: 60 frame intervals of a 15 fps feed span 4 s of 90 kHz ticks.
    const span = s.units[60]!.pts90k - s.units[0]!.pts90k;
    expect(Math.round((60 * 90_000) / span)).toBe(SUB.fps);
    // One keyframe every 2 × fps frames.
    const keys = s.units.flatMap((u, i) => (u.key ? [i] : []));
    expect(keys.slice(0, 3)).toEqual([0, 30, 60]);

    const file = join(dir, 'sub.h264');
    const annexB = (nal: Buffer) => [Buffer.from([0, 0, 0, 1]), nal];
    writeFileSync(
      file,
      Buffer.concat([...annexB(sps), ...annexB(pps), ...s.units.flatMap((u) => u.nalus.flatMap(annexB))]),
    );
    expect(probeFrames(file)).toEqual({ codec: 'h264', width: SUB.width, height: SUB.height, frames: s.units.length });
    const decodeErrors = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decodeErrors).toBe('');
  });

  it('plays a Digest-protected mount with the right credentials', async () => {
    const s = play(withUser(server.urlFor('secure/sub'), VIEWER));
    await s.units$(2);
    expect(s.units[0]!.key).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('gives kind auth for wrong credentials and no credentials, never echoing them', async () => {
    for (const url of [
      withUser(server.urlFor('secure/sub'), { ...VIEWER, password: 'sai-mật-khẩu' }),
      new URL(server.urlFor('secure/sub')),
    ]) {
      const s = play(url);
      await s.closed;
      expect(s.errors.map((e) => e.kind)).toEqual(['auth']);
      expect(s.errors[0]!.message).toContain('/secure/sub');
      expect(s.errors[0]!.message).not.toMatch(/mật|người|sai/);
      expect(s.units).toEqual([]);
    }
  });

  it('gives kind status 404, naming the path, for a mount that does not exist', async () => {
    const s = play(new URL(server.urlFor('cam9/nothing')));
    await s.closed;
    expect(s.errors[0]).toMatchObject({ kind: 'status', details: { status: 404 } });
    expect(s.errors[0]!.message).toContain('/cam9/nothing');
  });

  it.runIf(h265)('gives kind codec H265 for an H.265 mount', async () => {
    const s = play(new URL(server.urlFor('hevc/main')));
    await s.closed;
    expect(s.errors[0]).toMatchObject({ kind: 'codec', details: { codec: 'H265' } });
  });

  it('gives B-frames their presentation times (back within the reorder window), not clock discontinuities', async () => {
    const s = play(new URL(server.urlFor('bframes/sub')));
    await s.units$(31);
    expect(s.errors).toEqual([]);
    expect(s.units[0]!.key).toBe(true);
    const times = s.units.map((u) => u.pts90k);
    // Two B-frames after each reference: one step back in every three frames, never below the key unit.
    expect(times.slice(1).filter((t, i) => t < times[i]!).length).toBeGreaterThanOrEqual(9);
    expect(times.every((t) => t >= times[0]!)).toBe(true);
    expect(new Set(times).size).toBe(times.length);
    // In presentation order, one frame interval apart (up to the last B-frame: later ones may still be on the way).
    const lastBack = times.findLastIndex((t, i) => i > 0 && t < times[i - 1]!);
    const sorted = times.filter((t) => t <= times[lastBack]!).sort((a, b) => a - b);
    expect(new Set(sorted.slice(1).map((t, i) => t - sorted[i]!))).toEqual(new Set([90_000 / SUB.fps]));
    expect(s.reader.stats()!.clockDiscontinuities).toBe(0);
    const plain = play(new URL(server.urlFor('cam1/sub')));
    await plain.units$(31);
    expect(plain.reader.stats()!.clockDiscontinuities).toBe(0);
  });

  it('follows redirects to the same camera host (the Location’s own credentials first) and plays the feed', async () => {
    const elsewhere = await startRedirector({
      location: server.urlFor('cam1/sub'),
      requireBasic: { username: 'hand-off', password: 'redirect-token-4711' },
    });
    const front = await startRedirector({
      location: `rtsp://hand-off:redirect-token-4711@127.0.0.1:${elsewhere.port}/cam1/sub`,
      requireBasic: VIEWER,
    });
    fakes.push(elsewhere, front);
    const s = play(withUser(front.url, VIEWER));
    await s.units$(5);
    expect(s.errors).toEqual([]);
    expect(front.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE', 'DESCRIBE']);
    expect(front.requests[2]!.headers.get('authorization')).toMatch(/^Basic /);
    // The second hop signed in with the credentials its Location named, not the camera’s.
    const signed = elsewhere.requests.filter((r) => r.headers.has('authorization'));
    expect(signed.length).toBeGreaterThan(0);
    expect(
      signed.every(
        (r) =>
          r.headers.get('authorization') === `Basic ${Buffer.from('hand-off:redirect-token-4711').toString('base64')}`,
      ),
    ).toBe(true);
  });

  it('gives kind status with the 3xx code for a redirect to another host, follows nothing and echoes no secret', async () => {
    const front = await startRedirector({
      location: 'rtsp://hand-off:redirect-token-4711@10.20.30.40/cam1/sub',
      requireBasic: VIEWER,
    });
    fakes.push(front);
    const s = play(withUser(front.url, VIEWER));
    await s.closed;
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ kind: 'status', details: { status: 302 } });
    expect(s.errors[0]!.message).toContain('/front/main');
    expect(s.errors[0]!.message).not.toMatch(/mật|người|hand-off|redirect-token|cam1/);
    expect(front.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE', 'DESCRIBE']);
  });

  it('gives kind codec (H264) for packetization-mode 2 and stops at DESCRIBE', async () => {
    const proxy = await startSdpRewritingProxy({
      upstream: server.urlFor('cam1/sub'),
      rewriteSdp: (sdp) => sdp.replace(/packetization-mode=\d/, 'packetization-mode=2'),
    });
    fakes.push(proxy);
    const s = play(new URL(proxy.url));
    await s.closed;
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ kind: 'codec', details: { codec: 'H264' } });
    expect(s.errors[0]!.message).toMatch(/packetization-mode 2/);
    expect(proxy.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE']);
    // The same proxy with the SDP left alone plays: the refusal comes from the one rewritten line.
    const untouched = await startSdpRewritingProxy({ upstream: server.urlFor('cam1/sub'), rewriteSdp: (sdp) => sdp });
    fakes.push(untouched);
    const ok = play(new URL(untouched.url));
    await ok.units$(2);
    expect(ok.errors).toEqual([]);
    expect(ok.units[0]!.key).toBe(true);
  });

  it('reports the server going away as kind closed, and unreachable while it is down', async () => {
    const s = play(new URL(server.urlFor('cam1/sub')));
    await s.units$(1);
    const restarting = server.restart({ downMs: 1500 });
    await s.closed;
    expect(s.errors.map((e) => e.kind)).toEqual(['closed']);
    // The old process closes its clients before its listening socket: wait until the port refuses.
    while (!(await portRefuses(server.port))) await new Promise((resolve) => setTimeout(resolve, 20));
    const down = play(new URL(server.urlFor('cam1/sub')));
    await down.closed;
    expect(down.errors.map((e) => e.kind)).toEqual(['unreachable']);
    await restarting;
    const again = play(new URL(server.urlFor('cam1/sub')));
    await again.units$(1);
    expect(again.units[0]!.key).toBe(true);
  });
});
