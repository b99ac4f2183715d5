// Issue 5 §9: a citizen's photo posted through Open311 reaches the workstation by sync and shows in the case
// detail as a thumbnail that opens full size in the lightbox (Esc closes it), beside a mini-map of the place.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDate } from '../../src-shared/i18n/format';
import { signIn } from './app';
import { postReportWithMedia } from './citizen-journey-support';
import { resultsPath } from './harness';
import { syncedBrowserSuite } from './suite';

/** A real JPEG of a scene, drawn by ffmpeg. */
function photo(dir: string): Buffer {
  const file = join(dir, 'hien-truong.jpg');
  const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=800x600', '-frames:v', '1', file]);
  if (run.status !== 0) throw new Error(`ffmpeg could not draw the photo: ${run.stderr.toString()}`);
  return readFileSync(file);
}

describe('cases: a citizen’s photo in the case detail', () => {
  const suite = syncedBrowserSuite('ioc-e2e-media-');

  test('shows the thumbnail, opens the photo in the lightbox and closes it with Esc', { timeout: 90_000 }, async () => {
    const code = await postReportWithMedia(suite.central.url, 'Cột đèn nghiêng sắp đổ trước trường học', {
      bytes: photo(suite.dir),
      mime: 'image/jpeg',
      fileName: 'hien-truong.jpg',
    });
    await signIn(suite.page, suite.core.url, 'operator');
    await suite.page.getByTestId('nav-cases').click();
    const row = suite.page.getByTestId('case-row').filter({ hasText: code });
    await row.click();
    await suite.page.getByTestId('case-detail').waitFor();

    const thumb = suite.page.locator('[data-testid="media-thumb"][data-state="ready"]');
    await thumb.waitFor();
    expect(await suite.page.getByTestId('media-thumb').count()).toBe(1);
    expect(await thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await suite.page.getByTestId('case-mini-map').waitFor();
    await suite.page.screenshot({ path: resultsPath('case-media-detail.png') });

    await thumb.click();
    const lightbox = suite.page.getByTestId('media-lightbox');
    await lightbox.waitFor();
    const image = suite.page.getByTestId('media-lightbox-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(800);
    const caption = await suite.page.getByTestId('media-lightbox-caption').innerText();
    expect(caption).toContain('Ảnh');
    expect(caption).toContain(formatDate(new Date()));
    expect(caption).toContain('của người dân');
    await suite.page.screenshot({ path: resultsPath('case-media-lightbox.png') });

    await suite.page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });
    expect(await suite.page.getByTestId('case-detail').isVisible()).toBe(true);
  });
});
