import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCamerasFile } from './cameras-file';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'demo');
const file = readCamerasFile(join(DEMO, 'cameras.json'));
const sites = z.array(z.object({ id: z.string() })).parse(JSON.parse(readFileSync(join(DEMO, 'sites.json'), 'utf8')));

/** GeoNames centres of the three cities (shared basemap, places.geojson). */
const CENTRES: Record<string, { lat: number; lon: number }> = {
  'cao-lanh': { lat: 10.46017, lon: 105.63294 },
  'sa-dec': { lat: 10.29085, lon: 105.75635 },
  'hong-ngu': { lat: 10.8, lon: 105.35 },
};

function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

describe('the demo fleet data (resources/demo/cameras.json)', () => {
  it('has at least 16 cameras, every site of sites.json covered and no unknown site', () => {
    expect(file.cameras.length).toBeGreaterThanOrEqual(16);
    const siteIds = new Set(sites.map((s) => s.id));
    for (const camera of file.cameras) expect(siteIds).toContain(camera.siteId);
    for (const site of siteIds) expect(file.cameras.filter((c) => c.siteId === site).length).toBeGreaterThan(2);
  });

  it('places each camera within 5 km of its city', () => {
    for (const camera of file.cameras) {
      const centre = CENTRES[camera.siteId];
      expect(centre, camera.id).toBeDefined();
      expect(distanceM(camera, centre!), camera.id).toBeLessThan(5000);
    }
  });

  it('mixes PTZ and fixed cameras, H.264 and H.265 main streams, Digest and WS-Security, all four vendors', () => {
    const values = <K extends keyof (typeof file.cameras)[number]>(key: K) => new Set(file.cameras.map((c) => c[key]));
    expect(values('ptz')).toEqual(new Set([true, false]));
    expect(values('mainCodec')).toEqual(new Set(['h264', 'h265']));
    expect(values('auth')).toEqual(new Set(['digest', 'wsse']));
    expect(values('personality')).toEqual(new Set(['agsh', 'axis', 'hikvision', 'pelco']));
  });

  it('names every camera in Vietnamese, with its diacritics', () => {
    for (const camera of file.cameras) expect(camera.name, camera.id).toMatch(/[À-ỹ]/);
  });
});
