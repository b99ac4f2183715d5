// Issue 4 (operators at a control-room wall): every tile of a big grid reached by keyboard. In the control window's
// wall page on a 4×4: "1","2" select tile 12 (the first digit shown and announced while it waits), plain arrows move
// the selection by grid geometry and stop at the edges, the focus follows, a maximised tile hands over to its
// neighbour, the `?` help lists the keys. The same in a wall window (`#/wall/<display>`) on a 4×4 with a 2×2 tile
// in the middle ("1+12"): arrows cross the merged tile on the row they came in on. No cameras needed.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Layout } from '../../src-shared/contract/layouts';
import { GRID_PRESETS } from '../../src-shared/domain/layout';
import { signIn } from './app';
import { launchBrowser, makeDataDir, newPage, resultsPath, startCore, type CoreProcess } from './harness';
import { disposeWallFixture, rpcClient } from './wall-fleet';

/** Generous: the box runs several suites at once. */
const WAIT = { timeout: 60_000 } as const;

/** The selected tiles' indexes and the index of the tile that has the focus. */
async function where(grid: Locator): Promise<{ selected: string[]; focused: string | null }> {
  const selected = await grid
    .locator('.tile--selected')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-tile-index') ?? ''));
  const focused = await grid.page().evaluate(() => document.activeElement?.getAttribute('data-tile-index') ?? null);
  return { selected, focused };
}

const at = (index: number) => ({ selected: [String(index)], focused: String(index) });

/** Records every text the tile-number status shows from now on (a first digit waits only a second). */
async function recordTileNumber(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { tileNumberSeen: string[] }).tileNumberSeen = seen;
    const status = document.querySelector('[data-testid="tile-number"]');
    if (!status) throw new Error('no tile-number status');
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => [...(window as unknown as { tileNumberSeen: string[] }).tileNumberSeen]);
}

describe('wall tiles by keyboard', () => {
  let dataDir: string;
  let core: CoreProcess;
  let browser: Browser;
  let call: Awaited<ReturnType<typeof rpcClient>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir();
    core = await startCore({ dataDir });
    call = await rpcClient(core.url, 'technician');
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await disposeWallFixture({ contexts, browser, core, simulators: [], dataDir });
  }, 60_000);

  test(
    'tile 12 by number, arrows between tiles, in the control window and in a wall window',
    { timeout: 240_000 },
    async () => {
      const { context, page } = await newPage(browser);
      contexts.push(context);
      context.setDefaultTimeout(60_000);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signIn(page, core.url, 'technician');
      await page.getByTestId('nav-wall').click();
      await page.getByTestId('layout-toolbar').waitFor();
      await page.getByTestId('layout-new').click();
      await page.getByTestId('grid-preset-4x4').click();
      const grid = page.getByTestId('editor-grid');
      await expect.poll(() => grid.locator('[data-tile-index]').count(), WAIT).toBe(16);

      // "1" waits for a second digit (shown, in a live region); "2" makes it tile 12, which gets the focus.
      const status = page.getByTestId('tile-number');
      expect(await status.getAttribute('role')).toBe('status');
      const seen = await recordTileNumber(page);
      await page.keyboard.press('1');
      await page.keyboard.press('2');
      await expect.poll(() => where(grid), WAIT).toEqual(at(11));
      expect(await seen()).toContain('Ô 1… (gõ thêm một chữ số, Enter: chọn ô 1)');
      await expect.poll(() => status.innerText(), WAIT).toBe('');

      // Arrows by geometry: tile 12 is the end of the third row, → stays there (no wrap to tile 13).
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => where(grid), WAIT).toEqual(at(11));
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => where(grid), WAIT).toEqual(at(10));
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => where(grid), WAIT).toEqual(at(6));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => where(grid), WAIT).toEqual(at(14));
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => where(grid), WAIT).toEqual(at(14));

      // "1" then Enter: tile 1 at once. "1","7": there is no tile 17, said so, the selection stays. "5": at once.
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
      await expect.poll(() => where(grid), WAIT).toEqual(at(0));
      expect(await grid.locator('.tile--max').count()).toBe(0);
      await page.keyboard.press('1');
      await page.keyboard.press('7');
      await expect.poll(() => status.innerText(), WAIT).toBe('Không có ô 17');
      await page.screenshot({ path: resultsPath('wall-tile-keys-control.png') });
      expect(await where(grid)).toEqual(at(0));
      await page.keyboard.press('5');
      await expect.poll(() => where(grid), WAIT).toEqual(at(4));

      // Maximised: an arrow shows the neighbour maximised instead (as a digit does), and the focus goes with it.
      await page.keyboard.press('f');
      await expect.poll(() => grid.locator('.tile--max').getAttribute('data-tile-index'), WAIT).toBe('4');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => grid.locator('.tile--max').getAttribute('data-tile-index'), WAIT).toBe('5');
      await expect.poll(() => where(grid), WAIT).toEqual(at(5));
      await page.keyboard.press('Escape');
      await expect.poll(() => grid.locator('.tile--max').count(), WAIT).toBe(0);

      // The `?` help lists both, in Vietnamese.
      await page.keyboard.press('?');
      const help = page.getByTestId('shortcuts-help');
      await expect.poll(() => help.innerText(), WAIT).toContain('Ô 10 trở lên: gõ hai chữ số liền nhau');
      expect(await help.innerText()).toContain('Chọn ô bên cạnh');
      await page.keyboard.press('Escape');
      await expect.poll(() => help.count(), WAIT).toBe(0);
      expect(problems).toEqual([]);

      // A wall window showing a 4×4 with a 2×2 tile in the middle: 13 tiles, the big one is tile 6.
      const preset = GRID_PRESETS.find((p) => p.id === '1+12')!.build();
      const layout = await call<Layout>('layouts.save', { name: 'Bàn phím 1+12', ...preset });
      await call('walls.assign', { displayId: 'screen-0', source: { kind: 'layout', layoutId: layout.id } });
      const wall = await context.newPage();
      wall.on('pageerror', (error) => problems.push(error.message));
      await wall.goto(`${core.url}/#/wall/screen-0`);
      const wallGrid = wall.getByTestId('wall-grid');
      await expect.poll(() => wallGrid.locator('[data-tile-index]').count(), WAIT).toBe(13);
      const big = await wallGrid.locator('[data-tile-index="5"]').getAttribute('style');
      expect(big).toContain('width: 50%');

      // Nothing selected: an arrow starts at tile 1. Then "1","2": tile 12 (under the big tile's right column).
      await wall.keyboard.press('ArrowDown');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(0));
      const wallSeen = await recordTileNumber(wall);
      await wall.keyboard.press('1');
      await wall.keyboard.press('2');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(11));
      expect(await wallSeen()).toContain('Ô 1… (gõ thêm một chữ số, Enter: chọn ô 1)');
      // ↑ enters the big tile on its right column; → leaves it on its lower row (tile 9), ← ← crosses it on that row.
      await wall.keyboard.press('ArrowUp');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(5));
      await wall.keyboard.press('ArrowRight');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(8));
      await wall.keyboard.press('ArrowLeft');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(5));
      await wall.keyboard.press('ArrowLeft');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(7));
      await wall.keyboard.press('ArrowLeft');
      await expect.poll(() => where(wallGrid), WAIT).toEqual(at(7));
      // The wall window's own `?` help lists the keys too.
      await wall.keyboard.press('?');
      await expect.poll(() => wall.getByTestId('wall-help').innerText(), WAIT).toContain('Ô 10 trở lên');
      await wall.screenshot({ path: resultsPath('wall-tile-keys.png') });
      expect(problems).toEqual([]);
    },
  );
});
