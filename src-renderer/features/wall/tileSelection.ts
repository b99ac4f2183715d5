import type { TileGrid, TileSpan } from '../../../src-shared/domain/layout';

/** A rectangle of grid cells, end-exclusive. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const boxOf = (t: TileSpan): Box => ({ x0: t.x, y0: t.y, x1: t.x + t.w, y1: t.y + t.h });

const touches = (t: TileSpan, b: Box) => t.x < b.x1 && t.x + t.w > b.x0 && t.y < b.y1 && t.y + t.h > b.y0;

/** Grows the box until no tile pokes into it only partly (the box a merge of its tiles would take). */
function close(grid: TileGrid, box: Box): Box {
  let b = box;
  for (;;) {
    const next = grid.tiles
      .filter((t) => touches(t, b))
      .reduce<Box>(
        (acc, t) => ({
          x0: Math.min(acc.x0, t.x),
          y0: Math.min(acc.y0, t.y),
          x1: Math.max(acc.x1, t.x + t.w),
          y1: Math.max(acc.y1, t.y + t.h),
        }),
        b,
      );
    if (next.x0 === b.x0 && next.y0 === b.y0 && next.x1 === b.x1 && next.y1 === b.y1) return b;
    b = next;
  }
}

const same = (a: Box, b: Box) => a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1;

/**
 * Shift+arrow on the layout editor, as in a spreadsheet: the first selected tile is the anchor; the selection is
 * the rectangle of tiles around it. An arrow grows the rectangle on that side, or — when the rectangle already
 * reaches past the anchor on the opposite side — shrinks it back from there. The rectangle always holds whole
 * tiles, so the result can always be merged. Returns the new selection (anchor first, then reading order), or
 * the old one when the rectangle cannot move that way (grid edge).
 */
export function extendSelection(grid: TileGrid, selected: readonly number[], dx: -1 | 0 | 1, dy: -1 | 0 | 1): number[] {
  const anchorIndex = selected[0];
  const anchor = anchorIndex === undefined ? undefined : grid.tiles[anchorIndex];
  if (anchorIndex === undefined || !anchor) return [...selected];
  const a = boxOf(anchor);
  // The current rectangle: the box of the selected tiles, made whole.
  const chosen = selected.map((i) => grid.tiles[i]).filter((t): t is NonNullable<typeof t> => t !== undefined);
  const current = close(
    grid,
    chosen.map(boxOf).reduce((acc, b) => ({
      x0: Math.min(acc.x0, b.x0),
      y0: Math.min(acc.y0, b.y0),
      x1: Math.max(acc.x1, b.x1),
      y1: Math.max(acc.y1, b.y1),
    })),
  );
  const next = moved(grid, current, a, dx, dy);
  if (!next) return [...selected];
  const inside = grid.tiles
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => i !== anchorIndex && touches(t, next))
    .map(({ i }) => i);
  return [anchorIndex, ...inside];
}

/** The rectangle one step further (dx, dy), or null when it cannot change. */
function moved(grid: TileGrid, box: Box, anchor: Box, dx: number, dy: number): Box | null {
  // Shrinking: take one cell at a time off the far side until the whole-tile box gets smaller (a tall tile
  // may hold the edge for several cells); never past the anchor.
  const shrink = (edge: 'x0' | 'x1' | 'y0' | 'y1', step: 1 | -1): Box | null => {
    for (let n = 1; ; n++) {
      const trial = { ...box, [edge]: box[edge] + step * n };
      if (step === 1 ? trial[edge] > anchor[edge] : trial[edge] < anchor[edge]) return null;
      // Keep the anchor: the trial box must still hold it.
      const whole = close(grid, {
        x0: Math.min(trial.x0, anchor.x0),
        y0: Math.min(trial.y0, anchor.y0),
        x1: Math.max(trial.x1, anchor.x1),
        y1: Math.max(trial.y1, anchor.y1),
      });
      if (!same(whole, box)) return whole;
    }
  };
  const grow = (edge: 'x0' | 'x1' | 'y0' | 'y1', step: 1 | -1, limit: number): Box | null => {
    const value = box[edge] + step;
    if (step === 1 ? value > limit : value < limit) return null;
    return close(grid, { ...box, [edge]: value });
  };
  if (dx === 1) return box.x0 < anchor.x0 ? shrink('x0', 1) : grow('x1', 1, grid.cols);
  if (dx === -1) return box.x1 > anchor.x1 ? shrink('x1', -1) : grow('x0', -1, 0);
  if (dy === 1) return box.y0 < anchor.y0 ? shrink('y0', 1) : grow('y1', 1, grid.rows);
  if (dy === -1) return box.y1 > anchor.y1 ? shrink('y1', -1) : grow('y0', -1, 0);
  return null;
}

/** The selection's size in cells, for announcing it ("2 × 3"). */
export function selectionSize(grid: TileGrid, selected: readonly number[]): { cols: number; rows: number } | null {
  const chosen = selected.map((i) => grid.tiles[i]).filter((t): t is NonNullable<typeof t> => t !== undefined);
  if (chosen.length === 0) return null;
  const x0 = Math.min(...chosen.map((t) => t.x));
  const y0 = Math.min(...chosen.map((t) => t.y));
  const x1 = Math.max(...chosen.map((t) => t.x + t.w));
  const y1 = Math.max(...chosen.map((t) => t.y + t.h));
  return { cols: x1 - x0, rows: y1 - y0 };
}
