import { describe, expect, it } from 'vitest';
import { labelsFromGeoJson, minZoomFor } from './labels';

describe('labelsFromGeoJson', () => {
  it('keeps named places and water labels, skips lines and junk', () => {
    const labels = labelsFromGeoJson({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'Cao Lãnh', kind: 'city', rank: 1 },
          geometry: { type: 'Point', coordinates: [105.63, 10.46] },
        },
        {
          type: 'Feature',
          properties: { name: 'Sông Tiền', kind: 'water_label' },
          geometry: { type: 'Point', coordinates: [105.7, 10.4] },
        },
        {
          type: 'Feature',
          properties: { name: 'x', kind: 'canal' },
          geometry: { type: 'LineString', coordinates: [] },
        },
        { type: 'Feature', properties: {}, geometry: null },
        null,
      ],
    });
    expect(labels).toEqual([
      { text: 'Cao Lãnh', position: [105.63, 10.46], rank: 1, kind: 'city' },
      { text: 'Sông Tiền', position: [105.7, 10.4], rank: 5, kind: 'water' },
    ]);
    expect(labelsFromGeoJson('not geojson')).toEqual([]);
  });
  it('shows the main cities first when zoomed out', () => {
    expect(minZoomFor({ text: 'Cao Lãnh', position: [0, 0], rank: 1, kind: 'city' })).toBeLessThan(
      minZoomFor({ text: 'Ấp X', position: [0, 0], rank: 4, kind: 'hamlet' }),
    );
  });
});
