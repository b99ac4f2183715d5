import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { type BasemapLayerNames, BUNDLED_LAYER_NAMES } from './basemapLayers';

/** The area the offline basemap covers (SOURCES.md): former Đồng Tháp around Cao Lãnh, Sa Đéc, Hồng Ngự. */
export const BASEMAP_BOUNDS: [[number, number], [number, number]] = [
  [105.2, 10.1],
  [106.0, 11.0],
];
export const BASEMAP_CENTER: [number, number] = [105.68, 10.45];
export const BASEMAP_ATTRIBUTION = 'GSHHG © Wessel & Smith (LGPL-3.0) | Natural Earth | GeoNames (CC BY 4.0)';

export const MAP_COLORS = {
  background: '#0c131b',
  land: '#111b25',
  water: '#143a56',
  waterLine: '#1f5a80',
  border: '#b0744f',
  road: '#2a3644',
} as const;

/**
 * A dark control-room basemap from the offline PMTiles file, or a configured one whose layers are named in
 * `layers` (basemapLayers.ts): water areas and lines, borders, and roads when the file has them. No symbol layers:
 * MapLibre would need glyph files for them, and labels are drawn by deck.gl with a bundled font that covers
 * Vietnamese instead.
 */
export function buildBasemapStyle(
  pmtilesUrl: string,
  attribution: string | null = BASEMAP_ATTRIBUTION,
  layers: BasemapLayerNames = BUNDLED_LAYER_NAMES,
): StyleSpecification {
  const drawn: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.land } },
  ];
  if (layers.water)
    drawn.push({
      id: 'water-area',
      type: 'fill',
      source: 'basemap',
      'source-layer': layers.water,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': MAP_COLORS.water },
    });
  if (layers.roads)
    drawn.push({
      id: 'roads',
      type: 'line',
      source: 'basemap',
      'source-layer': layers.roads,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: {
        'line-color': MAP_COLORS.road,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.4, 16, 2.5],
      },
    });
  if (layers.waterLines)
    drawn.push({
      id: 'water-line',
      type: 'line',
      source: 'basemap',
      'source-layer': layers.waterLines,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: {
        'line-color': MAP_COLORS.waterLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 14, 3],
      },
    });
  if (layers.boundaries)
    drawn.push({
      id: 'national-border',
      type: 'line',
      source: 'basemap',
      'source-layer': layers.boundaries,
      paint: { 'line-color': MAP_COLORS.border, 'line-width': 1.5, 'line-dasharray': [4, 2] },
    });
  return {
    version: 8,
    sources: {
      basemap: {
        type: 'vector',
        url: `pmtiles://${pmtilesUrl}`,
        ...(attribution === null ? {} : { attribution }),
      },
    },
    layers: drawn,
  };
}
