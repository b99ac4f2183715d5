import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, sendRangedFile } from './ranged-file';

describe('parseRange', () => {
  it('reads one byte range in each of its forms', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
  });
  it('refuses ranges it cannot satisfy', () => {
    for (const header of [
      'bytes=100-',
      'bytes=5-1',
      'bytes=-0',
      'bytes=-',
      'items=0-1',
      'bytes=0-1,5-6',
      'bytes=abc',
    ]) {
      expect(parseRange(header, 100), header).toBe('unsatisfiable');
    }
  });
});

describe('sendRangedFile over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-ranged-'));
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  const etag = '"v1"';
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const path = join(dir, 'file.bin');
    writeFileSync(path, bytes);
    writeFileSync(join(dir, 'empty.bin'), '');
    server = createServer((req, res) => {
      const empty = req.url === '/empty';
      void sendRangedFile(
        req,
        res,
        { path: empty ? join(dir, 'empty.bin') : path, size: empty ? 0 : bytes.length, etag },
        { 'content-type': 'application/octet-stream', 'x-route': 'test' },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the whole file, one range of it, or only the headers', async () => {
    const whole = await fetch(`${url}/`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('x-route')).toBe('test');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await fetch(`${url}/`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const head = await fetch(`${url}/`, { method: 'HEAD', headers: { range: 'bytes=-10' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe('bytes 990-999/1000');

    expect((await fetch(`${url}/empty`)).status).toBe(200);
  });

  it('answers 416 past the end, the whole file for a stale If-Range, 304 for the same version', async () => {
    const beyond = await fetch(`${url}/`, { headers: { range: 'bytes=1000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    const stale = await fetch(`${url}/`, { headers: { range: 'bytes=0-9', 'if-range': '"v0"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(1000);
    const same = await fetch(`${url}/`, { headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    expect((await fetch(`${url}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});
