import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataFileHandler } from './data-files';

describe('public data files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-data-files-'));
  const root = join(dir, 'basemap');
  const geojson = '{"type":"FeatureCollection","features":[]}';
  let server: Server;
  let url: string;

  beforeAll(async () => {
    mkdirSync(root);
    writeFileSync(join(root, 'places.geojson'), geojson);
    writeFileSync(join(dir, 'secret.txt'), 'not public');
    const serve = createDataFileHandler(root);
    server = createServer((req, res) => void serve(new URL(req.url ?? '/', 'http://x').pathname, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a range of a file under its root with its type, readable from any origin', async () => {
    const res = await fetch(`${url}/places.geojson`, { headers: { range: 'bytes=0-6' } });
    expect(res.status).toBe(206);
    expect(await res.text()).toBe('{"type"');
    expect(res.headers.get('content-range')).toBe(`bytes 0-6/${geojson.length}`);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
  });

  it('answers 404 for files that are missing or outside its root', async () => {
    for (const path of ['/nope.pmtiles', '/../secret.txt', '/%2e%2e/secret.txt']) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
    }
  });
});
