import { describe, expect, it } from 'vitest';
import { createH264Depacketizer, type H264DepacketizerOptions } from './rtp-h264';
import type { H264AccessUnit, H264Parameters } from './types';

interface PacketSpec {
  seq: number;
  ts: number;
  marker?: boolean;
  ssrc?: number;
  pt?: number;
}

function rtp(spec: PacketSpec, payload: number[] | Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (spec.marker ? 0x80 : 0) | (spec.pt ?? 96);
  header.writeUInt16BE(spec.seq & 0xffff, 2);
  header.writeUInt32BE(spec.ts >>> 0, 4);
  header.writeUInt32BE(spec.ssrc ?? 0xdecafbad, 8);
  return Buffer.concat([header, Buffer.from(payload)]);
}

const SPS = [0x67, 0x42, 0xc0, 0x1e, 0xd9];
const PPS = [0x68, 0xce, 0x3c, 0x80];
const stapA = (...nals: number[][]) => [0x78, ...nals.flatMap((n) => [n.length >> 8, n.length & 0xff, ...n])];
/** An IDR slice split into FU-A fragments of the given bodies. */
const fuA = (type: number, bodies: number[][]) =>
  bodies.map((body, i) => [0x60 | 28, (i === 0 ? 0x80 : 0) | (i === bodies.length - 1 ? 0x40 : 0) | type, ...body]);

function setup(extra: Partial<H264DepacketizerOptions> = {}) {
  const units: H264AccessUnit[] = [];
  const parameters: H264Parameters[] = [];
  const events: string[] = [];
  const depacketizer = createH264Depacketizer({
    payloadType: 96,
    onAccessUnit: (u) => {
      units.push(u);
      events.push(`au ${u.pts90k}${u.key ? ' key' : ''}`);
    },
    onParameters: (p) => {
      parameters.push(p);
      events.push('parameters');
    },
    ...extra,
  });
  let seq = 65_530; // wraps within every test
  const send = (ts: number, payload: number[], marker = false, options: Partial<PacketSpec> = {}) =>
    depacketizer.push(rtp({ seq: seq++, ts, marker, ...options }, payload));
  const skip = (count = 1) => (seq += count);
  /** STAP-A with SPS/PPS, an IDR in three FU-A fragments. */
  const idr = (ts: number, body = 1) => {
    send(ts, stapA(SPS, PPS));
    for (const [i, fragment] of fuA(5, [[body, 2], [3, 4], [5]]).entries()) send(ts, fragment, i === 2);
  };
  const slice = (ts: number, body = 9) => send(ts, [0x41, body, body], true);
  return { depacketizer, units, parameters, events, send, skip, idr, slice };
}

describe('H.264 RTP depacketizer (RFC 6184)', () => {
  it('builds access units from STAP-A, FU-A and single NAL units; parameters come first', () => {
    const t = setup();
    t.idr(1000);
    t.slice(4600);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 3600']);
    expect(t.parameters[0]).toEqual({ sps: Buffer.from(SPS), pps: Buffer.from(PPS) });
    expect(t.units[0]!.nalus).toEqual([Buffer.from(SPS), Buffer.from(PPS), Buffer.from([0x65, 1, 2, 3, 4, 5])]);
    expect(t.units[1]!.nalus).toEqual([Buffer.from([0x41, 9, 9])]);
    expect(t.depacketizer.stats()).toMatchObject({ lost: 0, emitted: 2, dropped: 0 });
  });

  it('emits nothing before the first IDR', () => {
    const t = setup();
    t.send(0, stapA(SPS, PPS));
    t.slice(0);
    t.slice(3600);
    t.idr(7200);
    t.slice(10_800);
    expect(t.events).toEqual(['parameters', 'au 7200 key', 'au 10800']);
  });

  it('drops an access unit that lost a fragment, and everything after it until the next IDR', () => {
    const t = setup();
    t.idr(0);
    t.slice(3600);
    t.send(7200, fuA(1, [[1], [2], [3]])[0]!);
    t.skip(); // the middle fragment is lost
    t.send(7200, fuA(1, [[1], [2], [3]])[2]!, true);
    t.slice(10_800);
    t.idr(14_400, 7);
    t.slice(18_000);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 3600', 'au 14400 key', 'au 18000']);
    expect(t.depacketizer.stats()).toMatchObject({ lost: 1, dropped: 2 });
  });

  it('drops the access unit after a gap between units: the lost packets may have been its beginning', () => {
    const t = setup();
    t.idr(0);
    t.skip(2);
    t.send(7200, fuA(1, [[1], [2]])[1]!, true); // the tail of a frame whose start is lost
    t.slice(10_800);
    t.idr(14_400);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 14400 key']);
  });

  it('ends a unit at a timestamp change when the camera never sets the marker', () => {
    const t = setup();
    t.send(0, stapA(SPS, PPS));
    t.send(0, [0x65, 1]);
    t.send(3600, [0x41, 2]);
    t.send(7200, [0x41, 3]);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 3600']);
  });

  it('does not end a unit at a marker on SPS/PPS packets, and leaves out access unit delimiters', () => {
    const t = setup();
    t.send(0, [0x09, 0xf0], false);
    t.send(0, SPS, true);
    t.send(0, PPS, true);
    t.send(0, [0x65, 8], true);
    expect(t.units).toEqual([
      { nalus: [Buffer.from(SPS), Buffer.from(PPS), Buffer.from([0x65, 8])], pts90k: 0, key: true },
    ]);
  });

  it('breaks units on FU-A misuse: a middle without start, a start without end, a single NAL inside a FU', () => {
    const t = setup();
    t.idr(0);
    t.send(3600, [0x7c, 0x01, 5], true); // middle fragment, no start
    t.idr(7200);
    t.send(10_800, [0x7c, 0x81, 5]); // start, then the next frame begins
    t.slice(14_400);
    t.idr(18_000);
    t.send(21_600, [0x7c, 0x81, 5]);
    t.send(21_600, [0x41, 1], true); // a single NAL while a FU is open
    t.idr(25_200);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 7200 key', 'au 18000 key', 'au 25200 key']);
  });

  it('handles the 32-bit timestamp wrap and the 16-bit sequence wrap', () => {
    const t = setup();
    const start = 2 ** 32 - 3600;
    t.idr(start);
    t.slice(start + 3600);
    t.slice(start + 7200);
    expect(t.units.map((u) => u.pts90k)).toEqual([0, 3600, 7200]);
    expect(t.depacketizer.stats().lost).toBe(0);
    expect(t.depacketizer.stats().clockDiscontinuities).toBe(0);
  });

  it('keeps the count monotonic when the clock jumps back or far ahead', () => {
    const t = setup();
    t.idr(90_000);
    t.slice(93_000);
    t.slice(10); // back
    t.slice(10 + 90_000 * 3600); // an hour ahead
    expect(t.units.map((u) => u.pts90k)).toEqual([0, 3000, 6000, 9000]);
    expect(t.depacketizer.stats().clockDiscontinuities).toBe(2);
  });

  it('hands out presentation times as they come for B-frames, back within the reorder window, not as discontinuities', () => {
    const t = setup();
    const base = 2 ** 32 - 5000; // across the wrap
    t.idr(base);
    for (const frame of [3, 1, 2, 6, 4, 5]) t.slice(base + frame * 3600);
    expect(t.units.map((u) => u.pts90k / 3600)).toEqual([0, 3, 1, 2, 6, 4, 5]);
    expect(t.depacketizer.stats().clockDiscontinuities).toBe(0);
    // Back beyond the window (a second before the latest time), or to the time just given: a step past the
    // latest time instead (with B-frames, the references' spacing).
    t.slice(base + 6 * 3600 - 90_001);
    t.slice(base + 6 * 3600 - 90_001);
    const [a, b] = t.units.slice(7).map((u) => u.pts90k);
    expect(a).toBeGreaterThan(6 * 3600);
    expect(b).toBeGreaterThan(a!);
    expect(t.depacketizer.stats().clockDiscontinuities).toBe(2);
  });

  it('restarts the count after the latest time when a key unit goes back (a rewound clock), never repeating or below 0', () => {
    // GStreamer's shared media rewinds every viewer's timestamps when another one sends PLAY, by less than the
    // reorder window when the previous rewind was less than a second earlier.
    const t = setup();
    const base = 2 ** 32 - 5000;
    t.idr(base);
    for (const frame of [3, 1, 2]) t.slice(base + frame * 3600);
    t.idr(base); // rewound to the first key unit's time
    t.slice(base + 3 * 3600);
    t.slice(base + 3600);
    const times = t.units.map((u) => u.pts90k);
    expect(times.slice(0, 4)).toEqual([0, 3 * 3600, 3600, 2 * 3600]);
    expect(times[4]).toBeGreaterThan(3 * 3600);
    // The units after it keep their spacing from it, B-frames included.
    expect(times.slice(5).map((time) => time - times[4]!)).toEqual([3 * 3600, 3600]);
    expect(t.depacketizer.stats()).toMatchObject({ clockRestarts: 1, clockDiscontinuities: 0 });
  });

  it('gives a session joined just before a rewind a first key unit at or after 0', () => {
    const t = setup();
    t.slice(500_000); // mid-GOP: dropped until the key unit, but the clock counts from here
    t.idr(500_000 - 45_000); // half a second back: within the reorder window
    t.slice(500_000 - 45_000 + 3600);
    expect(t.units.map((u) => u.key)).toEqual([true, false]);
    expect(t.units[0]!.pts90k).toBeGreaterThanOrEqual(0);
    expect(t.units[1]!.pts90k - t.units[0]!.pts90k).toBe(3600);
    expect(t.depacketizer.stats().clockRestarts).toBe(1);
  });

  it.each([
    { back: 'to the key unit’s own time', ts: 90_000 },
    { back: 'before the key unit', ts: 90_000 - 3600 },
  ])('takes a non-key step back $back for a discontinuity, not reordering', ({ ts }) => {
    const t = setup();
    t.idr(90_000);
    t.slice(90_000 + 3 * 3600);
    t.slice(ts);
    expect(t.units.map((u) => u.pts90k)).toEqual([0, 3 * 3600, 6 * 3600]);
    expect(t.depacketizer.stats()).toMatchObject({ clockRestarts: 0, clockDiscontinuities: 1 });
  });

  it('reports parameters again only when in-band ones change, before the unit that carries them', () => {
    const sdp = { sps: Buffer.from(SPS), pps: Buffer.from(PPS) };
    const t = setup({ parameters: sdp });
    t.send(0, [0x65, 1], true); // an IDR without in-band parameters: the SDP's are used
    t.idr(3600); // same ones in-band
    const sps2 = [0x67, 0x64, 0x00, 0x28, 0xac];
    t.send(7200, stapA(sps2, PPS));
    t.send(7200, [0x65, 2], true);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 3600 key', 'parameters', 'au 7200 key']);
    expect(t.parameters[1]!.sps).toEqual(Buffer.from(sps2));
  });

  it('drops key units while no parameter sets are known', () => {
    const t = setup();
    t.send(0, [0x65, 1], true);
    t.idr(3600);
    expect(t.events).toEqual(['parameters', 'au 3600 key']);
  });

  it('ignores duplicates, other payload types, and starts over for a new SSRC', () => {
    const t = setup();
    t.idr(0);
    t.depacketizer.push(rtp({ seq: 65_533, ts: 0, marker: true }, [0x65, 1])); // repeats the last packet
    t.send(3600, [0x41, 1], true, { pt: 97 });
    t.slice(3600);
    t.slice(7200, 1);
    t.send(555, [0x41, 2], true, { ssrc: 1 }); // a new source: nothing until its IDR
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 3600', 'au 7200']);
    expect(t.depacketizer.stats()).toMatchObject({ ignored: 2, lost: 0, dropped: 1 });
  });

  it('continues the count after a new SSRC once its IDR comes', () => {
    const t = setup();
    t.idr(0);
    t.slice(3600);
    t.send(50, stapA(SPS, PPS), false, { ssrc: 2 });
    t.send(50, [0x65, 1], true, { ssrc: 2 });
    t.send(3650, [0x41, 1], true, { ssrc: 2 });
    expect(t.units.map((u) => [u.pts90k, u.key])).toEqual([
      [0, true],
      [3600, false],
      [7200, true],
      [10_800, false],
    ]);
  });

  it('survives hostile lengths: STAP-A sizes, padding, extension, CSRC count, version, empty payload', () => {
    const t = setup();
    t.idr(0);
    t.send(3600, [0x78, 0x00, 0x09, 0x41, 1], true); // STAP-A size beyond the packet
    t.send(7200, [0x78, 0x00, 0x00], true); // zero size
    const padded = rtp({ seq: 0, ts: 1 }, [0x41, 1, 2]);
    padded[0] = 0xa0;
    padded[padded.length - 1] = 200; // padding longer than the packet
    t.depacketizer.push(padded);
    const extended = rtp({ seq: 1, ts: 1 }, [0, 0, 0xff, 0xff]);
    extended[0] = 0x90; // extension header claims 65535 words
    t.depacketizer.push(extended);
    const csrcs = rtp({ seq: 2, ts: 1 }, [1, 2]);
    csrcs[0] = 0x8f; // 15 CSRCs in a 14-byte packet
    t.depacketizer.push(csrcs);
    const v1 = rtp({ seq: 3, ts: 1 }, [0x41]);
    v1[0] = 0x40;
    t.depacketizer.push(v1);
    t.depacketizer.push(Buffer.alloc(5));
    expect(t.depacketizer.stats()).toMatchObject({ ignored: 5, dropped: 2 });
    t.idr(10_800);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 10800 key']);
  });

  it('parses padding, extension and CSRCs when they are well-formed', () => {
    const t = setup();
    t.send(0, stapA(SPS, PPS));
    const header = Buffer.alloc(12);
    header[0] = 0x80 | 0x20 | 0x10 | 0x02;
    header[1] = 0x80 | 96;
    header.writeUInt16BE(65_531, 2);
    header.writeUInt32BE(0xdecafbad, 8);
    const csrcs = Buffer.alloc(8, 0xaa);
    const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, 1, 2, 3, 4]);
    const padding = Buffer.from([0, 0, 3]);
    t.depacketizer.push(Buffer.concat([header, csrcs, extension, Buffer.from([0x65, 7, 7]), padding]));
    expect(t.units[0]!.nalus.at(-1)).toEqual(Buffer.from([0x65, 7, 7]));
  });

  it('bounds the size of an access unit', () => {
    const t = setup({ maxAccessUnitBytes: 1000 });
    t.idr(0);
    for (let i = 0; i < 20; i++) t.send(3600, [0x7c, i === 0 ? 0x81 : 0x01, ...new Array(100).fill(1)]);
    t.send(3600, [0x7c, 0x41, 1], true);
    t.slice(7200);
    expect(t.events).toEqual(['parameters', 'au 0 key']);
    expect(t.depacketizer.stats().dropped).toBe(2);
  });

  it('bounds a FU-A that never ends', () => {
    const t = setup({ maxAccessUnitBytes: 1000 });
    t.idr(0);
    t.send(3600, [0x7c, 0x81, ...new Array(600).fill(1)]);
    t.send(3600, [0x7c, 0x01, ...new Array(600).fill(1)]); // over the bound: the unit is given up here
    t.send(3600, [0x7c, 0x41, 1], true);
    t.idr(7200);
    expect(t.events).toEqual(['parameters', 'au 0 key', 'au 7200 key']);
    expect(t.depacketizer.stats().dropped).toBe(1);
  });

  it('never throws on random packets', () => {
    const t = setup();
    let seed = 11;
    const byte = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let i = 0; i < 5000; i++) {
      const packet = Buffer.from(Array.from({ length: byte() % 40 }, byte));
      if (packet.length > 1 && i % 2) packet[0] = 0x80 | (packet[0]! & 0x3f);
      expect(() => t.depacketizer.push(packet)).not.toThrow();
    }
  });
});
