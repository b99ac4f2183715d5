import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { H264SpsError, parseSps, vuiFrameDuration90k, type H264Sps } from './h264-sps';
import { encodeTestStream } from './h264-test-stream';

/** Writes RBSP bits, then the NAL: header byte, emulation prevention, trailing bits. */
class SpsWriter {
  private bits: number[] = [];

  u(value: number, width: number): this {
    for (let i = width - 1; i >= 0; i--) this.bits.push(Math.floor(value / 2 ** i) % 2);
    return this;
  }

  ue(value: number): this {
    const code = value + 1;
    const width = Math.floor(Math.log2(code)) + 1;
    return this.u(0, width - 1).u(code, width);
  }

  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  nal(header = 0x67): Buffer {
    const bits = [...this.bits, 1];
    while (bits.length % 8 !== 0) bits.push(0);
    const out = [header];
    let zeros = 0;
    for (let i = 0; i < bits.length; i += 8) {
      const byte = bits.slice(i, i + 8).reduce((acc, b) => acc * 2 + b, 0);
      if (zeros >= 2 && byte <= 3) {
        out.push(3);
        zeros = 0;
      }
      zeros = byte === 0 ? zeros + 1 : 0;
      out.push(byte);
    }
    return Buffer.from(out);
  }
}

interface Spec {
  profile: number;
  constraints?: number;
  level?: number;
  /** High profiles: chroma_format_idc, separate planes, scaling lists (null = not present, [] = absent list). */
  chroma?: { idc: number; separate?: boolean; depth?: number; lists?: (number[] | null)[] };
  poc?: { type: 0 } | { type: 1; cycle: number[] } | { type: 2 };
  refs?: number;
  widthMbs: number;
  heightMapUnits: number;
  frameMbsOnly?: boolean;
  crop?: [number, number, number, number];
  vui?: (w: SpsWriter) => void;
}

function craft(spec: Spec): Buffer {
  const w = new SpsWriter();
  w.u(spec.profile, 8)
    .u(spec.constraints ?? 0, 8)
    .u(spec.level ?? 31, 8)
    .ue(0);
  if (spec.chroma) {
    w.ue(spec.chroma.idc);
    if (spec.chroma.idc === 3) w.u(spec.chroma.separate ? 1 : 0, 1);
    w.ue((spec.chroma.depth ?? 8) - 8)
      .ue((spec.chroma.depth ?? 8) - 8)
      .u(0, 1);
    const lists = spec.chroma.lists;
    w.u(lists ? 1 : 0, 1);
    for (const deltas of lists ?? []) {
      w.u(deltas ? 1 : 0, 1);
      for (const delta of deltas ?? []) w.se(delta);
    }
  }
  w.ue(0); // log2_max_frame_num_minus4
  const poc = spec.poc ?? { type: 0 };
  w.ue(poc.type);
  if (poc.type === 0) w.ue(2);
  if (poc.type === 1) {
    w.u(0, 1).se(-3).se(5).ue(poc.cycle.length);
    for (const offset of poc.cycle) w.se(offset);
  }
  w.ue(spec.refs ?? 1).u(0, 1); // max_num_ref_frames, gaps
  w.ue(spec.widthMbs - 1).ue(spec.heightMapUnits - 1);
  const frameMbsOnly = spec.frameMbsOnly ?? true;
  w.u(frameMbsOnly ? 1 : 0, 1);
  if (!frameMbsOnly) w.u(1, 1);
  w.u(1, 1); // direct_8x8_inference_flag
  w.u(spec.crop ? 1 : 0, 1);
  for (const offset of spec.crop ?? []) w.ue(offset);
  w.u(spec.vui ? 1 : 0, 1);
  spec.vui?.(w);
  return w.nal();
}

/** A VUI with only the given sample aspect ratio and timing. */
function vui(sar: number[] | null, timing: [number, number] | null) {
  return (w: SpsWriter) => {
    w.u(sar ? 1 : 0, 1);
    if (sar) w.u(sar[0]!, 8);
    if (sar && sar[0] === 255) w.u(sar[1]!, 16).u(sar[2]!, 16);
    w.u(0, 1).u(0, 1).u(0, 1); // overscan, video signal, chroma location
    w.u(timing ? 1 : 0, 1);
    if (timing) w.u(timing[0], 32).u(timing[1], 32).u(1, 1);
    w.u(0, 1).u(0, 1).u(0, 1).u(0, 1); // HRD ×2, pic_struct, bitstream restriction
  };
}

function failure(input: Uint8Array): H264SpsError {
  try {
    parseSps(input);
  } catch (error) {
    if (error instanceof H264SpsError) return error;
    throw error;
  }
  throw new Error('parseSps accepted the input.');
}

// libx264's SPS for 640x360 High@3.0, 25 fps: crop of 8 rows, emulation prevention inside the VUI timing.
const X264_360P = Buffer.from('6764001eacb20140' + '5ff2e02200000300' + '020000030065' + '1e2c5c90', 'hex');

describe('SPS parser on real and crafted parameter sets', () => {
  it('reads libx264 output, unescaping the VUI timing', () => {
    expect(parseSps(X264_360P)).toEqual<H264Sps>({
      profileIdc: 100,
      constraintFlags: 0,
      levelIdc: 30,
      codec: 'avc1.64001e',
      width: 640,
      height: 360,
      chromaFormatIdc: 1,
      bitDepthLuma: 8,
      bitDepthChroma: 8,
      frameMbsOnly: true,
      sarWidth: 1,
      sarHeight: 1,
      timing: { numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true },
      // libx264 states its reorder depth in the VUI bitstream restriction: 0 without B-frames.
      maxReorderFrames: 0,
    });
  });

  it('reads the reorder depth past NAL and VCL HRD parameters; none without a bitstream restriction', () => {
    const hrd = (w: SpsWriter) => {
      w.ue(1).u(4, 4).u(6, 4); // two CPB specifications, bit rate and CPB size scales
      for (const [rate, size, cbr] of [
        [999, 1999, 0],
        [4999, 9999, 1],
      ])
        w.ue(rate!).ue(size!).u(cbr!, 1);
      w.u(23, 5).u(23, 5).u(23, 5).u(24, 5);
    };
    const restricted = (reorder: number, buffering: number, withHrd: boolean) => (w: SpsWriter) => {
      w.u(0, 1).u(0, 1).u(0, 1); // no aspect ratio, overscan, video signal
      w.u(0, 1).u(1, 1).u(1, 32).u(50, 32).u(1, 1); // chroma location absent, timing 25 fps
      w.u(withHrd ? 1 : 0, 1);
      if (withHrd) hrd(w);
      w.u(withHrd ? 1 : 0, 1);
      if (withHrd) hrd(w);
      if (withHrd) w.u(0, 1); // low_delay_hrd_flag
      w.u(1, 1); // pic_struct_present_flag
      w.u(1, 1).u(1, 1).ue(2).ue(1).ue(16).ue(16).ue(reorder).ue(buffering);
    };
    const base = { profile: 77, widthMbs: 20, heightMapUnits: 12 };
    const read = (vuiWriter: (w: SpsWriter) => void) => parseSps(craft({ ...base, vui: vuiWriter }));
    expect(read(restricted(2, 3, true)).maxReorderFrames).toBe(2);
    expect(read(restricted(1, 2, false)).maxReorderFrames).toBe(1);
    expect(read(restricted(2, 3, true)).timing).toEqual({ numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true });
    // More reordering than frames buffered, or more than the DPB holds: not believed.
    expect(read(restricted(3, 2, false)).maxReorderFrames).toBeNull();
    expect(read(restricted(17, 17, false)).maxReorderFrames).toBeNull();
    expect(read(vui(null, [1, 50])).maxReorderFrames).toBeNull();
    expect(parseSps(craft(base)).maxReorderFrames).toBeNull();
    // A malformed HRD (33 CPB specifications) loses the reorder depth only, not what came before it.
    const cut = craft({ ...base, vui: (w) => void w.u(0, 4).u(1, 1).u(1, 32).u(50, 32).u(1, 1).u(1, 1).ue(40) });
    expect([parseSps(cut).timing?.timeScale, parseSps(cut).maxReorderFrames]).toEqual([50, null]);
  });

  it('reads Constrained Baseline without a high-profile section', () => {
    const sps = parseSps(craft({ profile: 66, constraints: 0xc0, level: 31, widthMbs: 80, heightMapUnits: 45 }));
    expect([sps.codec, sps.width, sps.height, sps.chromaFormatIdc, sps.timing]).toEqual([
      'avc1.42c01f',
      1280,
      720,
      1,
      null,
    ]);
  });

  it('skips High profile scaling lists, including one cut short by a zero scale', () => {
    const alternating = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const lists = [[1, -2, 3, -10], null, Array(16).fill(1), null, [-8], null, alternating, null];
    // A delta that brings the next scale to 0 ends a list early (lists 1 and 5: the default matrix is used).
    const sps = parseSps(
      craft({
        profile: 100,
        level: 40,
        chroma: { idc: 1, depth: 10, lists },
        widthMbs: 120,
        heightMapUnits: 68,
        crop: [0, 0, 0, 4],
        vui: vui([1], [1001, 60_000]),
      }),
    );
    expect([sps.codec, sps.width, sps.height, sps.bitDepthLuma]).toEqual(['avc1.640028', 1920, 1080, 10]);
    expect(sps.timing).toEqual({ numUnitsInTick: 1001, timeScale: 60_000, fixedFrameRate: true });
    expect(vuiFrameDuration90k(sps.timing)).toBe(3003);
  });

  it('crops in chroma units: 4:2:2, 4:4:4 and separate colour planes', () => {
    const base = { widthMbs: 10, heightMapUnits: 10, crop: [1, 2, 1, 2] as [number, number, number, number] };
    const size = (s: H264Sps) => [s.width, s.height, s.chromaFormatIdc];
    expect(size(parseSps(craft({ ...base, profile: 122, chroma: { idc: 2 } })))).toEqual([154, 157, 2]);
    expect(size(parseSps(craft({ ...base, profile: 244, chroma: { idc: 3, lists: Array(12).fill(null) } })))).toEqual([
      157, 157, 3,
    ]);
    expect(size(parseSps(craft({ ...base, profile: 244, chroma: { idc: 3, separate: true } })))).toEqual([157, 157, 3]);
    expect(size(parseSps(craft({ ...base, profile: 100, chroma: { idc: 0 } })))).toEqual([157, 157, 0]);
  });

  it('doubles the height of field-coded streams, and their vertical crop unit', () => {
    const sps = parseSps(
      craft({ profile: 77, widthMbs: 45, heightMapUnits: 18, frameMbsOnly: false, crop: [0, 0, 0, 2] }),
    );
    expect([sps.width, sps.height, sps.frameMbsOnly]).toEqual([720, 568, false]);
  });

  it('walks picture order count type 1 and reads an extended sample aspect ratio', () => {
    const sps = parseSps(
      craft({
        profile: 77,
        poc: { type: 1, cycle: [2, -2, 7] },
        widthMbs: 45,
        heightMapUnits: 36,
        vui: vui([255, 16, 11], null),
      }),
    );
    expect([sps.width, sps.height, sps.sarWidth, sps.sarHeight, sps.timing]).toEqual([720, 576, 16, 11, null]);
    expect(parseSps(craft({ profile: 66, widthMbs: 2, heightMapUnits: 2, vui: vui([14], null) })).sarWidth).toBe(4);
  });

  it('gives no frame duration for a VUI rate outside 1…120 fps', () => {
    expect(vuiFrameDuration90k({ numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true })).toBe(3600);
    expect(vuiFrameDuration90k({ numUnitsInTick: 1, timeScale: 1_000_000, fixedFrameRate: true })).toBeNull();
    expect(vuiFrameDuration90k({ numUnitsInTick: 90_000, timeScale: 1, fixedFrameRate: true })).toBeNull();
    expect(vuiFrameDuration90k(null)).toBeNull();
  });
});

describe('SPS parser on hostile input', () => {
  it('names what is wrong instead of throwing RangeError', () => {
    expect(failure(Buffer.alloc(0)).reason).toBe('truncated');
    expect(failure(Buffer.from([0x67, 0x42])).reason).toBe('truncated');
    expect(failure(Buffer.from([0x68, 0xce, 0x3c, 0x80])).reason).toBe('not-sps');
    expect(failure(Buffer.from([0xe7, 0x42, 0, 30, 0xff])).reason).toBe('not-sps');
    expect(failure('6742' as unknown as Uint8Array).reason).toBe('not-sps');
    // 40 zero bits where a ue(v) starts: no 32-bit value is coded like that.
    expect(failure(Buffer.from([0x67, 0x42, 0, 30, 0, 0, 0, 0, 0, 0x80])).reason).toBe('out-of-range');
  });

  it('refuses fields outside their ranges', () => {
    const base = { profile: 100, chroma: { idc: 1 }, widthMbs: 10, heightMapUnits: 10 };
    const reason = (spec: Spec) => failure(craft(spec)).reason;
    expect(reason({ ...base, chroma: { idc: 4 } })).toBe('out-of-range');
    expect(reason({ ...base, chroma: { idc: 1, depth: 20 } })).toBe('out-of-range');
    expect(reason({ ...base, chroma: { idc: 1, lists: [[200]] } })).toBe('out-of-range');
    expect(reason({ ...base, widthMbs: 100_000 })).toBe('out-of-range');
    expect(reason({ ...base, crop: [0, 80, 0, 0] })).toBe('out-of-range');
    expect(reason({ ...base, crop: [0, 0, 2 ** 32 - 2, 0] })).toBe('out-of-range');
    // pic_order_cnt_type 3 does not exist.
    expect(failure(new SpsWriter().u(66, 8).u(0, 8).u(30, 8).ue(0).ue(0).ue(3).nal()).reason).toBe('out-of-range');
  });

  it('reports every truncation of a real SPS, and keeps the size when only the VUI is cut', () => {
    for (let length = 0; length < X264_360P.length; length++) {
      try {
        const sps = parseSps(X264_360P.subarray(0, length));
        expect([sps.width, sps.height]).toEqual([640, 360]);
      } catch (error) {
        expect(error).toBeInstanceOf(H264SpsError);
        expect((error as H264SpsError).reason).toBe('truncated');
      }
    }
  });

  it('survives random bytes and bit flips with a typed error or a sane result', () => {
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const inputs: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.from(Array.from({ length: 2 + Math.floor(random() * 40) }, () => random() * 256));
      bytes[0] = 0x67;
      inputs.push(bytes);
      const flipped = Buffer.from(X264_360P);
      const bit = 8 + Math.floor(random() * (flipped.length * 8 - 8));
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (0x80 >> (bit & 7));
      inputs.push(flipped);
    }
    let parsed = 0;
    for (const input of inputs) {
      try {
        const sps = parseSps(input);
        parsed++;
        expect(Number.isInteger(sps.width) && sps.width > 0 && sps.width <= 16_880).toBe(true);
        expect(Number.isInteger(sps.height) && sps.height > 0 && sps.height <= 33_760).toBe(true);
        expect(sps.codec).toMatch(/^avc1\.[0-9a-f]{6}$/);
      } catch (error) {
        expect(error).toBeInstanceOf(H264SpsError);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });
});

describe('crafted SPS checked by ffmpeg', () => {
  it('is read by ffmpeg as by the parser: scaling lists, crop on both axes, VUI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-craft-'));
    try {
      const stream = encodeTestStream(dir, { name: 'p360', size: '640x360', x264: [], frames: 25, fps: 25 });
      const alternating = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 1 : -1));
      // libx264's slice-relevant fields (frame_num 4 bits, POC type 2, 3 references) with our own extras.
      const sps = craft({
        profile: 100,
        level: 30,
        chroma: { idc: 1, lists: [[1, -2, 3, -10], null, null, null, [-8], null, alternating, null] },
        poc: { type: 2 },
        refs: 3,
        widthMbs: 40,
        heightMapUnits: 23,
        crop: [2, 3, 0, 4],
        vui: vui([255, 4, 3], [1, 50]),
      });
      expect(parseSps(sps)).toMatchObject({ width: 630, height: 360, sarWidth: 4, sarHeight: 3 });
      const nalus = stream.units.flatMap((au) => au.nalus).map((nal) => ((nal[0]! & 0x1f) === 7 ? sps : nal));
      const path = join(dir, 'crafted.h264');
      writeFileSync(path, Buffer.concat(nalus.flatMap((nal) => [Buffer.from([0, 0, 0, 1]), nal])));
      const probe = execFileSync(
        'ffprobe',
        [
          ...[
            '-v',
            'error',
            '-count_frames',
            '-show_entries',
            'stream=width,height,sample_aspect_ratio,nb_read_frames',
          ],
          ...['-of', 'default=noprint_wrappers=1', path],
        ],
        { encoding: 'utf8' },
      );
      expect(probe.trim().split('\n')).toEqual([
        'width=630',
        'height=360',
        'sample_aspect_ratio=4:3',
        'nb_read_frames=25',
      ]);
      const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'], { encoding: 'utf8' });
      expect([decode.status, decode.stderr]).toEqual([0, '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
