import { describe, expect, test } from 'vitest';
import { openApp, signIn, submitLogin } from './app';
import { DEMO_PASSWORD, resultsPath } from './harness';
import { browserSuite } from './suite';

describe('sign-in and session', () => {
  const suite = browserSuite();

  test('a wrong password shows the 401 message', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await openApp(page, core.url);
    await submitLogin(page, 'operator', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(await page.getByTestId('frame').count()).toBe(0);
    await page.screenshot({ path: resultsPath('login-401.png') });
  });

  test('an empty username reaches the core, whose 400 is shown naming the field', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await openApp(page, core.url);
    const replies: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/auth/login')) replies.push(r.status());
    });
    await submitLogin(page, '', DEMO_PASSWORD);
    const error = page.getByTestId('login-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain('Dữ liệu không hợp lệ');
    expect(text).toContain('Tên đăng nhập');
    expect(replies).toEqual([400]);
    expect(await page.getByTestId('login-username').getAttribute('aria-invalid')).toBe('true');
  });

  test('a network failure says what to try', { timeout: 60_000 }, async () => {
    const { core, page } = suite;
    await openApp(page, core.url);
    await page.route('**/api/auth/login', (route) => route.abort('connectionrefused'));
    await submitLogin(page, 'operator', DEMO_PASSWORD);
    const error = page.getByTestId('login-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain('Không kết nối được tới máy chủ lõi');
    expect(text).toContain('Kiểm tra dịch vụ lõi');
  });

  test('the cookie restores the session on reload; logout ends it', { timeout: 60_000 }, async () => {
    const { context, core, page } = suite;
    await signIn(page, core.url, 'operator');
    await page.reload();
    await page.getByTestId('frame').waitFor();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    expect(await page.getByTestId('current-user').innerText()).toContain('Nguyễn Văn An');

    await page.getByTestId('logout').click();
    const notice = page.getByTestId('login-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Bạn đã đăng xuất');
    expect((await context.cookies()).find((c) => c.name === 'ioc_session')).toBeUndefined();

    await page.reload();
    await page.getByTestId('login-username').waitFor();
    expect(await page.getByTestId('frame').count()).toBe(0);
  });

  test('a sign-out elsewhere (session.ended) returns this window to the login page', { timeout: 60_000 }, async () => {
    const { context, core, page } = suite;
    await signIn(page, core.url, 'operator');
    // Same cookie jar as the page: this is the same session signing out from another window.
    const reply = await context.request.post(`${core.url}/api/auth/logout`);
    expect(reply.status()).toBe(204);
    const notice = page.getByTestId('login-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('đăng xuất ở nơi khác');
  });
});
