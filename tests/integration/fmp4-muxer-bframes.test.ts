// The in-process H.264 muxer on streams with B-frames against ffmpeg's own per-frame fMP4 of the same stream,
// both read by the renderer's WebCodecs parser: the same samples in decode order, each with the same presentation
// time (tfdt + composition offset) relative to the first, so the WebCodecs player stamps chunks as with ffmpeg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFmp4Muxer } from '../../src-main/services/streams/fmp4';
import {
  encodeReorderedTestStream,
  type TestStream,
  type TestStreamSpec,
} from '../../src-main/services/streams/fmp4/h264-test-stream';
import { createFmp4Splitter } from '../../src-main/services/streams/mp4-boxes';
import { readDecoderSetup, readSamples, type Sample } from '../../src-renderer/features/player/fmp4Samples';

const SPECS: TestStreamSpec[] = [
  { name: 'b2', size: '320x240', x264: ['-bf', '2', '-x264-params', 'b-pyramid=none'], frames: 50, fps: 25 },
  { name: 'b3-pyramid', size: '320x240', x264: ['-bf', '3', '-b_strategy', '0'], frames: 50, fps: 25 },
];

function fragmentsOf(file: Buffer): { init: Buffer; fragments: Buffer[] } {
  const out: { init: Buffer; fragments: Buffer[] } = { init: Buffer.alloc(0), fragments: [] };
  const splitter = createFmp4Splitter({
    onInit: (init) => (out.init = init),
    onFragment: (fragment) => out.fragments.push(fragment),
  });
  splitter.push(file);
  return out;
}

/** ffmpeg's fMP4 of the same coded frames, read from the MPEG-TS copy that carries their presentation times. */
function ffmpegFmp4(stream: TestStream): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-i', stream.path.replace(/\.h264$/, '.ts'), '-c:v', 'copy'],
      ...['-video_track_timescale', '90000', '-f', 'mp4'],
      ...['-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

/** Key flag and presentation time relative to the first sample, in decode order. */
function timeline(samples: Sample[]) {
  return samples.map((s) => ({ key: s.key, fromFirstUs: s.timestampUs - samples[0]!.timestampUs }));
}

let dir: string;
const streams = new Map<string, TestStream>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fmp4-bframes-players-'));
  for (const spec of SPECS) streams.set(spec.name, encodeReorderedTestStream(dir, spec));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(SPECS.map((s) => s.name))('%s: muxer against ffmpeg in the WebCodecs parser', (name) => {
  it('gives the same samples in decode order with the same presentation times', () => {
    const stream = streams.get(name)!;
    const muxer = createFmp4Muxer(stream.params);
    const ours = fragmentsOf(Buffer.concat([muxer.init, ...stream.units.map((au) => muxer.fragment(au))]));
    const theirs = fragmentsOf(ffmpegFmp4(stream));
    const setup = readDecoderSetup(ours.init)!;
    const reference = readDecoderSetup(theirs.init)!;
    const oursSamples = ours.fragments.flatMap((f) => readSamples(f, setup));
    const theirSamples = theirs.fragments.flatMap((f) => readSamples(f, reference));
    expect(oursSamples).toHaveLength(stream.units.length);
    expect(theirSamples).toHaveLength(stream.units.length);

    expect(timeline(oursSamples)).toEqual(timeline(theirSamples));
    // Presentation order is not decode order, and sorted it is one frame (40 ms) a step.
    const times = oursSamples.map((s) => s.timestampUs);
    expect(times.slice(1).some((t, i) => t < times[i]!)).toBe(true);
    const sorted = [...times].sort((a, b) => a - b);
    expect(new Set(sorted.slice(1).map((t, i) => t - sorted[i]!))).toEqual(new Set([40_000]));
    // Every sample lasts one frame, so none reaches into the next one presented.
    expect(new Set(oursSamples.map((s) => s.durationUs))).toEqual(new Set([40_000]));
  });
});
