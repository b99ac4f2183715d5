// The muxer on real libx264 streams: ffprobe/ffmpeg accept and decode what it writes, and the core's own
// readers (splitter, init/fragment inspection) see one init, one fragment per frame and keyframes on IDRs only.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFmp4Splitter } from '../mp4-boxes';
import { inspectFragment, inspectInit } from '../mp4-inspect';
import { createFmp4Muxer, Fmp4MuxError, Fmp4OrderError } from './fmp4-writer';
import { H264SpsError } from './h264-sps';
import { encodeTestStream, TEST_STREAMS, type TestStream } from './h264-test-stream';

const EXPECTED = {
  p360: { width: 640, height: 360, sar: '1:1', profile: 'High', codec: 'avc1.64001e' },
  'p1080-high': { width: 1920, height: 1080, sar: '1:1', profile: 'High', codec: 'avc1.640028' },
  'p720-baseline': { width: 1280, height: 720, sar: '1:1', profile: 'Constrained Baseline', codec: 'avc1.42c01f' },
  'crop-1270x714': { width: 1270, height: 714, sar: '1:1', profile: 'High', codec: 'avc1.64001f' },
  'd1-sar-12-11': { width: 704, height: 576, sar: '12:11', profile: 'High', codec: 'avc1.64001e' },
} as const;

let dir: string;
const streams: TestStream[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fmp4-writer-'));
  for (const spec of TEST_STREAMS) streams.push(encodeTestStream(dir, spec));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mux(stream: TestStream) {
  const muxer = createFmp4Muxer(stream.params);
  const fragments = stream.units.map((au) => muxer.fragment(au));
  return { muxer, fragments, file: Buffer.concat([muxer.init, ...fragments]) };
}

function ffprobeStream(path: string): Record<string, string> {
  const out = execFileSync(
    'ffprobe',
    [
      ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=codec_name,profile,width,height,sample_aspect_ratio,nb_read_frames,pix_fmt'],
      ...['-of', 'default=noprint_wrappers=1', path],
    ],
    { encoding: 'utf8' },
  );
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => line.split('=') as [string, string]),
  );
}

describe.each(TEST_STREAMS.map((s) => s.name))('muxing %s', (name) => {
  const stream = () => streams.find((s) => s.name === name)!;
  const expected = EXPECTED[name as keyof typeof EXPECTED];

  it('gives a file ffprobe describes right and ffmpeg decodes without a single error', () => {
    const { muxer, file } = mux(stream());
    expect(stream().units).toHaveLength(75);
    expect(muxer.codec).toBe(expected.codec);
    expect([muxer.width, muxer.height]).toEqual([expected.width, expected.height]);
    const path = join(dir, `${name}.mp4`);
    writeFileSync(path, file);
    expect(ffprobeStream(path)).toEqual({
      codec_name: 'h264',
      profile: expected.profile,
      width: String(expected.width),
      height: String(expected.height),
      sample_aspect_ratio: expected.sar,
      pix_fmt: 'yuv420p',
      nb_read_frames: '75',
    });
    const decode = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-i', path, '-f', 'null', '-'], {
      encoding: 'utf8',
    });
    expect(decode.status).toBe(0);
    expect(decode.stderr).toBe('');
  });

  it("passes the core's splitter and inspection: one fragment a frame, keyframes on IDR frames only", () => {
    const { muxer, file } = mux(stream());
    const inits: Buffer[] = [];
    const seen: { keyframe: boolean; sampleCount: number }[] = [];
    let defaultFlags: number | null = null;
    const splitter = createFmp4Splitter({
      onInit(init) {
        inits.push(init);
        defaultFlags = inspectInit(init)?.defaultSampleFlags ?? null;
      },
      onFragment: (_fragment, moof) => seen.push(inspectFragment(moof, defaultFlags)),
    });
    for (let at = 0; at < file.length; at += 4096) splitter.push(file.subarray(at, at + 4096));
    expect(splitter.pending).toBe(0);
    expect(inits).toEqual([muxer.init]);
    expect(inspectInit(muxer.init)).toMatchObject({
      sampleEntry: 'avc1',
      codecs: expected.codec,
      width: expected.width,
      height: expected.height,
    });
    const idr = stream().units.map((au) => au.nalus.some((nal) => (nal[0]! & 0x1f) === 5));
    expect(idr.filter(Boolean)).toHaveLength(3);
    expect(seen.map((f) => f.keyframe)).toEqual(idr);
    expect(seen.every((f) => f.sampleCount === 1)).toBe(true);
  });
});

describe('fragment timing', () => {
  const readTiming = (fragment: Buffer) => ({
    sequence: fragment.readUInt32BE(20),
    decodeTime: Number(fragment.readBigUInt64BE(60)),
    duration: fragment.readUInt32BE(88),
  });

  it('keeps tfdt exact and estimates each duration from the previous interval until the next time is known', () => {
    const stream = streams[0]!;
    const muxer = createFmp4Muxer(stream.params);
    const units = stream.units.slice(0, 5);
    // Jittery camera clock: 40 ms frames with one late and one early.
    const times = [0, 3600, 7300, 10_700, 14_400];
    const timing = units.map((au, i) => readTiming(muxer.fragment({ ...au, pts90k: times[i]! })));
    expect(timing.map((t) => t.decodeTime)).toEqual(times);
    expect(timing.map((t) => t.sequence)).toEqual([1, 2, 3, 4, 5]);
    // The first frame takes the SPS VUI rate (x264 writes 25 fps), then the latest interval.
    expect(timing.map((t) => t.duration)).toEqual([3600, 3600, 3700, 3400, 3700]);
    expect(readTiming(muxer.fragment({ ...units[0]!, pts90k: 18_000 }, 21_000)).duration).toBe(3000);
  });

  it('writes times past 2^32 ticks (13 h of 90 kHz) in full', () => {
    const stream = streams[0]!;
    const muxer = createFmp4Muxer(stream.params);
    const late = 3 * 2 ** 32 + 7;
    const times = [late, late + 3600].map((pts90k, i) => readTiming(muxer.fragment({ ...stream.units[i]!, pts90k })));
    expect(times.map((t) => t.decodeTime)).toEqual([late, late + 3600]);
  });

  it('does not take a stall of more than a second as the new frame rate', () => {
    const stream = streams[0]!;
    const muxer = createFmp4Muxer(stream.params);
    const durations = [0, 3600, 7200, 7200 + 450_000, 7200 + 453_600].map(
      (pts90k, i) => readTiming(muxer.fragment({ ...stream.units[i]!, pts90k })).duration,
    );
    expect(durations).toEqual([3600, 3600, 3600, 3600, 3600]);
  });

  it('refuses repeated times, times too far back for reordering, non-integers and empty access units', () => {
    const stream = streams[0]!;
    const muxer = createFmp4Muxer(stream.params);
    const au = stream.units[0]!;
    const start = 200_000;
    muxer.fragment({ ...au, pts90k: start });
    expect(() => muxer.fragment({ ...au, pts90k: start })).toThrow(Fmp4OrderError);
    expect(() => muxer.fragment({ ...au, pts90k: start })).toThrow(/repeats/);
    // More than a second before the latest decode time: no camera reorders that far (B-frames are nearer).
    expect(() => muxer.fragment({ ...au, pts90k: start - 90_001 })).toThrow(/does not follow/);
    expect(() => muxer.fragment({ ...au, pts90k: start + 3600.5 })).toThrow(Fmp4MuxError);
    expect(() => muxer.fragment({ ...au, pts90k: start + 3600 }, start + 3600)).toThrow(Fmp4MuxError);
    expect(() => muxer.fragment({ ...au, pts90k: start + 3600, nalus: [] })).toThrow(/no NAL units/);
    expect(() => muxer.fragment({ ...au, pts90k: start + 3600, nalus: [Buffer.alloc(0)] })).toThrow(/empty NAL/);
    const huge = Buffer.alloc(32 * 1024 * 1024);
    expect(() => muxer.fragment({ ...au, pts90k: start + 3600, nalus: [huge] })).toThrow(/too large/);
    // A refused unit leaves the muxer usable, its timeline untouched: still no composition offsets.
    const next = muxer.fragment({ ...au, pts90k: start + 3600 });
    expect(readTiming(next)).toEqual({ sequence: 2, decodeTime: start + 3600, duration: 3600 });
    expect(next.readUInt32BE(0)).toBe(100);
  });
});

describe('parameter sets', () => {
  it('tells the same parameter sets from a new stream', () => {
    const [a, b] = [streams[0]!, streams[1]!];
    const muxer = createFmp4Muxer(a.params);
    expect(muxer.sameParameters({ sps: Buffer.from(a.params.sps), pps: Buffer.from(a.params.pps) })).toBe(true);
    expect(muxer.sameParameters(b.params)).toBe(false);
    const otherPps = Buffer.from(a.params.pps);
    otherPps[1] = otherPps[1]! ^ 0x01;
    expect(muxer.sameParameters({ sps: a.params.sps, pps: otherPps })).toBe(false);
  });

  it('refuses unreadable or swapped parameter sets with typed errors', () => {
    const { sps, pps } = streams[0]!.params;
    expect(() => createFmp4Muxer({ sps: pps, pps })).toThrow(H264SpsError);
    expect(() => createFmp4Muxer({ sps: sps.subarray(0, 6), pps })).toThrow(H264SpsError);
    expect(() => createFmp4Muxer({ sps, pps: sps })).toThrow(Fmp4MuxError);
    expect(() => createFmp4Muxer({ sps, pps: Buffer.alloc(70_000, 0x68) })).toThrow(/65535/);
  });
});
