export interface HeatCell {
  polygon: [number, number][];
  count: number;
  /** 0–1 of the densest cell. */
  weight: number;
}

/** Cells about this many screen pixels wide at the current zoom. */
const CELL_PX = 24;

/**
 * A heat map of citizens' reports without @deck.gl/aggregation-layers (not installed: its HeatmapLayer and
 * ScreenGridLayer are unavailable): reports are counted in square cells ~24 px wide at this zoom and each cell is
 * filled with a colour ramp by its share of the densest cell. Pure.
 */
export function heatCells(points: readonly [number, number][], zoom: number): HeatCell[] {
  const size = (360 / (256 * 2 ** Math.max(0, zoom))) * CELL_PX;
  const counts = new Map<string, { x: number; y: number; n: number }>();
  for (const [lon, lat] of points) {
    const x = Math.floor(lon / size);
    const y = Math.floor(lat / size);
    const key = `${x}:${y}`;
    const cell = counts.get(key) ?? { x, y, n: 0 };
    cell.n++;
    counts.set(key, cell);
  }
  const max = Math.max(1, ...[...counts.values()].map((c) => c.n));
  return [...counts.values()].map(({ x, y, n }) => ({
    polygon: [
      [x * size, y * size],
      [(x + 1) * size, y * size],
      [(x + 1) * size, (y + 1) * size],
      [x * size, (y + 1) * size],
    ],
    count: n,
    weight: n / max,
  }));
}

/** Transparent yellow through orange to red as density grows. */
export function heatColor(weight: number): [number, number, number, number] {
  const w = Math.max(0, Math.min(1, weight));
  return [255, Math.round(220 - 180 * w), Math.round(60 - 60 * w), Math.round(60 + 150 * w)];
}
