// A case video's ticket lapses when left unused (5 min) or too old (1 h): the lightbox fetches a new one silently,
// once per failure, and plays on where it was, paused or playing. The core here runs with a short idle time
// (IOC_MEDIA_TICKET_IDLE_MS) so the ticket really expires within the test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { type Central, ENROL_SECRET, postReportWithMedia, startCentral } from './citizen-journey-support';
import { type CoreProcess, launchBrowser, makeDataDir, newPage, resultsPath, startCore } from './harness';

const IDLE_MS = 2_500;
const SECONDS = 40;

/**
 * A real VP8 WebM of noise (it does not compress: ~14 MB), so the browser holds only part of it and a seek far
 * ahead must ask the core for more bytes with the ticket it has.
 */
function bigClip(dir: string): Buffer {
  const file = join(dir, 'noise.webm');
  const run = spawnSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=320x180:rate=15:duration=${SECONDS}`],
    ...['-vf', 'noise=alls=100:allf=t+u', '-c:v', 'libvpx', '-b:v', '3M', '-minrate', '3M', '-maxrate', '3M'],
    ...['-g', '15', '-deadline', 'realtime', '-cpu-used', '8', file],
  ]);
  if (run.status !== 0) throw new Error(`ffmpeg could not make the clip: ${run.stderr.toString()}`);
  return readFileSync(file);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface VideoState {
  src: string;
  at: number;
  paused: boolean;
  ready: number;
  error: number | null;
}

const videoState = (video: Locator): Promise<VideoState> =>
  video.evaluate((v: HTMLVideoElement) => ({
    src: v.currentSrc,
    at: v.currentTime,
    paused: v.paused,
    ready: v.readyState,
    error: v.error?.code ?? null,
  }));

/** Seeks without waiting for `seeked`: the element the seek starts on may be replaced by a renewed one. */
const seekTo = (video: Locator, at: number) =>
  video.evaluate((v: HTMLVideoElement, to: number) => {
    v.currentTime = to;
  }, at);

describe('cases: a video whose ticket expired plays on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-renew-'));
  const dataDir = makeDataDir();
  let central: Central;
  let core: CoreProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    central = await startCentral(join(dir, 'central.sqlite'), 0);
    core = await startCore({
      server: central.url,
      dataDir,
      env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET, IOC_MEDIA_TICKET_IDLE_MS: String(IDLE_MS) },
    });
    browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
    ({ context, page } = await newPage(browser));
    context.setDefaultTimeout(30_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const exit = await core?.stop();
    await central?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  /** Waits until the ticket behind `src` is refused by the core: unused past its idle time. */
  async function waitExpired(src: string): Promise<void> {
    await sleep(IDLE_MS + 500);
    const probe = await fetch(src, { method: 'HEAD' });
    expect(probe.status, 'the old ticket should have expired').toBe(401);
  }

  test(
    'renews silently where playback was, paused or playing; a fresh ticket that fails too shows the error',
    { timeout: 360_000 },
    async () => {
      const code = await postReportWithMedia(central.url, 'Camera ghi lại xe chở quá tải qua cầu', {
        bytes: bigClip(dir),
        mime: 'video/webm',
        fileName: 'noise.webm',
      });
      await signIn(page, core.url, 'operator');
      const tickets: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/ticket')) tickets.push(r.url());
      });
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('case-row').filter({ hasText: code }).click();
      await page.locator('[data-testid="case-detail"]').filter({ hasText: code }).waitFor();
      await page.locator('[data-testid="media-thumb"][data-kind="video"][data-state="ready"]').click();
      const video = page.getByTestId('media-lightbox-video');
      await video.waitFor();
      await expect
        .poll(async () => {
          const s = await videoState(video);
          return !s.paused && s.at > 0.5;
        })
        .toBe(true);
      await video.evaluate((v: HTMLVideoElement) => v.pause());
      const first = await videoState(video);
      expect(tickets).toHaveLength(1);
      // From here on, any "preparing" screen (the first ticket's) would be a flash the renewal should not make.
      await page.evaluate(() => {
        const seen = { preparing: 0 };
        (window as unknown as { __renew: typeof seen }).__renew = seen;
        new MutationObserver(() => {
          if (document.querySelector('[data-state="preparing"]')) seen.preparing++;
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      const preparingSeen = () =>
        page.evaluate(() => (window as unknown as { __renew: { preparing: number } }).__renew.preparing);

      // Paused past the idle time, then sought far ahead: new ticket, same place, still paused.
      await waitExpired(first.src);
      await seekTo(video, 30);
      await expect.poll(async () => (await videoState(video)).src).not.toBe(first.src);
      await expect
        .poll(async () => {
          const s = await videoState(video);
          return s.ready >= 2 && Math.abs(s.at - 30) < 0.5;
        })
        .toBe(true);
      const second = await videoState(video);
      expect(second.paused).toBe(true);
      expect(second.error).toBeNull();
      expect(tickets).toHaveLength(2);
      expect(await page.getByTestId('media-lightbox-error').count()).toBe(0);
      expect(await preparingSeen()).toBe(0);

      // Playing when the expired ticket is refused (a seek back to bytes this element never had): plays on there.
      await video.evaluate((v: HTMLVideoElement) => v.play());
      await expect.poll(async () => (await videoState(video)).paused).toBe(false);
      await waitExpired(second.src);
      await seekTo(video, 5);
      await expect.poll(async () => (await videoState(video)).src).not.toBe(second.src);
      await expect
        .poll(
          async () => {
            const s = await videoState(video);
            return !s.paused && s.at > 6.5 && s.at < 20;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      expect(tickets).toHaveLength(3);
      expect(await preparingSeen()).toBe(0);
      await page.screenshot({ path: resultsPath('case-video-renewed.png') });

      // The file goes from the core's cache behind its back: the renewed ticket fails too, once, and says so.
      const third = await videoState(video);
      await video.evaluate((v: HTMLVideoElement) => v.pause());
      const sha = /\/api\/media\/([0-9a-f]{64})/.exec(third.src)![1]!;
      rmSync(join(dataDir, 'media-cache', sha.slice(0, 2), sha));
      await waitExpired(third.src);
      await seekTo(video, 35);
      const error = page.getByTestId('media-lightbox-error');
      await error.waitFor();
      await page.getByTestId('media-lightbox-retry').waitFor();
      // The core cannot read the file: the fresh element fails at its first request — Chromium reports that as a
      // refused source or as a network error depending on how far the element had got (both seen here).
      expect(['videoRefused', 'videoNetwork']).toContain(await error.getAttribute('data-reason'));
      expect(tickets).toHaveLength(4);
      // And it stays there: no second renewal of the same failure.
      await sleep(IDLE_MS);
      expect(tickets).toHaveLength(4);
      expect(await error.isVisible()).toBe(true);
      expect(await preparingSeen()).toBe(0);
      await page.screenshot({ path: resultsPath('case-video-renew-failed.png') });
    },
  );
});
