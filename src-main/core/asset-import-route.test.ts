import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ASSET_UPLOAD_BYTES } from '../../src-shared/contract/alerts';
import type { Principal } from '../services/auth';
import { importAssetsRoute } from './asset-import-route';
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
const MB = 1024 * 1024;

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

/** One HTTP/1.1 exchange on a raw socket: the test decides when each part of the body leaves. */
class RawUpload {
  readonly socket: Socket;
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  error: Error | null = null;
  ended = false;
  readonly closed: Promise<boolean>;

  constructor(port: number, head: string) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    this.socket.on('error', (error) => {
      this.error = error;
      this.wake();
    });
    this.socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', resolve));
    this.socket.write(head);
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Sends `bytes` and waits until the socket has taken them (or failed). */
  send(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  /** The whole reply (head and a body of its content-length), or null once the connection failed first. */
  async reply(): Promise<{ status: number; headers: string; body: unknown } | null> {
    for (;;) {
      const text = this.received.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split >= 0) {
        const headers = text.slice(0, split);
        const length = Number(/content-length: (\d+)/i.exec(headers)?.[1]);
        const body = this.received.subarray(split + 4);
        if (body.length >= length)
          return {
            status: Number(headers.split(' ')[1]),
            headers,
            body: JSON.parse(body.subarray(0, length).toString('utf8')) as unknown,
          };
      }
      if (this.error || this.ended) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

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
