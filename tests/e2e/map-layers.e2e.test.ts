// Issue 6, "done when": the map renders the offline basemap with Vietnamese labels and all its layers at once —
// utility assets with their readings, citizens' cases, the heat map of reports, an alert — in Chromium, with no
// network but the core; and its search finds a case by tracking code and an asset by register code (§1).
// (Cameras, their cones and the camera card are drawn in map-camera.e2e.test.ts with the simulated fleet.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessPoint, floodMonitoring, PLACES, streetlight, wasteContainer, waterQuality } from '../../sim/sensors';
import { type MapScene, startMapScene } from './map-fixture';
import { resultsPath } from './harness';
import { countPixels, type Rgba8Image } from './png';

const GAUGE: [number, number, number] = [40, 200, 220];
const BIN: [number, number, number] = [150, 190, 80];
const WIFI: [number, number, number] = [190, 140, 255];
const MAJOR: [number, number, number] = [255, 145, 48];
const NEW_CASE: [number, number, number] = [59, 130, 246];
const CITY_LABEL: [number, number, number] = [235, 241, 247];
/** Reports close together north-west of the centre, away from the devices: one hot patch of the heat map. */
const REPORTS = 6;
const reportAt = (i: number) => ({
  lat: (10.4665 + (i % 3) * 0.0004).toFixed(4),
  long: (105.6235 + Math.floor(i / 3) * 0.0004).toFixed(4),
});

/** Warm heat-map pixels: red at full, green falling from yellow to red, little blue (heatCells.heatColor over land). */
function heatPixels(image: Rgba8Image): number {
  let n = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (r >= 150 && b <= 80 && g >= 20 && g <= 175 && r - g >= 60 && !(Math.abs(g - MAJOR[1]) < 25 && r > 240)) n++;
  }
  return n;
}

describe('map: every layer at once, and search by code', () => {
  let scene: MapScene;
  let page: Page;

  beforeAll(async () => {
    const now = new Date();
    scene = await startMapScene({
      // Five devices; only the lamp is faulty (one major alert); the gauge is below its alert level.
      readings: [
        floodMonitoring('e2e-layers-gauge', PLACES.gauge, 1.2, now),
        wasteContainer('e2e-layers-bin', PLACES.bin, 0.4, now),
        streetlight('e2e-layers-lamp', PLACES.lamp, 'defectiveLamp', now),
        waterQuality('e2e-layers-water', PLACES.water, 7.2, 0.5, now),
        accessPoint('e2e-layers-wifi', PLACES.wifi, true, now),
      ],
      reports: Array.from({ length: REPORTS }, (_, i) => ({
        description: `Cống bị tắc, nước tràn lên đường số ${i + 1}`,
        ...reportAt(i),
      })),
    });
    page = scene.page;
  }, 180_000);

  afterAll(() => scene?.stop(), 60_000);

  const map = () => scene.map();
  const canvasShot = (file?: string) => scene.canvasShot(file);

  test(
    'draws places in Vietnamese, assets, cases, the heat map and an alert together, offline',
    { timeout: 120_000 },
    async () => {
      await expect.poll(() => map().getAttribute('data-asset-points'), { timeout: 30_000 }).toBe('5');
      await expect.poll(() => map().getAttribute('data-alert-points'), { timeout: 30_000 }).toBe('1');
      await expect.poll(() => map().getAttribute('data-case-points'), { timeout: 30_000 }).toBe(String(REPORTS));
      await page.getByTestId('map-layer-heat').check();
      await page.getByTestId('map-search').fill('cao lanh');
      await page.getByTestId('map-search').press('Enter');
      await expect.poll(async () => Number(await map().getAttribute('data-zoom')), { timeout: 15_000 }).toBe(13);
      await page.waitForTimeout(2500);
      const all = await canvasShot('map-all-layers.png');
      await page.locator('.map-page').screenshot({ path: resultsPath('map-all-layers-page.png') });

      expect(countPixels(all, CITY_LABEL, 20), 'Cao Lãnh labelled').toBeGreaterThan(40);
      // (The flood gauge sits under the city's name at this zoom: it is looked at close in, below.)
      expect(countPixels(all, BIN, 25), 'the waste container drawn').toBeGreaterThan(8);
      expect(countPixels(all, WIFI, 25), 'the Wi-Fi access point drawn').toBeGreaterThan(8);
      expect(countPixels(all, MAJOR, 30), 'the lamp’s alert drawn').toBeGreaterThan(20);
      expect(countPixels(all, NEW_CASE, 30), 'the cases drawn').toBeGreaterThan(20);
      const heatOn = heatPixels(all);
      expect(heatOn, 'the heat map drawn under the reports').toBeGreaterThan(100);

      // Each overlay is its own layer: off, its pixels go, the others stay.
      await page.getByTestId('map-layer-heat').uncheck();
      await page.getByTestId('map-layer-assets').uncheck();
      await page.waitForTimeout(1500);
      const without = await canvasShot();
      expect(heatPixels(without), 'no heat map once hidden').toBeLessThan(heatOn / 5);
      expect(countPixels(without, BIN, 25), 'no assets once hidden').toBeLessThan(3);
      expect(countPixels(without, NEW_CASE, 30), 'the cases still drawn').toBeGreaterThan(20);
      await page.getByTestId('map-layer-assets').check();

      // The labels' font is the bundled one, loaded from the core, and it has the Vietnamese letters.
      const font = await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('500 16px "Be Vietnam Pro"', 'Đồng Tháp Hồng Ngự Ấp Mỹ Phú');
      });
      expect(font).toBe(true);
      expect(scene.outside).toEqual([]);
      expect(scene.problems).toEqual([]);
    },
  );

  test('search finds a case by its tracking code and opens it there', { timeout: 60_000 }, async () => {
    const { code: caseCode, ...caseAt } = scene.newestCase;
    await page.getByTestId('map-search').fill(caseCode.toLowerCase());
    const hit = page.locator('[data-testid="map-search-hits"] button[data-kind="case"]');
    await hit.waitFor();
    expect(await hit.innerText()).toBe(caseCode);
    await page.getByTestId('map-search').press('Enter');
    // The focus travels in the hash with six decimals.
    const six = (n: number) => Number(n.toFixed(6));
    await expect.poll(() => map().getAttribute('data-focus')).toBe(`${six(caseAt.lat)},${six(caseAt.long)}`);
    expect(await page.getByTestId('map-case-card').innerText()).toContain(caseCode);
    await expect.poll(async () => Number(await map().getAttribute('data-zoom')), { timeout: 15_000 }).toBe(16);
  });

  test('search finds an asset by its register code or its name without diacritics', { timeout: 60_000 }, async () => {
    await page.locator('button[title="Về toàn địa bàn"]').click();
    await expect.poll(async () => Number(await map().getAttribute('data-zoom')), { timeout: 15_000 }).toBeLessThan(12);
    await page.getByTestId('map-search').fill('thung rac cho');
    const hit = page.locator('[data-testid="map-search-hits"] button[data-kind="asset"]');
    await hit.waitFor();
    expect(await hit.innerText()).toBe('Thùng rác chợ Cao Lãnh · e2e-layers-bin');
    await page.getByTestId('map-search').fill('E2E-LAYERS-BIN');
    await hit.waitFor();
    await page.getByTestId('map-search').press('Enter');
    await expect.poll(async () => Number(await map().getAttribute('data-zoom')), { timeout: 15_000 }).toBe(16);
    await page.waitForTimeout(1500);
    // Close in, the container's fill is written beside it ("40 %") and it fills the middle of the map.
    const shot = await canvasShot('map-search-asset.png');
    expect(countPixels(shot, BIN, 25), 'the container at the centre').toBeGreaterThan(8);
    await page.getByTestId('map-search').fill('tram do muc nuoc nguyen hue');
    await hit.waitFor();
    await page.getByTestId('map-search').press('Enter');
    await page.waitForTimeout(2000);
    expect(countPixels(await canvasShot('map-search-gauge.png'), GAUGE, 25), 'the gauge close in').toBeGreaterThan(8);
  });
});
