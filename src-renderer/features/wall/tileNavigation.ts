import { tileAt, type TileGrid } from '../../../src-shared/domain/layout';

/** A grid cell (column x, row y, from 0). */
export interface Cell {
  x: number;
  y: number;
}

export interface TileStep {
  /** The tile now selected: the neighbour, or the same tile at the grid's edge. */
  index: number;
  /**
   * The cell the keyboard cursor is on, inside that tile. Kept across steps so that crossing a merged tile comes
   * out on the row (or column) it went in on, as a spreadsheet's cursor does.
   */
  cell: Cell;
}

const inside = (tile: { x: number; y: number; w: number; h: number }, cell: Cell) =>
  cell.x >= tile.x && cell.x < tile.x + tile.w && cell.y >= tile.y && cell.y < tile.y + tile.h;

/**
 * A plain arrow on the wall: the tile next to `from` in the direction (dx, dy), by grid geometry with spans. From a
 * merged tile the step leaves by its edge, on the cursor's row (or column); the neighbour is the tile covering the
 * first cell past that edge. At the grid's edge the selection stays (no wrap). `cell` is the cursor of the previous
 * step; when it is not inside `from` (the operator selected another tile since), the tile's top-left cell is used.
 */
export function stepTile(grid: TileGrid, from: number, dx: -1 | 0 | 1, dy: -1 | 0 | 1, cell?: Cell | null): TileStep {
  const tile = grid.tiles[from];
  if (!tile) return { index: from, cell: cell ?? { x: 0, y: 0 } };
  const cursor = cell && inside(tile, cell) ? cell : { x: tile.x, y: tile.y };
  const target: Cell = {
    x: dx > 0 ? tile.x + tile.w : dx < 0 ? tile.x - 1 : cursor.x,
    y: dy > 0 ? tile.y + tile.h : dy < 0 ? tile.y - 1 : cursor.y,
  };
  const outside = target.x < 0 || target.y < 0 || target.x >= grid.cols || target.y >= grid.rows;
  const index = outside || (dx === 0 && dy === 0) ? null : tileAt(grid.tiles, target.x, target.y);
  return index === null ? { index: from, cell: cursor } : { index, cell: target };
}
