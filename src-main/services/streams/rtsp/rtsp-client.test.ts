// The client against a scripted RTSP server on 127.0.0.1: real sockets, replies written by each test.
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseChallenges } from './auth';
import type { RtspError } from './errors';
import { createRtspH264Reader, type RtspH264Reader, type RtspH264ReaderOptions } from './rtsp-client';
import type { H264AccessUnit, H264Parameters } from './types';

interface Request {
  method: string;
  uri: string;
  headers: Map<string, string>;
  raw: string;
}
type Script = (request: Request, socket: Socket) => void;

const SPS = Buffer.from([0x67, 0x42, 0xc0, 0x1e, 0xd9]);
const PPS = Buffer.from([0x68, 0xce, 0x3c, 0x80]);
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

const servers: Server[] = [];
const readers: RtspH264Reader[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Requests are logged in order; `script` answers them (or not). */
async function scriptedServer(script: Script) {
  const requests: Request[] = [];
  const received: Buffer[] = [];
  const sockets: Socket[] = [];
  const interleaved: { channel: number; payload: Buffer }[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let bytes = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      received.push(chunk);
      bytes = Buffer.concat([bytes, chunk]);
      for (;;) {
        if (bytes[0] === 0x24) {
          if (bytes.length < 4 || bytes.length < 4 + bytes.readUInt16BE(2)) break;
          const length = bytes.readUInt16BE(2);
          interleaved.push({ channel: bytes[1]!, payload: Buffer.from(bytes.subarray(4, 4 + length)) });
          bytes = bytes.subarray(4 + length);
          continue;
        }
        const end = bytes.indexOf('\r\n\r\n');
        if (end < 0) break;
        const [line = '', ...lines] = bytes.subarray(0, end).toString('utf8').split('\r\n');
        bytes = bytes.subarray(end + 4);
        if (line.startsWith('RTSP/1.0')) continue; // the client's answer to our own request
        const [method = '', uri = ''] = line.split(' ');
        const headers = new Map(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const request = { method, uri, headers, raw: `${line}\r\n${lines.join('\r\n')}` };
        requests.push(request);
        script(request, socket);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, requests, interleaved, received: () => Buffer.concat(received), sockets };
}

function reply(socket: Socket, request: Request, status: string, headers: string[] = [], body = '') {
  const lines = [`RTSP/1.0 ${status}`, `CSeq: ${request.headers.get('cseq')}`, ...headers];
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

const sdp = (codec = 'H264') =>
  [
    'v=0',
    's=test',
    'a=control:*',
    'm=video 0 RTP/AVP 96',
    `a=rtpmap:96 ${codec}/90000`,
    `a=fmtp:96 packetization-mode=1;sprop-parameter-sets=${SPS.toString('base64')},${PPS.toString('base64')}`,
    'a=control:stream=0',
    '',
  ].join('\r\n');

function rtpOn(channel: number, seq: number, ts: number, payload: Buffer, marker = true): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | 96;
  header.writeUInt16BE(seq, 2);
  header.writeUInt32BE(ts, 4);
  header.writeUInt32BE(42, 8);
  const packet = Buffer.concat([header, payload]);
  return Buffer.concat([Buffer.from([0x24, channel, packet.length >> 8, packet.length & 0xff]), packet]);
}

/** A camera that plays one IDR and one P frame on interleaved channel 2 right behind its PLAY reply. */
const camera =
  (options: { publicMethods?: string; codec?: string; timeoutS?: number } = {}): Script =>
  (request, socket) => {
    const { method } = request;
    if (method === 'OPTIONS')
      return reply(socket, request, '200 OK', [
        `Public: ${options.publicMethods ?? 'DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER'}`,
      ]);
    if (method === 'DESCRIBE') {
      const base = `${request.uri.replace(/\/?$/, '/')}`;
      return reply(
        socket,
        request,
        '200 OK',
        [`Content-Base: ${base}`, 'Content-Type: application/sdp'],
        sdp(options.codec),
      );
    }
    if (method === 'SETUP')
      return reply(socket, request, '200 OK', [
        `Session: s3ss10n;timeout=${options.timeoutS ?? 60}`,
        'Transport: RTP/AVP/TCP;unicast;interleaved=2-3',
      ]);
    if (method === 'PLAY') {
      reply(socket, request, '200 OK', ['Session: s3ss10n']);
      socket.write(rtpOn(0, 1, 0, Buffer.from([0x41, 0]))); // another channel: not ours
      socket.write(rtpOn(2, 100, 9000, Buffer.from([0x65, 1, 2])));
      socket.write(rtpOn(3, 7, 0, Buffer.from([0x80, 200, 0, 6])));
      socket.write(rtpOn(2, 101, 12_600, Buffer.from([0x41, 3])));
      return;
    }
    if (method === 'GET_PARAMETER' || method === 'TEARDOWN') return reply(socket, request, '200 OK');
  };

function start(url: string, extra: Partial<RtspH264ReaderOptions> = {}) {
  const units: H264AccessUnit[] = [];
  const parameters: H264Parameters[] = [];
  const errors: RtspError[] = [];
  let closes = 0;
  let onClosed!: () => void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  let onUnit: (() => void) | null = null;
  const reader = createRtspH264Reader({
    url: new URL(url),
    onParameters: (p) => parameters.push(p),
    onAccessUnit: (u) => {
      units.push(u);
      onUnit?.();
    },
    onError: (e) => errors.push(e),
    onClose: () => {
      closes++;
      onClosed();
    },
    requestTimeoutMs: 2000,
    ...extra,
  });
  readers.push(reader);
  const units2 = (count: number) =>
    new Promise<void>((resolve) => {
      onUnit = () => units.length >= count && resolve();
      onUnit();
    });
  return { reader, units, parameters, errors, closes: () => closes, closed, waitForUnits: units2 };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('RTSP H.264 reader against a scripted server', () => {
  it('plays: parameters, units on the channel SETUP chose, keep-alives, TEARDOWN on close', async () => {
    const server = await scriptedServer(camera({ timeoutS: 1 }));
    const t = start(`rtsp://127.0.0.1:${server.port}/cam/main`);
    await t.waitForUnits(2);
    expect(t.parameters).toEqual([{ sps: SPS, pps: PPS }]);
    expect(t.units).toEqual([
      { nalus: [Buffer.from([0x65, 1, 2])], pts90k: 0, key: true },
      { nalus: [Buffer.from([0x41, 3])], pts90k: 3600, key: false },
    ]);
    await until(() => server.requests.some((r) => r.method === 'GET_PARAMETER'));
    await t.reader.close();
    expect(server.requests.map((r) => r.method)).toEqual(
      expect.arrayContaining(['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'GET_PARAMETER', 'TEARDOWN']),
    );
    const byMethod = (m: string) => server.requests.find((r) => r.method === m)!;
    expect(byMethod('DESCRIBE').headers.get('accept')).toBe('application/sdp');
    expect(byMethod('SETUP').uri).toBe(`rtsp://127.0.0.1:${server.port}/cam/main/stream=0`);
    expect(byMethod('SETUP').headers.get('transport')).toBe('RTP/AVP/TCP;unicast;interleaved=0-1');
    expect(byMethod('PLAY').uri).toBe(`rtsp://127.0.0.1:${server.port}/cam/main/`);
    for (const m of ['PLAY', 'GET_PARAMETER', 'TEARDOWN']) expect(byMethod(m).headers.get('session')).toBe('s3ss10n');
    expect(t.errors).toEqual([]);
    expect(t.closes()).toBe(1);
    await until(() => server.sockets.every((s) => s.readableEnded || s.destroyed));
  });

  it("sends RTCP receiver reports about the camera's source on the channel after RTP's", async () => {
    const server = await scriptedServer(camera());
    const t = start(`rtsp://127.0.0.1:${server.port}/cam/main`, { reportIntervalMs: 50 });
    await t.waitForUnits(2);
    await until(() => server.interleaved.length >= 2);
    await t.reader.close();
    for (const { channel, payload } of server.interleaved) {
      expect(channel).toBe(3);
      expect(payload[1]).toBe(201);
      expect(payload.readUInt32BE(8), "the report block is about the camera's SSRC").toBe(42);
      expect(payload.readUInt32BE(16), 'highest sequence received').toBe(101);
      expect(payload.readIntBE(13, 3), 'nothing lost').toBe(0);
    }
    expect(t.errors).toEqual([]);
  });

  it('keeps alive with OPTIONS when GET_PARAMETER is not offered', async () => {
    const server = await scriptedServer(camera({ timeoutS: 1, publicMethods: 'DESCRIBE, SETUP, PLAY, TEARDOWN' }));
    const t = start(`rtsp://127.0.0.1:${server.port}/cam/main`);
    await t.waitForUnits(1);
    await until(() => server.requests.filter((r) => r.method === 'OPTIONS').length >= 2);
    expect(server.requests.some((r) => r.method === 'GET_PARAMETER')).toBe(false);
    expect(server.requests.filter((r) => r.method === 'OPTIONS')[1]!.headers.get('session')).toBe('s3ss10n');
  });

  it('answers a Digest challenge with qop=auth, percent-decoded credentials, never sending the password', async () => {
    const password = 'mật khẩu:ö@1';
    let authorized = 0;
    const play = camera();
    const server = await scriptedServer((request, socket) => {
      const header = request.headers.get('authorization');
      const p = header ? parseChallenges([header])[0]!.params : null;
      if (p) {
        const ha1 = md5(`kỹ thuật:cams:${password}`);
        const ha2 = md5(`${request.method}:${p.get('uri')}`);
        const expected = md5(`${ha1}:n0nce:${p.get('nc')}:${p.get('cnonce')}:auth:${ha2}`);
        if (p.get('username') === 'kỹ thuật' && p.get('uri') === request.uri && p.get('response') === expected) {
          authorized++;
          return play(request, socket);
        }
      }
      reply(socket, request, '401 Unauthorized', ['WWW-Authenticate: Digest realm="cams", nonce="n0nce", qop="auth"']);
    });
    const user = encodeURIComponent('kỹ thuật');
    const t = start(`rtsp://${user}:${encodeURIComponent(password)}@127.0.0.1:${server.port}/cam/main`);
    await t.waitForUnits(2);
    expect(authorized).toBeGreaterThanOrEqual(4);
    expect(server.received().toString('utf8')).not.toContain(password);
    expect(server.requests.every((r) => !r.uri.includes('@'))).toBe(true);
  });

  it('answers a Basic challenge', async () => {
    const play = camera();
    const server = await scriptedServer((request, socket) => {
      const expected = `Basic ${Buffer.from('admin:pa ss', 'utf8').toString('base64')}`;
      if (request.headers.get('authorization') === expected) return play(request, socket);
      reply(socket, request, '401 Unauthorized', ['WWW-Authenticate: Basic realm="cam"']);
    });
    const t = start(`rtsp://admin:pa%20ss@127.0.0.1:${server.port}/cam/main`);
    await t.waitForUnits(1);
  });

  it('follows a redirect to another port of the same camera, signing in there with the camera’s credentials', async () => {
    const play = camera();
    const expected = `Basic ${Buffer.from('admin:pa ss', 'utf8').toString('base64')}`;
    const real = await scriptedServer((request, socket) => {
      if (request.headers.get('authorization') === expected) return play(request, socket);
      reply(socket, request, '401 Unauthorized', ['WWW-Authenticate: Basic realm="cam"']);
    });
    const front = await scriptedServer((request, socket) => {
      if (request.method === 'OPTIONS') return reply(socket, request, '200 OK', ['Public: OPTIONS, DESCRIBE']);
      reply(socket, request, '302 Moved Temporarily', [`Location: rtsp://127.0.0.1:${real.port}/cam/real`]);
    });
    const t = start(`rtsp://admin:pa%20ss@127.0.0.1:${front.port}/cam/main`);
    await t.waitForUnits(2);
    expect(front.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE']);
    await until(() => front.sockets.every((socket) => socket.readableEnded || socket.destroyed));
    const described = real.requests.filter((r) => r.method === 'DESCRIBE');
    expect(described.at(-1)!.uri).toBe(`rtsp://127.0.0.1:${real.port}/cam/real`);
    expect(real.requests.find((r) => r.method === 'SETUP')!.uri).toBe(
      `rtsp://127.0.0.1:${real.port}/cam/real/stream=0`,
    );
    expect(t.errors).toEqual([]);
  });

  it('does not follow a redirect to another host (nor loop for ever): kind status with the 3xx code', async () => {
    for (const location of ['rtsp://10.20.30.40/cam', 'SELF']) {
      const front = await scriptedServer((request, socket) => {
        if (request.method === 'OPTIONS') return reply(socket, request, '200 OK', ['Public: OPTIONS, DESCRIBE']);
        const to = location === 'SELF' ? request.uri : location;
        reply(socket, request, '301 Moved Permanently', [`Location: ${to}`]);
      });
      const t = start(`rtsp://admin:secret-pass@127.0.0.1:${front.port}/cam`);
      await t.closed;
      expect(t.errors).toHaveLength(1);
      expect(t.errors[0]).toMatchObject({ kind: 'status', details: { status: 301 } });
      expect(t.errors[0]!.message).not.toContain('secret-pass');
      const describes = front.requests.filter((r) => r.method === 'DESCRIBE').length;
      expect(describes).toBe(location === 'SELF' ? 4 : 1);
    }
  });

  it.each([
    ['wrong credentials', 'rtsp://viewer:s3cr3t-value@127.0.0.1:PORT/cam', /credentials rejected/],
    ['no credentials', 'rtsp://127.0.0.1:PORT/cam', /credentials required/],
  ])('gives kind auth for %s, without the password in the message', async (_name, url, message) => {
    const server = await scriptedServer((request, socket) =>
      reply(socket, request, '401 Unauthorized', ['WWW-Authenticate: Digest realm="cams", nonce="x"']),
    );
    const t = start(url.replace('PORT', String(server.port)));
    await t.closed;
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ kind: 'auth', details: { status: 401 } });
    expect(t.errors[0]!.message).toMatch(message);
    expect(t.errors[0]!.message).not.toContain('s3cr3t');
    expect(t.errors[0]!.message).not.toContain('viewer');
    expect(t.closes()).toBe(1);
  });

  it('gives kind unreachable when nothing listens', async () => {
    const server = await scriptedServer(() => undefined);
    const port = server.port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const t = start(`rtsp://u:topsecret@127.0.0.1:${port}/cam`);
    await t.closed;
    expect(t.errors.map((e) => e.kind)).toEqual(['unreachable']);
    expect(t.errors[0]!.message).not.toContain('topsecret');
  });

  it('gives kind codec with the codec name for H.265 and sets nothing up', async () => {
    const server = await scriptedServer(camera({ codec: 'H265' }));
    const t = start(`rtsp://127.0.0.1:${server.port}/cam`);
    await t.closed;
    expect(t.errors[0]).toMatchObject({ kind: 'codec', details: { codec: 'H265' } });
    expect(server.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE']);
  });

  it('gives kind status with the code and the path for a missing stream', async () => {
    const server = await scriptedServer((request, socket) =>
      request.method === 'OPTIONS' ? reply(socket, request, '200 OK') : reply(socket, request, '404 Not Found'),
    );
    const t = start(`rtsp://127.0.0.1:${server.port}/no/such/path`);
    await t.closed;
    expect(t.errors[0]).toMatchObject({ kind: 'status', details: { status: 404 } });
    expect(t.errors[0]!.message).toContain('/no/such/path');
    expect(t.errors[0]!.message).toContain('DESCRIBE answered 404 Not Found');
  });

  it('gives kind timeout when a request gets no reply, and releases the socket', async () => {
    const server = await scriptedServer(() => undefined);
    const t = start(`rtsp://127.0.0.1:${server.port}/cam`, { requestTimeoutMs: 200 });
    await t.closed;
    expect(t.errors.map((e) => e.kind)).toEqual(['timeout']);
    await until(() => server.sockets.every((s) => s.readableEnded || s.destroyed));
  });

  it('gives kind protocol for a header block beyond the bound', async () => {
    const server = await scriptedServer((request, socket) =>
      socket.write(`RTSP/1.0 200 OK\r\nX: ${'a'.repeat(20_000)}`),
    );
    const t = start(`rtsp://127.0.0.1:${server.port}/cam`);
    await t.closed;
    expect(t.errors[0]).toMatchObject({ kind: 'protocol', name: 'RtspProtocolError' });
  });

  it('gives kind closed when the server hangs up while playing, then onClose once', async () => {
    const play = camera();
    const server = await scriptedServer((request, socket) => {
      play(request, socket);
      if (request.method === 'PLAY') setImmediate(() => socket.destroy());
    });
    const t = start(`rtsp://127.0.0.1:${server.port}/cam`);
    await t.closed;
    expect(t.errors.map((e) => e.kind)).toEqual(['closed']);
    expect(t.units.length).toBeGreaterThan(0);
    await t.reader.close();
    expect(t.closes()).toBe(1);
  });

  it('closes at once while waiting for a reply, with no error', async () => {
    const server = await scriptedServer(() => undefined);
    const t = start(`rtsp://127.0.0.1:${server.port}/cam`);
    await until(() => server.requests.length > 0);
    await t.reader.close();
    expect(t.errors).toEqual([]);
    expect(t.closes()).toBe(1);
    await until(() => server.sockets.every((s) => s.readableEnded || s.destroyed));
  });

  it('answers a request the server sends in the middle of the stream', async () => {
    const play = camera();
    let answer = '';
    const server = await scriptedServer((request, socket) => {
      play(request, socket);
      if (request.method !== 'PLAY') return;
      socket.write('OPTIONS * RTSP/1.0\r\nCSeq: 900\r\n\r\n');
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    });
    const t = start(`rtsp://127.0.0.1:${server.port}/cam`);
    await t.waitForUnits(2);
    await until(() => answer.includes('\r\n\r\n'));
    expect(answer).toMatch(/^RTSP\/1\.0 200 OK\r\nCSeq: 900\r\n/);
  });
});
