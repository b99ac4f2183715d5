import { describe, expect, it } from 'vitest';
import { createRtspStreamReader, type RtspMessage } from './rtsp-stream-reader';
import {
  replyForClient,
  requestHeadersForCamera,
  rewriteRtpInfo,
  rewriteSdp,
  toCamera,
  toLoopback,
  type RelayAddresses,
} from './tls-relay-rewrite';

const ADDRESSES: RelayAddresses = {
  loopback: 'rtsp://127.0.0.1:40123/tok3n',
  camera: new URL('rtsps://admin:secret@cam.example:8322/Streaming/101'),
};

function parseOne(bytes: Buffer): RtspMessage {
  const messages: RtspMessage[] = [];
  createRtspStreamReader(
    (m) => void messages.push(m),
    () => undefined,
  ).push(bytes);
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

function reply(status: number, headers: [string, string][], body = ''): RtspMessage {
  const map = new Map<string, string[]>();
  for (const [name, value] of headers) map.set(name, [...(map.get(name) ?? []), value]);
  return { status, method: null, reason: status === 200 ? 'OK' : 'Found', headers: map, body: Buffer.from(body) };
}

describe('the relay URL mapping', () => {
  it("maps ffmpeg's request URIs under the token to the camera, without user info", () => {
    expect(toCamera(ADDRESSES, 'rtsp://127.0.0.1:40123/tok3n/Streaming/101')).toBe(
      'rtsps://cam.example:8322/Streaming/101',
    );
    expect(toCamera(ADDRESSES, 'rtsp://127.0.0.1:40123/tok3n/Streaming/101/trackID=1?x=1')).toBe(
      'rtsps://cam.example:8322/Streaming/101/trackID=1?x=1',
    );
    expect(toCamera(ADDRESSES, 'rtsp://127.0.0.1:40123/tok3n')).toBe('rtsps://cam.example:8322/');
    expect(toCamera(ADDRESSES, '*')).toBe('*');
  });

  it('refuses request URIs that do not carry the token, or only start like it', () => {
    expect(toCamera(ADDRESSES, 'rtsp://127.0.0.1:40123/other/Streaming/101')).toBeNull();
    expect(toCamera(ADDRESSES, 'rtsp://127.0.0.1:40123/tok3nX/Streaming/101')).toBeNull();
    expect(toCamera(ADDRESSES, 'rtsps://cam.example:8322/Streaming/101')).toBeNull();
  });

  it("maps the camera's URLs (either scheme, same host and port) back to the loopback, and nobody else's", () => {
    expect(toLoopback(ADDRESSES, 'rtsps://cam.example:8322/Streaming/101/')).toBe(
      'rtsp://127.0.0.1:40123/tok3n/Streaming/101/',
    );
    expect(toLoopback(ADDRESSES, 'rtsp://user:pw@CAM.example:8322/a?b=c')).toBe('rtsp://127.0.0.1:40123/tok3n/a?b=c');
    expect(toLoopback(ADDRESSES, 'rtsps://cam.example/Streaming/101')).toBeNull(); // port 322, not 8322
    expect(toLoopback(ADDRESSES, 'rtsps://elsewhere.example:8322/x')).toBeNull();
    expect(toLoopback(ADDRESSES, 'http://cam.example:8322/x')).toBeNull();
    expect(toLoopback({ ...ADDRESSES, camera: new URL('rtsps://10.0.0.9/x') }, 'rtsps://10.0.0.9:322/y')).toBe(
      'rtsp://127.0.0.1:40123/tok3n/y',
    );
  });

  it('rewrites absolute SDP controls and RTP-Info urls, leaving relative ones', () => {
    const sdp =
      'v=0\r\na=control:*\r\nm=video 0 RTP/AVP 96\r\na=control:rtsps://cam.example:8322/Streaming/101/trackID=1\r\n';
    expect(rewriteSdp(ADDRESSES, sdp)).toBe(
      'v=0\r\na=control:*\r\nm=video 0 RTP/AVP 96\r\na=control:rtsp://127.0.0.1:40123/tok3n/Streaming/101/trackID=1\r\n',
    );
    expect(rewriteSdp(ADDRESSES, 'a=control:trackID=1\r\n')).toBe('a=control:trackID=1\r\n');
    expect(
      rewriteRtpInfo(
        ADDRESSES,
        'url=rtsps://cam.example:8322/Streaming/101/trackID=1;seq=7;rtptime=9, url=trackID=2;seq=1',
      ),
    ).toBe('url=rtsp://127.0.0.1:40123/tok3n/Streaming/101/trackID=1;seq=7;rtptime=9, url=trackID=2;seq=1');
  });

  it("turns the camera's reply into ffmpeg's: its CSeq, loopback URLs, a new Content-Length, no challenges", () => {
    const sdp = 'v=0\r\nm=video 0 RTP/AVP 96\r\na=control:rtsps://cam.example:8322/Streaming/101/trackID=1\r\n';
    const out = parseOne(
      replyForClient(
        ADDRESSES,
        reply(
          200,
          [
            ['cseq', '17'],
            ['content-base', 'rtsps://cam.example:8322/Streaming/101/'],
            ['content-type', 'application/sdp'],
            ['content-length', String(sdp.length)],
            ['www-authenticate', 'Digest realm="x", nonce="y"'],
          ],
          sdp,
        ),
        '3',
      ),
    );
    expect(out.status).toBe(200);
    expect(out.headers.get('cseq')).toEqual(['3']);
    expect(out.headers.get('content-base')).toEqual(['rtsp://127.0.0.1:40123/tok3n/Streaming/101/']);
    expect(out.headers.has('www-authenticate')).toBe(false);
    expect(out.body.toString()).toContain('a=control:rtsp://127.0.0.1:40123/tok3n/Streaming/101/trackID=1');
    expect(Number(out.headers.get('content-length')![0])).toBe(out.body.length);
    expect(out.body.toString()).not.toContain('cam.example');
  });

  it("drops a Location to another host, so ffmpeg cannot go there by itself, and keeps the camera's own", () => {
    const away = parseOne(replyForClient(ADDRESSES, reply(302, [['location', 'rtsp://other.example/live']]), '2'));
    expect(away.status).toBe(302);
    expect(away.headers.has('location')).toBe(false);
    const own = parseOne(
      replyForClient(ADDRESSES, reply(302, [['location', 'rtsps://cam.example:8322/Streaming/102']]), '2'),
    );
    expect(own.headers.get('location')).toEqual(['rtsp://127.0.0.1:40123/tok3n/Streaming/102']);
  });

  it("never forwards ffmpeg's CSeq, User-Agent or Authorization: the relay's connection sets its own", () => {
    const headers = new Map([
      ['cseq', ['4']],
      ['user-agent', ['Lavf59']],
      ['authorization', ['Basic x']],
      ['transport', ['RTP/AVP/TCP;unicast;interleaved=0-1']],
      ['session', ['abc']],
    ]);
    expect(requestHeadersForCamera(headers)).toEqual({
      Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1',
      Session: 'abc',
    });
  });
});
