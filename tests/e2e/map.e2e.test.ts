import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { launchBrowser, newPage, resultsPath, startCore, type CoreProcess } from './harness';
import { countPixels, decodePng } from './png';

// WebGL has no GPU here: SwiftShader draws it, as DESIGN.md §8 says.
const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];
const WATER: [number, number, number] = [0x14, 0x3a, 0x56];
const LAND: [number, number, number] = [0x11, 0x1b, 0x25];

describe('map: offline basemap with Vietnamese labels', () => {
  let core: CoreProcess;
  let browser: Browser;

  beforeAll(async () => {
    core = await startCore();
    browser = await launchBrowser(WEBGL_ARGS);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    const exit = await core?.stop();
    expect(exit?.code).toBe(0);
  }, 30_000);

  test('renders rivers, land and place names with no network but the core', { timeout: 90_000 }, async () => {
    const { context, page } = await newPage(browser);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(core.url) && !req.url().startsWith('data:') && !req.url().startsWith('blob:'))
        outside.push(req.url());
    });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page, core.url, 'operator');
    await page.getByTestId('nav-map').click();
    const map = page.locator('[data-testid="map"][data-state="ready"]');
    await map.waitFor({ timeout: 60_000 });
    expect(Number(await map.getAttribute('data-place-labels'))).toBeGreaterThan(25);
    // Let tiles and the label atlas settle, then look at the pixels.
    await page.waitForTimeout(2500);
    const shot = await page.locator('.map-stage').screenshot({ path: resultsPath('map-basemap.png') });
    const image = decodePng(shot);
    const total = image.width * image.height;
    expect(countPixels(image, WATER) / total, 'river area drawn').toBeGreaterThan(0.02);
    expect(countPixels(image, LAND) / total, 'land drawn').toBeGreaterThan(0.2);
    expect(countPixels(image, [235, 241, 247], 20), 'city labels drawn').toBeGreaterThan(40);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('search finds a place without diacritics and the layer toggles respond', { timeout: 90_000 }, async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, core.url, 'director');
    await page.getByTestId('nav-map').click();
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('map-search').fill('sa dec');
    const hits = page.getByTestId('map-search-hits');
    expect(await hits.innerText()).toContain('Sa Đéc');
    await page.getByTestId('map-search').press('Enter');
    await page.waitForTimeout(2500);
    const labelPixels = async () =>
      countPixels(decodePng(await page.locator('.map-canvas').screenshot()), [235, 241, 247], 20);
    const withLabels = await labelPixels();
    expect(withLabels, 'Sa Đéc is labelled where the map flew to').toBeGreaterThan(40);
    await page.getByTestId('map-layer-places').uncheck();
    await page.waitForTimeout(800);
    expect(await labelPixels(), 'labels gone once the layer is hidden').toBeLessThan(withLabels / 4);
    await context.close();
  });

  test(
    'alerts and assets are offered only to roles that may read alerts, cases to those that read cases',
    { timeout: 90_000 },
    async () => {
      for (const [user, shown, casesShown] of [
        ['police', false, true],
        ['technician', true, false],
      ] as const) {
        const { context, page } = await newPage(browser);
        await signIn(page, core.url, user);
        await page.getByTestId('nav-map').click();
        await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
        await page.getByTestId('map-layer-cameras').waitFor();
        expect(await page.getByTestId('alerts-panel').count(), user).toBe(shown ? 1 : 0);
        expect(await page.getByTestId('map-layer-alerts').count(), user).toBe(shown ? 1 : 0);
        expect(await page.getByTestId('map-layer-assets').count(), user).toBe(shown ? 1 : 0);
        expect(await page.getByTestId('map-layer-cases').count(), user).toBe(casesShown ? 1 : 0);
        expect(await page.getByTestId('map-layer-heat').count(), user).toBe(casesShown ? 1 : 0);
        await context.close();
      }
    },
  );
});
