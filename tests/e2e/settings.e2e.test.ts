import { describe, expect, test } from 'vitest';
import { signIn } from './app';
import { DEMO_USERS, resultsPath } from './harness';
import { browserSuite } from './suite';

describe('settings: the contract round trip and permissions', () => {
  const suite = browserSuite();

  test('system.info from the core is shown: version, user, role, site, permissions', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    const health = (await (await fetch(`${core.url}/api/health`)).json()) as { version: string };
    await signIn(page, core.url, 'operator');
    await page.getByTestId('nav-settings').click();
    const info = page.getByTestId('system-info');
    await info.waitFor();
    expect(await page.getByTestId('system-info-version').innerText()).toBe(health.version);
    expect(await page.getByTestId('system-info-user').innerText()).toContain('operator');
    expect(await page.getByTestId('system-info-roles').innerText()).toContain('Nhân viên điều hành');
    expect(await page.getByTestId('system-info-site').innerText()).toBe('Trung tâm IOC Cao Lãnh');
    const permissions = page.getByTestId('system-info-permissions');
    expect(await permissions.locator('[data-permission="wall.view"]').count()).toBe(1);
    expect(await permissions.locator('[data-permission="users.manage"]').count()).toBe(0);
  });

  test('operator opening Users sees the core’s 403 as a clear message', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await signIn(page, core.url, 'operator');
    const replies: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/rpc/users.list')) replies.push(r.status());
    });
    await page.getByTestId('nav-settings').click();
    const forbidden = page.getByTestId('users-forbidden');
    await forbidden.waitFor();
    expect(await forbidden.innerText()).toContain('Bạn không có quyền');
    expect(await page.getByTestId('users-list').count()).toBe(0);
    // Over the socket there is no HTTP reply to see; over HTTP it must have been a 403.
    expect(replies.every((status) => status === 403)).toBe(true);
  });

  test('it_admin sees every user, searchable without diacritics', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await signIn(page, core.url, 'it_admin');
    await page.getByTestId('nav-settings').click();
    const list = page.getByTestId('users-list');
    await list.waitFor();
    const names = await list
      .locator('[data-testid="user-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-username')));
    expect([...names].sort()).toEqual([...DEMO_USERS].sort());
    await page.screenshot({ path: resultsPath('settings-it-admin.png') });

    await page.getByTestId('users-search').fill('vo quoc dat');
    await list.locator('[data-testid="user-row"]').filter({ hasText: 'director' }).waitFor();
    expect(await list.locator('[data-testid="user-row"]').count()).toBe(1);
  });
});
