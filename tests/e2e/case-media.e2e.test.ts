// Issue 5 §9: a citizen's photo posted through Open311 reaches the workstation by sync and shows in the case
// detail as a thumbnail that opens full size in the lightbox (Esc closes it), beside a mini-map of the place.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDate } from '../../src-shared/i18n/format';
import { signIn } from './app';
import { API_KEY, type Central, ENROL_SECRET, startCentral } from './citizen-journey-support';
import { launchBrowser, newPage, resultsPath, startCore, type CoreProcess } from './harness';

/** A real JPEG of a scene, drawn by ffmpeg. */
function photo(dir: string): Buffer {
  const file = join(dir, 'hien-truong.jpg');
  const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=800x600', '-frames:v', '1', file]);
  if (run.status !== 0) throw new Error(`ffmpeg could not draw the photo: ${run.stderr.toString()}`);
  return readFileSync(file);
}

async function postReportWithPhoto(serverUrl: string, description: string, jpeg: Buffer): Promise<string> {
  const form = new FormData();
  const fields = {
    api_key: API_KEY,
    service_code: 'lighting',
    lat: '10.4603',
    long: '105.6329',
    address_string: 'Đường Nguyễn Huệ, phường Cao Lãnh',
    'attribute[tinh_trang]': 'khong_sang',
    description,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('media', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'hien-truong.jpg');
  const res = await fetch(`${serverUrl}/open311/v2/requests.json`, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  const [created] = (await res.json()) as { service_request_id: string }[];
  return created!.service_request_id;
}

describe('cases: a citizen’s photo in the case detail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-media-'));
  let central: Central;
  let core: CoreProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    central = await startCentral(join(dir, 'central.sqlite'), 0);
    core = await startCore({ server: central.url, env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET } });
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const exit = await core?.stop();
    await central?.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  test('shows the thumbnail, opens the photo in the lightbox and closes it with Esc', { timeout: 90_000 }, async () => {
    const code = await postReportWithPhoto(central.url, 'Cột đèn nghiêng sắp đổ trước trường học', photo(dir));
    await signIn(page, core.url, 'operator');
    await page.getByTestId('nav-cases').click();
    const row = page.getByTestId('case-row').filter({ hasText: code });
    await row.click();
    await page.getByTestId('case-detail').waitFor();

    const thumb = page.locator('[data-testid="media-thumb"][data-state="ready"]');
    await thumb.waitFor();
    expect(await page.getByTestId('media-thumb').count()).toBe(1);
    expect(await thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('case-mini-map').waitFor();
    await page.screenshot({ path: resultsPath('case-media-detail.png') });

    await thumb.click();
    const lightbox = page.getByTestId('media-lightbox');
    await lightbox.waitFor();
    const image = page.getByTestId('media-lightbox-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(800);
    const caption = await page.getByTestId('media-lightbox-caption').innerText();
    expect(caption).toContain('Ảnh');
    expect(caption).toContain(formatDate(new Date()));
    expect(caption).toContain('của người dân');
    await page.screenshot({ path: resultsPath('case-media-lightbox.png') });

    await page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });
    expect(await page.getByTestId('case-detail').isVisible()).toBe(true);
  });
});
