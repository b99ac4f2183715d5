import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { launchBrowser, makeDataDir, newPage, resultsPath, startCore, type CoreProcess } from './harness';

/** The core goes away and comes back under the page: the header must say so, and the session must follow. */
describe('connection to the core', () => {
  const dataDir = makeDataDir();
  let core: CoreProcess | null = null;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const state = (value: string) => page.locator(`[data-testid="connection-status"][data-state="${value}"]`);
  /** Clicks "retry now" if the page is still waiting; its own backoff may reconnect first and remove the button. */
  const retryNow = () =>
    page
      .getByTestId('connection-retry')
      .click({ timeout: 10_000 })
      .catch(() => undefined);
  const portOf = (c: CoreProcess) => Number(new URL(c.url).port);

  beforeAll(async () => {
    core = await startCore({ dataDir });
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    context.setDefaultTimeout(20_000);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await core?.crash();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test(
    'after a core crash the header shows the backoff, and the session resumes when it is back',
    { timeout: 90_000 },
    async () => {
      const first = core!;
      await signIn(page, first.url, 'operator');
      await first.crash();
      core = null;
      await state('reconnecting').waitFor();
      expect(await page.getByTestId('connection-status').innerText()).toMatch(
        /Đang kết nối lại \(lần \d+, sau \d+ giây\)/,
      );
      await page.screenshot({ path: resultsPath('frame-reconnecting.png') });

      core = await startCore({ port: portOf(first), dataDir });
      // Skip the rest of the backoff: the button is there for exactly this (the page's own retry may come first).
      await retryNow();
      await state('connected').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('frame').count()).toBe(1);
    },
  );

  test(
    'a core that does not know the session (close 4401) sends the page back to login',
    { timeout: 90_000 },
    async () => {
      const previous = core!;
      await previous.crash();
      // A fresh data dir: the cookie's session does not exist there.
      core = await startCore({ port: portOf(previous) });
      await retryNow();
      const notice = page.getByTestId('login-notice');
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.innerText()).toContain('Phiên làm việc không còn hiệu lực');
    },
  );

  test('the core exits on SIGTERM while a page holds its socket', { timeout: 60_000 }, async () => {
    await signIn(page, core!.url, 'operator');
    const exit = await core!.stop();
    core = null;
    expect(exit.code).toBe(0);
    await state('reconnecting').waitFor();
  });
});
