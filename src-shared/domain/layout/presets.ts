import { MAX_GRID, type TileSpan } from './geometry';
import { fillHoles, uniformGrid, type TileGrid } from './edit';

export interface GridPreset {
  /** Stable id, also the label: `4x4`, `1+5`… */
  id: string;
  build(): TileGrid;
}

function withBig(cols: number, rows: number, big: TileSpan): TileGrid {
  return { cols, rows, tiles: fillHoles({ cols, rows }, [{ ...big, cameraId: null }]) };
}

const square = (n: number): GridPreset => ({ id: `${n}x${n}`, build: () => uniformGrid(n, n) });

/** The grids a control room reaches for: squares 1×1…8×8 and the usual "one big + ring of small" patterns. */
export const GRID_PRESETS: readonly GridPreset[] = [
  ...Array.from({ length: MAX_GRID }, (_, i) => square(i + 1)),
  { id: '1+5', build: () => withBig(3, 3, { x: 0, y: 0, w: 2, h: 2 }) },
  { id: '1+7', build: () => withBig(4, 4, { x: 0, y: 0, w: 3, h: 3 }) },
  { id: '1+12', build: () => withBig(4, 4, { x: 1, y: 1, w: 2, h: 2 }) },
  { id: '2+8', build: () => ({ cols: 4, rows: 4, tiles: twoBig() }) },
];

function twoBig(): TileGrid['tiles'] {
  const big = [
    { x: 0, y: 0, w: 2, h: 2, cameraId: null },
    { x: 2, y: 0, w: 2, h: 2, cameraId: null },
  ];
  return fillHoles({ cols: 4, rows: 4 }, big);
}

export function presetById(id: string): GridPreset | null {
  return GRID_PRESETS.find((p) => p.id === id) ?? null;
}
