// Issue 6 §1: a camera picked on the map is put on the wall (the alarm slot of the displays with pop-ups on) and
// steered from the map's camera card (PTZ), with the demo fleet's simulated PTZ camera.
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Camera } from '../../src-shared/contract';
import type { WallDisplay } from '../../src-shared/contract/layouts';
import type { DemoFleet } from '../../sim/fleet';
import { signIn } from './app';
import { launchBrowser, makeDataDir, newPage, resultsPath, startCore, type CoreProcess } from './harness';
import { FLEET_SUPPORT, rpcClient, startWallFleet, until } from './wall-fleet';

const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'];

describe.runIf(FLEET_SUPPORT.gstreamer && FLEET_SUPPORT.h264)('map: a camera to the wall and under PTZ', () => {
  let dataDir: string;
  let fleet: DemoFleet;
  let core: CoreProcess;
  let browser: Browser;
  let camera: Camera;
  let call: Awaited<ReturnType<typeof rpcClient>>;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fleet = await startWallFleet(dataDir, (all) => all.filter((c) => c.ptz && c.mainCodec === 'h264').slice(0, 1));
    core = await startCore({ dataDir, demoFleet: fleet.manifestPath });
    call = await rpcClient(core.url, 'operator');
    const online = await until(
      async () => {
        const list = await call<Camera[]>('cameras.list', {});
        return list.length === 1 && list[0]!.status === 'online' && list[0]!.location ? list : null;
      },
      'the PTZ camera onboarded, online and placed',
      120_000,
    );
    camera = online[0]!;
    browser = await launchBrowser(WEBGL_ARGS);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    const exit = await core?.stop();
    await fleet?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  test(
    '“show on the wall” says when no display takes pop-ups, then puts the camera up',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await newPage(browser);
      context.setDefaultTimeout(30_000);
      await signIn(page, core.url, 'operator');
      await page.getByTestId('nav-map').click();
      await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('map-search').fill(camera.name);
      await page.getByTestId('map-search').press('Enter');
      const card = page.locator(`[data-testid="map-camera-card"][data-camera-id="${camera.id}"]`);
      await card.waitFor();

      const toWall = card.getByTestId('map-camera-to-wall');
      await toWall.click();
      await card.locator('[data-testid="map-camera-to-wall"][data-state="noDisplay"]').waitFor();
      expect(await card.getByTestId('map-camera-wall-problem').innerText()).toContain('Tường video');

      await call<WallDisplay>('walls.setAlarmPolicy', {
        displayId: 'screen-1',
        policy: { enabled: true, slot: 0, revertSec: 60, kinds: ['motion'], cameraIds: null },
      });
      await toWall.click();
      await card.locator('[data-testid="map-camera-to-wall"][data-state="shown"]').waitFor();
      const display = await call<WallDisplay>('walls.get', { displayId: 'screen-1' });
      expect(display.alarm?.cameraIds).toEqual([camera.id]);
      expect(display.alarm?.sources.map((s) => [s.reason, s.title])).toEqual([['manual', camera.name]]);

      // PTZ from the card: holding zoom-in moves the simulated camera (its ONVIF status says so).
      type Ptz = { pan: number; tilt: number; zoom: number; moving: boolean };
      const before = await call<Ptz>('ptz.status', { cameraId: camera.id });
      await card.getByTestId('map-camera-ptz').locator('summary').click();
      await card.getByTestId('ptz-panel').waitFor();
      await card.getByTestId('ptz-zoom-in').hover();
      await page.mouse.down();
      await until(
        async () => (await call<Ptz>('ptz.status', { cameraId: camera.id })).zoom > before.zoom,
        'the simulated camera zooming in while the button is held',
        15_000,
      );
      await page.mouse.up();
      // The card embeds the compact panel: presets in a dropdown, and the arrow keys steer while it has focus.
      const panel = card.getByTestId('ptz-panel');
      expect(await panel.getAttribute('data-compact')).toBe('true');
      await panel.getByTestId('ptz-preset-select').waitFor();
      expect(await panel.getByTestId('ptz-presets').count()).toBe(0);
      const panBefore = (await call<Ptz>('ptz.status', { cameraId: camera.id })).pan;
      await panel.getByTestId('ptz-pad').focus();
      await page.keyboard.down('ArrowRight');
      await until(
        async () => (await call<Ptz>('ptz.status', { cameraId: camera.id })).pan > panBefore,
        'the simulated camera panning right while the arrow key is held',
        15_000,
      );
      await page.keyboard.up('ArrowRight');
      await page.screenshot({ path: resultsPath('map-camera-card.png') });
      await context.close();
    },
  );
});
