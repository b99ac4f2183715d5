// The WebCodecs sample extraction on real ffmpeg output, muxed with the supervisor's own fMP4 flags
// (src-main/services/streams/ffmpeg-args.ts) and checked packet by packet against ffprobe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIdr, readDecoderSetup, readSamples, type DecoderSetup } from './fmp4Samples';
import { readInitInfo } from './mp4Codec';

const FPS = 25;
const GOP = 25;
const SECONDS = 2;

interface Probed {
  ptsUs: number;
  size: number;
  key: boolean;
}

/** Top-level boxes as [type, bytes]. */
function topBoxes(bytes: Uint8Array): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.byteLength; ) {
    const size = view.getUint32(at);
    out.push([String.fromCharCode(...bytes.subarray(at + 4, at + 8)), bytes.subarray(at, at + size)]);
    at += size;
  }
  return out;
}

let dir: string;
let file: Uint8Array;
let init: Uint8Array;
/** moof + mdat pairs, as the core sends them. */
let fragments: Uint8Array[];
let probed: Probed[];
let setup: DecoderSetup;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fmp4-samples-'));
  file = new Uint8Array(
    execFileSync(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
        ...['-i', `testsrc=size=320x240:rate=${FPS}`, '-t', String(SECONDS)],
        // Default x264 settings: B-frames, so composition offsets are exercised.
        ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', String(GOP), '-sc_threshold', '0'],
        ...['-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', '-'],
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    ),
  );
  const path = join(dir, 'clip.mp4');
  writeFileSync(path, file);
  const json = execFileSync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,size,flags'],
    ...['-of', 'json', path],
  ]).toString();
  probed = (JSON.parse(json) as { packets: { pts_time: string; size: string; flags: string }[] }).packets.map((p) => ({
    ptsUs: Math.round(Number(p.pts_time) * 1e6),
    size: Number(p.size),
    key: p.flags.startsWith('K'),
  }));
  const boxes = topBoxes(file);
  const moovEnd = boxes.findIndex(([type]) => type === 'moov') + 1;
  init = concat(boxes.slice(0, moovEnd).map(([, b]) => b));
  fragments = [];
  for (let i = moovEnd; i < boxes.length; i++) {
    if (boxes[i]![0] === 'moof') fragments.push(concat([boxes[i]![1], boxes[i + 1]![1]]));
  }
  setup = readDecoderSetup(init)!;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

describe('decoder setup from the init segment', () => {
  it('gives the codec string MSE uses, the avcC record and the track timing', () => {
    expect(setup).not.toBeNull();
    expect(setup.codec).toBe(readInitInfo(init)!.codec);
    expect(setup.codec).toMatch(/^avc1\.[0-9a-f]{6}$/);
    expect(setup).toMatchObject({ width: 320, height: 240, trackId: 1, nalLengthSize: 4 });
    expect(setup.timescale).toBeGreaterThan(0);
    // AVCDecoderConfigurationRecord: version 1, profile/compat/level as in the codec string, one SPS.
    expect(setup.description[0]).toBe(1);
    expect(setup.codec.slice(5)).toBe(
      [...setup.description.subarray(1, 4)].map((b) => b.toString(16).padStart(2, '0')).join(''),
    );
    expect(setup.description[5]! & 0x1f).toBe(1);
  });

  it('refuses what is not H.264 in avc1 form', () => {
    expect(readDecoderSetup(fragments[0]!)).toBeNull();
    expect(readDecoderSetup(new Uint8Array(16))).toBeNull();
    const hevc = init.slice();
    const at = Buffer.from(hevc).indexOf('avc1');
    hevc.set(
      [...'hvc1'].map((c) => c.charCodeAt(0)),
      at,
    );
    expect(readDecoderSetup(hevc)).toBeNull();
  });
});

describe('samples of per-frame fragments', () => {
  it('finds one sample per fragment, matching ffprobe’s packets in size, key flag and time', () => {
    expect(fragments).toHaveLength(FPS * SECONDS);
    const samples = fragments.map((f) => readSamples(f, setup));
    expect(samples.every((s) => s.length === 1)).toBe(true);
    const flat = samples.map((s) => s[0]!);
    expect(flat.map((s) => s.data.byteLength)).toEqual(probed.map((p) => p.size));
    expect(flat.map((s) => s.key)).toEqual(probed.map((p) => p.key));
    expect(flat.map((s) => s.timestampUs)).toEqual(probed.map((p) => p.ptsUs));
    expect(flat.filter((s) => s.key)).toHaveLength(SECONDS * (FPS / GOP));
    expect(flat[0]!.key).toBe(true);
    expect(new Set(flat.map((s) => s.durationUs))).toEqual(new Set([1_000_000 / FPS]));
    // B-frames: presentation order differs from decode order.
    const pts = flat.map((s) => s.timestampUs);
    expect(pts).not.toEqual([...pts].sort((a, b) => a - b));
  });

  it('reads the samples of coalesced fragments in decode order, as views of the bytes', () => {
    const joined = concat(fragments.slice(0, 5));
    const samples = readSamples(joined, setup);
    expect(samples.map((s) => s.data.byteLength)).toEqual(probed.slice(0, 5).map((p) => p.size));
    expect(samples[0]!.data.buffer).toBe(joined.buffer);
  });

  it('takes the key flag from the NAL units and agrees with the sample flags', () => {
    for (const fragment of fragments) {
      const [sample] = readSamples(fragment, setup);
      expect(isIdr(sample!.data, setup.nalLengthSize)).toBe(sample!.key);
    }
    // No slice at all (an SEI alone): the NAL units cannot tell.
    expect(isIdr(new Uint8Array([0, 0, 0, 2, 0x06, 0x05]), 4)).toBeNull();
  });

  it('returns nothing for another track, truncated bytes or an init segment', () => {
    expect(readSamples(fragments[0]!, { ...setup, trackId: 2 })).toEqual([]);
    expect(readSamples(fragments[0]!.subarray(0, fragments[0]!.byteLength - 10), setup)).toEqual([]);
    expect(readSamples(init, setup)).toEqual([]);
  });
});
