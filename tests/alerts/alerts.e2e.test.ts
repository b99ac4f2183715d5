import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withAlertTables } from '../../src-server/alerts/tables';
import { type GovSystems, startGovSystems, startHeartbeat, type Heartbeat } from '../../sim/gov-systems';
import { createPublisher, floodMonitoring, PLACES, type Publisher } from '../../sim/sensors';
import { launchBrowser, resultsPath } from '../e2e/harness';
import { countPixels, decodePng } from '../e2e/png';
import type { TestCore } from '../integration/core-harness';
import { makeTempDir } from '../integration/tmp-dir';
import { operatorPage, startLinkedCore, WEBGL_ARGS } from './browser-session';
import { type AlertsServer, INGEST_KEY, startAlertsServer } from './harness';

const INTERVAL_S = 2;
const DOWN_AFTER = 2;
const MAJOR: [number, number, number] = [255, 145, 48];

/**
 * The whole path in a real browser: a simulated flood gauge publishing NGSI-LD over MQTT to the central server,
 * the workstation's core mirroring the alert, the operator seeing it in the alerts panel and on the map,
 * acknowledging it, escalating it to a case, and watching it clear; then a government system going down on the
 * Systems board.
 */
describe('the common operating picture, end to end', () => {
  const temp = makeTempDir('ioc-e2e-alerts-');
  let gov: GovSystems;
  let heartbeat: Heartbeat;
  let server: AlertsServer;
  let core: TestCore;
  let sensors: Publisher;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    gov = await startGovSystems({ dir: temp.dir });
    const monitors = join(temp.dir, 'monitors.json');
    writeFileSync(monitors, JSON.stringify(gov.monitors({ intervalS: INTERVAL_S, downAfter: DOWN_AFTER })));
    server = await startAlertsServer('sqlite', { env: { IOC_MQTT_URL: 'embedded', IOC_MONITORS_FILE: monitors } });
    heartbeat = startHeartbeat(server.url, gov.heartbeatToken, 1000);
    await server.server.alerts.mqtt!.ready();
    sensors = await createPublisher({ mqttUrl: server.server.alerts.mqttUrl!, key: INGEST_KEY });
    core = await startLinkedCore(server.url);
    browser = await launchBrowser(WEBGL_ARGS);
    page = await operatorPage(browser, core);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sensors?.dispose();
    heartbeat?.dispose();
    await core?.stop();
    await server?.stop();
    await gov?.dispose();
    temp.remove();
  }, 60_000);

  const gauge = (level: number) =>
    sensors.publish([floodMonitoring('e2e-nguyen-hue', PLACES.gauge, level, new Date())], 'mqtt');
  const row = () => page.locator('[data-testid="alert-row"]').filter({ hasText: /Mực nước/ });

  test('a gauge crossing its alert level shows in the alerts panel and on the map', { timeout: 120_000 }, async () => {
    await page.getByTestId('nav-map').click();
    const map = page.locator('[data-testid="map"][data-state="ready"]');
    await map.waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="alerts-panel"]').waitFor();
    await gauge(1.2);
    await gauge(1.72);
    await row().first().waitFor({ timeout: 30_000 });
    expect(await row().first().getAttribute('data-severity')).toBe('major');
    expect(await row().first().getAttribute('data-fresh')).toBe('true');
    expect(await row().first().innerText()).toContain('1,72 m');
    await expect.poll(() => map.getAttribute('data-alert-points'), { timeout: 10_000 }).toBe('1');
    // Drawn on the map in the severity's colour (SwiftShader: pixels, not frame rates).
    await page.waitForTimeout(1500);
    const shot = decodePng(await page.locator('.map-stage').screenshot({ path: resultsPath('alerts-map.png') }));
    expect(countPixels(shot, MAJOR, 30), 'the alert drawn in orange').toBeGreaterThan(20);
  });

  test('is acknowledged from the keyboard with a note, then escalated to a case', { timeout: 60_000 }, async () => {
    await row().first().click();
    await page.getByTestId('alerts-list').focus();
    await page.keyboard.press('a');
    await page.getByTestId('alert-ack-note').fill('Đã báo tổ thoát nước phường 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => row().first().getAttribute('data-acknowledged'), { timeout: 15_000 }).toBe('true');
    expect(await page.getByTestId('alert-ack-by').innerText()).toContain('Đã báo tổ thoát nước phường 1');

    await page.getByTestId('alert-escalate').click();
    const notice = page.getByTestId('alert-escalated');
    await notice.waitFor({ timeout: 15_000 });
    const code = /DT-[A-Z0-9-]+/.exec(await notice.innerText())?.[0];
    expect(code).toBeDefined();
    expect(await page.getByTestId('alert-case-code').innerText()).toBe(code);
    const stored = await server.server.database.db
      .selectFrom('cases')
      .select(['kind', 'service_code', 'state'])
      .where('code', '=', code!)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ kind: 'alert_incident', service_code: 'drainage', state: 'received' });
  });

  test('a critical level chimes, and the alert clears when the level falls', { timeout: 60_000 }, async () => {
    const mute = page.getByTestId('alerts-mute');
    const chimesBefore = Number(await mute.getAttribute('data-chimes'));
    await gauge(2.3);
    await expect.poll(() => row().first().getAttribute('data-severity'), { timeout: 15_000 }).toBe('critical');
    expect(Number(await mute.getAttribute('data-chimes'))).toBe(chimesBefore + 1);
    await gauge(1.1);
    // Other alerts may be active (the demo website's certificate expires soon): this one leaves the active tab.
    await expect.poll(() => row().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('map').getAttribute('data-alert-points')).toBe('0');
    await page.getByTestId('alerts-tab-cleared').click();
    expect(await row().first().getAttribute('data-state')).toBe('cleared');
  });

  test(
    'a government system going down shows on the Systems board within two check intervals',
    { timeout: 90_000 },
    async () => {
      await page.getByTestId('nav-systems').click();
      const dvc = page.locator('[data-testid="sys-row"][data-monitor-id="dvc"]');
      await expect.poll(() => dvc.getAttribute('data-status'), { timeout: 30_000 }).toBe('up');
      const before = new Date().toISOString();
      await gov.systems.dvc.set('down');
      await expect.poll(() => dvc.getAttribute('data-status'), { timeout: 30_000 }).toBe('down');
      // Counted in checks, not seconds: the board shows it once the second failed check has decided (one more
      // check may have started meanwhile on a busy machine).
      const checks = await withAlertTables(server.server.database.db)
        .selectFrom('probe_results')
        .select('status')
        .where('monitor_id', '=', 'dvc')
        .where('at', '>', before)
        .execute();
      expect(checks.filter((c) => c.status !== 'up').length).toBeLessThanOrEqual(DOWN_AFTER + 1);
      expect(await dvc.getByTestId('sys-status').innerText()).toBe('Ngừng hoạt động');
      await page.locator('[data-testid="sys-incident"][data-open]').filter({ hasText: 'Cổng dịch vụ công' }).waitFor();
      expect(Number(await dvc.getByTestId('sys-chart').getAttribute('data-points'))).toBeGreaterThan(0);
      await page.screenshot({ path: resultsPath('systems-board.png') });
      await gov.systems.dvc.set('up');
      await expect.poll(() => dvc.getAttribute('data-status'), { timeout: 30_000 }).toBe('up');
    },
  );
});
