import { describe, expect, it } from 'vitest';
import { buildBasemapStyle } from './basemapStyle';

describe('buildBasemapStyle', () => {
  it('reads the offline PMTiles through the pmtiles protocol and names every source layer it draws', () => {
    const style = buildBasemapStyle('http://127.0.0.1:8080/basemap/dongthap.pmtiles');
    expect(style.sources.basemap).toMatchObject({
      type: 'vector',
      url: 'pmtiles://http://127.0.0.1:8080/basemap/dongthap.pmtiles',
    });
    const sourceLayers = style.layers.flatMap((l) => ('source-layer' in l ? [l['source-layer']] : []));
    expect(new Set(sourceLayers)).toEqual(new Set(['water', 'boundaries']));
  });
  it('needs no glyphs or sprites, so it renders with no network', () => {
    const style = buildBasemapStyle('x');
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });
});
