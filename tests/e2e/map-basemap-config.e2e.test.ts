// Issue 6: production points the map at a configured PMTiles file (IOC_BASEMAP) or style URL (IOC_BASEMAP_STYLE);
// a style that cannot be loaded says so and the offline basemap is drawn instead.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { launchBrowser, newPage, resultsPath, startCore, type CoreProcess } from './harness';
import { countPixels, decodePng } from './png';

const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];
const LAND: [number, number, number] = [0x11, 0x1b, 0x25];
/** The background of the style the test's tile server hands out: nothing else is that colour. */
const STYLE_COLOUR: [number, number, number] = [0x6a, 0x20, 0x8c];

/** A city tile server on loopback: /good/style.json is a one-layer style, anything else fails. */
async function startStyleServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    if (req.url === '/good/style.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          version: 8,
          center: [105.68, 10.45],
          zoom: 9,
          sources: {},
          layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#6a208c' } }],
        }),
      );
    } else {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('tile server down');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function mapShot(browser: Browser, core: CoreProcess, name: string) {
  const { context, page } = await newPage(browser);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const requested: string[] = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  await signIn(page, core.url, 'operator');
  await page.getByTestId('nav-map').click();
  const map = page.locator('[data-testid="map"][data-state="ready"]');
  await map.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2500);
  const image = decodePng(await page.locator('.map-stage').screenshot({ path: resultsPath(name) }));
  return { context, page, map, image, problems, requested, total: image.width * image.height };
}

describe('map: configured basemap', () => {
  let browser: Browser;
  let styles: { url: string; server: Server };
  const cores: CoreProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-basemap-'));

  beforeAll(async () => {
    styles = await startStyleServer();
    browser = await launchBrowser(WEBGL_ARGS);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const core of cores) expect((await core.stop()).code).toBe(0);
    await new Promise((resolve) => styles?.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  test('draws a configured style URL', { timeout: 120_000 }, async () => {
    const core = await startCore({ env: { IOC_BASEMAP_STYLE: `${styles.url}/good/style.json` } });
    cores.push(core);
    const { context, page, image, problems, total } = await mapShot(browser, core, 'map-basemap-style.png');
    expect(countPixels(image, STYLE_COLOUR, 6) / total, 'the configured style drawn').toBeGreaterThan(0.5);
    expect(await page.getByTestId('map-style-error').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  test(
    'falls back to the offline basemap and says so when the style cannot be loaded',
    { timeout: 120_000 },
    async () => {
      const bad = `${styles.url}/down/style.json`;
      const core = await startCore({ env: { IOC_BASEMAP_STYLE: bad } });
      cores.push(core);
      const { context, page, image, total } = await mapShot(browser, core, 'map-basemap-style-fallback.png');
      const notice = await page.getByTestId('map-style-error').innerText();
      expect(notice).toContain('Không tải được kiểu bản đồ đã cấu hình');
      expect(notice).toContain(bad);
      expect(countPixels(image, LAND) / total, 'the offline land drawn').toBeGreaterThan(0.2);
      expect(countPixels(image, STYLE_COLOUR, 6)).toBe(0);
      await context.close();
    },
  );

  test('draws a configured PMTiles file, without the offline basemap’s labels', { timeout: 120_000 }, async () => {
    const file = join(dir, 'thanh-pho.pmtiles');
    copyFileSync(join(import.meta.dirname, '..', '..', 'resources', 'basemap', 'dongthap.pmtiles'), file);
    const core = await startCore({ env: { IOC_BASEMAP: file } });
    cores.push(core);
    const { context, map, image, problems, requested, total } = await mapShot(browser, core, 'map-basemap-file.png');
    expect(requested).toContain('/basemap/custom.pmtiles');
    expect(requested).not.toContain('/basemap/dongthap.pmtiles');
    expect(countPixels(image, LAND) / total, 'its land drawn').toBeGreaterThan(0.2);
    expect(await map.getAttribute('data-place-labels')).toBe('0');
    expect(problems).toEqual([]);
    await context.close();
  });
});
