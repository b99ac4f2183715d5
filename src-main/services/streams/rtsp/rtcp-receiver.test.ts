import { describe, expect, it } from 'vitest';
import { createRtcpReceiver } from './rtcp-receiver';

const CLOCK = 90_000;

function rtp(seq: number, timestamp: number, ssrc = 0xcafe): Buffer {
  const packet = Buffer.alloc(14);
  packet[0] = 0x80;
  packet[1] = 96;
  packet.writeUInt16BE(seq, 2);
  packet.writeUInt32BE(timestamp >>> 0, 4);
  packet.writeUInt32BE(ssrc, 8);
  return packet;
}

function senderReport(ssrc: number, ntpSeconds: number, ntpFraction: number): Buffer {
  const sr = Buffer.alloc(28);
  sr[0] = 0x80;
  sr[1] = 200;
  sr.writeUInt16BE(6, 2);
  sr.writeUInt32BE(ssrc, 4);
  sr.writeUInt32BE(ntpSeconds, 8);
  sr.writeUInt32BE(ntpFraction, 12);
  return sr;
}

/** The report's fields, read back as a server would. */
function readReport(packet: Buffer) {
  expect(packet[0]! >> 6).toBe(2);
  expect(packet[0]! & 0x1f).toBe(1);
  expect(packet[1]).toBe(201);
  const rrLength = (packet.readUInt16BE(2) + 1) * 4;
  const sdes = packet.subarray(rrLength);
  expect(sdes[1]).toBe(202);
  expect((sdes.readUInt16BE(2) + 1) * 4).toBe(sdes.length);
  expect(sdes.length % 4).toBe(0);
  expect(sdes.readUInt32BE(4)).toBe(packet.readUInt32BE(4));
  return {
    reporter: packet.readUInt32BE(4),
    source: packet.readUInt32BE(8),
    fraction: packet[12]!,
    lost: packet.readIntBE(13, 3),
    extendedMax: packet.readUInt32BE(16),
    jitter: packet.readUInt32BE(20),
    lsr: packet.readUInt32BE(24),
    dlsr: packet.readUInt32BE(28),
    cname: sdes.subarray(10, 10 + sdes[9]!).toString('utf8'),
  };
}

describe('RTCP receiver reports', () => {
  it('says nothing before the first RTP packet', () => {
    expect(createRtcpReceiver({ clockRate: CLOCK }).report(0)).toBeNull();
  });

  it('reports the source, the highest sequence across a wrap, and no loss or jitter on a clean feed', () => {
    const receiver = createRtcpReceiver({ clockRate: CLOCK, cname: 'ioc-wall@tram-1', ssrc: 7 });
    for (let i = 0; i < 6; i++) receiver.onRtp(rtp((65533 + i) % 65536, i * 3600), i * 40);
    const report = readReport(receiver.report(300)!);
    expect(report).toMatchObject({ reporter: 7, source: 0xcafe, fraction: 0, lost: 0, jitter: 0, lsr: 0, dlsr: 0 });
    expect(report.extendedMax).toBe(65536 + 2);
    expect(report.cname).toBe('ioc-wall@tram-1');
  });

  it('counts lost packets in total and as a fraction of the last interval', () => {
    const receiver = createRtcpReceiver({ clockRate: CLOCK });
    for (const seq of [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]) receiver.onRtp(rtp(seq, seq * 3600), seq * 40);
    expect(readReport(receiver.report(1000)!)).toMatchObject({ lost: 0, fraction: 0, extendedMax: 19 });
    // 20 … 29 expected, 5 of them arrive.
    for (const seq of [20, 22, 24, 26, 29]) receiver.onRtp(rtp(seq, seq * 3600), seq * 40);
    const report = readReport(receiver.report(2000)!);
    expect(report.lost).toBe(5);
    expect(report.fraction).toBe(Math.floor((5 * 256) / 10));
    expect(report.extendedMax).toBe(29);
  });

  it('measures interarrival jitter in timestamp units', () => {
    const receiver = createRtcpReceiver({ clockRate: CLOCK });
    // Frames 40 ms apart on the RTP clock arrive alternately 10 ms early and late.
    for (let i = 0; i < 200; i++) receiver.onRtp(rtp(i, i * 3600), i * 40 + (i % 2 === 0 ? 0 : 20));
    const { jitter } = readReport(receiver.report(9000)!);
    // Each step's transit difference is 20 ms = 1800 units; the RFC's running mean converges on it.
    expect(jitter).toBeGreaterThan(1700);
    expect(jitter).toBeLessThanOrEqual(1800);
  });

  it('echoes the last sender report (LSR) and the delay since it (DLSR, 1/65536 s)', () => {
    const receiver = createRtcpReceiver({ clockRate: CLOCK });
    receiver.onRtp(rtp(1, 0), 0);
    const sr = senderReport(0xcafe, 0x12345678, 0x9abcdef0);
    const sdes = Buffer.from([0x81, 202, 0, 1, 0, 0, 0xca, 0xfe]);
    receiver.onRtcp(Buffer.concat([sr, sdes]), 1000);
    const report = readReport(receiver.report(1500)!);
    expect(report.lsr).toBe(0x56789abc);
    expect(report.dlsr).toBe(32768);
  });

  it('ignores sender reports of another source and malformed RTCP without throwing', () => {
    const receiver = createRtcpReceiver({ clockRate: CLOCK });
    receiver.onRtp(rtp(1, 0), 0);
    receiver.onRtcp(senderReport(0xbeef, 1, 2), 10);
    const truncated = senderReport(0xcafe, 1, 2).subarray(0, 20);
    receiver.onRtcp(truncated, 20);
    receiver.onRtcp(Buffer.from([0xff, 0xff, 0xff]), 30);
    receiver.onRtcp(Buffer.alloc(0), 40);
    receiver.onRtp(Buffer.from([1, 2, 3]), 50);
    expect(readReport(receiver.report(100)!)).toMatchObject({ lsr: 0, dlsr: 0, extendedMax: 1 });
  });

  it('starts over when the source changes or its numbering jumps', () => {
    const receiver = createRtcpReceiver({ clockRate: CLOCK });
    for (let i = 0; i < 5; i++) receiver.onRtp(rtp(i, i * 3600), i * 40);
    receiver.onRtp(rtp(40_000, 0, 0xd00d), 300);
    receiver.onRtp(rtp(40_001, 3600, 0xd00d), 340);
    expect(readReport(receiver.report(400)!)).toMatchObject({ source: 0xd00d, lost: 0, extendedMax: 40_001 });
    receiver.onRtp(rtp(10, 7200, 0xd00d), 380);
    receiver.onRtp(rtp(11, 10800, 0xd00d), 420);
    expect(readReport(receiver.report(500)!)).toMatchObject({ lost: 0, extendedMax: 11 });
  });
});
