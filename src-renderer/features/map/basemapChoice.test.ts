import { describe, expect, it } from 'vitest';
import {
  attributionFromMetadata,
  OFFLINE_VIEW,
  offlineBasemap,
  pmtilesBasemap,
  styleBasemap,
  viewFromHeader,
} from './basemapChoice';
import { BASEMAP_ATTRIBUTION } from './basemapStyle';

const CITY = { minLon: 106.6, minLat: 10.7, maxLon: 106.8, maxLat: 10.9, centerLon: 106.7, centerLat: 10.78 };

describe('the basemap the map draws', () => {
  it('is the offline one, with its area, attribution and labels, when nothing is configured', () => {
    const basemap = offlineBasemap('http://127.0.0.1:1/basemap/dongthap.pmtiles');
    expect(basemap.view).toBe(OFFLINE_VIEW);
    expect(basemap.fallback).toBeNull();
    expect(basemap.offlineLabels).toBe(true);
    expect(typeof basemap.style === 'object' && basemap.style.sources.basemap).toMatchObject({
      url: 'pmtiles://http://127.0.0.1:1/basemap/dongthap.pmtiles',
      attribution: BASEMAP_ATTRIBUTION,
    });
  });

  it('takes a configured PMTiles file’s area from its header and attribution from its metadata', () => {
    const url = 'http://127.0.0.1:1/basemap/custom.pmtiles';
    const basemap = pmtilesBasemap(url, { ...CITY, centerZoom: 12 }, { attribution: ' © OpenStreetMap ' });
    expect(basemap.view).toEqual({
      bounds: [
        [106.6, 10.7],
        [106.8, 10.9],
      ],
      center: [106.7, 10.78],
      zoom: 12,
    });
    expect(basemap.offlineLabels).toBe(false);
    const source = typeof basemap.style === 'object' ? basemap.style.sources.basemap : null;
    expect(source).toMatchObject({ url: `pmtiles://${url}`, attribution: '© OpenStreetMap' });
    // Without an attribution of its own, it claims none (not the offline basemap's sources).
    const bare = pmtilesBasemap(url, { ...CITY, centerZoom: 12 }, { name: 'city' });
    expect(typeof bare.style === 'object' && 'attribution' in bare.style.sources.basemap!).toBe(false);
  });

  it('is a configured style URL, with the offline basemap to fall back to', () => {
    const basemap = styleBasemap('https://tiles.example.vn/style.json', 'http://127.0.0.1:1/basemap/dongthap.pmtiles');
    expect(basemap.style).toBe('https://tiles.example.vn/style.json');
    expect(basemap.view).toBeNull();
    expect(basemap.fallback?.view).toBe(OFFLINE_VIEW);
    expect(basemap.fallback?.style.sources.basemap).toMatchObject({
      url: 'pmtiles://http://127.0.0.1:1/basemap/dongthap.pmtiles',
    });
  });
});

describe('viewFromHeader', () => {
  it('fits the bounds when the header has no center zoom, and centers on the bounds when its center is outside', () => {
    expect(viewFromHeader({ ...CITY, centerZoom: 0 })?.zoom).toBeNull();
    const outside = viewFromHeader({ ...CITY, centerLon: 0, centerLat: 0, centerZoom: 12 });
    expect(outside?.zoom).toBeNull();
    expect(outside?.center[0]).toBeCloseTo(106.7);
    expect(outside?.center[1]).toBeCloseTo(10.8);
  });

  it('leaves the map free for a header without usable bounds', () => {
    expect(viewFromHeader({ ...CITY, minLon: 107, centerZoom: 5 })).toBeNull();
    expect(viewFromHeader({ ...CITY, maxLat: 95, centerZoom: 5 })).toBeNull();
    expect(viewFromHeader({ ...CITY, minLon: Number.NaN, centerZoom: 5 })).toBeNull();
  });
});

describe('attributionFromMetadata', () => {
  it('is the metadata’s non-empty attribution string, else nothing', () => {
    expect(attributionFromMetadata({ attribution: 'GSHHG' })).toBe('GSHHG');
    for (const metadata of [null, 'x', {}, { attribution: '  ' }, { attribution: 3 }])
      expect(attributionFromMetadata(metadata)).toBeUndefined();
  });
});
