import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol-handler';
import { buildContentSecurityPolicy } from './csp';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'ioc-app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>IOC</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1);');
  writeFileSync(path.join(root, 'assets', 'data.bin'), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

let coreUrl: string | null = 'http://127.0.0.1:49152';
const handler = () =>
  createAppProtocolHandler({ rootDir: root, contentSecurityPolicy: () => buildContentSecurityPolicy(coreUrl) });
const get = (url: string, init?: RequestInit) => handler()(new Request(url, init));

describe('createAppProtocolHandler', () => {
  it('serves index.html with its MIME type and the CSP', async () => {
    const response = await get('app://ioc/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy(coreUrl));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>IOC</title>');
  });

  it('serves the bare origin as index.html and scripts as JavaScript', async () => {
    expect(await (await get('app://ioc/')).text()).toContain('IOC');
    const script = await get('app://ioc/assets/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('reads the CSP on every response, so it follows the core URL', async () => {
    const serve = handler();
    coreUrl = 'http://127.0.0.1:50000';
    const response = await serve(new Request('app://ioc/index.html'));
    expect(response.headers.get('content-security-policy')).toContain('ws://127.0.0.1:50000');
    coreUrl = 'http://127.0.0.1:49152';
  });

  it.each([
    ['missing file', 'app://ioc/nope.js', 404],
    ['directory', 'app://ioc/assets', 404],
    ['symlink leading out of the root', 'app://ioc/assets/link.txt', 403],
    ['encoded traversal', 'app://ioc/assets/..%2f..%2fsecret.txt', 403],
    ['other host', 'app://evil/index.html', 404],
  ])('refuses %s with %i and still sends the CSP', async (_name, url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toBe('');
  });

  it('allows only GET and HEAD', async () => {
    const post = await get('app://ioc/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.headers.get('content-security-policy')).not.toBeNull();
    const head = await get('app://ioc/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('33');
    expect(await head.text()).toBe('');
  });

  it('honours single byte ranges', async () => {
    const partial = await get('app://ioc/assets/data.bin', { headers: { Range: 'bytes=2-4' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 2-4/10');
    expect([...new Uint8Array(await partial.arrayBuffer())]).toEqual([2, 3, 4]);
    const outside = await get('app://ioc/assets/data.bin', { headers: { Range: 'bytes=10-' } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */10');
  });

  it('answers 500 without details when the file system fails', async () => {
    const failing = createAppProtocolHandler({
      rootDir: root,
      contentSecurityPolicy: () => "default-src 'self'",
      fileSystem: {
        realpath: async (p) => p,
        isFile: async () => true,
        readFile: async () => {
          throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        },
      },
    });
    const response = await failing(new Request('app://ioc/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
  });
});
