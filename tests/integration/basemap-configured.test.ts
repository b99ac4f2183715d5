// Issue 6: production points the map at a configured PMTiles file (--basemap) or style URL (--basemap-style).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASEMAP_CHOICE_PATH, CUSTOM_PMTILES_PATH } from '../../src-shared/basemap';
import { startTestCore, type TestCore } from './core-harness';
import { makeTempDir } from './tmp-dir';

const SOURCE = join(import.meta.dirname, '..', '..', 'resources', 'basemap', 'dongthap.pmtiles');
const PMTILES = readFileSync(SOURCE);

describe('a configured PMTiles basemap (--basemap)', () => {
  const temp = makeTempDir('ioc-basemap-file-');
  // Another name in another folder, with a character that needs escaping: served all the same.
  const file = join(temp.dir, 'thành phố #1.pmtiles');
  let t: TestCore;
  beforeAll(async () => {
    copyFileSync(SOURCE, file);
    t = await startTestCore(['--basemap', file]);
  });
  afterAll(async () => {
    await t.stop();
    temp.remove();
  });

  it('tells the map to draw it', async () => {
    const res = await fetch(`${t.url}${BASEMAP_CHOICE_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ kind: 'pmtiles', path: CUSTOM_PMTILES_PATH });
  });

  it('serves its byte ranges as a PMTiles reader asks for them', async () => {
    const res = await fetch(`${t.url}${CUSTOM_PMTILES_PATH}`, { headers: { range: 'bytes=0-126' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-126/${PMTILES.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(PMTILES.subarray(0, 127))).toBe(true);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const tail = await fetch(`${t.url}${CUSTOM_PMTILES_PATH}`, { headers: { range: `bytes=${PMTILES.length - 10}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(PMTILES.subarray(PMTILES.length - 10))).toBe(true);
  });

  it('still serves the offline basemap files beside it (labels, mini-maps)', async () => {
    expect((await fetch(`${t.url}/basemap/places.geojson`)).status).toBe(200);
  });
});

describe('a configured style URL (--basemap-style)', () => {
  // A renderer of its own, so the page (and its CSP) is served whether or not the real one was built.
  const renderer = makeTempDir('ioc-basemap-renderer-');
  let t: TestCore;
  beforeAll(async () => {
    writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>IOC</title>');
    t = await startTestCore(['--renderer-dir', renderer.dir], {
      IOC_BASEMAP_STYLE: 'https://tiles.example.vn/styles/dark.json',
    });
  });
  afterAll(async () => {
    await t.stop();
    renderer.remove();
  });

  it('tells the map the style URL, and serves no custom PMTiles', async () => {
    const res = await fetch(`${t.url}${BASEMAP_CHOICE_PATH}`);
    expect(await res.json()).toEqual({ kind: 'style', url: 'https://tiles.example.vn/styles/dark.json' });
    expect((await fetch(`${t.url}${CUSTOM_PMTILES_PATH}`)).status).toBe(404);
  });

  it('lets the page load that style, from that origin only', async () => {
    const page = await fetch(`${t.url}/map`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' https://tiles.example.vn;");
    expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.vn;");
    expect(csp.match(/tiles\.example\.vn/g)).toHaveLength(2);
  });
});

describe('nothing configured', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
  });
  afterAll(() => t.stop());

  it('tells the map to draw the embedded offline basemap', async () => {
    expect(await (await fetch(`${t.url}${BASEMAP_CHOICE_PATH}`)).json()).toEqual({ kind: 'offline' });
    expect((await fetch(`${t.url}${CUSTOM_PMTILES_PATH}`)).status).toBe(404);
  });
});
