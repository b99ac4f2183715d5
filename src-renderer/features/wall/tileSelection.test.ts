import { describe, expect, it } from 'vitest';
import { mergeTiles, uniformGrid, type TileGrid } from '../../../src-shared/domain/layout';
import { extendSelection, selectionSize } from './tileSelection';

/** Shift+arrows from `selected`, one press per direction, each from the previous result. */
const press = (grid: TileGrid, selected: number[], ...moves: [-1 | 0 | 1, -1 | 0 | 1][]) =>
  moves.reduce((sel, [dx, dy]) => extendSelection(grid, sel, dx, dy), selected);

const R: [1, 0] = [1, 0];
const L: [-1, 0] = [-1, 0];
const D: [0, 1] = [0, 1];
const U: [0, -1] = [0, -1];

describe('extending the tile selection from the keyboard', () => {
  const g3 = uniformGrid(3, 3);

  it('grows from the selected tile one cell per press, anchor first', () => {
    expect(press(g3, [4], R)).toEqual([4, 5]);
    expect(press(g3, [4], R, D)).toEqual([4, 5, 7, 8]);
    expect(press(g3, [4], L, U)).toEqual([4, 0, 1, 3]);
    expect(selectionSize(g3, press(g3, [4], R, D))).toEqual({ cols: 2, rows: 2 });
  });

  it('shrinks back on the far side before growing past the anchor, and stops at the grid edge', () => {
    expect(press(g3, [4], R, L)).toEqual([4]);
    expect(press(g3, [4], R, L, L)).toEqual([4, 3]);
    expect(press(g3, [5], R)).toEqual([5]);
    expect(press(g3, [0], U, L)).toEqual([0]);
  });

  it('takes a spanned tile whole, so the selection can always be merged', () => {
    // Left column of a 3×3 merged into one 1×3 tile: tiles are [tall, (1,0), (2,0), (1,1), (2,1), (1,2), (2,2)].
    const merged = mergeTiles(g3, [0, 3, 6]);
    if (!merged) throw new Error('merge refused');
    const { grid } = merged;
    expect(grid.tiles[0]).toMatchObject({ x: 0, y: 0, w: 1, h: 3 });
    // From the middle-row tile at (1,1), one step left takes the whole tall tile and with it the full height.
    const sel = press(grid, [3], L);
    expect(sel[0]).toBe(3);
    expect(selectionSize(grid, sel)).toEqual({ cols: 2, rows: 3 });
    expect(mergeTiles(grid, sel)).not.toBeNull();
    // Back right drops the tall tile but keeps the height it brought (as a spreadsheet would); up and down
    // take that back off too.
    expect(press(grid, [3], L, R)).toEqual([3, 1, 5]);
    expect(press(grid, [3], L, R, D, U)).toEqual([3]);
  });

  it('makes a mouse selection that is not a rectangle into its whole rectangle', () => {
    const sel = extendSelection(g3, [0, 4], 1, 0);
    expect(selectionSize(g3, sel)).toEqual({ cols: 3, rows: 2 });
    expect(mergeTiles(g3, sel)?.grid.tiles).toHaveLength(4);
  });

  it('leaves nothing selected alone', () => {
    expect(extendSelection(g3, [], 1, 0)).toEqual([]);
  });
});
