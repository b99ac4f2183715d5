// The loopback relay for rtsps:// cameras that only ffmpeg can read (rtsp/tls-relay.ts), against a scripted camera
// behind real TLS: URLs rewritten both ways, the camera's 401 answered by the relay (ffmpeg never sees it),
// `$` frames passed byte for byte however TCP cuts them, one client only, and nothing sent to a camera whose
// certificate is not the pinned one.
import { connect, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTlsRelay, type RtspError, type TlsRelay } from '../../src-main/services/streams/rtsp';
import { createRtspStreamReader, type RtspMessage } from '../../src-main/services/streams/rtsp/rtsp-stream-reader';
import { waitFor } from '../integration/streams-harness';
import { makeCertificate, type TestCertificate } from './tls-fakes';

const USER = { username: 'viewer', password: 'relay-secret-5521' };

interface ScriptedCamera {
  port: number;
  url(path: string): URL;
  requests: RtspMessage[];
  /** Interleaved packets the camera received. */
  packets: { channel: number; payload: Buffer }[];
  /** Bytes received after any handshake. */
  bytes(): number;
  connections(): number;
  /** The `$` frames written after the PLAY reply, as written. */
  framesSent: Buffer[];
  close(): Promise<void>;
}

const frame = (channel: number, payload: Buffer) => {
  const head = Buffer.from([0x24, channel, 0, 0]);
  head.writeUInt16BE(payload.length, 2);
  return Buffer.concat([head, payload]);
};

/** Answers Digest-protected RTSP; after PLAY it sends frames, the second one cut into three writes. */
async function startScriptedCamera(certificate: TestCertificate, password = USER.password): Promise<ScriptedCamera> {
  const requests: RtspMessage[] = [];
  const packets: ScriptedCamera['packets'] = [];
  const framesSent: Buffer[] = [];
  const sockets = new Set<Socket>();
  let received = 0;
  let connections = 0;
  let port = 0;
  const base = () => `rtsps://127.0.0.1:${port}/live`;
  const server = createTlsServer({ key: certificate.keyPem, cert: certificate.certPem }, (socket: TLSSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const send = (cseq: string, status: string, headers: string[] = [], body = '') =>
      `RTSP/1.0 ${status}\r\nCSeq: ${cseq}\r\n${headers.map((h) => `${h}\r\n`).join('')}` +
      `${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`;
    const reader = createRtspStreamReader(
      (message) => {
        requests.push(message);
        const cseq = message.headers.get('cseq')?.[0] ?? '0';
        const auth = message.headers.get('authorization')?.[0] ?? '';
        if (
          !auth.startsWith('Digest ') ||
          !auth.includes(`username="${USER.username}"`) ||
          password !== USER.password
        ) {
          return void socket.write(
            send(cseq, '401 Unauthorized', ['WWW-Authenticate: Digest realm="cam", nonce="n1"']),
          );
        }
        if (message.method === 'OPTIONS')
          socket.write(send(cseq, '200 OK', ['Public: OPTIONS, DESCRIBE, SETUP, PLAY']));
        else if (message.method === 'DESCRIBE') {
          const sdp = `v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H265/90000\r\na=control:${base()}/trackID=1\r\n`;
          socket.write(send(cseq, '200 OK', [`Content-Base: ${base()}/`, 'Content-Type: application/sdp'], sdp));
        } else if (message.method === 'SETUP') {
          socket.write(
            send(cseq, '200 OK', ['Transport: RTP/AVP/TCP;unicast;interleaved=0-1', 'Session: 4242;timeout=60']),
          );
        } else if (message.method === 'PLAY') {
          const first = frame(0, Buffer.from('first-rtp-packet'));
          const second = frame(0, Buffer.alloc(3000, 7));
          const third = frame(1, Buffer.from('rtcp-sender-report'));
          framesSent.push(first, second, third);
          // The reply and the first packet in one write: ffmpeg must get the reply first.
          socket.write(
            Buffer.concat([
              Buffer.from(send(cseq, '200 OK', [`RTP-Info: url=${base()}/trackID=1;seq=1;rtptime=0`, 'Session: 4242'])),
              first,
            ]),
          );
          setTimeout(() => socket.write(second.subarray(0, 2)), 20);
          setTimeout(() => socket.write(second.subarray(2, 1500)), 40);
          setTimeout(() => socket.write(Buffer.concat([second.subarray(1500), third.subarray(0, 5)])), 60);
          setTimeout(() => socket.write(third.subarray(5)), 80);
        } else socket.write(send(cseq, '200 OK'));
      },
      (channel, payload) => void packets.push({ channel, payload: Buffer.from(payload) }),
    );
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      reader.push(chunk);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => {
      const url = new URL(`rtsps://127.0.0.1:${port}/${path}`);
      url.username = USER.username;
      url.password = USER.password;
      return url;
    },
    requests,
    packets,
    framesSent,
    bytes: () => received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** ffmpeg's side: a plain TCP client that records every byte and what it parses. */
function fakeFfmpeg(url: string) {
  const target = new URL(url);
  const socket = connect({ host: target.hostname, port: Number(target.port) });
  const raw: Buffer[] = [];
  const replies: RtspMessage[] = [];
  const packets: { channel: number; payload: Buffer }[] = [];
  let closed = false;
  const reader = createRtspStreamReader(
    (m) => void replies.push(m),
    (channel, payload) => void packets.push({ channel, payload: Buffer.from(payload) }),
  );
  socket.on('data', (chunk: Buffer) => {
    raw.push(Buffer.from(chunk));
    reader.push(chunk);
  });
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  let cseq = 0;
  const ask = async (method: string, uri: string, headers: string[] = []) => {
    const seq = ++cseq;
    socket.write(
      `${method} ${uri} RTSP/1.0\r\nCSeq: ${seq}\r\nUser-Agent: Lavf59\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`,
    );
    return waitFor(() => replies.find((r) => r.headers.get('cseq')?.[0] === String(seq)), `reply to ${method}`, 10_000);
  };
  return {
    socket,
    ask,
    replies,
    packets,
    raw: () => Buffer.concat(raw),
    closed: () => closed,
    close: () => socket.destroy(),
  };
}

describe('the loopback relay for rtsps:// cameras read by ffmpeg', () => {
  let camera: TestCertificate;
  let impostor: TestCertificate;
  let scripted: ScriptedCamera | null = null;
  const relays: TlsRelay[] = [];
  const clients: Socket[] = [];

  beforeAll(() => {
    camera = makeCertificate('ioc-relay-camera');
    impostor = makeCertificate('ioc-relay-impostor');
  });
  afterAll(() => {
    camera?.remove();
    impostor?.remove();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(relays.splice(0).map((r) => r.close()));
    await scripted?.close();
    scripted = null;
  });

  const open = async (url: URL, pinnedSha256: string | null, failures: RtspError[] = []) => {
    const relay = await openTlsRelay({
      url,
      tls: { pinnedSha256 },
      connectTimeoutMs: 5000,
      requestTimeoutMs: 5000,
      onFailure: (error) => void failures.push(error),
    });
    relays.push(relay);
    return relay;
  };

  it('relays a whole session: URLs mapped both ways, the 401 answered by the relay, `$` frames untouched', async () => {
    scripted = await startScriptedCamera(camera);
    const failures: RtspError[] = [];
    const relay = await open(scripted.url('live'), camera.sha256, failures);
    expect(relay.url).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\/live$/);
    expect(relay.url).not.toContain(USER.password);
    const ffmpeg = fakeFfmpeg(relay.url);
    clients.push(ffmpeg.socket);

    expect((await ffmpeg.ask('OPTIONS', relay.url)).status).toBe(200);
    const described = await ffmpeg.ask('DESCRIBE', relay.url, ['Accept: application/sdp']);
    const contentBase = described.headers.get('content-base')![0]!;
    expect(contentBase).toBe(`${relay.url}/`);
    const control = /a=control:(\S+)/.exec(described.body.toString())![1]!;
    expect(control).toBe(`${relay.url}/trackID=1`);
    const setup = await ffmpeg.ask('SETUP', control, ['Transport: RTP/AVP/TCP;unicast;interleaved=0-1']);
    expect(setup.headers.get('session')).toEqual(['4242;timeout=60']);
    const played = await ffmpeg.ask('PLAY', `${relay.url}/`, ['Session: 4242', 'Range: npt=0.000-']);
    expect(played.headers.get('rtp-info')).toEqual([`url=${relay.url}/trackID=1;seq=1;rtptime=0`]);

    // ffmpeg's RTCP, cut inside its header and payload.
    const report = frame(1, Buffer.from('receiver-report-from-ffmpeg'));
    ffmpeg.socket.write(report.subarray(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 30));
    ffmpeg.socket.write(report.subarray(3, 10));
    await new Promise((resolve) => setTimeout(resolve, 30));
    ffmpeg.socket.write(report.subarray(10));

    await waitFor(() => ffmpeg.packets.length >= 3, 'three packets through the relay', 10_000);
    await waitFor(() => scripted!.packets.length >= 1, 'the RTCP report at the camera', 10_000);
    // Byte for byte, in order, after the PLAY reply.
    const raw = ffmpeg.raw();
    const frames = Buffer.concat(scripted.framesSent);
    const at = raw.indexOf(frames);
    expect(at).toBeGreaterThan(raw.indexOf('RTP-Info'));
    expect(raw.length).toBe(at + frames.length);
    expect(scripted.packets).toEqual([{ channel: 1, payload: Buffer.from('receiver-report-from-ffmpeg') }]);

    // The camera saw its own URLs, and credentials only from the relay; ffmpeg never saw a challenge.
    const uris = scripted.requests.map((r) => `${r.method} ${r.uri}`);
    const cameraBase = `rtsps://127.0.0.1:${scripted.port}/live`;
    expect(uris).toEqual([
      `OPTIONS ${cameraBase}`,
      `OPTIONS ${cameraBase}`,
      `DESCRIBE ${cameraBase}`,
      `SETUP ${cameraBase}/trackID=1`,
      `PLAY ${cameraBase}/`,
    ]);
    expect(scripted.requests.slice(1).every((r) => r.headers.get('authorization')?.[0]?.startsWith('Digest '))).toBe(
      true,
    );
    expect(raw.toString('latin1')).not.toMatch(/401|WWW-Authenticate|127\.0\.0\.1:\d+\/live/i);
    expect(raw.toString('latin1')).not.toContain(`:${scripted.port}/`);
    expect(failures).toEqual([]);
  }, 30_000);

  it('serves only the first connection naming its token; others are turned away without reaching the camera', async () => {
    scripted = await startScriptedCamera(camera);
    const relay = await open(scripted.url('live'), camera.sha256);
    const port = new URL(relay.url).port;
    const stranger = fakeFfmpeg(`rtsp://127.0.0.1:${port}/live`);
    clients.push(stranger.socket);
    stranger.socket.write(`OPTIONS rtsp://127.0.0.1:${port}/live RTSP/1.0\r\nCSeq: 1\r\n\r\n`);
    await waitFor(() => stranger.closed(), 'the stranger disconnected', 10_000);
    expect(scripted.requests).toEqual([]);

    const ffmpeg = fakeFfmpeg(relay.url);
    clients.push(ffmpeg.socket);
    expect((await ffmpeg.ask('OPTIONS', relay.url)).status).toBe(200);
    const late = fakeFfmpeg(relay.url);
    clients.push(late.socket);
    await waitFor(() => late.closed(), 'a second client refused', 10_000);
    expect(late.replies).toEqual([]);
  }, 30_000);

  it('ends with kind auth when the camera refuses the credentials; ffmpeg gets no 401, only a closed socket', async () => {
    scripted = await startScriptedCamera(camera, 'another-password');
    const failures: RtspError[] = [];
    const relay = await open(scripted.url('live'), camera.sha256, failures);
    const ffmpeg = fakeFfmpeg(relay.url);
    clients.push(ffmpeg.socket);
    ffmpeg.socket.write(`OPTIONS ${relay.url} RTSP/1.0\r\nCSeq: 1\r\n\r\n`);
    await waitFor(() => ffmpeg.closed(), 'ffmpeg disconnected', 10_000);
    expect(failures.map((f) => f.kind)).toEqual(['auth']);
    expect(ffmpeg.raw().length).toBe(0);
  }, 30_000);

  it('sends nothing to a camera whose certificate is not pinned or not the pinned one', async () => {
    scripted = await startScriptedCamera(impostor);
    await expect(open(scripted.url('live'), null)).rejects.toMatchObject({
      kind: 'certificate',
      details: { certificate: { seenSha256: impostor.sha256, verdict: 'untrusted' } },
    });
    await expect(open(scripted.url('live'), camera.sha256)).rejects.toMatchObject({
      kind: 'certificate',
      details: { certificate: { seenSha256: impostor.sha256, verdict: 'changed' } },
    });
    expect(scripted.connections()).toBe(2);
    expect(scripted.bytes()).toBe(0);
  }, 30_000);
});
