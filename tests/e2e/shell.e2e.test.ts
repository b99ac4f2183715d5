import { describe, expect, test } from 'vitest';
import { NAV_PAGES, signIn } from './app';
import { resultsPath } from './harness';
import { browserSuite } from './suite';

const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/;

describe('control frame', () => {
  const suite = browserSuite();

  test('operator sees centre, user, role, Vietnam clock and a connected socket', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await signIn(page, core.url, 'operator');
    expect(await page.getByTestId('centre-name').innerText()).toBe('Trung tâm Giám sát điều hành thông minh');
    expect(await page.getByTestId('current-user').innerText()).toContain('Nguyễn Văn An');
    expect(await page.getByTestId('current-role').innerText()).toBe('Nhân viên điều hành');
    expect(await page.getByTestId('connection-status').innerText()).toContain('Đã kết nối');

    const clock = (await page.getByTestId('clock').innerText()).trim();
    expect(clock).toMatch(DATE_TIME);
    // The browser runs in UTC; the clock must still read Vietnam time (UTC+7).
    const [date = '', time = ''] = clock.split(' ');
    const [dd, mm, yyyy] = date.split('/').map(Number);
    const [hh, mi, ss] = time.split(':').map(Number);
    const shown = Date.UTC(yyyy ?? 0, (mm ?? 1) - 1, dd ?? 0, hh ?? 0, mi ?? 0, ss ?? 0) - 7 * 3600_000;
    expect(Math.abs(shown - Date.now())).toBeLessThan(10_000);

    await page.getByTestId('page-wall').waitFor();
    await page.screenshot({ path: resultsPath('frame-wall.png') });
  });

  test('the rail reaches every page, each with its empty state or restriction', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    // Under the core's CSP (script-src 'self'): no violation, no uncaught error on any page.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Chrome logs every non-2xx fetch, such as the expected 401 of the session check before sign-in.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(message.text());
      }
    });
    await signIn(page, core.url, 'operator');
    for (const name of NAV_PAGES) {
      await page.getByTestId(`nav-${name}`).click();
      await page.getByTestId(`page-${name}`).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/${name}`);
      expect(await page.getByTestId(`nav-${name}`).getAttribute('aria-current')).toBe('page');
    }
    // Operator: cameras and review need permissions the role lacks; the page says so instead of failing.
    await page.getByTestId('nav-review').click();
    expect(await page.getByTestId('page-restricted').innerText()).toContain('Xem lại video');
    await page.getByTestId('nav-cases').click();
    expect(await page.getByTestId('empty-state').innerText()).toContain('Chưa có phản ánh nào');
    expect(problems).toEqual([]);
  });

  test('Alt+digit opens pages and ? shows the shortcut list', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await signIn(page, core.url, 'operator');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('page-cases').waitFor();
    await page.keyboard.press('Alt+7');
    await page.getByTestId('page-settings').waitFor();
    expect(await page.getByTestId('nav-map').getAttribute('title')).toContain('Alt+2');

    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.innerText()).toContain('Alt+6');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  test('the language switches vi → en and back, and is remembered', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await signIn(page, core.url, 'operator');
    const wallNav = page.getByTestId('nav-wall');
    expect(await wallNav.innerText()).toContain('Tường video');

    await page.getByTestId('lang-switch-en').click();
    await page.getByTestId('nav-wall').filter({ hasText: 'Video wall' }).waitFor();
    expect(await page.getByTestId('connection-status').innerText()).toContain('Connected');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByTestId('nav-wall').filter({ hasText: 'Video wall' }).waitFor();

    await page.getByTestId('lang-switch-vi').click();
    await page.getByTestId('nav-wall').filter({ hasText: 'Tường video' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  });

  test('the wall page opens a chrome-less wall window for a display', { timeout: 60_000 }, async () => {
    const { context, core, page } = suite;
    await signIn(page, core.url, 'operator');
    await page.getByTestId('wall-display').first().waitFor();
    const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-wall-screen-0').click()]);
    await popup.getByTestId('wall-window').waitFor();
    expect(new URL(popup.url()).hash).toBe('#/wall/screen-0');
    // The window says "loading" until its display's assignment arrives.
    await popup.getByTestId('wall-window').getByText('Chưa có bố cục được gán cho màn hình này').waitFor();
    expect(await popup.getByTestId('frame').count()).toBe(0);
    expect(await page.getByTestId('wall-open-result').innerText()).toContain('Đã mở cửa sổ tường');
  });
});
