// Live media over the contract socket: a real core on 127.0.0.1 whose stream sources point at the GStreamer
// RTSP feeds; clients are plain WebSockets that read the binary media frames.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolveSource } from '../../src-main/services/streams';
import { createFmp4Splitter } from '../../src-main/services/streams/mp4-boxes';
import { inspectFragment, inspectInit } from '../../src-main/services/streams/mp4-inspect';
import { CommandError, MEDIA_KIND, type ServerMessage } from '../../src-shared/contract';
import type { LiveStreamStats } from '../../src-shared/contract/streams';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';
import { probeFrames } from '../../sim/rtsp/testing/ffmpeg';
import { children, openMediaSocket, startStreamsCore, waitFor, type StreamsCore } from './streams-harness';
import { makeTempDir } from './tmp-dir';

const { available } = await requireGstreamer('live streams over /api/ws');

const valueOf = <T>(message: ServerMessage) => {
  if (message.t !== 'result' || !message.ok) throw new Error(`call failed: ${JSON.stringify(message)}`);
  return message.value as T;
};
const errorOf = (message: ServerMessage) => {
  if (message.t !== 'result' || message.ok) throw new Error(`expected an error: ${JSON.stringify(message)}`);
  return message.error;
};
interface Opened {
  channel: number;
  mime: string | null;
  transcoded: boolean;
  codec: string;
  state: string;
}

describe.runIf(available)('live streams over /api/ws', () => {
  let server: RtspServer;
  let t: StreamsCore;
  const temp = makeTempDir('ioc-streams-ws-');
  beforeAll(async () => {
    server = await startRtspServer({
      mounts: [
        { path: 'cam1/main', width: 320, height: 180, fps: 25, bitrateKbps: 300, pattern: 'ball' },
        { path: 'cam1/sub', width: 160, height: 90, fps: 10, bitrateKbps: 100, pattern: 'smpte' },
        { path: 'cam2/main', width: 160, height: 90, fps: 5, auth: { username: 'u', password: 'right-password' } },
      ],
    });
    const resolve: ResolveSource = async (cameraId, profile) => {
      if (cameraId === 'cam2') {
        return { url: server.urlFor('cam2/main'), username: 'u', password: 'wrong-password', codec: 'H264' };
      }
      if (cameraId !== 'cam1') throw new CommandError('not_found', `There is no camera "${cameraId}".`);
      return { url: server.urlFor(`cam1/${profile}`), username: '', password: '', codec: 'H264' };
    };
    t = await startStreamsCore(resolve);
  });
  afterAll(async () => {
    await t?.stop();
    expect(children()).toEqual([]);
    await server?.dispose();
    temp.remove();
  });

  it('replies with the channel first, then sends init and a keyframe; the bytes form a valid fMP4', async () => {
    const s = await openMediaSocket(t.url, await t.login('operator'));
    try {
      const opened = valueOf<Opened>(await s.call('streams.open', { cameraId: 'cam1', profile: 'main' }));
      expect(opened).toMatchObject({ channel: 1, transcoded: false, codec: 'H264' });
      // The init segment is in: ffmpeg is up, the first frame may still be on its way.
      expect(['connecting', 'playing']).toContain(opened.state);
      expect(opened.mime).toMatch(/^video\/mp4; codecs="avc1\.42c0[0-9a-f]{2}"$/);
      await waitFor(() => s.media(1).length >= 60, '60 media frames');

      const replyAt = s.received.findIndex((r) => 'text' in r && r.text.t === 'result');
      const firstMediaAt = s.received.findIndex((r) => 'media' in r);
      expect(replyAt).toBeGreaterThanOrEqual(0);
      expect(firstMediaAt).toBeGreaterThan(replyAt);

      const frames = s.media(1);
      expect(frames[0]!.kind).toBe(MEDIA_KIND.init);
      expect(frames.slice(1).every((f) => f.kind === MEDIA_KIND.fragment)).toBe(true);
      const init = Buffer.from(frames[0]!.payload);
      const info = inspectInit(init);
      expect(info?.codecs && opened.mime?.includes(info.codecs)).toBe(true);
      // Each fragment frame is exactly one moof+mdat pair, and the first is a keyframe.
      const pieces: Buffer[] = [];
      const splitter = createFmp4Splitter({ onInit() {}, onFragment: (_f, moof) => pieces.push(moof) });
      splitter.push(init);
      for (const f of frames.slice(1)) {
        const before = pieces.length;
        splitter.push(Buffer.from(f.payload));
        expect(pieces.length).toBe(before + 1);
      }
      expect(inspectFragment(pieces[0]!, info!.defaultSampleFlags).keyframe).toBe(true);

      const file = join(temp.dir, 'ws.mp4');
      writeFileSync(file, Buffer.concat(frames.map((f) => Buffer.from(f.payload))));
      expect(probeFrames(file)).toEqual({ codec: 'h264', width: 320, height: 180, frames: frames.length - 1 });
    } finally {
      await s.close();
    }
  });

  it('shares one ffmpeg between sockets, numbers channels per socket, and releases them on close', async () => {
    const a = await openMediaSocket(t.url, await t.login('operator'));
    const b = await openMediaSocket(t.url, await t.login('police'));
    const token = await t.login('director');
    try {
      const main = valueOf<Opened>(await a.call('streams.open', { cameraId: 'cam1', profile: 'main' }));
      const sub = valueOf<Opened>(await a.call('streams.open', { cameraId: 'cam1', profile: 'sub' }));
      const other = valueOf<Opened>(await b.call('streams.open', { cameraId: 'cam1', profile: 'main' }));
      expect([main.channel, sub.channel, other.channel]).toEqual([1, 2, 1]);
      await waitFor(() => a.media(2).length > 3 && b.media(1).length > 3, 'frames on every channel');
      expect(children()).toHaveLength(2);
      // The second viewer of main came in mid-stream and still started with init + keyframe at once.
      expect(b.media(1)[0]!.kind).toBe(MEDIA_KIND.init);
      const bInit = inspectInit(Buffer.from(b.media(1)[0]!.payload))!;
      const bFirst = Buffer.from(b.media(1)[1]!.payload);
      expect(inspectFragment(bFirst, bInit.defaultSampleFlags).keyframe).toBe(true);

      const stats = async () => {
        const res = await t.rpc('streams.stats', {}, token);
        expect(res.status).toBe(200);
        return (res.json as { value: LiveStreamStats[] }).value;
      };
      const byProfile = (list: LiveStreamStats[], p: string) => list.find((s) => s.profile === p);
      await waitFor(async () => byProfile(await stats(), 'main')?.viewers === 2, 'two viewers of main');
      expect(byProfile(await stats(), 'sub')).toMatchObject({ state: 'playing', viewers: 1, width: 160, height: 90 });

      expect(valueOf(await a.call('streams.close', { channel: 2 }))).toEqual({ closed: true });
      expect(valueOf(await a.call('streams.close', { channel: 2 }))).toEqual({ closed: false });
      expect(valueOf(await b.call('streams.close', { channel: 2 }))).toEqual({ closed: false });
      const countAfterClose = a.media(2).length;
      await waitFor(() => a.media(1).length > 10, 'main keeps flowing');
      expect(a.media(2).length).toBe(countAfterClose);

      await a.close();
      const afterClose = await waitFor(async () => {
        const list = await stats();
        return byProfile(list, 'main')?.viewers === 1 && byProfile(list, 'sub')?.viewers !== 1 ? list : null;
      }, 'released channels');
      expect(byProfile(afterClose, 'main')?.viewers).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses media over HTTP, without wall.view, and for unknown cameras; audits views; exports metrics', async () => {
    const operator = await t.login('operator');
    const http = await t.rpc('streams.open', { cameraId: 'cam1', profile: 'main' }, operator);
    expect(http.status).toBe(400);
    expect(JSON.stringify(http.json)).toMatch(/\/api\/ws/);

    const admin = await openMediaSocket(t.url, await t.login('it_admin'));
    try {
      expect(errorOf(await admin.call('streams.open', { cameraId: 'cam1', profile: 'main' })).code).toBe('forbidden');
    } finally {
      await admin.close();
    }
    const s = await openMediaSocket(t.url, operator);
    try {
      expect(errorOf(await s.call('streams.open', { cameraId: 'cam1', profile: 'side' })).code).toBe('invalid_input');
      const unknown = errorOf(await s.call('streams.open', { cameraId: 'nope', profile: 'main' }));
      expect(unknown).toMatchObject({ code: 'not_found', message: 'There is no camera "nope".' });
      valueOf(await s.call('streams.open', { cameraId: 'cam1', profile: 'main' }));
      // A camera that refuses the credentials answers as soon as it has, with no media type yet.
      const locked = valueOf<Opened>(await s.call('streams.open', { cameraId: 'cam2', profile: 'main' }));
      expect(locked).toMatchObject({ mime: null, state: 'auth_failed' });
    } finally {
      await s.close();
    }

    const audit = await t.rpc('audit.list', { limit: 50 }, await t.login('director'));
    const views = (audit.json as { value: { action: string; subject: string | null }[] }).value.filter(
      (r) => r.action === 'camera.view',
    );
    expect(views.length).toBeGreaterThanOrEqual(5);
    expect(views.slice(0, 2).map((v) => v.subject)).toEqual(['cam2', 'cam1']);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^ioc_stream_fps\{camera="cam1",profile="main"\} [\d.]+$/m);
    expect(metrics).toMatch(/^ioc_stream_up\{camera="cam1",profile="main",state="playing"\} 1$/m);
    expect(metrics).toContain('# TYPE ioc_stream_restarts_total counter');
  });
});
