import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withAlertTables } from '../../src-server/alerts/tables';
import { launchBrowser } from '../e2e/harness';
import type { TestCore } from '../integration/core-harness';
import { startTamperProxy, type TamperProxy } from '../sync/tamper-proxy';
import { operatorPage, startLinkedCore, WEBGL_ARGS } from './browser-session';
import { addOperator, type AlertsServer, call, floodGauge, ngsiHeaders, startAlertsServer } from './harness';
import type { Alert } from '../../src-shared/contract/alerts';

/** Nothing listens on the discard port: the proxy's way of taking the central server away. */
const NOWHERE = 'http://127.0.0.1:9';
const NOTE = 'Đã báo tổ thoát nước phường 2';

/**
 * The alerts panel in a real browser while the central server is away: it says the list is the saved copy and
 * may be stale, an acknowledgement waits as pending, escalating says it needs the server; once the server is
 * back the acknowledgement reaches it.
 */
describe('the alerts panel offline, end to end', () => {
  let server: AlertsServer;
  let proxy: TamperProxy;
  let core: TestCore;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAlertsServer('sqlite');
    proxy = await startTamperProxy(server.url);
    core = await startLinkedCore(proxy.url);
    browser = await launchBrowser(WEBGL_ARGS);
    page = await operatorPage(browser, core);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await core?.stop();
    await proxy?.close();
    await server?.stop();
  }, 60_000);

  const row = () => page.locator('[data-testid="alert-row"]').filter({ hasText: /Mực nước/ });

  test(
    'says the list is a saved copy, keeps an acknowledgement pending, refuses to escalate',
    { timeout: 120_000 },
    async () => {
      const raised = await call(`${server.url}/ngsi-ld/v1/entityOperations/upsert`, {
        headers: ngsiHeaders('json'),
        raw: JSON.stringify([floodGauge('e2e-offline', 1.8, new Date().toISOString())]),
      });
      expect(raised.status).toBe(201);
      await page.getByTestId('nav-map').click();
      await page.locator('[data-testid="alerts-panel"]').waitFor({ timeout: 60_000 });
      await row().first().waitFor({ timeout: 30_000 });

      proxy.target = NOWHERE;
      // The panel looks at the link every 30 s.
      const bar = page.locator('[data-testid="alerts-link-bar"][data-state="offline"][data-stale="true"]');
      await bar.waitFor({ timeout: 60_000 });
      const banner = await page.getByTestId('alerts-link').innerText();
      expect(banner).toContain('Mất kết nối máy chủ trung tâm');
      expect(banner).toContain('Đang hiển thị cảnh báo đã lưu trên máy trạm lúc');

      await row().first().click();
      await page.getByTestId('alerts-list').focus();
      await page.keyboard.press('a');
      await page.getByTestId('alert-ack-note').fill(NOTE);
      await page.keyboard.press('Enter');
      await expect.poll(() => row().first().getAttribute('data-ack-pending'), { timeout: 15_000 }).toBe('true');
      // Pending acknowledgement: not yet acknowledged (the server has not confirmed it), not plain unacknowledged.
      expect(await row().first().getAttribute('data-acknowledged')).toBe('false');
      expect(await row().first().innerText()).toContain('Chờ xác nhận');
      expect(await row().first().innerText()).not.toContain('Đã xác nhận');
      expect(await page.getByTestId('alert-ack-by').innerText()).toContain(NOTE);
      await expect
        .poll(() => page.getByTestId('alerts-pending-acks').innerText(), { timeout: 15_000 })
        .toContain('Xác nhận chờ gửi lên máy chủ: 1');

      await page.getByTestId('alert-escalate').click();
      const error = page.getByTestId('alert-action-error');
      await error.waitFor({ timeout: 30_000 });
      expect(await error.innerText()).toContain('Cần kết nối máy chủ trung tâm');
    },
  );

  test('the acknowledgement reaches the server once it is back', { timeout: 90_000 }, async () => {
    proxy.target = server.url;
    await expect.poll(() => row().first().getAttribute('data-ack-pending'), { timeout: 60_000 }).toBe(null);
    expect(await row().first().getAttribute('data-acknowledged')).toBe('true');
    const history = await withAlertTables(server.server.database.db)
      .selectFrom('alert_events')
      .select(['actor', 'note'])
      .where('kind', '=', 'acknowledged')
      .execute();
    expect(history).toEqual([{ actor: 'operator', note: NOTE }]);
  });

  test(
    'an acknowledgement someone else made first shows as a conflict with the reason',
    { timeout: 120_000 },
    async () => {
      const raised = await call(`${server.url}/ngsi-ld/v1/entityOperations/upsert`, {
        headers: ngsiHeaders('json'),
        raw: JSON.stringify([floodGauge('e2e-conflict', 1.9, new Date().toISOString())]),
      });
      expect(raised.status).toBe(201);
      await server.server.alerts.engine.drain();
      const page0 = await call(`${server.url}/api/alerts?since=0`, { headers: { authorization: server.device } });
      const alert = (page0.json as { alerts: Alert[] }).alerts.find((a) => a.sourceId.endsWith(':e2e-conflict'))!;
      const mine = page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
      await mine.waitFor({ timeout: 30_000 });

      // Acknowledged here while the server is away …
      proxy.target = NOWHERE;
      await mine.click();
      await page.getByTestId('alerts-list').focus();
      await page.keyboard.press('a');
      await page.getByTestId('alert-ack-note').fill('Ca ngày đã nhận');
      await page.keyboard.press('Enter');
      await expect.poll(() => mine.getAttribute('data-ack-pending'), { timeout: 15_000 }).toBe('true');
      // … and by another operator on the server before this one arrives.
      await addOperator(server.server, 'truc-ca-dem');
      const theirs = await call(`${server.url}/api/alerts/${alert.id}/acknowledge`, {
        headers: { authorization: server.device },
        body: { actorUsername: 'truc-ca-dem', note: 'Ca đêm đã xử lý' },
      });
      expect(theirs.status).toBe(200);
      proxy.target = server.url;

      await expect.poll(() => mine.getAttribute('data-ack-conflict'), { timeout: 60_000 }).toBe('true');
      expect(await mine.getAttribute('data-acknowledged')).toBe('true');
      expect(await mine.getAttribute('data-ack-pending')).toBe(null);
      expect(await mine.innerText()).toContain('Xung đột');
      await mine.click();
      expect(await page.getByTestId('alert-ack-by').innerText()).toContain('truc-ca-dem');
      expect(await page.getByTestId('alert-ack-conflict-detail').innerText()).toContain(
        'Cảnh báo đã được người khác xác nhận trước khi xác nhận này tới máy chủ trung tâm.',
      );
    },
  );
});
