import { describe, expect, it } from 'vitest';
import { RtspProtocolError } from './errors';
import {
  createRtspStreamReader,
  DEFAULT_STREAM_LIMITS,
  type RtspMessage,
  type RtspStreamLimits,
} from './rtsp-stream-reader';

function collect(limits?: RtspStreamLimits) {
  const messages: RtspMessage[] = [];
  const packets: [number, number[]][] = [];
  const reader = createRtspStreamReader(
    (m) => messages.push(m),
    (channel, payload) => packets.push([channel, [...payload]]),
    limits,
  );
  return { reader, messages, packets };
}

const packet = (channel: number, bytes: number[]) =>
  Buffer.from([0x24, channel, bytes.length >> 8, bytes.length & 0xff, ...bytes]);

const STREAM = Buffer.concat([
  packet(0, [1, 2, 3]),
  Buffer.from(
    'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="a", nonce="b"\r\n' +
      'WWW-Authenticate: Basic realm="a"\r\n\r\n',
  ),
  packet(1, []),
  Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Length: 5\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n'),
  Buffer.from('\r\n'), // a stray line end some servers add after the body
  Buffer.from('OPTIONS * RTSP/1.0\r\nCSeq: 7\r\n\r\n'),
  packet(0, [9]),
  Buffer.from('RTSP/1.0 200 OK\nCSeq: 4\nSession: 12;timeout=30\n\n'),
]);

describe('RTSP stream reader', () => {
  it.each([1, 2, 3, 7, 64, STREAM.length])('separates messages and interleaved packets cut every %i bytes', (size) => {
    const { reader, messages, packets } = collect();
    for (let at = 0; at < STREAM.length; at += size) reader.push(STREAM.subarray(at, at + size));
    expect(packets).toEqual([
      [0, [1, 2, 3]],
      [1, []],
      [0, [9]],
    ]);
    expect(messages.map((m) => [m.status, m.method, m.reason, m.headers.get('cseq')?.[0], m.body.toString()])).toEqual([
      [401, null, 'Unauthorized', '2', ''],
      [200, null, 'OK', '3', 'v=0\r\n'],
      [null, 'OPTIONS', '', '7', ''],
      [200, null, 'OK', '4', ''],
    ]);
    expect(messages[0]!.headers.get('www-authenticate')).toEqual(['Digest realm="a", nonce="b"', 'Basic realm="a"']);
    expect(messages[3]!.headers.get('session')).toEqual(['12;timeout=30']);
  });

  const small: RtspStreamLimits = { maxHeaderBytes: 100, maxContentLength: 10, maxInterleavedBytes: 50 };
  it.each([
    ['a header block over the bound', Buffer.from(`RTSP/1.0 200 OK\r\nX: ${'a'.repeat(200)}`), /header exceeds/],
    ['a body over the bound', Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: 11\r\n\r\n'), /Content-Length 11/],
    ['an interleaved packet over the bound', packet(0, new Array(51).fill(0)).subarray(0, 4), /51 bytes/],
    ['a negative length', Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n'), /Content-Length/],
    ['two lengths', Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n'), /Content-Length/],
    ['a broken status line', Buffer.from('RTSP/1.0 OK\r\n\r\n'), /start line/],
    ['a header line without colon', Buffer.from('RTSP/1.0 200 OK\r\nnonsense\r\n\r\n'), /header line/],
    ['binary junk', Buffer.from([0x00, 0x01, 0x02]), /neither/],
    ['HTTP', Buffer.from('HTTP/1.1 200 OK\r\n'), /neither/],
  ])('fails on %s with RtspProtocolError, and stays failed', (_name, bytes, message) => {
    const { reader } = collect(small);
    expect(() => reader.push(bytes)).toThrow(message);
    expect(() => reader.push(Buffer.from('RTSP/1.0 200 OK\r\n\r\n'))).toThrow(RtspProtocolError);
  });

  it('allows 64 KiB interleaved packets by default', () => {
    const { reader, packets } = collect(DEFAULT_STREAM_LIMITS);
    const big = Buffer.alloc(4 + 65_535, 7);
    big.writeUInt8(0x24, 0);
    big.writeUInt8(0, 1);
    big.writeUInt16BE(65_535, 2);
    reader.push(big.subarray(0, 1000));
    reader.push(big.subarray(1000));
    expect(packets).toHaveLength(1);
    expect(packets[0]![1]).toHaveLength(65_535);
  });

  it('throws nothing but RtspProtocolError on random bytes', () => {
    let seed = 3;
    const byte = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    const pieces = [STREAM, Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: 99999999\r\n\r\n'), Buffer.from([0x24])];
    for (let i = 0; i < 500; i++) {
      const { reader } = collect();
      const chunks = Array.from({ length: 1 + (byte() % 6) }, () =>
        byte() % 3 ? Buffer.from(Array.from({ length: byte() % 64 }, byte)) : pieces[byte() % pieces.length]!,
      );
      try {
        for (const chunk of chunks) reader.push(chunk);
      } catch (error) {
        expect(error).toBeInstanceOf(RtspProtocolError);
      }
    }
  });
});
