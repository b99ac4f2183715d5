import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type Central, ENROL_SECRET, startCentral } from './citizen-journey-support';
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

export interface SyncedBrowserSuite {
  /** The block's own folder (the central server's database lives here); removed at the end. */
  dir: string;
  central: Central;
  core: CoreProcess;
  browser: Browser;
  /** One context and page for the whole block: its tests are steps of one operator's session. */
  context: BrowserContext;
  page: Page;
}

/**
 * The e2e frame of the cases tests: a central server on its own SQLite file, a core synced with it (enrolled with
 * the shared secret), one Chromium page for the block, and a clean exit (code 0) of the core at the end.
 */
export function syncedBrowserSuite(
  folderPrefix: string,
  options: { browserArgs?: string[]; defaultTimeoutMs?: number } = {},
): SyncedBrowserSuite {
  const suite = { dir: mkdtempSync(join(tmpdir(), folderPrefix)) } as SyncedBrowserSuite;
  beforeAll(async () => {
    suite.central = await startCentral(join(suite.dir, 'central.sqlite'), 0);
    suite.core = await startCore({ server: suite.central.url, env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET } });
    suite.browser = await launchBrowser(options.browserArgs);
    ({ context: suite.context, page: suite.page } = await newPage(suite.browser));
    suite.context.setDefaultTimeout(options.defaultTimeoutMs ?? 20_000);
  }, 120_000);

  afterAll(async () => {
    await suite.context?.close();
    await suite.browser?.close();
    const exit = await suite.core?.stop();
    await suite.central?.stop();
    rmSync(suite.dir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);
  return suite;
}
