import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MediaCache, MediaFetchError } from './media-cache';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const GOOD = Buffer.from('ảnh hiện trường '.repeat(200));
const OTHER = Buffer.from('không phải ảnh đó');

describe('media cache', () => {
  let server: Server;
  let base: string;
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'ioc-media-cache-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    // /good → the right bytes, /wrong → other bytes, /missing → 404, /big → more than announced caps.
    server = createServer((req, res) => {
      if (req.url === '/good') return res.end(GOOD);
      if (req.url === '/wrong') return res.end(OTHER);
      if (req.url === '/big') return res.end(Buffer.alloc(5000));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const from = (path: string) => (signal: AbortSignal) => fetch(`${base}${path}`, { signal });

  it('downloads, checks the hash and keeps the file under it (also across a restart)', async () => {
    const folder = dir();
    const cache = new MediaCache({ dir: folder });
    const path = await cache.fetchAndVerify(sha(GOOD), from('/good'));
    expect(path).toBe(cache.path(sha(GOOD)));
    expect(readFileSync(path).equals(GOOD)).toBe(true);
    expect(cache.has(sha(GOOD))).toBe(true);
    const again = new MediaCache({ dir: folder });
    expect(again.has(sha(GOOD))).toBe(true);
    expect(again.bytes()).toBe(GOOD.length);
  });

  it('refuses bytes that hash to something else, and keeps nothing of them', async () => {
    const folder = dir();
    const cache = new MediaCache({ dir: folder });
    const error = await cache.fetchAndVerify(sha(GOOD), from('/wrong')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaFetchError);
    expect((error as MediaFetchError).kind).toBe('mismatch');
    expect(cache.has(sha(GOOD))).toBe(false);
    expect(existsSync(cache.path(sha(GOOD)))).toBe(false);
    expect(readdirSync(join(folder, 'tmp'))).toEqual([]);
  });

  it('tells a missing file, an oversized one and an unreachable server apart', async () => {
    const cache = new MediaCache({ dir: dir(), maxItemBytes: 1000 });
    const kind = (p: Promise<unknown>) =>
      p.then(
        () => 'kept',
        (e: unknown) => (e as MediaFetchError).kind,
      );
    expect(await kind(cache.fetchAndVerify('1'.repeat(64), from('/missing')))).toBe('not_found');
    expect(await kind(cache.fetchAndVerify('2'.repeat(64), from('/big')))).toBe('too_large');
    const dead = (signal: AbortSignal) => fetch('http://127.0.0.1:1/x', { signal });
    expect(await kind(cache.fetchAndVerify('3'.repeat(64), dead))).toBe('unavailable');
    expect(cache.bytes()).toBe(0);
    expect(() => cache.path('../../etc/passwd')).toThrow(/SHA-256/);
  });

  it('keeps local bytes by hash and evicts the least recently used beyond its cap, never a kept one', async () => {
    const kept = Buffer.alloc(400, 1);
    const cache = new MediaCache({ dir: dir(), maxBytes: 1000, keep: (s) => s === sha(kept) });
    expect(await cache.put(kept)).toBe(sha(kept));
    const a = await cache.put(Buffer.alloc(300, 2));
    const b = await cache.put(Buffer.alloc(300, 3));
    expect(await cache.put(Buffer.alloc(300, 3))).toBe(b);
    expect(cache.bytes()).toBe(1000);
    cache.touch(a);
    const c = await cache.put(Buffer.alloc(300, 4));
    expect([cache.has(sha(kept)), cache.has(a), cache.has(b), cache.has(c)]).toEqual([true, true, false, true]);
    expect(cache.bytes()).toBe(1000);
  });
});
