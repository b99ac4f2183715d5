import { coverage, sortTiles, uniformTiles, type GridSize, type TileSpan } from './geometry';

/** A tile and the camera it shows (null: an empty tile). */
export interface LayoutTile extends TileSpan {
  cameraId: string | null;
}

export interface TileGrid extends GridSize {
  tiles: LayoutTile[];
}

const blank = (span: TileSpan): LayoutTile => ({ ...span, cameraId: null });

/** A `cols × rows` grid of empty one-cell tiles. */
export function uniformGrid(cols: number, rows: number): TileGrid {
  return { cols, rows, tiles: uniformTiles({ cols, rows }).map(blank) };
}

/** Adds a one-cell empty tile for every cell no tile covers; the result is in reading order. */
export function fillHoles(grid: GridSize, tiles: readonly LayoutTile[]): LayoutTile[] {
  const { cells } = coverage(grid, tiles);
  const out = [...tiles];
  for (let y = 0; y < grid.rows; y++) {
    for (let x = 0; x < grid.cols; x++) if (cells[y]?.[x] === null) out.push(blank({ x, y, w: 1, h: 1 }));
  }
  return sortTiles(out);
}

/**
 * Joins the chosen tiles into one spanning their bounding box. Refused (null) when another tile pokes into
 * the box only partly, since it cannot be split without the operator's say. The merged tile keeps the first
 * camera found in reading order among the tiles it swallows.
 */
export function mergeTiles(grid: TileGrid, indices: readonly number[]): { grid: TileGrid; index: number } | null {
  const chosen = indices.map((i) => grid.tiles[i]).filter((t): t is LayoutTile => t !== undefined);
  if (chosen.length < 2) return null;
  const x0 = Math.min(...chosen.map((t) => t.x));
  const y0 = Math.min(...chosen.map((t) => t.y));
  const x1 = Math.max(...chosen.map((t) => t.x + t.w));
  const y1 = Math.max(...chosen.map((t) => t.y + t.h));
  const inside = (t: TileSpan) => t.x >= x0 && t.y >= y0 && t.x + t.w <= x1 && t.y + t.h <= y1;
  const touches = (t: TileSpan) => t.x < x1 && t.x + t.w > x0 && t.y < y1 && t.y + t.h > y0;
  if (grid.tiles.some((t) => touches(t) && !inside(t))) return null;
  const swallowed = sortTiles(grid.tiles.filter(inside));
  const merged: LayoutTile = {
    x: x0,
    y: y0,
    w: x1 - x0,
    h: y1 - y0,
    cameraId: swallowed.find((t) => t.cameraId !== null)?.cameraId ?? null,
  };
  const tiles = sortTiles([...grid.tiles.filter((t) => !inside(t)), merged]);
  return { grid: { ...grid, tiles }, index: tiles.indexOf(merged) };
}

/** Cuts a spanning tile back into one-cell tiles; the top-left one keeps its camera. */
export function splitTile(grid: TileGrid, index: number): TileGrid {
  const tile = grid.tiles[index];
  if (!tile || (tile.w === 1 && tile.h === 1)) return grid;
  const pieces = uniformTiles({ cols: tile.w, rows: tile.h }).map((p, i) => ({
    x: tile.x + p.x,
    y: tile.y + p.y,
    w: 1,
    h: 1,
    cameraId: i === 0 ? tile.cameraId : null,
  }));
  return { ...grid, tiles: sortTiles([...grid.tiles.filter((t) => t !== tile), ...pieces]) };
}

/**
 * Changes the grid size. Tiles that still fit stay (spans clipped at the new edge); new cells get empty tiles;
 * cameras of tiles that fell off move into empty tiles in reading order, so shrinking loses a camera only
 * when there is no room left for it.
 */
export function resizeGrid(grid: TileGrid, cols: number, rows: number): TileGrid {
  const kept: LayoutTile[] = [];
  const homeless: string[] = [];
  for (const t of grid.tiles) {
    if (t.x >= cols || t.y >= rows) {
      if (t.cameraId !== null) homeless.push(t.cameraId);
      continue;
    }
    kept.push({ ...t, w: Math.min(t.w, cols - t.x), h: Math.min(t.h, rows - t.y) });
  }
  const tiles = fillHoles({ cols, rows }, kept).map((t) =>
    t.cameraId === null && homeless.length > 0 ? { ...t, cameraId: homeless.shift() ?? null } : t,
  );
  return { cols, rows, tiles };
}

/** Puts a camera on a tile (null clears it). */
export function assignCamera(grid: TileGrid, index: number, cameraId: string | null): TileGrid {
  if (!grid.tiles[index]) return grid;
  return { ...grid, tiles: grid.tiles.map((t, i) => (i === index ? { ...t, cameraId } : t)) };
}

/** Exchanges the cameras of two tiles; their shapes stay where they are. */
export function swapCameras(grid: TileGrid, a: number, b: number): TileGrid {
  const ta = grid.tiles[a];
  const tb = grid.tiles[b];
  if (!ta || !tb || a === b) return grid;
  return {
    ...grid,
    tiles: grid.tiles.map((t, i) =>
      i === a ? { ...t, cameraId: tb.cameraId } : i === b ? { ...t, cameraId: ta.cameraId } : t,
    ),
  };
}

/** Fills empty tiles with the given cameras in reading order; returns the cameras that found no tile. */
export function fillCameras(grid: TileGrid, cameraIds: readonly string[]): { grid: TileGrid; left: string[] } {
  const queue = [...cameraIds];
  const tiles = grid.tiles.map((t) =>
    t.cameraId === null && queue.length > 0 ? { ...t, cameraId: queue.shift()! } : t,
  );
  return { grid: { ...grid, tiles }, left: queue };
}
