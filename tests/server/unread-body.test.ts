// The central server and request bodies it does not read: a route that takes none (GET, an unknown route), a content
// type without a parser, a route that streams its body but refuses before reading it, and Open311 (413 in its
// own error shape). Node read and dropped such a body whole after the answer (64 MB went through, bounded only by
// the request timeout); now a body declared too long is refused at once and any unread rest is drained up to a cap,
// then the connection is cut. Raw sockets, so the test decides when each part of the body leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_LIMITS, IGNORED_BODY_BYTES } from '../../src-server/unread-body';
import { MB, RawUpload } from '../integration/raw-http';
import { createSqliteDatabase, type TestDatabase } from './databases';
import { startTestServer, TEST_API_KEY, type TestServer } from './server-harness';

let db: TestDatabase;
let t: TestServer;
let port: number;
beforeAll(async () => {
  db = createSqliteDatabase();
  t = await startTestServer(db);
  port = Number(new URL(t.url).port);
});
afterAll(async () => {
  await t?.stop();
  await db?.drop();
});

const DECLARED = 64 * MB;
const head = (requestLine: string, length: number, type: string | null, extra = '') =>
  `${requestLine} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${extra}` +
  (type ? `content-type: ${type}\r\n` : '') +
  `content-length: ${length}\r\n\r\n`;

/**
 * Sends a first MB of a 64 MB body, reads the answer, then keeps sending until the server cuts the connection:
 * the answer, and how much of the body the server took.
 */
async function sendHuge(requestLine: string, type: string | null, extra = '') {
  const upload = new RawUpload(port, head(requestLine, DECLARED, type, extra));
  await upload.send(Buffer.alloc(MB, 0x41));
  const reply = await upload.reply();
  // Meanwhile the server answers others.
  expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  while (!upload.error && !upload.ended && upload.sent < DECLARED) await upload.send(Buffer.alloc(MB, 0x41));
  await upload.closed;
  return { reply, sent: upload.sent };
}

/** Read past the drain cap give or take what the two sockets' buffers hold: far short of the 64 MB declared. */
const CUT_OFF_BELOW = DRAIN_LIMITS.maxBytes + 24 * MB;

describe('a request body the central server does not read', () => {
  it('is refused with 413 on a route that takes none when declared large, and cut off past the cap', async () => {
    for (const line of ['GET /api/health', 'GET /api/no-such-route']) {
      const { reply, sent } = await sendHuge(line, 'application/json');
      expect(reply, line).toMatchObject({ status: 413, body: { ok: false, error: { code: 'payload_too_large' } } });
      expect(reply!.headers).toMatch(/connection: close/i);
      expect(sent, line).toBeLessThan(CUT_OFF_BELOW);
    }
  });

  it('is answered, then drained and the connection closed cleanly, when it is small enough', async () => {
    // Past what a route that takes no body reads, within what is drained after the answer.
    const length = IGNORED_BODY_BYTES + 64 * 1024;
    const upload = new RawUpload(port, head('GET /api/health', length, 'application/json'));
    await upload.send(Buffer.alloc(16 * 1024, 0x20));
    const reply = await upload.reply();
    expect(reply).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    expect(reply!.headers).toMatch(/connection: close/i);
    // The client may still send all it declared: the server reads it, then closes (a FIN, no reset).
    await upload.send(Buffer.alloc(length - 16 * 1024, 0x20));
    upload.socket.end();
    expect(await upload.closed).toBe(false);
    expect(upload.error).toBeNull();
    expect(upload.ended).toBe(true);
  });

  it('is answered 415 when its type has no parser, then cut off past the cap', async () => {
    for (const [line, type] of [
      ['POST /api/sync/push', 'application/octet-stream'],
      ['DELETE /api/uploads/u-1', null],
    ] as const) {
      const { reply, sent } = await sendHuge(line, type);
      expect(reply, line).toMatchObject({ status: 415, body: { ok: false } });
      expect(reply!.headers).toMatch(/connection: close/i);
      expect(sent, line).toBeLessThan(CUT_OFF_BELOW);
    }
  });

  it('is cut off past the cap when a streaming route refuses before reading it', async () => {
    const { reply, sent } = await sendHuge(
      'PATCH /api/uploads/u-1',
      'application/offset+octet-stream',
      'upload-offset: 0\r\n',
    );
    expect(reply).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized' } } });
    expect(sent).toBeLessThan(CUT_OFF_BELOW);
  });

  it('gets 413 in the Open311 error shape on /open311, whatever the route and type', async () => {
    const cases = [
      ['GET /open311/v2/services.json', null, IGNORED_BODY_BYTES],
      ['POST /open311/v2/requests.json', 'application/octet-stream', 256 * 1024],
      ['POST /open311/v2/requests.json', 'application/x-www-form-urlencoded', 256 * 1024],
      // A form with a photo, from a client with a good key: refused before 26 MB of it is held in memory.
      ['POST /open311/v2/requests.json?api_key=' + TEST_API_KEY, 'multipart/form-data; boundary=xyz', null],
    ] as const;
    for (const [line, type, limit] of cases) {
      const { reply, sent } = await sendHuge(line, type);
      expect(reply, line).toMatchObject({ status: 413, body: [{ code: 413, description: expect.any(String) }] });
      const [item] = reply!.body as { description: string }[];
      if (limit !== null) expect(item!.description).toContain(`${limit}`);
      expect(reply!.headers).toMatch(/connection: close/i);
      expect(sent, line).toBeLessThan(CUT_OFF_BELOW);
    }
  });
});
