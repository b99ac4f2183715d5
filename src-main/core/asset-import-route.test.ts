import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ASSET_UPLOAD_BYTES } from '../../src-shared/contract/alerts';
import type { Principal } from '../services/auth';
import { importAssetsRoute } from './asset-import-route';
import { MB, RawUpload } from '../../tests/integration/raw-http';
import { refuseThenDrain } from './refuse-upload';

const technician: Principal = {
  userId: 'u1',
  username: 'technician',
  displayName: 'Kỹ thuật viên',
  roles: ['technician'],
  sites: ['*'],
  siteId: null,
  sessionId: 's1',
};
const operator: Principal = { ...technician, username: 'operator', roles: ['operator'] };

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  server = createServer(handle);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const routeFor = (principal: Principal) =>
  listen((req, res) => {
    void importAssetsRoute(req, res, principal, () => Promise.reject(new Error('the server is never reached')));
  });

const head = (length: number | 'chunked') =>
  'POST /api/assets/import?format=csv&fileName=den.csv HTTP/1.1\r\nhost: 127.0.0.1\r\n' +
  'content-type: application/octet-stream\r\naccept: application/json\r\n' +
  (length === 'chunked' ? 'transfer-encoding: chunked\r\n' : `content-length: ${length}\r\n`) +
  '\r\n';

describe('the core’s upload route refusing a body it will not read', () => {
  it.each([
    ['too large', technician, 413, 'payload_too_large'],
    ['forbidden', operator, 403, 'forbidden'],
  ])(
    'answers %s while the body arrives, then reads the rest and closes without a reset',
    async (_name, principal, status, code) => {
      const upload = new RawUpload(await routeFor(principal), head(MAX_ASSET_UPLOAD_BYTES + 1));
      await upload.send(Buffer.alloc(MB, 0x41));
      // The refusal comes before the client has sent most of its body…
      const reply = await upload.reply();
      expect(reply).toMatchObject({ status, body: { ok: false, error: { code } } });
      expect(reply!.headers).toMatch(/connection: close/i);
      // …and the client can still send all of it: the server reads it, then closes (a FIN, not a reset).
      await upload.send(Buffer.alloc(MAX_ASSET_UPLOAD_BYTES + 1 - MB, 0x41));
      upload.socket.end();
      expect(await upload.closed).toBe(false);
      expect(upload.error).toBeNull();
      expect(upload.ended).toBe(true);
    },
  );

  it('refuses a chunked body once it passes the cap, then reads the rest as well', async () => {
    const upload = new RawUpload(await routeFor(technician), head('chunked'));
    const chunk = Buffer.concat([Buffer.from(`${MB.toString(16)}\r\n`), Buffer.alloc(MB, 0x41), Buffer.from('\r\n')]);
    const replied = upload.reply();
    for (let sent = 0; sent <= MAX_ASSET_UPLOAD_BYTES; sent += MB) await upload.send(chunk);
    expect(await replied).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    // More after the refusal, then the last chunk: all read, then a clean close.
    for (let more = 0; more < 4; more++) await upload.send(chunk);
    await upload.send(Buffer.from('0\r\n\r\n'));
    upload.socket.end();
    expect(await upload.closed).toBe(false);
    expect(upload.error).toBeNull();
    expect(upload.ended).toBe(true);
  });

  it('cuts off a client that sends far more than it may after the refusal', async () => {
    let drained: { bytes: number; destroyed: boolean } | null = null;
    const limits = { maxBytes: 256 * 1024, maxMs: 60_000 };
    const port = await listen((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      void refuseThenDrain(req, res, 413, { ok: false }, limits).then(() => {
        drained = { bytes, destroyed: req.socket.destroyed };
      });
    });
    const upload = new RawUpload(port, head(64 * MB));
    expect(await upload.reply()).toMatchObject({ status: 413, body: { ok: false } });
    // Sent until the server gives up on it.
    while (!upload.error && !upload.ended && !drained) await upload.send(Buffer.alloc(MB, 0x41));
    await upload.closed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).not.toBeNull();
    expect(drained!.destroyed).toBe(true);
    // Read up to the limit and a socket read past it, no more.
    expect(drained!.bytes).toBeGreaterThan(limits.maxBytes);
    expect(drained!.bytes).toBeLessThan(limits.maxBytes + 2 * MB);
  });
});
