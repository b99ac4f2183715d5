// Issue 6, map page performance: an operator keeps the Map page open all day beside the wall, on a workstation
// whose CPU is meant for video. A new alert's ring pulses on the map while it is new; once no ring is left and
// nothing changes, the page draws nothing and asks for no animation frame (deck.gl's own loop asked for every one,
// ~60 a second). Frames are counted by FRAME_PROBE (map-fixture.ts) from the canvases' WebGL calls.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FRESH_MS } from '../../src-renderer/features/alerts/alertView';
import { createPublisher, floodMonitoring, PLACES } from '../../sim/sensors';
import { INGEST_KEY } from '../alerts/harness';
import { type MapFrames, mapFrames, type MapScene, startMapScene } from './map-fixture';

/** What the page drew and asked for over `ms` of doing nothing. */
async function framesOver(page: Page, ms: number): Promise<MapFrames> {
  const before = await mapFrames(page);
  await page.waitForTimeout(ms);
  const after = await mapFrames(page);
  return { deck: after.deck - before.deck, maplibre: after.maplibre - before.maplibre, raf: after.raf - before.raf };
}

describe('map: idle when nothing changes', () => {
  let scene: MapScene;
  let page: Page;

  beforeAll(async () => {
    scene = await startMapScene({
      readings: [floodMonitoring('e2e-idle-gauge', PLACES.gauge, 1.72, new Date())],
      reports: [{ description: 'Ổ gà trên đường Nguyễn Huệ', lat: '10.4603', long: '105.6329' }],
      countFrames: true,
    });
    page = scene.page;
  }, 180_000);

  afterAll(() => scene?.stop(), 60_000);

  const map = () => scene.map();

  test(
    "a new alert's ring pulses, and once it has expired the page draws no frame and asks for none",
    { timeout: 300_000 },
    async () => {
      await expect.poll(() => map().getAttribute('data-alert-points'), { timeout: 30_000 }).toBe('1');

      // Raised while the page is open: drawn to the eye with a pulsing ring.
      const sensors = await createPublisher({ httpUrl: scene.server.url, key: INGEST_KEY });
      try {
        await sensors.publish([floodMonitoring('e2e-idle-new', PLACES.gauge2, 1.8, new Date())]);
      } finally {
        await sensors.dispose();
      }
      await expect.poll(() => map().getAttribute('data-alert-points'), { timeout: 30_000 }).toBe('2');
      const shownAt = Date.now();
      const pulsing = await mapFrames(page);
      await expect
        .poll(async () => (await mapFrames(page)).deck - pulsing.deck, {
          timeout: 30_000,
          message: 'deck.gl draws the pulse',
        })
        .toBeGreaterThanOrEqual(3);
      // The pulse is seen: two looks of the canvas while nothing else moves.
      const first = await scene.canvasShot();
      await expect
        .poll(
          async () => {
            const shot = await scene.canvasShot('map-idle-pulse.png');
            let differ = 0;
            for (let i = 0; i < shot.data.length; i += 4)
              if (Math.abs(shot.data[i]! - first.data[i]!) + Math.abs(shot.data[i + 1]! - first.data[i + 1]!) > 30)
                differ++;
            return differ;
          },
          { timeout: 30_000, message: 'the ring changes look' },
        )
        .toBeGreaterThan(20);

      // The ring expires FRESH_MS after the page first saw the alert (before `shownAt`); the pulse then stops.
      await page.waitForTimeout(Math.max(0, shownAt + FRESH_MS - Date.now()));
      await expect
        .poll(async () => (await framesOver(page, 3000)).deck, { timeout: 60_000, message: 'the pulse stopped' })
        .toBe(0);
      expect(await map().getAttribute('data-alert-points'), 'the alert itself stays').toBe('2');

      // Nothing changes now: no frame drawn, and none asked for (a minute's clock tick may draw one).
      const idle = await framesOver(page, 5000);
      expect(idle.deck, 'deck.gl frames while idle').toBeLessThanOrEqual(1);
      expect(idle.maplibre, 'MapLibre frames while idle').toBeLessThanOrEqual(1);
      expect(idle.raf, 'animation frames asked for while idle').toBeLessThanOrEqual(3);
      expect(scene.problems).toEqual([]);
    },
  );
});
