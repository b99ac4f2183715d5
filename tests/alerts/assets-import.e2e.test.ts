import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

  test('a large register goes up as a file, shows the rows being imported, and is imported whole', async () => {
    const rows = 20_000;
    const lines = ['id,kind,name,lat,lon,ward'];
    for (let i = 0; i < rows; i++)
      lines.push(`e2e-lon-${i},streetlight,Đèn chiếu sáng đường Nguyễn Huệ số ${i},10.46,105.63,Phường 1`);
    const csv = Buffer.from(lines.join('\n'));
    const uploads: { method: string; type: string | undefined; accept: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/assets/import')
        uploads.push({
          method: request.method(),
          type: request.headers()['content-type'],
          accept: request.headers()['accept'],
        });
    });
    // Every state the progress panel shows, as the page renders it.
    await page.evaluate(() => {
      const seen: { stage: string | null; done: string | null; total: string | null; text: string }[] = [];
      (window as unknown as { importStages: typeof seen }).importStages = seen;
      new MutationObserver(() => {
        const panel = document.querySelector('[data-testid="asset-import-progress"]');
        if (!panel) return;
        const state = {
          stage: panel.getAttribute('data-stage'),
          done: panel.getAttribute('data-done'),
          total: panel.getAttribute('data-total'),
          text: panel.textContent ?? '',
        };
        const last = seen.at(-1);
        if (!last || last.stage !== state.stage || last.done !== state.done) seen.push(state);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page
      .getByTestId('asset-import-file')
      .setInputFiles({ name: 'den-lon.csv', mimeType: 'text/csv', buffer: csv });
    const outcome = page.locator('[data-testid="asset-import-done"], [data-testid="asset-import-failed"]');
    await outcome.waitFor({ timeout: 120_000 });
    expect(await outcome.getAttribute('data-testid')).toBe('asset-import-done');
    expect(await outcome.textContent()).toContain(String(rows));
    // The raw bytes, once, to the core's upload route, asking for the import's progress.
    expect(uploads).toEqual([
      { method: 'POST', type: 'application/octet-stream', accept: expect.stringMatching(/^application\/x-ndjson/) },
    ]);

    const stages = await page.evaluate(
      () =>
        (
          window as unknown as {
            importStages: { stage: string | null; done: string | null; total: string | null; text: string }[];
          }
        ).importStages,
    );
    const order = ['uploading', 'processing', 'validating', 'writing'];
    const indexes = stages.map((s) => order.indexOf(s.stage ?? ''));
    expect(indexes.every((i) => i >= 0)).toBe(true);
    // Never back to an earlier phase; within the writing, the rows done never fall.
    for (let i = 1; i < indexes.length; i++) expect(indexes[i]).toBeGreaterThanOrEqual(indexes[i - 1]!);
    const writing = stages.filter((s) => s.stage === 'writing');
    expect(writing.length).toBeGreaterThan(0);
    for (let i = 1; i < writing.length; i++)
      expect(Number(writing[i]!.done)).toBeGreaterThanOrEqual(Number(writing[i - 1]!.done));
    expect(writing.every((s) => s.total === String(rows))).toBe(true);
    // Worded in Vietnamese with the counts: "Đang nhập den-lon.csv: dòng n / 20000".
    expect(writing[0]!.text).toMatch(new RegExp(`Đang nhập den-lon\\.csv: dòng \\d+ / ${rows}`));

    const imported = await withAlertTables(server.server.database.db)
      .selectFrom('assets')
      .select('id')
      .where('id', 'like', 'e2e-lon-%')
      .execute();
    expect(imported).toHaveLength(rows);
  }, 180_000);
});
