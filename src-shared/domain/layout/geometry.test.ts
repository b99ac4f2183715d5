import { describe, expect, it } from 'vitest';
import { checkTiles, scaleRect, sortTiles, tileAt, tileRect, uniformTiles } from './geometry';

describe('layout geometry', () => {
  it('cuts a grid into one-cell tiles in reading order', () => {
    const tiles = uniformTiles({ cols: 3, rows: 2 });
    expect(tiles.map((t) => `${t.x},${t.y}`)).toEqual(['0,0', '1,0', '2,0', '0,1', '1,1', '2,1']);
    expect(checkTiles({ cols: 3, rows: 2 }, tiles)).toBeNull();
    for (const n of [1, 2, 4, 8])
      expect(checkTiles({ cols: n, rows: n }, uniformTiles({ cols: n, rows: n }))).toBeNull();
  });

  it('gives each tile its share of the screen, edges shared exactly in pixels', () => {
    const grid = { cols: 3, rows: 3 };
    expect(tileRect(grid, { x: 1, y: 0, w: 2, h: 3 })).toEqual({ left: 1 / 3, top: 0, width: 2 / 3, height: 1 });
    const px = uniformTiles(grid).map((t) => scaleRect(tileRect(grid, t), 1000, 500));
    expect(px.map((r) => r.width)).toEqual([333, 334, 333, 333, 334, 333, 333, 334, 333]);
    expect(px[0]!.left + px[0]!.width).toBe(px[1]!.left);
    expect(px[1]!.left + px[1]!.width).toBe(px[2]!.left);
    expect(px[8]!.left + px[8]!.width).toBe(1000);
  });

  it('names what is wrong: overlap, hole, outside, not whole cells, bad grid', () => {
    const grid = { cols: 2, rows: 2 };
    expect(
      checkTiles(grid, [
        { x: 0, y: 0, w: 2, h: 2 },
        { x: 1, y: 1, w: 1, h: 1 },
      ]),
    ).toEqual({
      kind: 'overlap',
      index: 1,
      other: 0,
    });
    expect(
      checkTiles(grid, [
        { x: 0, y: 0, w: 2, h: 1 },
        { x: 0, y: 1, w: 1, h: 1 },
      ]),
    ).toEqual({
      kind: 'hole',
      x: 1,
      y: 1,
    });
    expect(checkTiles(grid, [{ x: 1, y: 0, w: 2, h: 2 }])).toEqual({ kind: 'outside', index: 0 });
    expect(checkTiles(grid, [{ x: 0, y: 0, w: 1.5, h: 2 }])).toEqual({ kind: 'not_whole_cells', index: 0 });
    expect(checkTiles({ cols: 9, rows: 1 }, uniformTiles({ cols: 9, rows: 1 }))).toEqual({ kind: 'bad_grid' });
    expect(checkTiles({ cols: 0, rows: 1 }, [])).toEqual({ kind: 'bad_grid' });
    expect(checkTiles(grid, [])).toEqual({ kind: 'no_tiles' });
  });

  it('finds the tile under a cell and sorts tiles into reading order', () => {
    const tiles = [
      { x: 0, y: 1, w: 2, h: 1 },
      { x: 1, y: 0, w: 1, h: 1 },
      { x: 0, y: 0, w: 1, h: 1 },
    ];
    expect(sortTiles(tiles)).toEqual([tiles[2], tiles[1], tiles[0]]);
    expect(tileAt(tiles, 1, 1)).toBe(0);
    expect(tileAt(tiles, 5, 5)).toBeNull();
  });
});
