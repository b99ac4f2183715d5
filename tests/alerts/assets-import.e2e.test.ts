import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_ASSET_IMPORT_BYTES } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { launchBrowser, newPage } from '../e2e/harness';
import { startTestCore, type TestCore, TEST_PASSWORD } from '../integration/core-harness';
import { type AlertsServer, ENROL_SECRET, startAlertsServer } from './harness';

/** A technician imports asset registers from the Settings page of a real browser, through a real central server. */
describe('asset register import in the browser', () => {
  let server: AlertsServer;
  let core: TestCore;
  let browser: Browser;
  let page: Page;

  async function signIn(username: string) {
    await page.goto(`${core.url}/`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('system-info').waitFor();
  }

  beforeAll(async () => {
    server = await startAlertsServer('sqlite');
    // The built renderer (dist/renderer) unless IOC_E2E_RENDERER_DIR names another build, as the e2e harness does.
    const renderer = process.env.IOC_E2E_RENDERER_DIR ? ['--renderer-dir', process.env.IOC_E2E_RENDERER_DIR] : [];
    core = await startTestCore(['--server', server.url, ...renderer], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    // The workstation forwards imports once the sync engine has enrolled it with the server.
    const token = await core.login('technician');
    for (let linked = false; !linked; ) {
      const r = await core.rpc('alerts.list', { filter: {} }, token);
      linked = (r.json as { value?: { link: { state: string } } }).value?.link.state === 'connected';
      if (!linked) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await core?.stop();
    await server?.stop();
  });

  test('an operator without assets.import sees no import panel', async () => {
    await signIn('operator');
    expect(await page.getByTestId('asset-import').count()).toBe(0);
  });

  test('a technician imports a workbook, then sees the bad lines of a rejected CSV', async () => {
    await page.context().close();
    ({ page } = await newPage(browser));
    await signIn('technician');
    await page.getByTestId('asset-import-empty').waitFor();
    expect(await page.getByTestId('asset-import-empty').textContent()).toContain('id, kind, name');

    const workbook = readFileSync(join(__dirname, '..', 'fixtures', 'xlsx', 'good-register.xlsx'));
    await page
      .getByTestId('asset-import-file')
      .setInputFiles({ name: 'good-register.xlsx', mimeType: 'application/octet-stream', buffer: workbook });
    const outcome = page.locator('[data-testid="asset-import-done"], [data-testid="asset-import-failed"]');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.getAttribute('data-testid')).toBe('asset-import-done');
    expect(await outcome.textContent()).toContain('122');

    const csv = ['id,kind,name,lat,lon,ward', 'e2e-1,streetlight,Đèn 1,10.46,105.63,', 'e2e-2,lamp,Đèn 2,,,'].join(
      '\n',
    );
    await page
      .getByTestId('asset-import-file')
      .setInputFiles({ name: 'den.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('asset-import-rejected').waitFor({ timeout: 30_000 });
    const lines = await page
      .getByTestId('asset-import-bad-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')));
    expect(lines).toEqual(['3']);
    // Worded in Vietnamese from the server's code, quoting the bad value.
    expect(await page.getByTestId('asset-import-bad-row').innerText()).toContain('loại "lamp" phải là một trong');
  }, 90_000);

  test('a register larger than a contract message goes up as a file and is imported whole', async () => {
    const lines = ['id,kind,name,lat,lon,ward'];
    for (let i = 0; i < 4000; i++)
      lines.push(`e2e-lon-${i},streetlight,Đèn chiếu sáng đường Nguyễn Huệ số ${i},10.46,105.63,Phường 1`);
    const csv = Buffer.from(lines.join('\n'));
    expect(csv.length).toBeGreaterThan(MAX_ASSET_IMPORT_BYTES);
    const uploads: { method: string; type: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/assets/import')
        uploads.push({ method: request.method(), type: request.headers()['content-type'] });
    });
    await page
      .getByTestId('asset-import-file')
      .setInputFiles({ name: 'den-lon.csv', mimeType: 'text/csv', buffer: csv });
    const outcome = page.locator('[data-testid="asset-import-done"], [data-testid="asset-import-failed"]');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.getAttribute('data-testid')).toBe('asset-import-done');
    expect(await outcome.textContent()).toContain('4000');
    // The raw bytes, once, to the core's upload route (not base64 over the contract socket).
    expect(uploads).toEqual([{ method: 'POST', type: 'application/octet-stream' }]);
    const imported = await withAlertTables(server.server.database.db)
      .selectFrom('assets')
      .select('id')
      .where('id', 'like', 'e2e-lon-%')
      .execute();
    expect(imported).toHaveLength(4000);
  }, 90_000);
});
