import { describe, expect, it } from 'vitest';
import { mimeFor, readInitInfo } from './mp4Codec';

function box(type: string, ...body: Uint8Array[]): Uint8Array {
  const size = 8 + body.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(
    [...type].map((c) => c.charCodeAt(0)),
    4,
  );
  let at = 8;
  for (const b of body) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

function visualEntry(type: string, width: number, height: number, ...children: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(78);
  const view = new DataView(header.buffer);
  view.setUint16(24, width);
  view.setUint16(26, height);
  return box(type, header, ...children);
}

const stsdOf = (entry: Uint8Array) => box('stsd', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]), entry);
const initOf = (entry: Uint8Array) =>
  new Uint8Array([
    ...box('ftyp', new Uint8Array(8)),
    ...box('moov', box('mvhd', new Uint8Array(20)), box('trak', box('mdia', box('minf', box('stbl', stsdOf(entry)))))),
  ]);

describe('init segment', () => {
  it('reads the H.264 codec string and picture size', () => {
    const avcC = box('avcC', new Uint8Array([1, 0x42, 0xc0, 0x1f, 0xff]));
    expect(readInitInfo(initOf(visualEntry('avc1', 640, 360, avcC)))).toEqual({
      codec: 'avc1.42c01f',
      width: 640,
      height: 360,
    });
    expect(mimeFor('avc1.42c01f')).toBe('video/mp4; codecs="avc1.42c01f"');
  });

  it('names H.265 by its sample entry and ignores what is not an init segment', () => {
    expect(readInitInfo(initOf(visualEntry('hvc1', 1280, 720)))?.codec).toBe('hvc1');
    expect(readInitInfo(box('moof', new Uint8Array(16)))).toBeNull();
    expect(readInitInfo(new Uint8Array([0, 0, 0, 99, 1, 2]))).toBeNull();
    expect(readInitInfo(new Uint8Array(0))).toBeNull();
  });
});
