import type { Layer } from '@deck.gl/core';
import { PolygonLayer } from '@deck.gl/layers';
import { type HeatCell, heatColor } from './heatCells';

export function buildHeatLayer(cells: readonly HeatCell[]): Layer {
  return new PolygonLayer<HeatCell>({
    id: 'report-heat',
    data: cells,
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => heatColor(d.weight),
    stroked: false,
    filled: true,
  });
}
