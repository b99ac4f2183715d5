import type { StyleSpecification } from 'maplibre-gl';

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
} as const;

/**
 * A dark control-room basemap from the offline PMTiles file (or a configured one with the same `water` and
 * `boundaries` layers, as Protomaps builds have). No symbol layers: MapLibre would need glyph files for them, and
 * labels are drawn by deck.gl with a bundled font that covers Vietnamese instead.
 */
export function buildBasemapStyle(
  pmtilesUrl: string,
  attribution: string | null = BASEMAP_ATTRIBUTION,
): StyleSpecification {
  return {
    version: 8,
    sources: {
      basemap: {
        type: 'vector',
        url: `pmtiles://${pmtilesUrl}`,
        ...(attribution === null ? {} : { attribution }),
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.land } },
      {
        id: 'water-area',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'water',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': MAP_COLORS.water },
      },
      {
        id: 'water-line',
        type: 'line',
        source: 'basemap',
        'source-layer': 'water',
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: {
          'line-color': MAP_COLORS.waterLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 14, 3],
        },
      },
      {
        id: 'national-border',
        type: 'line',
        source: 'basemap',
        'source-layer': 'boundaries',
        paint: { 'line-color': MAP_COLORS.border, 'line-width': 1.5, 'line-dasharray': [4, 2] },
      },
    ],
  };
}
