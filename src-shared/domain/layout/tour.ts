import { MAX_GRID } from './geometry';
import { fillCameras, uniformGrid, type LayoutTile, type TileGrid } from './edit';

/** Shortest dwell, as Genetec's wall sequences: faster than this an operator cannot take in a screen. */
export const MIN_DWELL_SEC = 3;
export const MAX_DWELL_SEC = 3600;

export interface TourPosition {
  /** Index of the step showing now. */
  index: number;
  /** Full passes through the steps so far. */
  round: number;
  /** Time until the next step, in ms. */
  remainingMs: number;
}

/**
 * Which step a tour that started at `startedAtMs` shows at `nowMs`. Every window derives it from the same
 * start time, so two windows on one display, and the control window watching it, agree without messages.
 */
export function tourPosition(dwellsSec: readonly number[], startedAtMs: number, nowMs: number): TourPosition {
  const dwells = dwellsSec.map((d) => Math.max(MIN_DWELL_SEC, d) * 1000);
  const cycle = dwells.reduce((a, b) => a + b, 0);
  if (dwells.length === 0 || cycle <= 0) return { index: 0, round: 0, remainingMs: Infinity };
  const elapsed = Math.max(0, nowMs - startedAtMs);
  const round = Math.floor(elapsed / cycle);
  let into = elapsed - round * cycle;
  for (const [index, dwell] of dwells.entries()) {
    if (into < dwell) return { index, round, remainingMs: dwell - into };
    into -= dwell;
  }
  return { index: dwells.length - 1, round, remainingMs: 0 };
}

/** The most square grid (up to 8×8) with room for `count` tiles, wider than tall: 2 → 2×1, 3 → 2×2, 5 → 3×2. */
export function gridForCount(count: number): TileGrid {
  const n = Math.max(1, count);
  const cols = Math.min(MAX_GRID, Math.ceil(Math.sqrt(n)));
  const rows = Math.min(MAX_GRID, Math.ceil(n / cols));
  return uniformGrid(cols, rows);
}

/** Splits a long camera list into pages that fit the free (unpinned) tiles of a layout. */
export function cameraPages(cameraIds: readonly string[], perPage: number): string[][] {
  const size = Math.max(1, Math.floor(perPage));
  const pages: string[][] = [];
  for (let i = 0; i < cameraIds.length; i += size) pages.push(cameraIds.slice(i, i + size));
  return pages;
}

/**
 * What a camera step shows: the base layout's shape with its pinned tiles unchanged and the step's cameras in
 * the other tiles, in reading order. Without a base layout, the smallest square grid that fits the cameras.
 */
export function cameraStepGrid(
  base: TileGrid | null,
  pinned: readonly number[],
  cameraIds: readonly string[],
): TileGrid {
  if (!base) return fillCameras(gridForCount(cameraIds.length), cameraIds).grid;
  const free: TileGrid = {
    ...base,
    tiles: base.tiles.map((t, i): LayoutTile => (pinned.includes(i) ? t : { ...t, cameraId: null })),
  };
  return fillCameras(free, cameraIds).grid;
}

/** A layout step with the tour's pinned tiles laid over it, where the step has a tile at that index. */
export function pinOver(step: TileGrid, base: TileGrid | null, pinned: readonly number[]): TileGrid {
  if (!base || pinned.length === 0) return step;
  return {
    ...step,
    tiles: step.tiles.map((t, i) => {
      const keep = pinned.includes(i) ? base.tiles[i] : undefined;
      return keep ? { ...t, cameraId: keep.cameraId } : t;
    }),
  };
}

/** How many tiles of `base` a camera step can fill. */
export function freeTileCount(base: TileGrid | null, pinned: readonly number[]): number {
  if (!base) return MAX_GRID * MAX_GRID;
  return base.tiles.filter((_, i) => !pinned.includes(i)).length;
}
