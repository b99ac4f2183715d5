import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASEMAP_CHOICE_PATH, CUSTOM_PMTILES_PATH } from '../../src-shared/basemap';
import { createBasemapRoutes } from './basemap-routes';

const SOURCE = join(import.meta.dirname, '..', '..', 'resources', 'basemap', 'dongthap.pmtiles');

/** Sends the raw requests on one kept-alive connection and returns every byte the server wrote back. */
function exchange(port: number, requests: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(requests.join('')));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

const request = (method: string, path: string, close = false) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${close ? 'Connection: close\r\n' : ''}\r\n`;

/** Splits the head off a response: its status line and headers, and whatever bytes came after them. */
function splitHead(bytes: Buffer): { status: string; headers: Map<string, string>; rest: Buffer } {
  const end = bytes.indexOf('\r\n\r\n');
  const [status, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = new Map(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: status!, headers, rest: bytes.subarray(end + 4) };
}

describe('basemap routes: HEAD', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-basemap-head-'));
  const file = join(dir, 'city.pmtiles');
  let server: Server;
  let port: number;
  beforeAll(async () => {
    copyFileSync(SOURCE, file);
    const route = createBasemapRoutes(file, null);
    server = createServer((req, res) => {
      void route(new URL(req.url ?? '/', 'http://localhost').pathname, req, res).then((answered) => {
        if (!answered) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the basemap choice with GET’s headers and no body: the next answer follows at once', async () => {
    const bytes = await exchange(port, [
      request('HEAD', BASEMAP_CHOICE_PATH),
      request('GET', BASEMAP_CHOICE_PATH, true),
    ]);
    const head = splitHead(bytes);
    expect(head.status).toBe('HTTP/1.1 200 OK');
    expect(head.headers.get('content-type')).toMatch(/^application\/json/);
    const get = splitHead(head.rest);
    // Any body after HEAD's headers would be read here as the start of the GET's answer.
    expect(get.status).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(get.rest.toString('utf8'))).toEqual({ kind: 'pmtiles', path: CUSTOM_PMTILES_PATH });
    expect(head.headers.get('content-length')).toBe(String(get.rest.length));
  });

  it('answers the configured PMTiles file with its length and no body', async () => {
    const bytes = await exchange(port, [
      request('HEAD', CUSTOM_PMTILES_PATH),
      request('GET', BASEMAP_CHOICE_PATH, true),
    ]);
    const head = splitHead(bytes);
    expect(head.status).toBe('HTTP/1.1 200 OK');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(splitHead(head.rest).status).toBe('HTTP/1.1 200 OK');
  });
});
