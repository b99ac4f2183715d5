// Opening a case of the centre from the Cases page in Chromium, with the central server down: the form, the pending
// row at once, and the server's tracking code once the server is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { type Central, ENROL_SECRET, startCentral } from './citizen-journey-support';
import { launchBrowser, newPage, resultsPath, startCore, type CoreProcess } from './harness';

describe('a new case from the Cases page, offline first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-newcase-'));
  let central: Central;
  let core: CoreProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    central = await startCentral(join(dir, 'central.sqlite'), 0);
    core = await startCore({ server: central.url, env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET } });
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const exit = await core?.stop();
    await central?.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  test(
    'is queued while the server is down, shown pending, then gets its tracking code',
    { timeout: 120_000 },
    async () => {
      await signIn(page, core.url, 'operator');
      await page.getByTestId('nav-cases').click();
      const port = Number(new URL(central.url).port);
      await central.stop();

      await page.getByTestId('cases-new').click();
      const dialog = page.getByTestId('new-case-dialog');
      await dialog.waitFor();
      expect(await dialog.getByTestId('new-case-snapshot').count()).toBe(0);
      await dialog.getByTestId('new-case-submit').click();
      expect(await dialog.getByTestId('new-case-problem').innerText()).toContain('lĩnh vực');
      await dialog.getByTestId('new-case-category').selectOption('drainage');
      await dialog.getByTestId('new-case-description').fill('Ngập sâu 40 cm trước chợ Cao Lãnh sau mưa lớn');
      await dialog.getByTestId('new-case-lat').fill('10,4581');
      await dialog.getByTestId('new-case-long').fill('105.6362');
      await dialog.getByTestId('new-case-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('case-created').waitFor();

      const row = page.getByTestId('case-row').filter({ hasText: 'chợ Cao Lãnh' });
      await row.getByTestId('case-row-pending').waitFor();
      await page.getByTestId('case-detail').waitFor();
      await page.screenshot({ path: resultsPath('case-create-pending.png') });

      central = await startCentral(join(dir, 'central.sqlite'), port);
      await row.getByTestId('case-row-pending').waitFor({ state: 'detached', timeout: 60_000 });
      // The server's row, with its tracking code, replaces the provisional one.
      await row.locator('.case-row__open', { hasText: /^[A-Z0-9-]{5,}$/ }).waitFor({ timeout: 60_000 });
      await page.screenshot({ path: resultsPath('case-create-synced.png') });
    },
  );
});
