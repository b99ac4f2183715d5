// The core refusing a request before reading its body (no session, a route that takes none, a JSON body past its
// cap): the client still sending gets the whole refusal, not a reset, and the core reads and drops the rest only
// up to a cap. Raw sockets, so the test decides when each part of the body leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ASSET_UPLOAD_BYTES } from '../../src-shared/contract/alerts';
import { startTestCore, type TestCore } from './core-harness';
import { MB, RawUpload } from './raw-http';

let t: TestCore;
let port: number;
beforeAll(async () => {
  t = await startTestCore();
  port = Number(new URL(t.url).port);
});
afterAll(() => t.stop());

const head = (requestLine: string, body: number | 'chunked' | 'none', extra = '') =>
  `${requestLine} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${extra}` +
  (body === 'chunked'
    ? 'content-type: application/json\r\ntransfer-encoding: chunked\r\n'
    : body === 'none'
      ? ''
      : `content-type: application/octet-stream\r\ncontent-length: ${body}\r\n`) +
  '\r\n';
const UPLOAD = 'POST /api/assets/import?format=csv&fileName=den.csv';

/** The client ends its side once all its body is sent: the core then closes its own, a FIN and no reset. */
async function expectCleanClose(upload: RawUpload): Promise<void> {
  upload.socket.end();
  expect(await upload.closed).toBe(false);
  expect(upload.error).toBeNull();
  expect(upload.ended).toBe(true);
}

describe('the core refusing a request whose body it does not read', () => {
  it('answers an upload without a session with 401 while the body arrives, then reads the rest and closes', async () => {
    const upload = new RawUpload(port, head(UPLOAD, MAX_ASSET_UPLOAD_BYTES));
    await upload.send(Buffer.alloc(MB, 0x41));
    const reply = await upload.reply();
    expect(reply).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthenticated' } } });
    expect(reply!.headers).toMatch(/connection: close/i);
    // The client may still send all it declared: the core reads it, then closes.
    await upload.send(Buffer.alloc(MAX_ASSET_UPLOAD_BYTES - MB, 0x41));
    await expectCleanClose(upload);
  });

  it('cuts off an upload without a session that goes on past the cap, after the 401', async () => {
    const declared = 256 * MB;
    const upload = new RawUpload(port, head(UPLOAD, declared));
    await upload.send(Buffer.alloc(MB, 0x41));
    expect(await upload.reply()).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    while (!upload.error && !upload.ended && upload.sent < declared) await upload.send(Buffer.alloc(MB, 0x41));
    await upload.closed;
    // Read well past a register's size, cut off at twice the register cap (what the core drains after a refusal)
    // give or take what the two sockets' buffers held: far short of the body the client declared.
    expect(upload.sent).toBeGreaterThan(MAX_ASSET_UPLOAD_BYTES);
    expect(upload.sent).toBeLessThan(2 * MAX_ASSET_UPLOAD_BYTES + 32 * MB);
  });

  it('answers an RPC without a session with 401 while its body arrives, then reads the rest', async () => {
    const length = 300 * 1024;
    const upload = new RawUpload(port, head('POST /api/rpc/system.info', length));
    await upload.send(Buffer.alloc(64 * 1024, 0x20));
    const reply = await upload.reply();
    expect(reply).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(reply!.headers).toMatch(/connection: close/i);
    await upload.send(Buffer.alloc(length - 64 * 1024, 0x20));
    await expectCleanClose(upload);
  });

  it('refuses a JSON body with 413 once it passes the cap, without a reset, and drains the rest', async () => {
    const token = await t.login('operator');
    const upload = new RawUpload(
      port,
      head('POST /api/rpc/system.info', 'chunked', `authorization: Bearer ${token}\r\n`),
    );
    const size = 64 * 1024;
    const chunk = Buffer.concat([
      Buffer.from(`${size.toString(16)}\r\n`),
      Buffer.alloc(size, 0x20),
      Buffer.from('\r\n'),
    ]);
    const replied = upload.reply();
    // 320 KiB: past the 256 KiB cap on JSON bodies.
    for (let i = 0; i < 5; i++) await upload.send(chunk);
    const reply = await replied;
    expect(reply).toMatchObject({ status: 413, body: { ok: false, error: { code: 'payload_too_large' } } });
    expect(reply!.headers).toMatch(/connection: close/i);
    await upload.send(chunk);
    await upload.send(Buffer.from('0\r\n\r\n'));
    await expectCleanClose(upload);
  });

  it('answers a POST to a page with 405 while its body arrives, then reads the rest', async () => {
    // Within what the core drains after refusing a request other than an upload (twice the JSON body cap).
    const length = 400 * 1024;
    const upload = new RawUpload(port, head('POST /index.html', length));
    await upload.send(Buffer.alloc(64 * 1024, 0x41));
    const reply = await upload.reply();
    expect(reply).toMatchObject({ status: 405, body: 'Method not allowed' });
    expect(reply!.headers).toMatch(/allow: GET, HEAD/i);
    await upload.send(Buffer.alloc(length - 64 * 1024, 0x41));
    await expectCleanClose(upload);
  });

  it('reads and drops a small body sent to a route that takes none, answers, and keeps the connection', async () => {
    const token = await t.login('operator');
    const body = '{}';
    const request = new RawUpload(
      port,
      head('POST /api/auth/logout', body.length, `authorization: Bearer ${token}\r\n`),
    );
    await request.send(Buffer.from(body));
    const reply = await request.reply();
    expect(reply?.status).toBe(204);
    expect(reply!.headers).not.toMatch(/connection: close/i);
    expect(request.ended).toBe(false);
    request.socket.destroy();
  });

  it('refuses a large body sent to a route that takes none with 413, and cuts it off past the cap', async () => {
    const token = await t.login('operator');
    const declared = 64 * MB;
    const upload = new RawUpload(
      port,
      head('POST /api/media/' + 'a'.repeat(64) + '/ticket', declared, `authorization: Bearer ${token}\r\n`),
    );
    await upload.send(Buffer.alloc(64 * 1024, 0x41));
    const reply = await upload.reply();
    expect(reply).toMatchObject({ status: 413, body: { ok: false, error: { code: 'payload_too_large' } } });
    expect(reply!.headers).toMatch(/connection: close/i);
    while (!upload.error && !upload.ended && upload.sent < declared) await upload.send(Buffer.alloc(MB, 0x41));
    await upload.closed;
    // Without the cap Node would read all 64 MB (the request timeout is the only bound).
    expect(upload.sent).toBeLessThan(declared / 2);
  });

  it('keeps the connection open after a refusal of a request that has no body', async () => {
    const request = new RawUpload(port, head('GET /api/auth/session', 'none'));
    const reply = await request.reply();
    expect(reply).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(reply!.headers).not.toMatch(/connection: close/i);
    expect(request.ended).toBe(false);
    request.socket.destroy();
  });
});
