// The in-process H.264 muxer (src-main/services/streams/fmp4/) against ffmpeg's own per-frame fMP4 of the
// same elementary stream, both read by the renderer's WebCodecs parser: same decoder setup, same sample bytes,
// keyframes and times, same tfdt sequence.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFmp4Muxer } from '../../src-main/services/streams/fmp4';
import { encodeTestStream, TEST_STREAMS, type TestStream } from '../../src-main/services/streams/fmp4/h264-test-stream';
import { createFmp4Splitter } from '../../src-main/services/streams/mp4-boxes';
import { readDecoderSetup, readSamples, type Sample } from '../../src-renderer/features/player/fmp4Samples';
import { boxes, viewOf } from '../../src-renderer/features/player/mp4Boxes';

interface Segmented {
  init: Buffer;
  fragments: Buffer[];
}

function segment(file: Buffer): Segmented {
  const out: Segmented = { init: Buffer.alloc(0), fragments: [] };
  const splitter = createFmp4Splitter({
    onInit: (init) => (out.init = init),
    onFragment: (fragment) => out.fragments.push(fragment),
  });
  splitter.push(file);
  expect(splitter.pending).toBe(0);
  return out;
}

/** ffmpeg as the live ingest runs it today (ffmpeg-args.ts), with the muxer's 90 kHz timescale. */
function ffmpegFmp4(stream: TestStream): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'h264', '-i', stream.path, '-c:v', 'copy'],
      ...['-video_track_timescale', '90000', '-f', 'mp4'],
      ...['-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

function tfdtOf(fragment: Buffer): number {
  const view = viewOf(fragment);
  for (const moof of boxes(fragment, 0, fragment.length)) {
    if (moof.type !== 'moof') continue;
    for (const traf of boxes(fragment, moof.body, moof.end)) {
      if (traf.type !== 'traf') continue;
      for (const tfdt of boxes(fragment, traf.body, traf.end)) {
        if (tfdt.type !== 'tfdt') continue;
        return fragment[tfdt.body] === 1 ? Number(view.getBigUint64(tfdt.body + 4)) : view.getUint32(tfdt.body + 4);
      }
    }
  }
  throw new Error('A fragment without tfdt.');
}

/** An init segment without its udta (ffmpeg's encoder tag), moov size adjusted. */
function withoutUserData(init: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const top of boxes(init, 0, init.length)) {
    if (top.type !== 'moov') {
      parts.push(init.subarray(top.start, top.end));
      continue;
    }
    const children = [...boxes(init, top.body, top.end)].filter((b) => b.type !== 'udta');
    const body = Buffer.concat(children.map((b) => init.subarray(b.start, b.end)));
    const header = Buffer.from(init.subarray(top.start, top.body));
    header.writeUInt32BE(header.length + body.length, 0);
    parts.push(header, body);
  }
  return Buffer.concat(parts);
}

const summary = (s: Sample) => ({ key: s.key, timestampUs: s.timestampUs, durationUs: s.durationUs });

let dir: string;
const streams: TestStream[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fmp4-players-'));
  for (const spec of TEST_STREAMS) streams.push(encodeTestStream(dir, spec));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_STREAMS.map((s) => s.name))('%s: muxer against ffmpeg', (name) => {
  it('reads in the WebCodecs parser exactly as ffmpeg output does', () => {
    const stream = streams.find((s) => s.name === name)!;
    const muxer = createFmp4Muxer(stream.params);
    const ours = segment(Buffer.concat([muxer.init, ...stream.units.map((au) => muxer.fragment(au))]));
    const theirs = segment(ffmpegFmp4(stream));

    // The init segment is ffmpeg's byte for byte, less the udta naming the muxer.
    expect(ours.init.equals(withoutUserData(theirs.init))).toBe(true);
    expect(withoutUserData(theirs.init).length).toBeLessThan(theirs.init.length);

    const setup = readDecoderSetup(ours.init);
    const reference = readDecoderSetup(theirs.init);
    expect(setup).not.toBeNull();
    expect(setup!.codec).toBe(muxer.codec);
    // Everything, the avcC bytes and the trex defaults included.
    expect({ ...setup, description: Buffer.from(setup!.description) }).toEqual({
      ...reference,
      description: Buffer.from(reference!.description),
    });

    expect(ours.fragments).toHaveLength(75);
    expect(theirs.fragments).toHaveLength(75);
    const oursSamples = ours.fragments.map((f) => readSamples(f, setup!));
    const theirSamples = theirs.fragments.map((f) => readSamples(f, reference!));
    expect(oursSamples.every((s) => s.length === 1)).toBe(true);
    expect(oursSamples.map((s) => s.map(summary))).toEqual(theirSamples.map((s) => s.map(summary)));
    oursSamples.forEach(([sample], i) => {
      expect(Buffer.from(sample!.data).equals(Buffer.from(theirSamples[i]![0]!.data)), `frame ${i}`).toBe(true);
    });
    expect(oursSamples.filter(([s]) => s!.key).length).toBe(3);

    const tfdts = ours.fragments.map(tfdtOf);
    expect(tfdts).toEqual(theirs.fragments.map(tfdtOf));
    expect(tfdts).toEqual(stream.units.map((au) => au.pts90k));
  });
});
