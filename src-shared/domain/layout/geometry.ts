/**
 * Layout geometry of a wall screen: a grid of `cols × rows` cells (1…8 each) cut into rectangular tiles, each
 * spanning whole cells. Every cell belongs to exactly one tile, and tiles are kept in reading order (top to
 * bottom, then left to right) so "tile 3" means the same tile to the operator, the keyboard and the wall.
 */
export const MIN_GRID = 1;
export const MAX_GRID = 8;
export const MAX_TILES = MAX_GRID * MAX_GRID;

export interface GridSize {
  cols: number;
  rows: number;
}

/** A tile's place in grid cells: column x, row y (from 0), w columns wide and h rows high. */
export interface TileSpan {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A rectangle in fractions of the screen (0…1), or in pixels after `scaleRect`. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type TileProblem =
  | { kind: 'bad_grid' }
  | { kind: 'no_tiles' }
  | { kind: 'not_whole_cells'; index: number }
  | { kind: 'outside'; index: number }
  | { kind: 'overlap'; index: number; other: number }
  | { kind: 'hole'; x: number; y: number };

const isCount = (n: number) => Number.isInteger(n) && n >= MIN_GRID && n <= MAX_GRID;

export function isGridSize(grid: GridSize): boolean {
  return isCount(grid.cols) && isCount(grid.rows);
}

/** `cols × rows` tiles of one cell each, in reading order. */
export function uniformTiles(grid: GridSize): TileSpan[] {
  const tiles: TileSpan[] = [];
  for (let y = 0; y < grid.rows; y++) for (let x = 0; x < grid.cols; x++) tiles.push({ x, y, w: 1, h: 1 });
  return tiles;
}

/** Reading order: by top row, then by left column. */
export function compareTiles(a: TileSpan, b: TileSpan): number {
  return a.y - b.y || a.x - b.x;
}

export function sortTiles<T extends TileSpan>(tiles: readonly T[]): T[] {
  return [...tiles].sort(compareTiles);
}

/**
 * Which tile covers each cell (`cells[y][x]`), or null; the first problem found stops it (overlap or a tile
 * outside the grid), since a picture with overlaps has no single answer.
 */
export function coverage(
  grid: GridSize,
  tiles: readonly TileSpan[],
): { cells: (number | null)[][]; problem: TileProblem | null } {
  const cells: (number | null)[][] = Array.from({ length: grid.rows }, () =>
    Array.from({ length: grid.cols }, () => null),
  );
  for (const [index, t] of tiles.entries()) {
    if (![t.x, t.y, t.w, t.h].every(Number.isInteger) || t.w < 1 || t.h < 1) {
      return { cells, problem: { kind: 'not_whole_cells', index } };
    }
    if (t.x < 0 || t.y < 0 || t.x + t.w > grid.cols || t.y + t.h > grid.rows) {
      return { cells, problem: { kind: 'outside', index } };
    }
    for (let y = t.y; y < t.y + t.h; y++) {
      const row = cells[y]!;
      for (let x = t.x; x < t.x + t.w; x++) {
        const other = row[x];
        if (other !== null && other !== undefined) return { cells, problem: { kind: 'overlap', index, other } };
        row[x] = index;
      }
    }
  }
  return { cells, problem: null };
}

/** Null when the tiles cut the grid exactly (no overlap, no hole, nothing outside); else the first problem. */
export function checkTiles(grid: GridSize, tiles: readonly TileSpan[]): TileProblem | null {
  if (!isGridSize(grid)) return { kind: 'bad_grid' };
  if (tiles.length === 0) return { kind: 'no_tiles' };
  const { cells, problem } = coverage(grid, tiles);
  if (problem) return problem;
  for (let y = 0; y < grid.rows; y++) {
    for (let x = 0; x < grid.cols; x++) if (cells[y]?.[x] === null) return { kind: 'hole', x, y };
  }
  return null;
}

/** Where a tile sits, in fractions of the screen. */
export function tileRect(grid: GridSize, tile: TileSpan): Rect {
  return {
    left: tile.x / grid.cols,
    top: tile.y / grid.rows,
    width: tile.w / grid.cols,
    height: tile.h / grid.rows,
  };
}

/** A fractional rect on a `width × height` screen, in whole pixels; adjacent tiles share edges exactly. */
export function scaleRect(rect: Rect, width: number, height: number): Rect {
  const left = Math.round(rect.left * width);
  const top = Math.round(rect.top * height);
  const right = Math.round((rect.left + rect.width) * width);
  const bottom = Math.round((rect.top + rect.height) * height);
  return { left, top, width: right - left, height: bottom - top };
}

/** The tile index covering cell (x, y), or null. */
export function tileAt(tiles: readonly TileSpan[], x: number, y: number): number | null {
  const index = tiles.findIndex((t) => x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h);
  return index < 0 ? null : index;
}
