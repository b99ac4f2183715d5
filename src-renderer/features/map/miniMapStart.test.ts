import { describe, expect, it } from 'vitest';
import { offlineBasemap, pmtilesBasemap, styleBasemap } from './basemapChoice';
import { BASEMAP_ATTRIBUTION } from './basemapStyle';
import { miniMapStart } from './miniMapStart';

const OFFLINE = 'http://127.0.0.1:1/basemap/dongthap.pmtiles';
const CUSTOM = 'http://127.0.0.1:1/basemap/custom.pmtiles';
const PLACE: [number, number] = [106.7, 10.78];
const CITY = { minLon: 106.6, minLat: 10.7, maxLon: 106.8, maxLat: 10.9, centerLon: 106.7, centerLat: 10.8 };

describe('the case mini-map’s start', () => {
  it('draws the configured PMTiles file, held to its area, credited with its attribution', () => {
    const basemap = pmtilesBasemap(CUSTOM, { ...CITY, centerZoom: 12 }, { attribution: '© OpenStreetMap' });
    const start = miniMapStart(basemap, PLACE);
    expect(start.style).toBe(basemap.style);
    expect(typeof start.style === 'object' && start.style.sources.basemap).toMatchObject({
      url: `pmtiles://${CUSTOM}`,
    });
    expect(start.center).toEqual(PLACE);
    expect(start.maxBounds).toEqual([
      [106.1, 10.2],
      [107.3, 11.4],
    ]);
    expect(start.credit).toBe('© OpenStreetMap');
  });

  it('draws a configured style URL, free, leaving the credit to the style', () => {
    const start = miniMapStart(styleBasemap('https://tiles.example.vn/style.json', OFFLINE), PLACE);
    expect(start.style).toBe('https://tiles.example.vn/style.json');
    expect(start.maxBounds).toBeUndefined();
    expect(start.credit).toBeNull();
  });

  it('draws the offline basemap when nothing is configured', () => {
    const start = miniMapStart(offlineBasemap(OFFLINE), PLACE);
    expect(typeof start.style === 'object' && start.style.sources.basemap).toMatchObject({
      url: `pmtiles://${OFFLINE}`,
    });
    expect(start.credit).toBe(BASEMAP_ATTRIBUTION);
  });
});
