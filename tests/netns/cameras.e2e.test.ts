import { networkInterfaces } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { hasPermission } from '../../src-shared/contract';
import { personalityInfo, startSimCamera, type SimCamera } from '../../sim/onvif';
import { signIn } from '../e2e/app';
import { DEMO_PASSWORD, launchBrowser, newPage, resultsPath, startCore, type CoreProcess } from '../e2e/harness';

/**
 * The Cameras page and the PTZ panel in Chromium against a real core and simulated ONVIF cameras.
 *
 * The simulated cameras advertise their captured private addresses (192.168.x, 10.x) in every URI, as the real
 * ones did; the core must rewrite them. This file therefore only runs in a network namespace that has nothing
 * but loopback (the tests/netns runner: `unshare -n`), where a missed rewrite fails instead of sending traffic.
 */
const LOOPBACK_ONLY = Object.values(networkInterfaces())
  .flat()
  .every((address) => address?.internal === true);
if (!LOOPBACK_ONLY) {
  const message = 'tests/netns/cameras.e2e.test.ts runs only in a loopback-only network namespace (unshare -n).';
  if (process.env.IOC_REQUIRE_SERVICES === '1') throw new Error(message);
  console.warn(`\n!!! SKIPPED: ${message}\n`);
}

const CAMERA_USER = 'onvif-admin';
const CAMERA_PASSWORD = 'mật-khẩu-camera-Đồng-Tháp';
/** Slow enough that a few seconds of movement stays well inside the −1…1 pan range (it wraps at ±1). */
const PTZ_SPEED = 0.2;

async function waitUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Index into the simulator's call log, to look only at calls made after a point in the test. */
function callsSince(camera: SimCamera, mark: number, method: string): number {
  return camera
    .calls()
    .slice(mark)
    .filter((c) => c.method === method && c.status === 200).length;
}

async function rpc(core: CoreProcess, token: string, command: string, input: unknown): Promise<unknown> {
  const reply = await fetch(`${core.url}/api/rpc/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = (await reply.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${command}: ${JSON.stringify(body.error)}`);
  return body.value;
}

async function loginToken(core: CoreProcess, username: string): Promise<string> {
  const reply = await fetch(`${core.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await reply.json()) as { token: string }).token;
}

describe.skipIf(!LOOPBACK_ONLY)('cameras page: onboarding and PTZ in the browser', () => {
  let core: CoreProcess;
  let browser: Browser;
  let dome: SimCamera;
  let spare: SimCamera;
  const extra: SimCamera[] = [];
  const contexts: BrowserContext[] = [];

  async function open(
    user: Parameters<typeof signIn>[2],
    prepare?: (context: BrowserContext) => Promise<unknown>,
  ): Promise<Page> {
    const { context, page } = await newPage(browser);
    await prepare?.(context);
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const console: string[] = [];
    page.on('console', (message) => console.push(`[${message.type()}] ${message.text()}`));
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: resultsPath(`cameras-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
      process.stderr.write(
        `browser console:\n${console.join('\n')}\ncore output (tail):\n${core.output().slice(-3000)}\n`,
      );
    });
    await signIn(page, core.url, user);
    await page.getByTestId('nav-cameras').click();
    await page.getByTestId('page-cameras').waitFor();
    return page;
  }

  beforeAll(async () => {
    const mainToken = (await personalityInfo('axis')).profiles[0]?.token;
    dome = await startSimCamera({
      personality: 'axis',
      username: CAMERA_USER,
      password: CAMERA_PASSWORD,
      auth: 'both',
      ptzSpeed: PTZ_SPEED,
      name: 'Vòm PTZ chợ Cao Lãnh',
      discovery: true,
      ...(mainToken ? { videoEncodings: { [mainToken]: 'H265' as const } } : {}),
    });
    // Not added by the technician: discovery must offer it with "Thêm".
    spare = await startSimCamera({
      personality: 'hikvision',
      host: '127.0.0.2',
      username: CAMERA_USER,
      password: CAMERA_PASSWORD,
      name: 'Camera bến phà',
      discovery: true,
    });
    core = await startCore();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    for (const camera of [dome, spare, ...extra]) await camera?.dispose();
    const exit = await core?.stop();
    expect(exit?.code).toBe(0);
  }, 60_000);

  test(
    'technician: empty page says what to do, then adds the dome through the dialog',
    { timeout: 90_000 },
    async () => {
      const page = await open('technician');
      const empty = page.getByTestId('empty-state');
      await empty.waitFor();
      expect(await empty.innerText()).toContain('Tìm camera');

      await page.getByTestId('cameras-add').click();
      const dialog = page.getByTestId('camera-dialog');
      await dialog.waitFor();
      await page.getByTestId('camera-field-host').fill('127.0.0.1');
      await page.getByTestId('camera-field-port').fill(String(dome.port));
      await page.getByTestId('camera-field-username').fill(CAMERA_USER);
      await page.getByTestId('camera-field-password').fill(CAMERA_PASSWORD);
      await page.getByTestId('camera-field-name').fill('Ngã tư Nguyễn Huệ – Lý Thường Kiệt');
      await page.getByTestId('camera-field-siteId').selectOption('cao-lanh');
      await page.getByTestId('camera-field-lat').fill('10,4602');
      await page.getByTestId('camera-field-lon').fill('105.6329');
      await page.getByTestId('camera-field-headingDeg').fill('135');
      await page.getByTestId('camera-field-fovDeg').fill('60');

      await page.getByTestId('camera-dialog-test').click();
      const result = page.getByTestId('camera-test-result');
      await result.waitFor();
      expect(await result.getAttribute('data-status')).toBe('online');
      expect(await page.getByTestId('test-ptz').getAttribute('data-ok')).toBe('true');
      expect(await page.getByTestId('test-profiles').innerText()).toMatch(/[1-9]\d* luồng/);
      await page.screenshot({ path: resultsPath('cameras-add-dialog.png') });

      await page.getByTestId('camera-dialog-submit').click();
      await dialog.waitFor({ state: 'detached' });

      const row = page.getByTestId('camera-row');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      expect(await row.getByTestId('camera-status').getAttribute('data-status')).toBe('online');
      expect(await row.innerText()).toContain('Trung tâm IOC Cao Lãnh');

      const detail = page.getByTestId('camera-detail');
      await detail.waitFor();
      expect(await page.getByTestId('camera-detail-name').innerText()).toBe('Ngã tư Nguyễn Huệ – Lý Thường Kiệt');
      expect(await detail.innerText()).toContain('135° / 60°');
      const profiles = page.getByTestId('camera-profile');
      expect(await profiles.count()).toBe(dome.profiles.length);
      // The main stream was made H.265: flagged for transcoding, in Vietnamese.
      const h265 = page.locator('[data-testid="camera-profile"][data-codec="H265"]');
      expect(await h265.count()).toBeGreaterThan(0);
      expect(await h265.first().innerText()).toContain('Cần chuyển mã');

      const snapshot = page.getByTestId('snapshot-image');
      await snapshot.waitFor();
      await page.waitForFunction(
        () =>
          ((document.querySelector('[data-testid="snapshot-image"]') as HTMLImageElement | null)?.naturalWidth ?? 0) >
          0,
      );

      // Diacritics-insensitive search over the list.
      await page.getByTestId('cameras-search').fill('nguyen hue ly thuong');
      expect(await page.getByTestId('camera-row').count()).toBe(1);
      await page.getByTestId('cameras-search').fill('khong co');
      await page.getByTestId('cameras-nomatch').waitFor();
      await page.getByTestId('cameras-search').fill('');
      await row.first().waitFor();
    },
  );

  test(
    'technician: joystick and arrow keys move the SIMULATED dome while held and stop on release',
    { timeout: 90_000 },
    async () => {
      const page = await open('technician');
      await page.getByTestId('camera-open').first().click();
      const pad = page.getByTestId('ptz-pad');
      await pad.waitFor();
      await page.getByTestId('ptz-presets').waitFor();

      // Hold the pad towards its right edge for longer than the camera-side timeout of one move: only the
      // repeated refresh keeps it moving until the release.
      const box = await pad.boundingBox();
      if (!box) throw new Error('no joystick on screen');
      const before = dome.ptzState();
      let mark = dome.calls().length;
      await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2);
      await page.mouse.down();
      await waitUntil('the dome pans', () => dome.ptzState().panTiltMoving);
      await sleep(2_500);
      const held = dome.ptzState();
      expect(held.panTiltMoving).toBe(true);
      expect(held.pan).toBeGreaterThan(before.pan + 0.1);
      expect(Math.abs(held.tilt - before.tilt)).toBeLessThan(0.05);
      expect(callsSince(dome, mark, 'ContinuousMove')).toBeGreaterThanOrEqual(3);
      expect(await page.getByTestId('ptz-state').getAttribute('data-moving')).toBe('true');

      mark = dome.calls().length;
      await page.mouse.up();
      await waitUntil('the release reaches the dome as a Stop', () => callsSince(dome, mark, 'Stop') >= 1);
      await waitUntil('the dome is still', () => !dome.ptzState().panTiltMoving);
      const stopped = dome.ptzState().pan;
      await sleep(600);
      expect(dome.ptzState().pan).toBe(stopped);
      await page.locator('[data-testid="ptz-state"]:not([data-moving])').waitFor();
      // The panel shows the position the camera reports.
      await page.getByTestId('ptz-position').filter({ hasText: 'Ngang' }).waitFor();

      // Arrow up from the keyboard (focus is not in a text field): tilt up while held, stop on key-up.
      const tiltBefore = dome.ptzState().tilt;
      await page.getByTestId('camera-detail-name').click();
      await page.keyboard.down('ArrowUp');
      await waitUntil('the dome tilts', () => dome.ptzState().panTiltMoving);
      await sleep(1_500);
      expect(dome.ptzState().tilt).toBeGreaterThan(tiltBefore + 0.05);
      mark = dome.calls().length;
      await page.keyboard.up('ArrowUp');
      await waitUntil('key-up reaches the dome as a Stop', () => callsSince(dome, mark, 'Stop') >= 1);
      await waitUntil('the dome is still', () => !dome.ptzState().panTiltMoving);

      // Zoom in while the button is held.
      const zoomBefore = dome.ptzState().zoom;
      const zoomIn = await page.getByTestId('ptz-zoom-in').boundingBox();
      if (!zoomIn) throw new Error('no zoom button on screen');
      await page.mouse.move(zoomIn.x + zoomIn.width / 2, zoomIn.y + zoomIn.height / 2);
      await page.mouse.down();
      await waitUntil('the dome zooms', () => dome.ptzState().zoomMoving);
      await sleep(1_000);
      expect(dome.ptzState().zoom).toBeGreaterThan(zoomBefore);
      mark = dome.calls().length;
      await page.mouse.up();
      await waitUntil('the release stops the zoom', () => callsSince(dome, mark, 'Stop') >= 1);
      await waitUntil('the zoom is still', () => !dome.ptzState().zoomMoving);
    },
  );

  test(
    'technician: a gamepad stick steers through the Gamepad API, with a dead zone, and stops when unplugged',
    { timeout: 60_000 },
    async () => {
      // Chromium has no virtual gamepad: the page gets a scripted one behind navigator.getGamepads().
      const page = await open('technician', (context) =>
        context.addInitScript(() => {
          const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
          const pad = { id: 'Tay cầm thử (STANDARD GAMEPAD)', index: 0, connected: true, mapping: 'standard' };
          const state = Object.assign(pad, { axes: [0, 0, 0, 0], buttons, timestamp: 0 });
          Object.defineProperty(window, 'testPad', { value: state });
          Object.defineProperty(navigator, 'getGamepads', { value: () => [state.connected ? state : null] });
        }),
      );
      type TestPad = { axes: number[]; connected: boolean };
      const setPad = (axes: number[], connected = true, event = 'gamepadconnected'): Promise<void> =>
        page.evaluate(
          ({ axes, connected, event }) => {
            const pad = (window as unknown as { testPad: TestPad }).testPad;
            pad.axes = axes;
            pad.connected = connected;
            window.dispatchEvent(new Event(event));
          },
          { axes, connected, event },
        );

      await page.getByTestId('camera-open').first().click();
      await page.getByTestId('ptz-panel').waitFor();
      await setPad([0, 0, 0, 0]);
      await page.getByTestId('ptz-gamepad').filter({ hasText: 'Tay cầm thử' }).waitFor();

      // A stick resting slightly off centre is inside the dead zone: nothing is sent.
      let mark = dome.calls().length;
      await setPad([0.08, -0.06, 0, 0.05]);
      await sleep(500);
      expect(callsSince(dome, mark, 'ContinuousMove')).toBe(0);

      const before = dome.ptzState().pan;
      await setPad([-1, 0, 0, 0]);
      await waitUntil('the stick pans the dome left', () => dome.ptzState().panTiltMoving);
      await sleep(1_000);
      expect(dome.ptzState().pan).toBeLessThan(before - 0.05);

      mark = dome.calls().length;
      await setPad([-1, 0, 0, 0], false, 'gamepaddisconnected');
      await waitUntil('unplugging stops the dome', () => callsSince(dome, mark, 'Stop') >= 1);
      await waitUntil('the dome is still', () => !dome.ptzState().panTiltMoving);
      await page.getByTestId('ptz-gamepad').filter({ hasText: 'Cắm tay cầm' }).waitFor();
    },
  );

  test(
    'technician: presets by token — save the current position, go to preset 1 with the key',
    { timeout: 60_000 },
    async () => {
      const page = await open('technician');
      await page.getByTestId('camera-open').first().click();
      const presets = page.getByTestId('ptz-preset');
      await presets.first().waitFor();
      const simPresets = dome.presets();
      expect(await presets.count()).toBe(simPresets.length);
      expect(await presets.first().getAttribute('data-token')).toBe(simPresets[0]?.token);

      await page.getByTestId('ptz-preset-name').fill('Cổng chợ');
      await page.getByTestId('ptz-preset-save').click();
      await page.locator('[data-testid="ptz-preset"]', { hasText: 'Cổng chợ' }).waitFor();
      const created = dome.presets().find((p) => p.name === 'Cổng chợ');
      expect(created).toBeDefined();
      expect(await page.locator('[data-testid="ptz-preset"]', { hasText: 'Cổng chợ' }).getAttribute('data-token')).toBe(
        created?.token,
      );

      const first = dome.presets()[0];
      if (!first?.position) throw new Error('the axis capture has positions for its presets');
      const target = first.position;
      await page.getByTestId('camera-detail-name').click();
      await page.keyboard.press('1');
      await waitUntil(
        'the dome reaches preset 1',
        () => {
          const s = dome.ptzState();
          return !s.panTiltMoving && Math.abs(s.pan - target.pan) < 0.01 && Math.abs(s.tilt - target.tilt) < 0.01;
        },
        20_000,
      );
    },
  );

  test(
    'technician: a wrong password is explained in Vietnamese, field errors come from the core',
    { timeout: 60_000 },
    async () => {
      const page = await open('technician');
      await page.getByTestId('cameras-add').click();
      await page.getByTestId('camera-dialog').waitFor();

      await page.getByTestId('camera-field-host').fill('http://127.0.0.1/onvif');
      await page.getByTestId('camera-dialog-submit').click();
      const hostError = page.getByTestId('field-error-host');
      await hostError.waitFor();
      expect(await hostError.innerText()).toContain('không kèm “http://”');
      expect(await page.getByTestId('camera-field-host').getAttribute('aria-invalid')).toBe('true');

      await page.getByTestId('camera-field-host').fill('127.0.0.2');
      await page.getByTestId('camera-field-port').fill(String(spare.port));
      await page.getByTestId('camera-field-username').fill(CAMERA_USER);
      await page.getByTestId('camera-field-password').fill('sai-mật-khẩu');
      await page.getByTestId('camera-dialog-test').click();
      const verdict = page.getByTestId('camera-test-verdict');
      await verdict.waitFor();
      expect(await verdict.locator('[data-headline]').getAttribute('data-headline')).toBe('auth_failed');
      expect(await verdict.innerText()).toContain('Camera từ chối tên đăng nhập hoặc mật khẩu');
      expect(await verdict.innerText()).toContain('tài khoản ONVIF');

      await page.getByTestId('camera-dialog-submit').click();
      await page.getByTestId('camera-dialog-error').waitFor();
      expect(await page.getByTestId('camera-dialog-error').innerText()).toContain('Chưa thêm được camera');
      await page.locator('[data-testid="camera-test-verdict"] [data-headline="auth_failed"]').waitFor();
      expect(await page.getByTestId('camera-dialog').innerText()).not.toContain('sai-mật-khẩu');
      await page.keyboard.press('Escape');
      await page.getByTestId('camera-dialog').waitFor({ state: 'detached' });
      expect(await page.getByTestId('camera-row').count()).toBe(1);
    },
  );

  test(
    'technician: edit renames and keeps the stored password when the field is left empty',
    { timeout: 60_000 },
    async () => {
      const page = await open('technician');
      await page.getByTestId('camera-open').first().click();
      await page.getByTestId('camera-edit').click();
      await page.getByTestId('camera-dialog').waitFor();
      expect(await page.getByTestId('camera-field-password').inputValue()).toBe('');
      expect(await page.getByTestId('camera-field-host').getAttribute('readonly')).not.toBeNull();
      await page.getByTestId('camera-field-name').fill('Ngã tư Nguyễn Huệ – Lý Thường Kiệt (vòm)');
      await page.getByTestId('camera-dialog-submit').click();
      await page.getByTestId('camera-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('camera-detail-name').filter({ hasText: '(vòm)' }).waitFor();

      await page.getByTestId('camera-test').click();
      const result = page.getByTestId('camera-test-result');
      await result.waitFor();
      expect(await result.getAttribute('data-status')).toBe('online');
    },
  );

  test(
    'technician: discovery marks the added dome and offers the other camera prefilled',
    { timeout: 60_000 },
    async () => {
      const page = await open('technician');
      await page.getByTestId('cameras-discover').click();
      await page.getByTestId('discovery-progress').waitFor();
      await page.getByTestId('discovery-results').waitFor({ timeout: 30_000 });

      const added = page.locator(`[data-testid="discovered"][data-port="${dome.port}"]`);
      await added.waitFor();
      expect(await added.getAttribute('data-added')).toBe('true');
      expect(await added.innerText()).toContain('Đã thêm');

      const offered = page.locator(`[data-testid="discovered"][data-port="${spare.port}"]`);
      await offered.waitFor();
      expect(await offered.getAttribute('data-added')).toBeNull();
      await page.screenshot({ path: resultsPath('cameras-discovery.png') });
      await offered.getByTestId('discovered-add').click();
      await page.getByTestId('camera-dialog').waitFor();
      expect(await page.getByTestId('camera-field-host').inputValue()).toBe('127.0.0.2');
      expect(await page.getByTestId('camera-field-port').inputValue()).toBe(String(spare.port));
      expect(await page.getByTestId('camera-field-name').inputValue()).toBe('Camera bến phà');
    },
  );

  test('a role with cameras.read only sees a read-only list without PTZ', { timeout: 60_000 }, async () => {
    const page = await open('director');
    await page.getByTestId('camera-row').first().waitFor();
    await page.getByTestId('cameras-readonly').waitFor();
    expect(await page.getByTestId('cameras-add').count()).toBe(0);
    expect(await page.getByTestId('cameras-discover').count()).toBe(0);
    await page.getByTestId('camera-open').first().click();
    await page.getByTestId('camera-detail').waitFor();
    expect(await page.getByTestId('camera-edit').count()).toBe(0);
    expect(await page.getByTestId('camera-remove').count()).toBe(0);
    expect(await page.getByTestId('ptz-panel').count()).toBe(0);

    // The same page in English, nothing left in Vietnamese that belongs to this page.
    await page.getByTestId('lang-switch-en').click();
    await page.getByTestId('cameras-readonly').filter({ hasText: 'Read only' }).waitFor();
    expect(await page.getByTestId('camera-detail').getByTestId('camera-status').innerText()).toBe('Online');
    expect(await page.getByTestId('camera-profiles').innerText()).toContain('Needs transcoding');
    await page.screenshot({ path: resultsPath('cameras-director-en.png') });
  });

  test('operator: what the roles grant — the list with PTZ, or a clear refusal', { timeout: 60_000 }, async () => {
    const page = await open('operator');
    if (!hasPermission(['operator'], 'cameras.read')) {
      await page.getByTestId('page-restricted').waitFor();
      expect(await page.getByTestId('camera-row').count()).toBe(0);
      return;
    }
    await page.getByTestId('cameras-readonly').waitFor();
    await page.getByTestId('camera-open').first().click();
    await page.getByTestId('ptz-panel').waitFor();
    expect(await page.getByTestId('camera-edit').count()).toBe(0);
  });

  test('a fleet of cameras in several states, as an operator sees it (screenshot)', { timeout: 120_000 }, async () => {
    const token = await loginToken(core, 'technician');
    const add = async (camera: SimCamera, name: string, siteId: string): Promise<{ id: string }> =>
      (await rpc(core, token, 'cameras.add', {
        host: camera.host,
        port: camera.port,
        username: CAMERA_USER,
        password: CAMERA_PASSWORD,
        name,
        siteId,
      })) as { id: string };
    const start = async (personality: 'agsh' | 'hikvision' | 'pelco'): Promise<SimCamera> => {
      const camera = await startSimCamera({ personality, username: CAMERA_USER, password: CAMERA_PASSWORD });
      extra.push(camera);
      return camera;
    };
    await add(await start('hikvision'), 'Cầu Đình Trung – hướng Sa Đéc', 'sa-dec');
    await add(await start('pelco'), 'Bến xe Hồng Ngự', 'hong-ngu');
    const gone = await start('agsh');
    const goneCamera = await add(gone, 'Công viên Văn Miếu', 'cao-lanh');
    const locked = await start('pelco');
    const lockedCamera = await add(locked, 'Chợ Sa Đéc – cổng chính', 'sa-dec');
    // One camera's password changed on site, one lost power: the list must show both plainly.
    await rpc(core, token, 'cameras.update', { id: lockedCamera.id, password: 'mật-khẩu-cũ' });
    await rpc(core, token, 'cameras.test', { id: lockedCamera.id });
    await gone.dispose();
    await rpc(core, token, 'cameras.test', { id: goneCamera.id });

    const page = await open('technician');
    await page.locator('[data-testid="camera-row"]').nth(4).waitFor();
    await page.getByTestId('camera-open').filter({ hasText: 'Nguyễn Huệ' }).click();
    await page.getByTestId('snapshot-image').waitFor();
    await page.getByTestId('ptz-panel').waitFor();
    await page.screenshot({ path: resultsPath('cameras-technician.png') });

    const statuses = await page
      .getByTestId('camera-row')
      .getByTestId('camera-status')
      .evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')));
    expect(statuses).toContain('online');
    expect(statuses.length).toBe(5);

    // The camera whose password changed on site: its detail says what happened and what to do.
    await page.getByTestId('camera-open').filter({ hasText: 'Chợ Sa Đéc' }).click();
    const advice = page.getByTestId('camera-advice');
    await advice.waitFor();
    expect(await advice.locator('[data-headline]').getAttribute('data-headline')).toBe('auth_failed');
    expect(await advice.innerText()).toContain('Camera từ chối tên đăng nhập hoặc mật khẩu');
    expect(await page.getByTestId('ptz-panel').count()).toBe(1);
    await page.screenshot({ path: resultsPath('cameras-auth-failed.png') });

    // Removing asks first, then the row goes.
    await page.getByTestId('camera-open').filter({ hasText: 'Công viên Văn Miếu' }).click();
    await page.getByTestId('camera-remove').click();
    const confirm = page.getByTestId('camera-remove-dialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Công viên Văn Miếu');
    await page.getByTestId('camera-remove-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('camera-open').filter({ hasText: 'Công viên Văn Miếu' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('camera-row').count()).toBe(4);
  });
});
