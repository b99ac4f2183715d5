// The Map page's time window in Chromium (until now only alertFilter.test.ts and caseFilter.test.ts covered its
// parts): alerts last seen and cases received before the window leave the side panel (the legend's alert counts,
// the map search) and the data the map's layers are built from (data-alert-points, data-case-points), and come
// back when it widens. Data: two faulty street lights (an alert last seen 10 days ago, one an hour ago) and three
// citizens' cases received now, 10 days and 40 days ago (dated on the central server before the core syncs).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublisher, PLACES, streetlight } from '../../sim/sensors';
import { startLinkedCore, WEBGL_ARGS } from '../alerts/browser-session';
import { type AlertsServer, INGEST_KEY, startAlertsServer } from '../alerts/harness';
import { TEST_PASSWORD, type TestCore } from '../integration/core-harness';
import { signIn } from './app';
import { API_KEY, postReport } from './citizen-journey-support';
import { launchBrowser, newPage } from './harness';
import { until } from './wall-fleet';

const DAY = 24 * 3600_000;

describe('map: the time window', () => {
  let server: AlertsServer;
  let core: TestCore | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const codes = { now: '', tenDays: '', fortyDays: '' };
  const problems: string[] = [];

  beforeAll(async () => {
    const now = Date.now();
    server = await startAlertsServer('sqlite', { env: { IOC_OPEN311_API_KEY: API_KEY } });
    const sensors = await createPublisher({ httpUrl: server.url, key: INGEST_KEY });
    await sensors.publish([
      streetlight('e2e-window-old-lamp', PLACES.lamp, 'defectiveLamp', new Date(now - 10 * DAY)),
      streetlight('e2e-window-new-lamp', PLACES.bin, 'defectiveLamp', new Date(now - 3600_000)),
    ]);
    await sensors.dispose();
    codes.fortyDays = await postReport(server.url, {
      description: 'Cống thoát nước bị tắc ở chợ cũ',
      lat: '10.4665',
      long: '105.6235',
    });
    codes.tenDays = await postReport(server.url, {
      description: 'Cây đổ chắn ngang đường Lê Lợi',
      lat: '10.4640',
      long: '105.6380',
    });
    codes.now = await postReport(server.url, {
      description: 'Đèn đường tắt cả dãy trên đường Nguyễn Huệ',
      lat: '10.4603',
      long: '105.6329',
    });
    // The server received the first two earlier: dated back before any workstation has synced them.
    const db = server.server.database.db;
    for (const [code, daysAgo] of [
      [codes.fortyDays, 40],
      [codes.tenDays, 10],
    ] as const) {
      const at = new Date(now - daysAgo * DAY).toISOString();
      const updated = await db
        .updateTable('cases')
        .set({ received_at: at })
        .where('code', '=', code)
        .executeTakeFirst();
      expect(Number(updated.numUpdatedRows), code).toBe(1);
    }

    core = await startLinkedCore(server.url);
    const token = await core.login('operator');
    const c = core;
    await until(
      async () => {
        const reply = await c.rpc('cases.list', { limit: 10 }, token);
        const value = (reply.json as { value?: { total: number } }).value;
        return value?.total === 3 ? true : null;
      },
      'the three cases synced to the workstation',
      60_000,
    );
    browser = await launchBrowser(WEBGL_ARGS);
    ({ page } = await newPage(browser));
    page.context().setDefaultTimeout(30_000);
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page, core.url, 'operator', { password: TEST_PASSWORD });
    await page.getByTestId('nav-map').click();
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await core?.stop();
    await server?.stop();
  }, 60_000);

  const map = () => page.getByTestId('map');
  const shown = async () => ({
    alertPoints: await map().getAttribute('data-alert-points'),
    casePoints: await map().getAttribute('data-case-points'),
    majorInLegend: await page.getByTestId('legend-alert-major').getAttribute('data-count'),
  });
  /** The case codes the map's search offers for `code`: it searches the cases drawn now. */
  const caseHits = async (code: string): Promise<string[]> => {
    await page.getByTestId('map-search').fill(code.toLowerCase());
    // The hits are computed as the input renders (no debounce): the list exists once the query is drawn, and it
    // exists only for a non-empty query (the search is emptied after each look).
    await page.getByTestId('map-search-hits').waitFor();
    const hits = page.locator('[data-testid="map-search-hits"] button[data-kind="case"]');
    const texts = await hits.allInnerTexts();
    await page.getByTestId('map-search').fill('');
    await page.getByTestId('map-search-hits').waitFor({ state: 'detached' });
    return texts;
  };
  const setWindow = (value: 'all' | '24h' | '7d' | '30d') => page.getByTestId('map-time-window').selectOption(value);

  test(
    'alerts and cases outside the window leave the panel and the map data, and come back',
    { timeout: 120_000 },
    async () => {
      // Everything, by default.
      expect(await page.getByTestId('map-time-window').inputValue()).toBe('all');
      await expect.poll(shown, { timeout: 30_000 }).toEqual({ alertPoints: '2', casePoints: '3', majorInLegend: '2' });
      expect(await caseHits(codes.fortyDays)).toEqual([codes.fortyDays]);

      // 30 days: the 40-day-old case goes; both alerts stay.
      await setWindow('30d');
      await expect.poll(shown).toEqual({ alertPoints: '2', casePoints: '2', majorInLegend: '2' });
      expect(await caseHits(codes.fortyDays)).toEqual([]);
      expect(await caseHits(codes.tenDays)).toEqual([codes.tenDays]);

      // 7 days: the alert last seen 10 days ago and the 10-day-old case go too.
      await setWindow('7d');
      await expect.poll(shown).toEqual({ alertPoints: '1', casePoints: '1', majorInLegend: '1' });
      expect(await caseHits(codes.tenDays)).toEqual([]);
      expect(await caseHits(codes.now)).toEqual([codes.now]);

      // 24 hours: what is an hour old stays.
      await setWindow('24h');
      await expect.poll(shown).toEqual({ alertPoints: '1', casePoints: '1', majorInLegend: '1' });

      // Back to everything: all of it returns.
      await setWindow('all');
      await expect.poll(shown).toEqual({ alertPoints: '2', casePoints: '3', majorInLegend: '2' });
      expect(await caseHits(codes.fortyDays)).toEqual([codes.fortyDays]);
      expect(problems).toEqual([]);
    },
  );
});
