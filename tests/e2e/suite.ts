import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser, newPage, startCore, type CoreProcess, type StartOptions } from './harness';

export interface BrowserSuite {
  core: CoreProcess;
  browser: Browser;
  /** A fresh context and page for each test. */
  context: BrowserContext;
  page: Page;
}

/**
 * The usual e2e frame, registered as the describe block's hooks: one core and one Chromium for the block, a new
 * context per test, and a clean exit (code 0) of the core at the end. Read the handles inside the tests.
 */
export function browserSuite(options: StartOptions = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.core = await startCore(options);
    suite.browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await suite.browser?.close();
    const exit = await suite.core?.stop();
    expect(exit?.code).toBe(0);
  }, 30_000);

  beforeEach(async () => {
    ({ context: suite.context, page: suite.page } = await newPage(suite.browser));
    suite.context.setDefaultTimeout(15_000);
  });

  afterEach(async () => {
    await suite.context?.close();
  });
  return suite;
}
