import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, type DemoUser } from './harness';

/** Page helpers shared by the e2e files: the UI's stable test ids, in one place. */
export const NAV_PAGES = ['wall', 'map', 'cases', 'cameras', 'review', 'dashboard', 'settings', 'systems'] as const;

export async function openApp(page: Page, baseUrl: string, hash = ''): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page
    .getByTestId('login-username')
    .or(page.getByTestId('frame'))
    .or(page.getByTestId('wall-window'))
    .first()
    .waitFor();
}

export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export interface SignInOptions {
  /** Default: the e2e cores' DEMO_PASSWORD (an in-process TestCore uses its own TEST_PASSWORD). */
  password?: string;
  /** Appended to the app's address, e.g. `?mapCaseCap=3`. */
  query?: string;
}

/** Signs in through the login form and waits for the control frame with a connected socket. */
export async function signIn(page: Page, baseUrl: string, user: DemoUser, options: SignInOptions = {}): Promise<void> {
  await openApp(page, baseUrl, options.query);
  await submitLogin(page, user, options.password ?? DEMO_PASSWORD);
  await page.getByTestId('frame').waitFor();
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
}
