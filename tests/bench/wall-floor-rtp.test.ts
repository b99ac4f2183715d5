import { describe, expect, test } from 'vitest';
import { createH264Depacketizer, createInterleavedReader, videoControl, type AccessUnit } from './wall-floor-rtp';

function rtp(payload: number[] | Buffer, options: { time: number; marker?: boolean; seq?: number }): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (options.marker ? 0x80 : 0) | 96;
  header.writeUInt16BE(options.seq ?? 0, 2);
  header.writeUInt32BE(options.time, 4);
  header.writeUInt32BE(0x1234, 8);
  return Buffer.concat([header, Buffer.from(payload)]);
}

const annexB = (...nals: number[][]) => Buffer.concat(nals.flatMap((n) => [Buffer.from([0, 0, 0, 1]), Buffer.from(n)]));

describe('H.264 RTP depacketizer', () => {
  test('STAP-A, FU-A and single NAL units make one access unit per marker, keyframe when it holds an IDR', () => {
    const units: AccessUnit[] = [];
    const depacketizer = createH264Depacketizer((u) => units.push(u));
    const sps = [0x67, 1, 2];
    const pps = [0x68, 3];
    // STAP-A with SPS and PPS, then an IDR slice (type 5) in three FU-A fragments.
    depacketizer.push(rtp([0x78, 0, 3, ...sps, 0, 2, ...pps], { time: 9000 }), 1);
    depacketizer.push(rtp([0x7c, 0x85, 10, 11], { time: 9000 }), 2);
    depacketizer.push(rtp([0x7c, 0x05, 12], { time: 9000 }), 3);
    expect(units).toHaveLength(0);
    depacketizer.push(rtp([0x7c, 0x45, 13], { time: 9000, marker: true }), 4);
    // A single-NAL P slice (type 1).
    depacketizer.push(rtp([0x41, 20, 21], { time: 12600, marker: true }), 5);
    expect(units).toEqual([
      { at: 4, rtpTime: 9000, keyframe: true, annexB: annexB(sps, pps, [0x65, 10, 11, 12, 13]) },
      { at: 5, rtpTime: 12600, keyframe: false, annexB: annexB([0x41, 20, 21]) },
    ]);
  });

  test('a new timestamp ends an access unit whose marker was lost; a FU-A without its start is dropped', () => {
    const units: AccessUnit[] = [];
    const depacketizer = createH264Depacketizer((u) => units.push(u));
    depacketizer.push(rtp([0x41, 1], { time: 100 }), 1);
    depacketizer.push(rtp([0x7c, 0x01, 9], { time: 200 }), 2);
    depacketizer.push(rtp([0x7c, 0x41, 9], { time: 200, marker: true }), 3);
    expect(units.map((u) => [u.rtpTime, u.at, u.annexB])).toEqual([[100, 2, annexB([0x41, 1])]]);
  });
});

describe('RTSP over TCP', () => {
  test('replies and interleaved packets are told apart across chunk boundaries', () => {
    const replies: [number, string | undefined, string][] = [];
    const packets: [number, number[], number][] = [];
    const read = createInterleavedReader(
      (status, headers, body) => replies.push([status, headers.get('session'), body]),
      (channel, packet, at) => packets.push([channel, [...packet], at]),
    );
    const stream = Buffer.concat([
      Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: abc;timeout=60\r\nContent-Length: 4\r\n\r\nv=0\n'),
      Buffer.from([0x24, 0, 0, 3, 7, 8, 9, 0x24, 1, 0, 1, 5]),
    ]);
    for (let i = 0; i < stream.length; i += 5) read(stream.subarray(i, i + 5), i);
    expect(replies).toEqual([[200, 'abc;timeout=60', 'v=0\n']]);
    expect(packets).toEqual([
      // The reply is 76 bytes: the packets end at bytes 82 and 87, in the chunks read at 80 and 85.
      [0, [7, 8, 9], 80],
      [1, [5], 85],
    ]);
  });

  test('the video control URL is resolved against the base', () => {
    const sdp =
      'v=0\r\na=control:*\r\nm=audio 0 RTP/AVP 0\r\na=control:stream=1\r\nm=video 0 RTP/AVP 96\r\na=control:stream=0\r\n';
    expect(videoControl(sdp, 'rtsp://127.0.0.1:8554/cam/main/')).toBe('rtsp://127.0.0.1:8554/cam/main/stream=0');
    expect(videoControl(sdp, 'rtsp://127.0.0.1:8554/cam/main')).toBe('rtsp://127.0.0.1:8554/cam/main/stream=0');
    expect(videoControl('m=video 0 RTP/AVP 96\na=control:rtsp://h/x/trackID=1\n', 'rtsp://h/x/')).toBe(
      'rtsp://h/x/trackID=1',
    );
  });
});
