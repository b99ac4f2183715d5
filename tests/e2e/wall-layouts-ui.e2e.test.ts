// Issue 4 §3 through the control window's UI only: an empty layout list says what to do, a 2×2 built by dragging a
// camera from the list, saved, renamed (Enter in the name field), duplicated, the other one loaded, grids switched
// to 3×3 and back, a custom span merged (by mouse, then by keyboard: Shift+arrow and M), a refused delete shown with
// what uses the layout in Vietnamese, a delete confirmed by keyboard, and the layouts still there after a reload
// (SQLite). One simulated ONVIF camera, no video: its RTSP address is a closed port.
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import type { Layout } from '../../src-shared/contract/layouts';
import { startSimCamera, type SimCamera } from '../../sim/onvif';
import { signIn } from './app';
import { launchBrowser, makeDataDir, newPage, resultsPath, startCore, type CoreProcess } from './harness';
import { disposeWallFixture, rpcClient } from './wall-fleet';

/** Generous: the box runs several suites at once (load 20–35). */
const WAIT = { timeout: 60_000 } as const;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('layouts managed through the wall page', () => {
  let dataDir: string;
  let camera: SimCamera;
  let core: CoreProcess;
  let browser: Browser;
  let call: Awaited<ReturnType<typeof rpcClient>>;
  let cameraId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir();
    const account = { username: 'ioc-layouts', password: 'bố-cục-e2e' };
    camera = await startSimCamera({
      personality: 'hikvision',
      ...account,
      auth: 'digest',
      advertisedHost: '127.0.0.1',
      rtspUrl: `rtsp://127.0.0.1:${await closedPort()}/none`,
      name: 'Cổng UBND',
      ptz: false,
    });
    core = await startCore({ dataDir });
    call = await rpcClient(core.url, 'technician');
    const added = await call<Camera>('cameras.add', {
      host: camera.host,
      port: camera.port,
      ...account,
      name: 'Cổng UBND tỉnh',
    });
    cameraId = added.id;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await disposeWallFixture({ contexts, browser, core, simulators: [camera], dataDir });
  }, 60_000);

  const layouts = () => call<Layout[]>('layouts.list', {});

  test(
    'create, drag, save, rename, duplicate, load, resize, merge, delete and reload',
    { timeout: 300_000 },
    async () => {
      const { context, page } = await newPage(browser);
      contexts.push(context);
      context.setDefaultTimeout(60_000);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signIn(page, core.url, 'technician');
      await page.getByTestId('nav-wall').click();
      await page.getByTestId('layout-toolbar').waitFor();

      const select = page.getByTestId('layout-select');
      const name = page.getByTestId('layout-name');
      const save = page.getByTestId('layout-save');
      const notice = page.getByTestId('layout-notice');
      const grid = page.getByTestId('editor-grid');
      const tiles = grid.locator('[data-tile-index]');
      const tile = (index: number): Locator => grid.locator(`[data-tile-index="${index}"]`);
      const optionTexts = (): Promise<string[]> => select.locator('option').allInnerTexts();
      const shape = async () => ({
        cols: await grid.getAttribute('data-cols'),
        rows: await grid.getAttribute('data-rows'),
        tiles: await tiles.count(),
      });

      // An empty list: Vietnamese by default, and it says what to do next.
      const empty = page.getByTestId('layout-empty');
      await expect.poll(() => empty.isVisible(), WAIT).toBe(true);
      expect(await empty.innerText()).toMatch(/Chưa có bố cục nào/);
      expect(await optionTexts()).toEqual(['— Bố cục chưa lưu —']);
      expect(await page.getByTestId('layout-new').innerText()).toBe('Tạo mới');
      expect(await save.innerText()).toBe('Lưu');
      expect(await page.getByTestId('layout-duplicate').innerText()).toBe('Nhân bản');
      expect(await page.getByTestId('layout-remove').innerText()).toBe('Xoá');
      expect(await page.getByTestId('layout-duplicate').isDisabled()).toBe(true);

      // A 2×2 with the camera dragged from the list onto tile 2.
      await page.getByTestId('layout-new').click();
      await page.getByTestId('grid-preset-2x2').click();
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 4 });
      await page.getByTestId(`wall-camera-${cameraId}`).waitFor();
      await page.getByTestId(`wall-camera-${cameraId}`).dragTo(tile(1));
      await expect.poll(() => tile(1).getAttribute('data-camera-id'), WAIT).toBe(cameraId);
      await expect.poll(() => page.getByTestId(`wall-camera-${cameraId}`).getAttribute('class')).toContain('--on');

      await name.fill('Ngã tư Đinh Tiên Hoàng');
      await save.click();
      await expect.poll(() => notice.innerText(), WAIT).toBe('Đã lưu bố cục “Ngã tư Đinh Tiên Hoàng”.');
      await expect.poll(() => save.innerText(), WAIT).toBe('Đã lưu');
      await expect.poll(() => empty.count(), WAIT).toBe(0);
      await expect.poll(optionTexts, WAIT).toEqual(['— Bố cục chưa lưu —', 'Ngã tư Đinh Tiên Hoàng (2×2)']);
      const [first] = await layouts();
      expect(first).toMatchObject({ name: 'Ngã tư Đinh Tiên Hoàng', cols: 2, rows: 2 });
      expect(first?.tiles.map((t) => t.cameraId)).toEqual([null, cameraId, null, null]);

      // Rename from the keyboard: type, Enter saves.
      await name.fill('Ngã tư Đinh Tiên Hoàng – cổng chính');
      expect(await save.innerText()).toBe('Lưu');
      await name.press('Enter');
      await expect.poll(() => notice.innerText(), WAIT).toBe('Đã lưu bố cục “Ngã tư Đinh Tiên Hoàng – cổng chính”.');
      await expect
        .poll(async () => (await layouts()).map((l) => l.name), WAIT)
        .toEqual(['Ngã tư Đinh Tiên Hoàng – cổng chính']);

      // Duplicate what is shown: the copy is opened, the original stays.
      await page.getByTestId('layout-duplicate').click();
      await expect
        .poll(() => notice.innerText(), WAIT)
        .toBe('Đã lưu bố cục “Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao)”.');
      await expect.poll(() => name.inputValue(), WAIT).toBe('Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao)');
      await expect.poll(async () => (await layouts()).length, WAIT).toBe(2);

      // The copy goes 3×3 and back to 2×2 (presets and the column / row pickers); the camera stays on the layout.
      await page.getByTestId('grid-preset-3x3').click();
      await expect.poll(shape, WAIT).toEqual({ cols: '3', rows: '3', tiles: 9 });
      expect(await grid.locator(`[data-camera-id="${cameraId}"]`).count()).toBe(1);
      await page.getByTestId('grid-cols').selectOption('2');
      await page.getByTestId('grid-rows').selectOption('2');
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 4 });
      expect(await grid.locator(`[data-camera-id="${cameraId}"]`).count()).toBe(1);

      // A custom span: Shift+click the left column's two tiles, merge them into one 1×2 tile.
      expect(await page.getByTestId('tiles-merge').isDisabled()).toBe(true);
      await tile(0).click();
      await tile(2).click({ modifiers: ['Shift'] });
      await page.getByTestId('tiles-merge').click();
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 3 });
      // The merged tile stays selected: Split is offered at once and undoes the merge; merge again to keep the span.
      await expect.poll(() => page.getByTestId('tiles-split').isDisabled(), WAIT).toBe(false);
      await page.getByTestId('tiles-split').click();
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 4 });
      // The same span from the keyboard: 1 selects tile 1, Shift+↓ takes the tile below, M merges; each step is
      // announced (role=status). The `?` help lists both keys.
      const status = page.getByTestId('layout-selection-status');
      expect(await status.getAttribute('role')).toBe('status');
      await tile(0).focus();
      await page.keyboard.press('1');
      await page.keyboard.press('Shift+ArrowDown');
      await expect.poll(() => status.innerText(), WAIT).toBe('Đã chọn 2 ô (1×2). Nhấn M để gộp.');
      await expect.poll(() => page.getByTestId('tiles-merge').isDisabled(), WAIT).toBe(false);
      await page.keyboard.press('m');
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 3 });
      await expect.poll(() => status.innerText(), WAIT).toBe('Đã gộp thành ô 1.');
      expect(await tile(0).getAttribute('style')).toContain('height: 100%');
      await page.keyboard.press('?');
      const help = page.getByTestId('shortcuts-help');
      await expect.poll(() => help.innerText(), WAIT).toContain('Gộp các ô đang chọn thành một ô');
      expect(await help.innerText()).toContain('Shift+↓');
      await page.keyboard.press('Escape');
      await expect.poll(() => help.count(), WAIT).toBe(0);
      await save.click();
      await expect
        .poll(() => notice.innerText(), WAIT)
        .toBe('Đã lưu bố cục “Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao)”.');
      const copy = (await layouts()).find((l) => l.name.endsWith('(bản sao)'));
      expect(copy?.tiles.some((t) => t.w === 1 && t.h === 2)).toBe(true);
      expect(copy?.tiles.flatMap((t) => (t.cameraId ? [t.cameraId] : []))).toEqual([cameraId]);

      // Duplicating unsaved edits copies what is shown, not the stored layout; the original is left as stored.
      await select.selectOption({ label: 'Ngã tư Đinh Tiên Hoàng – cổng chính (2×2)' });
      await expect.poll(() => name.inputValue(), WAIT).toBe('Ngã tư Đinh Tiên Hoàng – cổng chính');
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 4 });
      expect(await tile(1).getAttribute('data-camera-id')).toBe(cameraId);
      await page.getByTestId('grid-preset-1x1').click();
      await expect.poll(shape, WAIT).toEqual({ cols: '1', rows: '1', tiles: 1 });
      await page.getByTestId('layout-duplicate').click();
      await expect.poll(async () => (await layouts()).length, WAIT).toBe(3);
      await expect.poll(() => name.inputValue(), WAIT).toBe('Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao)');
      await expect
        .poll(async () => (await optionTexts()).includes('Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao) (1×1)'), WAIT)
        .toBe(true);
      expect(await page.getByTestId('layout-save').innerText()).toBe('Đã lưu');
      expect((await layouts()).find((l) => l.cols === 1)).toMatchObject({ rows: 1, tiles: [{ cameraId }] });
      expect((await layouts()).find((l) => l.name === 'Ngã tư Đinh Tiên Hoàng – cổng chính')).toMatchObject({
        cols: 2,
        rows: 2,
      });

      // A refused delete (the layout is on a display) is shown, in Vietnamese, and nothing is removed.
      const original = (await layouts()).find((l) => l.name === 'Ngã tư Đinh Tiên Hoàng – cổng chính')!;
      await call('walls.assign', { displayId: 'screen-0', source: { kind: 'layout', layoutId: original.id } });
      // A confirmation asked on one layout does not carry over to the next one opened.
      await select.selectOption({ label: 'Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao) (2×2)' });
      await page.getByTestId('layout-remove').click();
      await page.getByTestId('layout-remove-confirm').waitFor();
      await select.selectOption({ label: 'Ngã tư Đinh Tiên Hoàng – cổng chính (2×2)' });
      await expect.poll(() => page.getByTestId('layout-remove-confirm').count(), WAIT).toBe(0);
      await expect.poll(() => name.inputValue(), WAIT).toBe('Ngã tư Đinh Tiên Hoàng – cổng chính');
      await page.getByTestId('layout-remove').click();
      await page.getByTestId('layout-remove-confirm').click();
      await expect
        .poll(() => notice.innerText(), WAIT)
        .toMatch(/^Không xoá được: bố cục đang được dùng trên một màn hình/);
      expect(await notice.getAttribute('class')).toContain('notice--error');
      // The detail names the display as the displays panel does, in Vietnamese; the core's English is not shown.
      const shownAs = await page
        .locator('[data-testid="wall-display"][data-display="screen-0"] .display__name')
        .innerText();
      const detail = await notice.locator('.notice__hint').innerText();
      expect(detail).toMatch(/^Đang được dùng bởi: .+\.$/);
      expect(shownAs.startsWith(detail.replace(/^Đang được dùng bởi: (.+)\.$/, '$1'))).toBe(true);
      expect(await notice.innerText()).not.toMatch(/in use|change that first/);
      expect((await layouts()).length).toBe(3);
      await call('walls.assign', { displayId: 'screen-0', source: null });

      // Delete by keyboard: Enter on Xoá asks, Escape keeps, Enter on the focused confirmation removes.
      await select.selectOption({ label: 'Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao) (2×2)' });
      await expect.poll(() => name.inputValue(), WAIT).toBe('Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao)');
      // A selected tile is not maximised by the Enter that presses a toolbar button.
      await tile(0).click();
      await page.getByTestId('layout-remove').focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByTestId('layout-remove-confirm');
      await expect.poll(() => confirm.evaluate((e) => e === document.activeElement), WAIT).toBe(true);
      expect(await grid.locator('.tile--max').count()).toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => confirm.count(), WAIT).toBe(0);
      await expect
        .poll(() => page.getByTestId('layout-remove').evaluate((e) => e === document.activeElement), WAIT)
        .toBe(true);
      expect((await layouts()).length).toBe(3);
      await page.keyboard.press('Enter');
      await expect.poll(() => confirm.evaluate((e) => e === document.activeElement), WAIT).toBe(true);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => notice.innerText(), WAIT)
        .toBe('Đã xoá bố cục “Ngã tư Đinh Tiên Hoàng – cổng chính (bản sao)”.');
      await expect.poll(async () => (await layouts()).length, WAIT).toBe(2);
      await expect.poll(async () => (await optionTexts()).length, WAIT).toBe(3);
      expect(await grid.locator('.tile--max').count()).toBe(0);

      // After a reload the layouts are still there (SQLite), the span and the camera with them.
      await page.reload();
      await page.getByTestId('layout-toolbar').waitFor();
      await expect.poll(optionTexts, WAIT).toContain('Ngã tư Đinh Tiên Hoàng – cổng chính (2×2)');
      expect((await optionTexts()).length).toBe(3);
      await select.selectOption({ label: 'Ngã tư Đinh Tiên Hoàng – cổng chính (2×2)' });
      await expect.poll(shape, WAIT).toEqual({ cols: '2', rows: '2', tiles: 4 });
      await expect.poll(() => tile(1).getAttribute('data-camera-id'), WAIT).toBe(cameraId);
      await expect.poll(() => save.innerText(), WAIT).toBe('Đã lưu');
      await page.screenshot({ path: resultsPath('wall-layouts-ui.png') });
      expect(problems).toEqual([]);
    },
  );
});
