// What the map e2e files that need live data share: a central server fed with sensor readings and citizens'
// reports, a workstation core synced with it, and Chromium signed in on the map once the map is ready.
import type { Browser, Locator, Page } from 'playwright-core';
import { createPublisher, type Entity } from '../../sim/sensors';
import { startLinkedCore, WEBGL_ARGS } from '../alerts/browser-session';
import { type AlertsServer, INGEST_KEY, startAlertsServer } from '../alerts/harness';
import { TEST_PASSWORD, type TestCore } from '../integration/core-harness';
import { signIn } from './app';
import { API_KEY, postReport, type Report } from './citizen-journey-support';
import { launchBrowser, newPage, resultsPath } from './harness';
import { decodePng, type Rgba8Image } from './png';
import { until } from './wall-fleet';

export interface MapSceneOptions {
  /** NGSI-LD readings published to the server before the core starts. */
  readings: readonly Entity[];
  /** Citizens' reports, posted in this order (the last one is the newest case). */
  reports: readonly Report[];
  /** Page query the map is opened with, e.g. `?mapCaseCap=3`. */
  query?: string;
  /** Count the frames the map's canvases draw (FRAME_PROBE), read with `mapFrames(page)`. */
  countFrames?: boolean;
}

/** What the map's canvases drew since the page loaded: tasks that drew on each WebGL canvas, and rAF callbacks. */
export interface MapFrames {
  /** Tasks (animation frames) with at least one draw or clear on deck.gl's canvas. */
  deck: number;
  /** The same on MapLibre's canvas. */
  maplibre: number;
  /** Animation-frame callbacks run, whoever asked for them. */
  raf: number;
}

/**
 * Injected before the app loads: counts the tasks that draw on each WebGL canvas (a draw or clear call marks its
 * canvas once until the task ends) and the requestAnimationFrame callbacks run. No timer or animation frame of
 * its own, so it draws and wakes nothing. A string: tsx would wrap a function's helpers in its own __name.
 */
export const FRAME_PROBE = `(() => {
  const counts = { deck: 0, maplibre: 0, other: 0, raf: 0 };
  const marked = new Set();
  const kind = (canvas) =>
    canvas && canvas.id === 'deckgl-overlay'
      ? 'deck'
      : canvas && canvas.classList && canvas.classList.contains('maplibregl-canvas')
        ? 'maplibre'
        : 'other';
  const calls = ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements', 'clear'];
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    for (const name of calls) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) {
        if (!marked.has(this)) {
          marked.add(this);
          counts[kind(this.canvas)] += 1;
          queueMicrotask(() => marked.delete(this));
        }
        return original.apply(this, args);
      };
    }
  }
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    request((time) => {
      counts.raf += 1;
      callback(time);
    });
  window.__mapFrames = counts;
})()`;

/** The counts of FRAME_PROBE so far (the page must have been opened with it). */
export function mapFrames(page: Page): Promise<MapFrames> {
  return page.evaluate(() => {
    const counts = (window as unknown as { __mapFrames?: MapFrames }).__mapFrames;
    if (!counts) throw new Error('the page was opened without FRAME_PROBE');
    return { deck: counts.deck, maplibre: counts.maplibre, raf: counts.raf };
  });
}

export interface MapCase {
  code: string;
  lat: number;
  long: number;
}

export interface MapScene {
  server: AlertsServer;
  core: TestCore;
  browser: Browser;
  page: Page;
  /** The newest case once every report had synced to the workstation. */
  newestCase: MapCase;
  /** Requests the page made to anything but the core (the map must work offline). */
  outside: string[];
  /** Uncaught errors in the page. */
  problems: string[];
  map(): Locator;
  /** The map's canvas as pixels; saved under test-results when `file` is given. */
  canvasShot(file?: string): Promise<Rgba8Image>;
  stop(): Promise<void>;
}

export async function startMapScene(options: MapSceneOptions): Promise<MapScene> {
  const server = await startAlertsServer('sqlite', { env: { IOC_OPEN311_API_KEY: API_KEY } });
  let core: TestCore | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await core?.stop();
    await server.stop();
  };
  try {
    const sensors = await createPublisher({ httpUrl: server.url, key: INGEST_KEY });
    await sensors.publish(options.readings);
    await sensors.dispose();
    for (const report of options.reports) await postReport(server.url, report);
    core = await startLinkedCore(server.url);
    const newestCase = await syncedNewestCase(core, options.reports.length);
    browser = await launchBrowser(WEBGL_ARGS);
    const { page } = await newPage(browser);
    page.context().setDefaultTimeout(30_000);
    const outside: string[] = [];
    const problems: string[] = [];
    const coreUrl = core.url;
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(coreUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    if (options.countFrames) await page.addInitScript(FRAME_PROBE);
    await signIn(page, core.url, 'operator', { password: TEST_PASSWORD, query: options.query });
    await page.getByTestId('nav-map').click();
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    return {
      server,
      core,
      browser,
      page,
      newestCase,
      outside,
      problems,
      map: () => page.getByTestId('map'),
      canvasShot: async (file) =>
        decodePng(await page.locator('.map-canvas').screenshot(file ? { path: resultsPath(file) } : {})),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function syncedNewestCase(core: TestCore, total: number): Promise<MapCase> {
  const token = await core.login('operator');
  return until(
    async () => {
      const reply = await core.rpc('cases.list', { limit: 1 }, token);
      const value = (reply.json as { value?: { total: number; items: MapCase[] } }).value;
      const newest = value?.total === total ? value.items[0] : undefined;
      return newest ? { code: newest.code, lat: newest.lat, long: newest.long } : null;
    },
    'the reports synced to the workstation',
    60_000,
  );
}
