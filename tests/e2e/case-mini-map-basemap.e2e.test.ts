// Issue 6: the case detail's mini-map draws the basemap production configured (here a PMTiles file, IOC_BASEMAP),
// the same as the Map page, not the offline one.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { type Central, ENROL_SECRET, postReport, startCentral } from './citizen-journey-support';
import { launchBrowser, newPage, REPO_ROOT, resultsPath, startCore, type CoreProcess } from './harness';

const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];
/** The attribution in the copied file's own metadata; the offline basemap's caption words it differently. */
const FILE_ATTRIBUTION = 'GSHHG (LGPL-3.0, Wessel & Smith) | Natural Earth (public domain) | GeoNames (CC BY 4.0)';

describe('cases: the mini-map on a configured basemap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-minimap-'));
  let central: Central;
  let core: CoreProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    const file = join(dir, 'thanh-pho.pmtiles');
    copyFileSync(join(REPO_ROOT, 'resources', 'basemap', 'dongthap.pmtiles'), file);
    central = await startCentral(join(dir, 'central.sqlite'), 0);
    core = await startCore({
      server: central.url,
      env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET, IOC_BASEMAP: file },
    });
    browser = await launchBrowser(WEBGL_ARGS);
    ({ context, page } = await newPage(browser));
    context.setDefaultTimeout(30_000);
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const exit = await core?.stop();
    await central?.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  test('draws the configured PMTiles file, credited with its attribution', { timeout: 120_000 }, async () => {
    const code = await postReport(central.url, 'Nước ngập qua nửa bánh xe trước chợ');
    await signIn(page, core.url, 'operator');
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-row').filter({ hasText: code }).click();
    await page.locator('[data-testid="mini-map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('case-mini-map').screenshot({ path: resultsPath('case-mini-map-configured.png') });
    expect(requested).toContain('/basemap/custom.pmtiles');
    expect(requested).not.toContain('/basemap/dongthap.pmtiles');
    expect(await page.locator('.mini-map__credit').innerText()).toBe(FILE_ATTRIBUTION);
  });
});
