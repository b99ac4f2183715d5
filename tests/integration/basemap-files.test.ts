import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from './core-harness';

const PMTILES = readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'basemap', 'dongthap.pmtiles'));

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(() => t.stop());

describe('offline basemap files', () => {
  it('serves PMTiles byte ranges as a PMTiles reader asks for them', async () => {
    const res = await fetch(`${t.url}/basemap/dongthap.pmtiles`, { headers: { range: 'bytes=0-126' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-126/${PMTILES.length}`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 7).toString()).toBe('PMTiles');
    expect(body.equals(PMTILES.subarray(0, 127))).toBe(true);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves whole GeoJSON files and refuses unsatisfiable ranges and escapes', async () => {
    const places = await fetch(`${t.url}/basemap/places.geojson`);
    expect(places.status).toBe(200);
    expect(places.headers.get('content-type')).toBe('application/geo+json');
    expect(((await places.json()) as { features: unknown[] }).features.length).toBeGreaterThan(20);
    const beyond = await fetch(`${t.url}/basemap/places.geojson`, { headers: { range: `bytes=99999999-` } });
    expect(beyond.status).toBe(416);
    for (const path of ['/basemap/../demo/users.json', '/basemap/%2e%2e/demo/users.json', '/basemap/nope.pmtiles']) {
      expect((await fetch(`${t.url}${path}`)).status, path).not.toBe(200);
    }
  });
});
