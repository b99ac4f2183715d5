import { describe, expect, it } from 'vitest';
import { mergeTiles, tileAt, uniformGrid, type TileGrid } from '../../../src-shared/domain/layout';
import { stepTile, type Cell } from './tileNavigation';

/** The index of the tile covering cell (x, y). */
const at = (grid: TileGrid, x: number, y: number): number => {
  const index = tileAt(grid.tiles, x, y);
  if (index === null) throw new Error(`no tile at ${x},${y}`);
  return index;
};

/** Presses the arrows in turn from `from`, as the wall controls do (the cursor carried along). */
function walk(grid: TileGrid, from: number, arrows: string): number[] {
  const dirs: Record<string, [-1 | 0 | 1, -1 | 0 | 1]> = { '←': [-1, 0], '→': [1, 0], '↑': [0, -1], '↓': [0, 1] };
  let index = from;
  let cell: Cell | null = null;
  const seen: number[] = [];
  for (const arrow of arrows) {
    const [dx, dy] = dirs[arrow]!;
    ({ index, cell } = stepTile(grid, index, dx, dy, cell));
    seen.push(index);
  }
  return seen;
}

describe('arrow keys between wall tiles', () => {
  const g4 = uniformGrid(4, 4);

  it('moves one tile at a time on a plain 4×4 and stops at the edges (no wrap)', () => {
    expect(stepTile(g4, 0, 1, 0).index).toBe(1);
    expect(stepTile(g4, 0, 0, 1).index).toBe(4);
    expect(stepTile(g4, 5, -1, 0).index).toBe(4);
    expect(stepTile(g4, 5, 0, -1).index).toBe(1);
    expect(stepTile(g4, 0, -1, 0).index).toBe(0);
    expect(stepTile(g4, 0, 0, -1).index).toBe(0);
    expect(stepTile(g4, 3, 1, 0).index).toBe(3);
    expect(stepTile(g4, 15, 0, 1).index).toBe(15);
    expect(stepTile(g4, 15, 1, 0).index).toBe(15);
    // Tile 12 (index 11) is at the end of the third row: → stays, ↓ goes to tile 16.
    expect(walk(g4, 11, '→↓←←←←')).toEqual([11, 15, 14, 13, 12, 12]);
  });

  it('enters and leaves a merged tile by its edges, keeping the row or column it came in on', () => {
    // A 2×2 tile over cells (1,1)…(2,2) of a 4×4.
    const merged = mergeTiles(g4, [5, 6, 9, 10]);
    if (!merged) throw new Error('merge refused');
    const grid = merged.grid;
    const big = merged.index;
    expect(grid.tiles[big]).toMatchObject({ x: 1, y: 1, w: 2, h: 2 });
    // From the left of its lower row: → enters it, → again leaves on that lower row (not the top one).
    expect(walk(grid, at(grid, 0, 2), '→→')).toEqual([big, at(grid, 3, 2)]);
    // From above its right column: ↓ enters, ↓ leaves below that column.
    expect(walk(grid, at(grid, 2, 0), '↓↓')).toEqual([big, at(grid, 2, 3)]);
    // Back the other way: ← from (3,2) enters on row 2 and leaves to (0,2); ↑ from (1,3) leaves to (1,0).
    expect(walk(grid, at(grid, 3, 2), '←←')).toEqual([big, at(grid, 0, 2)]);
    expect(walk(grid, at(grid, 1, 3), '↑↑')).toEqual([big, at(grid, 1, 0)]);
    // Selected some other way (no cursor): it leaves from its top-left cell.
    expect(stepTile(grid, big, 1, 0).index).toBe(at(grid, 3, 1));
    expect(stepTile(grid, big, 0, 1).index).toBe(at(grid, 1, 3));
    expect(stepTile(grid, big, -1, 0).index).toBe(at(grid, 0, 1));
    expect(stepTile(grid, big, 0, -1).index).toBe(at(grid, 1, 0));
    // A cursor left from another tile does not count.
    expect(stepTile(grid, big, 1, 0, { x: 3, y: 2 }).index).toBe(at(grid, 3, 1));
  });

  it('stops at the edge of a tile spanning the whole width', () => {
    const merged = mergeTiles(uniformGrid(3, 2), [0, 1, 2]);
    if (!merged) throw new Error('merge refused');
    expect(stepTile(merged.grid, merged.index, 1, 0).index).toBe(merged.index);
    expect(stepTile(merged.grid, merged.index, -1, 0).index).toBe(merged.index);
    expect(stepTile(merged.grid, merged.index, 0, -1).index).toBe(merged.index);
    // From the middle of the row below, ↑ reaches it and ↓ comes back under the same column.
    expect(walk(merged.grid, at(merged.grid, 1, 1), '↑↓')).toEqual([merged.index, at(merged.grid, 1, 1)]);
  });
});
