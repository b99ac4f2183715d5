// Trusting an rtsps camera's certificate from the camera list, in the browser. A real rtsps camera: a simulated
// ONVIF device whose streams are a GStreamer feed behind a TLS front presenting a throwaway self-signed certificate
// (tests/streams-rtsp/tls-fakes.ts). A wall window shows the camera, so the core tries it, is refused (nothing is
// sent to an untrusted certificate) and records what it presented; the header's notice and the list's badge say so.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import type { Layout } from '../../src-shared/contract/layouts';
import type { LiveStreamStats } from '../../src-shared/contract/streams';
import { personalityInfo, startSimCamera, type SimCamera } from '../../sim/onvif';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { makeCertificate, startTlsFront, type TestCertificate, type TlsFront } from '../streams-rtsp/tls-fakes';
import { signIn } from './app';
import { launchBrowser, makeDataDir, newPage, startCore, type CoreProcess } from './harness';
import { FLEET_SUPPORT, disposeWallFixture, rpcClient, until } from './wall-fleet';

const MOUNT = 'secure/sub';

describe.runIf(FLEET_SUPPORT.gstreamer && FLEET_SUPPORT.h264)('trusting a camera’s certificate from the list', () => {
  let dataDir: string;
  let rtsp: RtspServer;
  let certificate: TestCertificate;
  let front: TlsFront;
  let secure: SimCamera;
  let plain: SimCamera;
  let core: CoreProcess;
  let browser: Browser;
  let call: Awaited<ReturnType<typeof rpcClient>>;
  let secureId: string;
  const contexts: BrowserContext[] = [];

  const streamStates = async (): Promise<string[]> =>
    (await call<LiveStreamStats[]>('streams.stats', {})).filter((s) => s.cameraId === secureId).map((s) => s.state);

  const fresh = async (): Promise<Page> => {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    context.setDefaultTimeout(30_000);
    return page;
  };

  /** Tab (forwards) until the focused element has `testId`; fails after `max` presses. */
  const tabTo = async (page: Page, testId: string, max = 80): Promise<void> => {
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    for (let i = 0; i < max; i++) {
      if ((await focused()) === testId) return;
      await page.keyboard.press('Tab');
    }
    expect(await focused(), `Tab reaches ${testId}`).toBe(testId);
  };

  beforeAll(async () => {
    dataDir = makeDataDir();
    rtsp = await startRtspServer({ mounts: [{ path: MOUNT, width: 320, height: 180, fps: 10, bitrateKbps: 200 }] });
    certificate = makeCertificate('ioc-e2e-rtsps-camera');
    front = await startTlsFront(rtsp.urlFor(MOUNT), certificate);
    const info = await personalityInfo('hikvision');
    const h264 = Object.fromEntries(info.profiles.map((p) => [p.token, 'H264' as const]));
    const account = { username: 'ioc-rtsps', password: 'chứng-chỉ-e2e' };
    secure = await startSimCamera({
      personality: 'hikvision',
      ...account,
      auth: 'digest',
      advertisedHost: '127.0.0.1',
      rtspUrl: front.urlFor(MOUNT),
      videoEncodings: h264,
      serialNumber: 'DT-RTSPS',
      ptz: false,
    });
    // A second camera, plain rtsp, never shown anywhere: its certificate waits for nobody.
    plain = await startSimCamera({
      personality: 'hikvision',
      ...account,
      auth: 'digest',
      advertisedHost: '127.0.0.1',
      rtspUrl: rtsp.urlFor(MOUNT),
      videoEncodings: h264,
      serialNumber: 'DT-PLAIN',
      ptz: false,
    });
    core = await startCore({ dataDir });
    call = await rpcClient(core.url, 'technician');
    const add = (camera: SimCamera, name: string) =>
      call<Camera>('cameras.add', { host: camera.host, port: camera.port, ...account, name, siteId: 'cao-lanh' });
    secureId = (await add(secure, 'Cổng rtsps')).id;
    await add(plain, 'Bến phà rtsp');

    // The wall shows the rtsps camera: the core tries it and is refused before sending anything.
    const layout = await call<Layout>('layouts.save', {
      name: 'rtsps',
      cols: 1,
      rows: 1,
      tiles: [{ x: 0, y: 0, w: 1, h: 1, cameraId: secureId }],
    });
    await call('walls.assign', { displayId: 'screen-0', source: { kind: 'layout', layoutId: layout.id } });
    browser = await launchBrowser();
    const wall = await fresh();
    await signIn(wall, core.url, 'technician');
    await wall.goto(`${core.url}/#/wall/screen-0`);
    await wall.getByTestId('wall-window').waitFor();
    await until(
      async () => (await streamStates()).includes('cert_untrusted'),
      () => `the stream in cert_untrusted (now ${front.connections()} TLS connections)`,
      60_000,
    );
    expect(front.received(), 'nothing sent to an untrusted certificate').toBe('');
  }, 240_000);

  afterAll(async () => {
    await disposeWallFixture({
      contexts,
      browser,
      core,
      simulators: [secure, plain, front && { dispose: () => front.close() }, rtsp],
      dataDir,
    });
    certificate?.remove();
  }, 60_000);

  test(
    'an operator (no cameras.manage) sees the notice and the badge, but no button',
    { timeout: 90_000 },
    async () => {
      const page = await fresh();
      await signIn(page, core.url, 'operator');
      const notice = page.getByTestId('certificate-notice');
      await expect.poll(() => notice.getAttribute('data-count')).toBe('1');
      await notice.click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/cameras?certificates=awaiting');
      const badge = page.getByTestId('camera-certificate-badge');
      await badge.waitFor();
      expect(await badge.evaluate((el) => el.tagName)).toBe('SPAN');
      expect(await page.locator('button[data-testid="camera-certificate-badge"]').count()).toBe(0);
      await badge.click();
      expect(await page.getByTestId('camera-certificate-dialog').count()).toBe(0);
    },
  );

  test(
    'a technician follows the notice to the filtered list and trusts the certificate from the badge, by keyboard',
    { timeout: 120_000 },
    async () => {
      const page = await fresh();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signIn(page, core.url, 'technician');
      const notice = page.getByTestId('certificate-notice');
      await expect.poll(() => notice.getAttribute('data-count')).toBe('1');

      // The notice brings the technician to the camera list showing only the cameras waiting, with a chip.
      await notice.click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/cameras?certificates=awaiting');
      await page.getByTestId('cameras-filter-certificates').waitFor();
      await expect.poll(() => page.getByTestId('camera-row').count()).toBe(1);
      expect(await page.getByTestId('cameras-count').textContent()).toMatch(/^1 \/ 2 /);
      const badge = page.getByTestId('camera-certificate-badge');
      expect(await badge.evaluate((el) => el.tagName)).toBe('BUTTON');

      // Keyboard only: Tab to the badge, Enter opens the dialog with the fingerprint openssl gives for the
      // camera's certificate; Tab to "trust", Enter trusts it.
      await page.locator('body').focus();
      await tabTo(page, 'camera-certificate-badge');
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('camera-certificate-dialog');
      await dialog.waitFor();
      const seen = dialog.getByTestId('camera-certificate-seen');
      await seen.waitFor();
      expect((await seen.textContent())?.trim()).toBe(certificate.sha256);
      await tabTo(page, 'camera-certificate-trust', 10);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.getByTestId('camera-certificate').getAttribute('data-state')).toBe('trusted');
      expect(
        (await dialog.getByTestId('camera-certificate-pinned').textContent())?.startsWith(certificate.sha256),
      ).toBe(true);

      // The header's notice goes, the list's badge goes; Escape closes the dialog.
      await expect.poll(() => page.getByTestId('certificate-notice').count()).toBe(0);
      await expect.poll(() => page.getByTestId('camera-certificate-badge').count()).toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);

      // The stream leaves cert_untrusted and plays, over TLS, with the camera's credentials now sent.
      await until(
        async () => {
          const states = await streamStates();
          return states.length > 0 && states.every((s) => s === 'playing');
        },
        'the stream playing after the certificate was trusted',
        60_000,
      );
      expect(front.received()).toMatch(/^OPTIONS rtsps:\/\//);

      // Nothing waits any more: the filtered list is empty; the chip's × shows every camera again.
      await page.getByTestId('cameras-nomatch').waitFor();
      await page.getByTestId('cameras-filter-certificates-clear').click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/cameras');
      await expect.poll(() => page.getByTestId('camera-row').count()).toBe(2);
      expect(await page.getByTestId('cameras-filter-certificates').count()).toBe(0);
      expect(problems).toEqual([]);
    },
  );
});
