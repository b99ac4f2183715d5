/**
 * Test support, not used by the product: real H.264 elementary streams made by ffmpeg/libx264, cut into the
 * access units the RTSP reader emits (NAL units without start codes, 90 kHz pts from 0).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { H264AccessUnit, H264Parameters } from './types';

export interface TestStream {
  name: string;
  /** The Annex B file ffmpeg wrote. */
  path: string;
  params: H264Parameters;
  units: H264AccessUnit[];
}

export interface TestStreamSpec {
  name: string;
  size: string;
  /** Extra libx264 options, e.g. a profile. */
  x264: string[];
  frames: number;
  fps: number;
}

const NAL_IDR = 5;
const NAL_AUD = 9;
const NAL_SPS = 7;
const NAL_PPS = 8;

/** NAL units of an Annex B byte stream (3- or 4-byte start codes; trailing zero bytes dropped). */
export function splitAnnexB(data: Buffer): Buffer[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      starts.push(i + 3);
      i += 2;
    }
  }
  return starts.map((start, k) => {
    let end = k + 1 < starts.length ? starts[k + 1]! - 3 : data.length;
    while (end > start && data[end - 1] === 0) end--;
    return data.subarray(start, end);
  });
}

const isVcl = (type: number) => type >= 1 && type <= 5;
/** Non-VCL NAL types that begin a new access unit (H.264 §7.4.1.2.3): SEI, SPS, PPS, AUD, 14…18. */
const startsAccessUnit = (type: number) => (type >= 6 && type <= 9) || (type >= 14 && type <= 18);

/** Groups NAL units into access units: a new one starts at a leading non-VCL NAL or a slice with first_mb 0. */
export function groupAccessUnits(nalus: Buffer[], frameDuration90k: number): H264AccessUnit[] {
  const units: H264AccessUnit[] = [];
  let current: Buffer[] = [];
  let hasSlice = false;
  const flush = () => {
    if (!hasSlice) return;
    const key = current.some((nal) => (nal[0]! & 0x1f) === NAL_IDR);
    units.push({ nalus: current, pts90k: units.length * frameDuration90k, key });
    current = [];
    hasSlice = false;
  };
  for (const nal of nalus) {
    const type = nal[0]! & 0x1f;
    // first_mb_in_slice is the slice header's first ue(v); it is 0 exactly when its first bit is 1.
    const firstSlice = isVcl(type) && nal.length > 1 && (nal[1]! & 0x80) !== 0;
    if (hasSlice && (startsAccessUnit(type) || firstSlice)) flush();
    current.push(nal);
    if (isVcl(type)) hasSlice = true;
  }
  flush();
  return units;
}

/** Encodes testsrc2 with libx264 to an Annex B file in dir and cuts it into access units. */
export function encodeTestStream(dir: string, spec: TestStreamSpec): TestStream {
  const path = join(dir, `${spec.name}.h264`);
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `testsrc2=size=${spec.size}:rate=${spec.fps}`, '-frames:v', String(spec.frames)],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-g', String(spec.fps), '-bf', '0', '-tune', 'zerolatency'],
    ...spec.x264,
    ...['-f', 'h264', path],
  ]);
  const nalus = splitAnnexB(readFileSync(path));
  const sps = nalus.find((nal) => (nal[0]! & 0x1f) === NAL_SPS);
  const pps = nalus.find((nal) => (nal[0]! & 0x1f) === NAL_PPS);
  if (!sps || !pps) throw new Error(`${path} has no SPS or PPS.`);
  return { name: spec.name, path, params: { sps, pps }, units: groupAccessUnits(nalus, 90_000 / spec.fps) };
}

/**
 * A libx264 stream with B-frames (`x264` picks how many, and the pyramid), its access units in decode order
 * stamped with their presentation times from 0 as RTP would carry them (ffprobe reads them off an MPEG-TS copy).
 */
export function encodeReorderedTestStream(dir: string, spec: TestStreamSpec): TestStream {
  const ts = join(dir, `${spec.name}.ts`);
  const path = join(dir, `${spec.name}.h264`);
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `testsrc2=size=${spec.size}:rate=${spec.fps}`, '-frames:v', String(spec.frames)],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-g', String(spec.fps), '-threads', '1', ...spec.x264],
    ...['-f', 'mpegts', ts],
  ]);
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', ts, '-c', 'copy', '-f', 'h264', path]);
  const csv = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts', '-of', 'csv=p=0', ts], {
    encoding: 'utf8',
  });
  const pts = csv
    .split('\n')
    .map((line) => line.replace(/,.*$/, '').trim()) // side data (MPEG-TS: none worth reading) after a comma
    .filter((line) => line !== '')
    .map(Number);
  const nalus = splitAnnexB(readFileSync(path)).filter((nal) => (nal[0]! & 0x1f) !== NAL_AUD);
  const sps = nalus.find((nal) => (nal[0]! & 0x1f) === NAL_SPS);
  const pps = nalus.find((nal) => (nal[0]! & 0x1f) === NAL_PPS);
  if (!sps || !pps) throw new Error(`${path} has no SPS or PPS.`);
  const units = groupAccessUnits(nalus, 90_000 / spec.fps);
  if (units.length !== pts.length) throw new Error(`${units.length} access units but ${pts.length} packets.`);
  const units90k = units.map((unit, i) => ({ ...unit, pts90k: pts[i]! - pts[0]! }));
  return { name: spec.name, path, params: { sps, pps }, units: units90k };
}

/**
 * The streams the tests mux: 360p and 1080p High (both cropped to a non-multiple of 16), Baseline 720p, a size
 * cropped on both axes, and D1 with the 12:11 pixels of analogue-era CCTV. libx264 under -tune zerolatency
 * cuts each frame into several slices.
 */
export const TEST_STREAMS: readonly TestStreamSpec[] = [
  { name: 'p360', size: '640x360', x264: [], frames: 75, fps: 25 },
  { name: 'p1080-high', size: '1920x1080', x264: ['-profile:v', 'high'], frames: 75, fps: 25 },
  { name: 'p720-baseline', size: '1280x720', x264: ['-profile:v', 'baseline'], frames: 75, fps: 25 },
  { name: 'crop-1270x714', size: '1270x714', x264: [], frames: 75, fps: 25 },
  { name: 'd1-sar-12-11', size: '704x576', x264: ['-vf', 'setsar=12/11'], frames: 75, fps: 25 },
];
