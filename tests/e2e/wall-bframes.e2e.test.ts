// A camera whose H.264 has B-frames on the wall: the core reads it natively (no hand-over to ffmpeg), the tile
// reaches `playing` and its pictures keep advancing, with the MSE player (<video>) and the WebCodecs one (<canvas>). The camera is one simulated ONVIF device whose
// streams all come from a GStreamer mount with B-frames (the demo fleet has none).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import type { Layout } from '../../src-shared/contract/layouts';
import type { LiveStreamStats } from '../../src-shared/contract/streams';
import { writeManifest } from '../../sim/fleet/manifest';
import { personalityInfo, startSimCamera, type SimCamera } from '../../sim/onvif';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { signIn } from './app';
import { launchBrowser, makeDataDir, newPage, REPO_ROOT, startCore, type CoreProcess } from './harness';
import { FLEET_SUPPORT, disposeWallFixture, rpcClient, until } from './wall-fleet';

interface VideoProgress {
  time: number;
  frames: number;
}

const progress = (page: Page): Promise<VideoProgress[]> =>
  page.$$eval('[data-tile-index] video', (videos) =>
    (videos as HTMLVideoElement[]).map((v) => ({
      time: v.currentTime,
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
    })),
  );

/** The tile canvas's picture as a data URL: a new picture on a moving feed (the ball, the clock) differs. */
const pictures = (page: Page) =>
  page.$$eval('[data-tile-index] canvas.live-video:not(.live-video--behind)', (canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => c.toDataURL()),
  );

describe.runIf(FLEET_SUPPORT.gstreamer && FLEET_SUPPORT.h264)('the wall with a B-frame camera', () => {
  let dataDir: string;
  let rtsp: RtspServer;
  let camera: SimCamera;
  let core: CoreProcess;
  let browser: Browser;
  let call: Awaited<ReturnType<typeof rpcClient>>;
  let cameraId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir();
    rtsp = await startRtspServer({
      mounts: [{ path: 'bf/main', width: 320, height: 180, fps: 25, bitrateKbps: 300, pattern: 'ball', bframes: 2 }],
    });
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'demo', 'cameras.json'), 'utf8')) as {
      cameras: { siteId: string; lat: number; lon: number }[];
    };
    const site = demo.cameras[0]!;
    const info = await personalityInfo('hikvision');
    const account = { username: 'ioc-bframes', password: 'b-frames-e2e' };
    camera = await startSimCamera({
      personality: 'hikvision',
      ...account,
      auth: 'digest',
      advertisedHost: '127.0.0.1',
      rtspUrl: rtsp.urlFor('bf/main'),
      videoEncodings: Object.fromEntries(info.profiles.map((p) => [p.token, 'H264' as const])),
      serialNumber: 'DT-BFRAMES',
      name: 'B-frames',
      ptz: false,
    });
    const manifest = join(dataDir, 'demo-fleet.json');
    writeManifest(manifest, [
      {
        id: 'bframes',
        name: 'B-frames',
        siteId: site.siteId,
        host: camera.host,
        port: camera.port,
        ...account,
        location: { lat: site.lat, lon: site.lon },
        headingDeg: 90,
        fovDeg: 60,
      },
    ]);
    core = await startCore({ dataDir, demoFleet: manifest });
    call = await rpcClient(core.url, 'technician');
    const online = await until(
      async () => (await call<Camera[]>('cameras.list', {})).find((c) => c.status === 'online'),
      'the camera onboarded and online',
      150_000,
    );
    cameraId = online.id;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await disposeWallFixture({ contexts, browser, core, simulators: [camera, rtsp], dataDir });
  }, 60_000);

  test.each([{ player: 'mse' }, { player: 'webcodecs' }])(
    'the tile plays the native stream with the $player player: playing, pictures advancing, no ffmpeg',
    { timeout: 180_000 },
    async ({ player }) => {
      const layout = await call<Layout>('layouts.save', {
        name: `B-frames ${player}`,
        cols: 1,
        rows: 1,
        tiles: [{ x: 0, y: 0, w: 1, h: 1, cameraId }],
      });
      await call('walls.assign', { displayId: 'screen-0', source: { kind: 'layout', layoutId: layout.id } });
      const { context, page } = await newPage(browser);
      contexts.push(context);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signIn(page, core.url, 'technician');
      await page.goto(`${core.url}/?player=${player}#/wall/screen-0`);
      await page.getByTestId('wall-window').waitFor();

      const streamLog = () =>
        core
          .output()
          .split('\n')
          .filter((line) => /rtsp|native|ffmpeg|stream/i.test(line))
          .slice(-30)
          .join('\n');
      await until(
        async () => (await page.getAttribute('[data-tile-index="0"]', 'data-state')) === 'playing',
        () => `the tile playing\n${streamLog()}`,
        60_000,
      );
      if (player === 'mse') {
        // Polled, not one 3 s sample: should the stream restart (a new attempt sends a new init segment) the
        // playhead starts again from 0, and the check starts again from there.
        let from = await until(async () => (await progress(page))[0], 'a video element', 10_000);
        await until(
          async () => {
            const now = (await progress(page))[0];
            if (!now) return false;
            if (now.time < from.time) from = now;
            // 25 fps: a second of playhead with over a second's worth of newly decoded pictures.
            return now.time > from.time + 1 && now.frames - from.frames > 25;
          },
          () => `the playhead moving on with new pictures\n${streamLog()}`,
          30_000,
        );
      } else {
        expect(await page.locator('[data-tile-index] video').count(), 'no <video>: WebCodecs draws').toBe(0);
        const before = await until(async () => (await pictures(page))[0], 'a canvas', 10_000);
        await page.waitForTimeout(2000);
        expect((await pictures(page))[0], 'the canvas draws new pictures').not.toBe(before);
      }
      expect(await page.getAttribute('[data-tile-index="0"]', 'data-state')).toBe('playing');
      expect(problems).toEqual([]);

      const stats = await call<LiveStreamStats[]>('streams.stats', {});
      const ours = stats.filter((s) => s.cameraId === cameraId);
      expect(ours.length).toBeGreaterThan(0);
      for (const stream of ours) {
        expect(stream.transcoded, 'B-frames are copied, never transcoded').toBe(false);
        // A full run under load once found this camera on ffmpeg: the sim's shared media rewinds the RTP clock at
        // every other viewer's PLAY, and the reader took the rewound key frame for reordering (rtp-clock.ts).
        expect(stream.ingest, `the native reader, not ${stream.fallbackReason}\n${streamLog()}`).toBe('native');
      }
      await context.close();
    },
  );
});
