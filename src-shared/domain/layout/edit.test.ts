import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignCamera,
  fillCameras,
  mergeTiles,
  resizeGrid,
  splitTile,
  swapCameras,
  uniformGrid,
  type TileGrid,
} from './edit';
import { checkTiles, MAX_GRID } from './geometry';
import { GRID_PRESETS, presetById } from './presets';

const cams = (grid: TileGrid) => grid.tiles.map((t) => t.cameraId);
const spans = (grid: TileGrid) => grid.tiles.map((t) => `${t.x},${t.y} ${t.w}x${t.h}`);

describe('layout edits', () => {
  it('merges tiles into a span and keeps the first camera in reading order', () => {
    let grid = uniformGrid(3, 3);
    grid = assignCamera(grid, 4, 'b');
    grid = assignCamera(grid, 1, 'a');
    const merged = mergeTiles(grid, [4, 0]);
    expect(merged).not.toBeNull();
    expect(spans(merged!.grid)).toEqual(['0,0 2x2', '2,0 1x1', '2,1 1x1', '0,2 1x1', '1,2 1x1', '2,2 1x1']);
    expect(merged!.index).toBe(0);
    expect(merged!.grid.tiles[0]!.cameraId).toBe('a');
    expect(checkTiles(merged!.grid, merged!.grid.tiles)).toBeNull();
  });

  it('refuses a merge that would cut through another span', () => {
    const big = mergeTiles(uniformGrid(3, 3), [0, 4])!.grid; // 2×2 at the top left
    const at = (x: number, y: number) => big.tiles.findIndex((t) => t.x === x && t.y === y);
    // (2,1)…(1,2) has the 2×2's bottom-right cell in its box: it would slice the span.
    expect(mergeTiles(big, [at(2, 1), at(1, 2)])).toBeNull();
    // (2,0)…(0,2) swallows the 2×2 whole: fine.
    expect(mergeTiles(big, [at(2, 0), at(0, 2)])?.grid.tiles).toHaveLength(1);
    expect(mergeTiles(big, [0])).toBeNull();
  });

  it('splits a span back into cells', () => {
    const merged = mergeTiles(assignCamera(uniformGrid(2, 2), 0, 'a'), [0, 3])!.grid;
    expect(merged.tiles).toHaveLength(1);
    const split = splitTile(merged, 0);
    expect(cams(split)).toEqual(['a', null, null, null]);
    expect(checkTiles(split, split.tiles)).toBeNull();
  });

  it('resizes, moving cameras that fell off into free tiles', () => {
    let grid = uniformGrid(3, 3);
    grid = fillCameras(grid, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']).grid;
    const smaller = resizeGrid(grid, 2, 2);
    expect(cams(smaller)).toEqual(['a', 'b', 'd', 'e']);
    const larger = resizeGrid(assignCamera(uniformGrid(2, 1), 1, 'z'), 2, 2);
    expect(cams(larger)).toEqual([null, 'z', null, null]);
    const roomy = resizeGrid(resizeGrid(assignCamera(uniformGrid(3, 1), 2, 'x'), 2, 1), 2, 2);
    expect(cams(roomy)).toEqual(['x', null, null, null]);
  });

  it('swaps and clears cameras without moving tiles', () => {
    const grid = fillCameras(uniformGrid(2, 1), ['a', 'b']).grid;
    expect(cams(swapCameras(grid, 0, 1))).toEqual(['b', 'a']);
    expect(cams(assignCamera(grid, 0, null))).toEqual([null, 'b']);
    expect(swapCameras(grid, 0, 7)).toBe(grid);
  });

  it('offers valid presets for 1×1…8×8 and the big-tile patterns', () => {
    expect(GRID_PRESETS.map((p) => p.id)).toEqual(
      expect.arrayContaining(['1x1', '2x2', '4x4', '8x8', '1+5', '1+7', '1+12', '2+8']),
    );
    for (const preset of GRID_PRESETS) {
      const grid = preset.build();
      expect(checkTiles(grid, grid.tiles), preset.id).toBeNull();
    }
    expect(presetById('1+5')!.build().tiles).toHaveLength(6);
    expect(presetById('1+7')!.build().tiles).toHaveLength(8);
    expect(presetById('1+12')!.build().tiles).toHaveLength(13);
    expect(presetById('nope')).toBeNull();
  });

  it('keeps every grid exactly cut through any sequence of edits (property)', () => {
    const size = fc.integer({ min: 1, max: MAX_GRID });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('merge' as const), a: fc.nat(63), b: fc.nat(63) }),
      fc.record({ kind: fc.constant('split' as const), a: fc.nat(63) }),
      fc.record({ kind: fc.constant('resize' as const), cols: size, rows: size }),
      fc.record({ kind: fc.constant('swap' as const), a: fc.nat(63), b: fc.nat(63) }),
      fc.record({ kind: fc.constant('assign' as const), a: fc.nat(63), camera: fc.constantFrom('c1', 'c2', null) }),
    );
    fc.assert(
      fc.property(size, size, fc.array(op, { maxLength: 25 }), (cols, rows, ops) => {
        let grid = uniformGrid(cols, rows);
        for (const o of ops) {
          const n = grid.tiles.length;
          if (o.kind === 'merge') grid = mergeTiles(grid, [o.a % n, o.b % n])?.grid ?? grid;
          else if (o.kind === 'split') grid = splitTile(grid, o.a % n);
          else if (o.kind === 'resize') grid = resizeGrid(grid, o.cols, o.rows);
          else if (o.kind === 'swap') grid = swapCameras(grid, o.a % n, o.b % n);
          else grid = assignCamera(grid, o.a % n, o.camera);
          expect(checkTiles(grid, grid.tiles)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
