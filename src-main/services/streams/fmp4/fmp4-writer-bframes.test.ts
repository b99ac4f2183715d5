// The muxer on libx264 streams with B-frames, fed in decode order with presentation times as RTP carries them:
// decode times move forward, composition offsets put every picture back at its time, and ffmpeg decodes it all.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFragment, inspectInit } from '../mp4-inspect';
import { createFmp4Muxer } from './fmp4-writer';
import { parseSps } from './h264-sps';
import { encodeReorderedTestStream, type TestStream, type TestStreamSpec } from './h264-test-stream';

const SPECS: (TestStreamSpec & { depth: number })[] = [
  { name: 'b2', size: '320x240', x264: ['-bf', '2', '-x264-params', 'b-pyramid=none'], frames: 60, fps: 25, depth: 1 },
  {
    name: 'b3-pyramid',
    size: '320x240',
    x264: ['-bf', '3', '-b_strategy', '0', '-x264-params', 'b-pyramid=normal'],
    frames: 60,
    fps: 25,
    depth: 2,
  },
];

let dir: string;
const streams = new Map<string, TestStream>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fmp4-bframes-'));
  for (const spec of SPECS) streams.set(spec.name, encodeReorderedTestStream(dir, spec));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tfdt, trun version and flags, duration and composition offset of one of the muxer's fragments. */
function readFragment(fragment: Buffer) {
  expect(fragment.toString('latin1', 72, 76)).toBe('trun');
  const version = fragment[76]!;
  const flags = fragment.readUInt32BE(76) & 0xffffff;
  return {
    decodeTime: Number(fragment.readBigUInt64BE(60)),
    version,
    flags,
    duration: fragment.readUInt32BE(88),
    offset: flags & 0x800 ? (version === 1 ? fragment.readInt32BE(100) : fragment.readUInt32BE(100)) : 0,
  };
}

interface Probed {
  frames: { pts: number; pict_type: string; key_frame: number }[];
  packets: { pts: number; dts: number }[];
}

function probe(path: string): Probed {
  const run = (entries: string) =>
    JSON.parse(
      execFileSync(
        'ffprobe',
        ['-v', 'error', '-select_streams', 'v:0', '-show_entries', entries, '-of', 'json', path],
        {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      ),
    ) as Partial<Probed>;
  return { frames: run('frame=pts,pict_type,key_frame').frames!, packets: run('packet=pts,dts').packets! };
}

function decodeErrors(path: string): string {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-i', path, '-f', 'null', '-'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stderr;
}

describe.each(SPECS)('muxing $name (B-frames, reorder depth $depth)', (spec) => {
  const stream = () => streams.get(spec.name)!;

  it('is fed presentation times that go back, as RTP gives them, and an SPS stating the depth', () => {
    const pts = stream().units.map((u) => u.pts90k);
    expect(pts.slice(1).some((p, i) => p < pts[i]!)).toBe(true);
    expect(parseSps(stream().params.sps).maxReorderFrames).toBe(spec.depth);
  });

  it('writes decode times one frame apart and offsets >= 0 in trun version 0; ffmpeg decodes every frame in order', () => {
    const { units, params } = stream();
    const muxer = createFmp4Muxer(params);
    const fragments = units.map((au) => muxer.fragment(au));
    const read = fragments.map(readFragment);
    expect(read.every((f) => f.version === 0 && (f.flags & 0x800) !== 0)).toBe(true);
    expect(read.every((f) => f.offset >= 0)).toBe(true);
    expect(read.slice(1).every((f, i) => f.decodeTime - read[i]!.decodeTime === 3600)).toBe(true);
    // The first frame's tfdt is its own time; every presentation time is the unit's, shifted by `depth` frames.
    expect(read[0]!.decodeTime).toBe(units[0]!.pts90k);
    const shift = spec.depth * 3600;
    expect(read.map((f) => f.decodeTime + f.offset)).toEqual(units.map((u) => u.pts90k + shift));

    const path = join(dir, `${spec.name}.mp4`);
    writeFileSync(path, Buffer.concat([muxer.init, ...fragments]));
    expect(decodeErrors(path)).toBe('');
    const { frames, packets } = probe(path);
    expect(frames).toHaveLength(units.length);
    expect(frames.map((f) => f.pict_type)).toContain('B');
    expect(frames.slice(1).every((f, i) => f.pts > frames[i]!.pts)).toBe(true);
    expect(frames.map((f) => f.pts)).toEqual(units.map((u) => u.pts90k + shift).sort((a, b) => a - b));
    expect(packets.slice(1).every((p, i) => p.dts > packets[i]!.dts)).toBe(true);
    expect(packets.every((p) => p.pts >= p.dts)).toBe(true);
  });

  it("keeps the core's inspection right and lets a late joiner start at the latest key frame", () => {
    const { units, params } = stream();
    const muxer = createFmp4Muxer(params);
    const fragments = units.map((au) => muxer.fragment(au));
    const flags = inspectInit(muxer.init)?.defaultSampleFlags ?? null;
    const inspected = fragments.map((f) => inspectFragment(f.subarray(0, f.readUInt32BE(0)), flags));
    expect(inspected.map((f) => f.keyframe)).toEqual(units.map((u) => u.key));
    expect(inspected.every((f) => f.sampleCount === 1)).toBe(true);

    // What the GOP cache hands a viewer who joins now: the init, then everything from the last key frame on.
    const lastKey = units.map((u) => u.key).lastIndexOf(true);
    expect(lastKey).toBeGreaterThan(0);
    const path = join(dir, `${spec.name}-late.mp4`);
    writeFileSync(path, Buffer.concat([muxer.init, ...fragments.slice(lastKey)]));
    expect(decodeErrors(path)).toBe('');
    const { frames } = probe(path);
    expect(frames).toHaveLength(units.length - lastKey);
    expect(frames[0]!.key_frame).toBe(1);
    expect(frames.slice(1).every((f, i) => f.pts > frames[i]!.pts)).toBe(true);
  });
});
