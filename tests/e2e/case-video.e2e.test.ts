// Issue 5 §9: a citizen's video plays in the lightbox straight from the core with byte ranges (seeking works, no
// whole-file download into the page first), a video not downloaded while the central server is down says so, and
// "show on map" opens the Map page on the case, and the map's case layer draws the synced cases.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { signIn } from './app';
import { postReportWithMedia } from './citizen-journey-support';
import { resultsPath } from './harness';
import { syncedBrowserSuite } from './suite';

const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];

/** A real VP8 WebM with a keyframe every second, drawn by ffmpeg. */
function clip(dir: string, name: string, seconds: number): Buffer {
  const file = join(dir, name);
  const run = spawnSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=640x360:rate=15:duration=${seconds}`],
    ...['-c:v', 'libvpx', '-b:v', '400k', '-g', '15', '-deadline', 'realtime', file],
  ]);
  if (run.status !== 0) throw new Error(`ffmpeg could not make the clip: ${run.stderr.toString()}`);
  return readFileSync(file);
}

const webm = (bytes: Buffer) => ({ bytes, mime: 'video/webm', fileName: 'clip.webm' });

describe('cases: a citizen’s video and the case on the map', () => {
  const suite = syncedBrowserSuite('ioc-e2e-video-', { browserArgs: WEBGL_ARGS, defaultTimeoutMs: 30_000 });

  async function openCase(code: string): Promise<void> {
    await suite.page.getByTestId('nav-cases').click();
    await suite.page.getByTestId('case-row').filter({ hasText: code }).click();
    await suite.page.locator(`[data-testid="case-detail"]`).filter({ hasText: code }).waitFor();
  }

  test(
    'plays the video from ranges and seeks; an undownloaded one offline says why',
    { timeout: 150_000 },
    async () => {
      const code = await postReportWithMedia(
        suite.central.url,
        'Xe tải đổ trộm xà bần ven sông',
        webm(clip(suite.dir, 'a.webm', 8)),
      );
      const later = await postReportWithMedia(
        suite.central.url,
        'Ngập nước trước cổng trường',
        webm(clip(suite.dir, 'b.webm', 3)),
      );
      await signIn(suite.page, suite.core.url, 'operator');
      const media: Response[] = [];
      suite.page.on('response', (r) => {
        if (r.url().includes('/api/media/')) media.push(r);
      });

      await openCase(code);
      await suite.page.locator('[data-testid="media-thumb"][data-kind="video"][data-state="ready"]').click();
      const video = suite.page.getByTestId('media-lightbox-video');
      await video.waitFor();
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState >= 3 && v.duration > 7), { timeout: 30_000 })
        .toBe(true);
      const src = await video.evaluate((v: HTMLVideoElement) => v.currentSrc);
      expect(src).toMatch(/\/api\/media\/[0-9a-f]{64}\?ticket=[A-Za-z0-9_-]{43}$/);
      expect(src.startsWith(suite.core.url)).toBe(true);

      // Seek near the end: the browser asks for the bytes it needs and plays on from there.
      await video.evaluate(
        (v: HTMLVideoElement) =>
          new Promise<void>((resolve) => {
            v.addEventListener('seeked', () => resolve(), { once: true });
            v.currentTime = v.duration - 1.5;
          }),
      );
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(6);
      await suite.page.screenshot({ path: resultsPath('case-video-lightbox.png') });

      const played = media.filter((r) => r.url() === src);
      expect(played.length).toBeGreaterThan(0);
      const ranged = played.filter((r) => r.status() === 206);
      expect(
        ranged.length,
        played.map((r) => `${r.status()} ${r.request().headers().range}`).join('; '),
      ).toBeGreaterThan(0);
      expect(await ranged[0]!.headerValue('content-range')).toMatch(/^bytes \d+-\d+\/\d+$/);
      // The page never fetched the video whole into a blob: every GET of it went through the ticketed URL.
      const sha = /\/api\/media\/([0-9a-f]{64})/.exec(src)![1]!;
      expect(
        media.filter((r) => r.url().includes(sha) && !r.url().includes('?ticket=') && !r.url().endsWith('/ticket')),
      ).toEqual([]);

      await suite.page.keyboard.press('Escape');
      await suite.page.getByTestId('media-lightbox').waitFor({ state: 'detached' });

      // The second video's thumbnail is cached, the video itself is not; then the central server goes away.
      await openCase(later);
      await suite.page.locator('[data-testid="media-thumb"][data-kind="video"][data-state="ready"]').waitFor();
      await suite.central.stop();
      await suite.page.locator('[data-testid="media-thumb"][data-kind="video"]').click();
      const error = suite.page.getByTestId('media-lightbox-error');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.getAttribute('data-reason')).toBe('notDownloaded');
      expect(await error.innerText()).toContain('chưa được tải về');
      expect(await suite.page.getByTestId('media-lightbox-video').count()).toBe(0);
      await suite.page.getByTestId('media-lightbox-retry').waitFor();
      await suite.page.keyboard.press('Escape');
    },
  );

  test('“show on map” opens the Map page zoomed in on the case, marked', { timeout: 90_000 }, async () => {
    const detail = suite.page.getByTestId('case-detail');
    await detail.waitFor();
    const caseId = await detail.getAttribute('data-case-id');
    await suite.page.getByTestId('case-show-on-map').click();
    const map = suite.page.locator('[data-testid="map"][data-state="ready"]');
    await map.waitFor({ timeout: 60_000 });
    expect(await map.getAttribute('data-focus')).toBe('10.4603,105.6329');
    await expect.poll(async () => Number(await map.getAttribute('data-zoom')), { timeout: 20_000 }).toBeGreaterThan(15);
    const card = suite.page.getByTestId('map-case-card');
    expect(await card.getAttribute('data-case-id')).toBe(caseId);
    await suite.page.screenshot({ path: resultsPath('case-on-map.png') });

    await suite.page.getByTestId('map-case-open').click();
    await suite.page.locator(`[data-testid="case-detail"][data-case-id="${caseId}"]`).waitFor();
  });

  test(
    'the case layer draws the synced cases, with a legend, a time window and a toggle',
    { timeout: 90_000 },
    async () => {
      await suite.page.getByTestId('nav-map').click();
      const map = suite.page.locator('[data-testid="map"][data-state="ready"]');
      await map.waitFor({ timeout: 60_000 });
      const casePoints = async () => Number(await map.getAttribute('data-case-points'));
      await expect.poll(casePoints, { timeout: 20_000 }).toBeGreaterThan(0);
      const all = await casePoints();
      expect(await suite.page.getByTestId('legend-cases').innerText()).toContain('Quá hạn xử lý');
      // Every case here came in minutes ago: the last day holds them all.
      await suite.page.getByTestId('map-time-window').selectOption('24h');
      expect(await casePoints()).toBe(all);
      await suite.page.getByTestId('map-layer-cases').uncheck();
      await expect.poll(casePoints).toBe(0);
      expect(await suite.page.getByTestId('legend-cases').count()).toBe(0);
      await suite.page.getByTestId('map-layer-cases').check();
      await expect.poll(casePoints).toBe(all);
    },
  );
});
