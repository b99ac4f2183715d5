// Issue 5 §9: a case opened from a tile of a wall display window (`#/wall/<display>`) with the tile's ＋: the form
// comes prefilled with the camera's place, typing in it fires no wall key, and the case reaches the Cases inbox
// with the camera's snapshot attached (through the central server, as every case's media does).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import type { Layout } from '../../src-shared/contract/layouts';
import type { DemoFleet } from '../../sim/fleet';
import { signIn } from './app';
import { type Central, ENROL_SECRET, startCentral } from './citizen-journey-support';
import { launchBrowser, makeDataDir, newPage, resultsPath, startCore, type CoreProcess } from './harness';
import { FLEET_SUPPORT, rpcClient, startWallFleet, until } from './wall-fleet';

describe.runIf(FLEET_SUPPORT.gstreamer && FLEET_SUPPORT.h264)('a new case from a wall display window', () => {
  let dataDir: string;
  let fleet: DemoFleet;
  let central: Central;
  let core: CoreProcess;
  let browser: Browser;
  let context: BrowserContext;
  let cameras: Camera[];

  beforeAll(async () => {
    dataDir = makeDataDir();
    fleet = await startWallFleet(dataDir, (all) => all.filter((c) => c.mainCodec === 'h264').slice(0, 2));
    central = await startCentral(join(dataDir, 'central.sqlite'), 0);
    core = await startCore({
      dataDir,
      demoFleet: fleet.manifestPath,
      server: central.url,
      env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET },
    });
    const call = await rpcClient(core.url, 'operator');
    cameras = await until(
      async () => {
        const list = await call<Camera[]>('cameras.list', {});
        return list.filter((c) => c.status === 'online').length === 2 ? list : null;
      },
      'both cameras onboarded and online',
      120_000,
    );
    const layout = await call<Layout>('layouts.save', {
      name: 'Hai camera Cao Lãnh',
      cols: 2,
      rows: 1,
      tiles: cameras.map((c, i) => ({ x: i, y: 0, w: 1, h: 1, cameraId: c.id })),
    });
    await call('walls.assign', { displayId: 'screen-1', source: { kind: 'layout', layoutId: layout.id } });
    browser = await launchBrowser();
    ({ context } = await newPage(browser));
    context.setDefaultTimeout(30_000);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const exit = await core?.stop();
    await central?.stop();
    await fleet?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  test(
    '＋ on a playing tile opens the form; the case shows in the inbox with the snapshot',
    { timeout: 180_000 },
    async () => {
      const control: Page = await context.newPage();
      await signIn(control, core.url, 'operator');
      const wall = await context.newPage();
      const problems: string[] = [];
      wall.on('pageerror', (error) => problems.push(error.message));
      await wall.goto(`${core.url}/#/wall/screen-1`);
      const tile = wall.locator('[data-testid="wall-grid"] [data-tile-index="1"]');
      await wall.locator('[data-testid="wall-grid"] [data-tile-index="1"][data-state="playing"]').waitFor({
        timeout: 60_000,
      });
      const camera = cameras.find((c) => c.id === cameras[1]!.id)!;

      await tile.hover();
      await tile.getByTestId('tile-new-case').click();
      const dialog = wall.getByTestId('new-case-dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain(camera.name);
      expect(await dialog.getByTestId('new-case-snapshot').count()).toBe(1);
      await dialog.getByTestId('new-case-category').selectOption('drainage');
      // Letters that are wall keys (N, S, F, T, P, I, 1…9) and `?` are text here, not shortcuts.
      const description = 'Nước ngập sâu 30 cm, xe máy chết máy ở ngã tư? Cần hỗ trợ 115 ngay';
      await dialog.getByTestId('new-case-description').pressSequentially(description);
      expect(await dialog.getByTestId('new-case-description').inputValue()).toBe(description);
      expect(await wall.getByTestId('wall-help').count()).toBe(0);
      expect(await wall.getByTestId('new-case-dialog').count()).toBe(1);
      expect(await dialog.getByTestId('new-case-lat').inputValue()).not.toBe('');
      await dialog.getByTestId('new-case-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const notice = wall.getByTestId('case-created');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('kèm ảnh camera');
      // A wall display window shows only the wall: no link away from it.
      expect(await notice.getByTestId('case-created-open').count()).toBe(0);
      await wall.screenshot({ path: resultsPath('wall-window-new-case.png') });
      expect(problems).toEqual([]);

      // The N key on a focused tile opens the same form, Esc closes it.
      await wall.keyboard.press('Digit1');
      await wall.keyboard.press('KeyN');
      await dialog.waitFor();
      await wall.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // The control window's wall has the same ＋ (one component for both).
      await control.getByTestId('nav-wall').click();
      const editorTile = control.locator('[data-testid="editor-grid"] [data-tile-index="0"]');
      await control.locator('[data-testid="editor-grid"] [data-tile-index="0"][data-state="playing"]').waitFor({
        timeout: 60_000,
      });
      await editorTile.hover();
      await editorTile.getByTestId('tile-new-case').click();
      const controlDialog = control.getByTestId('new-case-dialog');
      expect(await controlDialog.innerText()).toContain(cameras[0]!.name);
      await control.keyboard.press('Escape');
      await controlDialog.waitFor({ state: 'detached' });

      await control.getByTestId('nav-cases').click();
      const row = control.getByTestId('case-row').filter({ hasText: 'Nước ngập sâu 30 cm' });
      await row.waitFor();
      const thumb = control.locator('[data-testid="media-thumb"][data-kind="photo"][data-state="ready"]');
      // The snapshot goes up with the case and comes back as the case's photo once the server has processed it.
      await until(
        async () => {
          await row.click();
          await control.getByTestId('case-detail').waitFor();
          return (await thumb.count()) === 1 && (await row.getByTestId('case-row-pending').count()) === 0;
        },
        'the case synced with its snapshot',
        90_000,
      );
      expect(await control.getByTestId('case-detail').innerText()).toContain('Nước ngập sâu 30 cm');
      expect(await thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await control.screenshot({ path: resultsPath('wall-window-new-case-inbox.png') });
    },
  );
});
