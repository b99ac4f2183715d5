// What the alerts e2e files share: a workstation core linked to a central server, and Chromium signed in to it.
import type { Browser, Page } from 'playwright-core';
import { newPage } from '../e2e/harness';
import { startTestCore, type TestCore, TEST_PASSWORD } from '../integration/core-harness';
import { ENROL_SECRET } from './harness';

/** Software WebGL, so the map draws in a headless Chromium without a GPU. */
export const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];

/** A workstation core that enrols with the server at `serverUrl` and serves the built renderer. */
export function startLinkedCore(serverUrl: string): Promise<TestCore> {
  // The built renderer (dist/renderer) unless IOC_E2E_RENDERER_DIR names another build, as the e2e harness does.
  const renderer = process.env.IOC_E2E_RENDERER_DIR ? ['--renderer-dir', process.env.IOC_E2E_RENDERER_DIR] : [];
  return startTestCore(['--server', serverUrl, ...renderer], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
}

/** A new page on the core, signed in as the operator; resolves once its socket is connected. */
export async function operatorPage(browser: Browser, core: TestCore): Promise<Page> {
  const { page } = await newPage(browser);
  await page.goto(`${core.url}/`);
  await page.getByTestId('login-username').fill('operator');
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  return page;
}
