import { describe, expect, test } from 'vitest';
import { clockPgm, createRawFrameReader, spreadIndices, type RawFrame } from './wall-floor-frames';

/** A yuv420p frame whose every luma byte is `value + row`, chroma 128. */
function frame(width: number, height: number, value: number): Buffer {
  const luma = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) luma.fill(value + y, y * width, (y + 1) * width);
  return Buffer.concat([luma, Buffer.alloc(2 * (width / 2) * (height / 2), 128)]);
}

describe('cutting raw yuv420p frames out of a pipe', () => {
  test('frames split across chunks at any byte come out whole, with the time of their last chunk', () => {
    const [width, height] = [8, 6];
    const stream = Buffer.concat([frame(width, height, 10), frame(width, height, 50), frame(width, height, 90)]);
    for (const cut of [1, 7, 33, 72, 100]) {
      const seen: { index: number; at: number; top: number[] }[] = [];
      const reader = createRawFrameReader(width, height, 2, (f: RawFrame) =>
        seen.push({ index: f.index, at: f.at, top: [...f.top] }),
      );
      for (let at = 0; at * cut < stream.length; at++) reader.push(stream.subarray(at * cut, (at + 1) * cut), at);
      expect(reader.frames).toBe(3);
      expect(seen.map((s) => s.index)).toEqual([0, 1, 2]);
      // Frame k ends at byte 72(k+1): its time is that of the chunk holding byte 72(k+1)−1.
      expect(seen.map((s) => s.at)).toEqual([1, 2, 3].map((k) => Math.floor((72 * k - 1) / cut)));
      expect(seen.map((s) => s.top)).toEqual(
        [10, 50, 90].map((v) => [...Array<number>(width).fill(v), ...Array<number>(width).fill(v + 1)]),
      );
    }
  });

  test('a partial frame is not a frame', () => {
    const reader = createRawFrameReader(8, 6, 0, () => undefined);
    reader.push(frame(8, 6, 0).subarray(0, 71), 0);
    expect(reader.frames).toBe(0);
    reader.push(Buffer.alloc(1), 1);
    expect(reader.frames).toBe(1);
  });
});

describe('the clock corner as a PGM', () => {
  test('crops the top-left corner and keeps it 1:1 when it is tall enough', () => {
    const width = 10;
    const luma = Buffer.from(Array.from({ length: width * 80 }, (_, i) => i % 251));
    const pgm = clockPgm(luma, width, 4, 72);
    const header = 'P5\n4 72\n255\n';
    expect(pgm.toString('latin1', 0, header.length)).toBe(header);
    const pixels = pgm.subarray(header.length);
    expect(pixels.length).toBe(4 * 72);
    expect(pixels[0]).toBe(luma[0]);
    expect(pixels[3]).toBe(luma[3]);
    expect(pixels[4]).toBe(luma[width]);
  });

  test('scales a short crop up to 72 rows, at most 4×, with values between its neighbours', () => {
    const width = 6;
    const luma = Buffer.alloc(width * 30);
    for (let y = 0; y < 30; y++) luma.fill(y < 15 ? 0 : 200, y * width, (y + 1) * width);
    const twice = clockPgm(luma, width, 6, 30);
    expect(twice.toString('latin1', 0, 13)).toBe('P5\n14 72\n255\n');
    const rows = twice.subarray(13);
    expect(rows[0]).toBe(0);
    expect(rows[71 * 14]).toBe(200);
    expect([...rows].every((v) => v >= 0 && v <= 200)).toBe(true);
    expect(clockPgm(luma, width, 6, 10).toString('latin1', 0, 13)).toBe('P5\n24 40\n255\n');
  });
});

describe('spreading samples over a window', () => {
  test('evenly, distinct, inside the range', () => {
    expect(spreadIndices(100, 4)).toEqual([12, 37, 62, 87]);
    expect(spreadIndices(3, 10)).toEqual([0, 1, 2]);
    expect(spreadIndices(0, 5)).toEqual([]);
    const many = spreadIndices(501, 80);
    expect(new Set(many).size).toBe(80);
    expect(Math.min(...many)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...many)).toBeLessThan(501);
  });
});
