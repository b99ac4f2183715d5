import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttp, checkTcp } from './checks';
import { type Monitor, MonitorSchema } from './monitors';

/** A portal that answers 200 with its name, 200 with a maintenance page, or 503, by path. */
let portal: Server;
let base: string;
beforeAll(async () => {
  portal = createServer((req, res) => {
    if (req.url === '/down') {
      res.writeHead(503).end('Service Unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // Split across writes: the keyword check reads the body as a whole, not chunk by chunk.
    if (req.url === '/defaced') res.end('<h1>Trang đang bảo trì</h1>');
    else {
      res.write('<h1>Cổng dịch vụ ');
      res.end('công tỉnh Đồng Tháp</h1>');
    }
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => portal.close(() => resolve())));

const http = (path: string, keyword?: string) =>
  MonitorSchema.parse({
    id: 'dvc',
    name: 'Cổng dịch vụ công',
    kind: 'http',
    url: `${base}${path}`,
    keyword,
  }) as Extract<Monitor, { kind: 'http' }>;

describe('checkHttp', () => {
  it('is up when the page answers 2xx and holds the keyword', async () => {
    const r = await checkHttp(http('/', 'dịch vụ công'), new AbortController().signal);
    expect(r).toMatchObject({ ok: true, httpStatus: 200, message: null });
    expect(r.ms).toBeGreaterThan(0);
  });

  it('fails a 200 page without the keyword, naming it', async () => {
    const r = await checkHttp(http('/defaced', 'dịch vụ công'), new AbortController().signal);
    expect(r).toMatchObject({ ok: false, httpStatus: 200, message: 'keyword "dịch vụ công" not found' });
  });

  it('fails on a status outside the accepted ranges, whatever the page says', async () => {
    const r = await checkHttp(http('/down'), new AbortController().signal);
    expect(r).toMatchObject({ ok: false, httpStatus: 503, message: 'HTTP 503' });
  });
});

describe('checkTcp', () => {
  const tcp = (port: number) =>
    MonitorSchema.parse({ id: 'mail', name: 'Thư công vụ', kind: 'tcp', host: '127.0.0.1', port }) as Extract<
      Monitor,
      { kind: 'tcp' }
    >;

  // The runner passes one signal, alive as long as it, to every check: each check must take its listener back.
  // Was: net.connect({ signal }) left one per check, and the eleventh printed MaxListenersExceededWarning.
  it('leaves no abort listener on the runner’s signal, whether the port answers or refuses', async () => {
    const server = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const runner = new AbortController();
    try {
      for (let i = 0; i < 12; i++) expect((await checkTcp(tcp(port), runner.signal)).ok).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // Closed now: refused.
    for (let i = 0; i < 12; i++) {
      expect(await checkTcp(tcp(port), runner.signal)).toMatchObject({ ok: false, message: 'ECONNREFUSED' });
    }
    expect(getEventListeners(runner.signal, 'abort')).toHaveLength(0);
  });

  it('ends at once, down, when the runner stops during a check', async () => {
    // A signal already aborted, and one aborted before the connection is made.
    const before = new AbortController();
    before.abort();
    expect(await checkTcp(tcp(9), before.signal)).toMatchObject({ ok: false, message: 'ABORT_ERR' });
    const during = new AbortController();
    const pending = checkTcp(tcp(9), during.signal);
    during.abort();
    expect(await pending).toMatchObject({ ok: false, message: 'ABORT_ERR' });
    expect(getEventListeners(during.signal, 'abort')).toHaveLength(0);
  });
});
