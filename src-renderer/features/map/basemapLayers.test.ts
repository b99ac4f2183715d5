import { describe, expect, it } from 'vitest';
import { BUNDLED_LAYER_NAMES, layerNamesFromMetadata } from './basemapLayers';
import { pmtilesBasemap } from './basemapChoice';
import { buildBasemapStyle } from './basemapStyle';

const layers = (...ids: string[]) => ({ vector_layers: ids.map((id) => ({ id, fields: {} })) });
const sourceLayers = (style: ReturnType<typeof buildBasemapStyle>) =>
  Object.fromEntries(style.layers.flatMap((l) => ('source-layer' in l ? [[l.id, l['source-layer']]] : [])));

describe('the layer names of a configured PMTiles basemap', () => {
  it('keeps the bundled names for the bundled file’s metadata, and for metadata that lists no layers', () => {
    expect(layerNamesFromMetadata(layers('water', 'boundaries', 'places'))).toEqual(BUNDLED_LAYER_NAMES);
    for (const metadata of [null, {}, { vector_layers: 'x' }, { vector_layers: [] }])
      expect(layerNamesFromMetadata(metadata)).toEqual(BUNDLED_LAYER_NAMES);
  });

  it('finds an OpenMapTiles-style file’s water, waterways, boundary and roads, whatever their case', () => {
    expect(layerNamesFromMetadata(layers('Water', 'waterway', 'boundary', 'transportation', 'place'))).toEqual({
      water: 'Water',
      waterLines: 'waterway',
      boundaries: 'boundary',
      roads: 'transportation',
    });
  });

  it('draws only the layers the file has, under its names', () => {
    const url = 'http://127.0.0.1:1/basemap/custom.pmtiles';
    const city = { minLon: 106.6, minLat: 10.7, maxLon: 106.8, maxLat: 10.9, centerLon: 106.7, centerLat: 10.8 };
    const basemap = pmtilesBasemap(url, { ...city, centerZoom: 12 }, layers('ocean', 'roads', 'landuse'));
    expect(typeof basemap.style === 'object' && sourceLayers(basemap.style)).toEqual({
      'water-area': 'ocean',
      roads: 'roads',
    });
    // The bundled style is unchanged: water areas and lines from `water`, borders from `boundaries`, no roads.
    expect(sourceLayers(buildBasemapStyle(url))).toEqual({
      'water-area': 'water',
      'water-line': 'water',
      'national-border': 'boundaries',
    });
  });
});
