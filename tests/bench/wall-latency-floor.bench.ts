// The floor under the wall's capture-to-display latency (issue 4): what the same feeds cost with no browser.
// The same GStreamer RTSP feeds as the wall benches (sim/rtsp: x264 zerolatency, the capture time burnt into
// every frame), per stream count (1: main 720p, 16: sub), in this order:
//   simulator alone — tests/bench/wall-floor-encoder.py: the feed's own pipeline without the RTSP server, clock
//            stamp → x264 output → RTP payloader output, timed inside GStreamer.
//   rtp    — no ffmpeg: a minimal RTSP/TCP client in Node (wall-floor-rtp.ts); host time = the access unit's
//            marker packet in Node.
//   copy   — the core's own ingest: the supervisor's ffmpeg args (buildIngestArgs, concat list, `-c:v copy`) →
//            per-frame fMP4 → the supervisor's splitter in Node; host time = fragment whole in Node.
//   decode — the supervisor's input flags, ffmpeg decoding to raw yuv420p on a pipe; host time = last byte in Node.
// rtp and copy keep the frames from a keyframe on and decode them afterwards, in order (frame k of the decoder is
// kept frame k), so the clock is read from the very frame. The clock is cut from the frame (the wall bench's crop),
// read by the same tesseract call, and subtracted. At N streams, N clients run as N tiles would; only the first is
// read. After copy and decode, one more ffmpeg with -debug_ts shows where the time goes inside ffmpeg.
// Results: bench-results/wall-latency-floor.json, with the ratio of the last wall-latency.json (another run: its
// time and load are printed next to it).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFmp4Splitter } from '../../src-main/services/streams/mp4-boxes';
import { buildConcatList, buildIngestArgs } from '../../src-main/services/streams/ffmpeg-args';
import { runFfmpeg } from '../../src-main/services/streams/ffmpeg-process';
import { inspectFragment, inspectInit } from '../../src-main/services/streams/mp4-inspect';
import { readCamerasFile } from '../../sim/fleet';
import { planStreams } from '../../sim/fleet/streams';
import { startRtspServer, type RtspServer } from '../../sim/rtsp';
import { DEFAULT_PYTHON } from '../../sim/rtsp/feeds-process';
import { REPO_ROOT } from '../e2e/harness';
import {
  BENCH_STREAMS,
  CLOCK_CROP,
  LATENCY_KNOBS,
  LATENCY_TARGET_MS,
  machine,
  readShots,
  requireFleetSupport,
  round,
  summary,
  until,
  writeResult,
  type ClockShot,
  type FeedSize,
} from './wall-harness';
import { clockPgm, createRawFrameReader, spreadIndices } from './wall-floor-frames';
import { startRtpClient } from './wall-floor-rtp';

const { warmupSeconds: WARMUP_SECONDS, samples: SAMPLES, sampleSeconds: SAMPLE_SECONDS, sizes: SIZES } = LATENCY_KNOBS;
const TARGET_MS = LATENCY_TARGET_MS;
type Mode = 'rtp' | 'copy' | 'decode';
type Profile = 'main' | 'sub';
/** One main stream fills a 1×1 wall; more tiles play sub streams (the wall may pick main for some). */
const profileFor = (streams: number): Profile => (streams === 1 ? 'main' : 'sub');

const even = (n: number) => 2 * Math.floor(n / 2);
const cropOf = (size: FeedSize) => ({
  width: even(size.width * CLOCK_CROP.width),
  height: even(size.height * CLOCK_CROP.height),
});
const now = () => performance.timeOrigin + performance.now();

function ffmpegArgs(listPath: string, mode: 'copy' | 'decode'): string[] {
  const copy = buildIngestArgs({ listPath, mode: 'copy' });
  if (mode === 'copy') return copy;
  // The supervisor's input side unchanged; only the output differs.
  const input = copy.slice(0, copy.indexOf('-c:v'));
  const out = ['-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', '-f', 'rawvideo', '-flush_packets', '1', 'pipe:1'];
  return [...input, ...out];
}

interface Stream {
  frames(): number;
  stderr: string[];
  stop(): Promise<void>;
}

/** The read stream: frames of the sampling window with their host times, and what is needed to read them. */
interface Recorder {
  start(until: number): void;
  done(): boolean;
  shots(dir: string): Promise<{ shots: ClockShot[]; note?: string }>;
}

function startStream(
  feedUrl: string,
  size: FeedSize,
  mode: Mode,
  dir: string,
  index: number,
  recorder: ((frame: { at: number; bytes: Buffer; keyframe: boolean; top?: Buffer }) => void) | null,
): Stream {
  if (mode === 'rtp') {
    let frames = 0;
    const stderr: string[] = [];
    const client = startRtpClient(
      feedUrl,
      (unit) => {
        frames++;
        recorder?.({ at: unit.at, bytes: unit.annexB, keyframe: unit.keyframe });
      },
      now,
    ).catch((error: unknown) => {
      stderr.push(String(error));
      return null;
    });
    return { frames: () => frames, stderr, stop: async () => (await client)?.close() };
  }
  const listPath = join(dir, `feed-${index}-${mode}.ffconcat`);
  writeFileSync(listPath, buildConcatList(feedUrl));
  const stderr: string[] = [];
  let frames = 0;
  let push: (chunk: Buffer, at: number) => void;
  if (mode === 'copy') {
    let defaultSampleFlags: number | null = null;
    let arrived = 0;
    const splitter = createFmp4Splitter({
      onInit(segment) {
        defaultSampleFlags = inspectInit(segment)?.defaultSampleFlags ?? null;
        recorder?.({ at: arrived, bytes: segment, keyframe: false });
      },
      onFragment(fragment, moof) {
        frames++;
        const { keyframe } = inspectFragment(moof, defaultSampleFlags);
        recorder?.({ at: arrived, bytes: fragment, keyframe });
      },
    });
    push = (chunk, at) => {
      arrived = at;
      splitter.push(chunk);
    };
  } else {
    const crop = cropOf(size);
    const reader = createRawFrameReader(size.width, size.height, recorder ? crop.height : 0, (frame) => {
      frames++;
      recorder?.({ at: frame.at, bytes: Buffer.alloc(0), keyframe: false, top: frame.top });
    });
    push = (chunk, at) => reader.push(chunk, at);
  }
  const run = runFfmpeg({
    path: 'ffmpeg',
    args: ffmpegArgs(listPath, mode),
    onStdout: (chunk) => push(chunk, now()),
    onStderrLine: (line) => {
      stderr.push(line);
      if (stderr.length > 20) stderr.shift();
    },
  });
  return { frames: () => frames, stderr, stop: () => run.stop(3000) };
}

/** Decode arm: the first frame after each due time of the window, its clock cut out at once. */
function decodeRecorder(size: FeedSize) {
  const crop = cropOf(size);
  const shots: ClockShot[] = [];
  let due: number[] = [];
  const recorder: Recorder = {
    start(end) {
      const begin = now();
      due = Array.from({ length: SAMPLES }, (_, i) => begin + ((i + 0.5) * (end - begin)) / SAMPLES);
    },
    done: () => due.length > 0 && shots.length >= due.length,
    shots: () => Promise.resolve({ shots }),
  };
  const onFrame = (frame: { at: number; top?: Buffer }) => {
    const next = due[shots.length];
    if (next === undefined || frame.at < next || !frame.top) return;
    shots.push({ png: clockPgm(frame.top, size.width, crop.width, crop.height), at: frame.at, captureMs: 0 });
  };
  return { recorder, onFrame };
}

/** Decodes a file from its first frame on, each frame cropped to the clock's corner, raw yuv420p. */
function decodeFile(file: string, crop: { width: number; height: number }, onChunk: (chunk: Buffer) => void) {
  return new Promise<void>((resolve, reject) => {
    const format = file.endsWith('.h264') ? ['-f', 'h264'] : [];
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', ...format, '-i', file, '-map', '0:v:0'];
    args.push('-fps_mode', 'passthrough', '-vf', `crop=${crop.width}:${crop.height}:0:0`);
    args.push('-pix_fmt', 'yuv420p', '-f', 'rawvideo', 'pipe:1');
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', onChunk);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg decode ${code}: ${stderr}`))));
  });
}

/**
 * Copy and RTP arms: the frames (fMP4 fragments or H.264 access units) from the last keyframe before the window
 * to its end, as the core's GOP cache keeps them; afterwards they are decoded in order (frame k of the decoder is
 * kept frame k) and SAMPLES of the window's frames are read.
 */
function gopRecorder(size: FeedSize, container: 'mp4' | 'h264') {
  const crop = cropOf(size);
  let init: Buffer | null = container === 'h264' ? Buffer.alloc(0) : null;
  let kept: { at: number; bytes: Buffer; inWindow: boolean }[] = [];
  let end = 0;
  let recording = false;
  const recorder: Recorder = {
    start(until) {
      end = until;
      recording = true;
    },
    done: () => recording && now() >= end,
    async shots(dir) {
      if (!init || kept.length === 0) return { shots: [], note: 'no fragment from a keyframe on' };
      const file = join(dir, `gop.${container}`);
      writeFileSync(file, Buffer.concat([init, ...kept.map((f) => f.bytes)]));
      const window = kept.map((f, i) => (f.inWindow ? i : -1)).filter((i) => i >= 0);
      const wanted = new Set(spreadIndices(window.length, SAMPLES).map((i) => window[i]!));
      const shots: ClockShot[] = [];
      const reader = createRawFrameReader(crop.width, crop.height, crop.height, (frame) => {
        if (wanted.has(frame.index)) {
          shots.push({
            png: clockPgm(frame.top, crop.width, crop.width, crop.height),
            at: kept[frame.index]!.at,
            captureMs: 0,
          });
        }
      });
      await decodeFile(file, crop, (chunk) => reader.push(chunk, 0));
      // Fragment k is decoded frame k only if the decoder output every one of them.
      if (reader.frames !== kept.length) {
        return { shots: [], note: `${reader.frames} frames decoded from ${kept.length} fragments: not matched` };
      }
      return { shots };
    },
  };
  const onFrame = (frame: { at: number; bytes: Buffer; keyframe: boolean }) => {
    if (container === 'mp4' && frame.bytes.length >= 8 && frame.bytes.toString('latin1', 4, 8) === 'ftyp') {
      init = Buffer.from(frame.bytes);
      kept = [];
      return;
    }
    const inWindow = recording && frame.at < end;
    if (recording && !inWindow) return;
    if (!recording && frame.keyframe) kept = [];
    if (kept.length === 0 && !frame.keyframe) return;
    kept.push({ at: frame.at, bytes: Buffer.from(frame.bytes), inWindow });
  };
  return { recorder, onFrame };
}

async function arm(rtsp: RtspServer, cameraIds: string[], mode: Mode, dir: string) {
  const profile = profileFor(cameraIds.length);
  const size = BENCH_STREAMS[profile];
  const read = mode === 'decode' ? decodeRecorder(size) : gopRecorder(size, mode === 'copy' ? 'mp4' : 'h264');
  const streams = cameraIds.map((id, i) =>
    startStream(rtsp.urlFor(`${id}/${profile}`), size, mode, dir, i, i === 0 ? read.onFrame : null),
  );
  const loadavgBefore = machine().loadavg;
  try {
    await until(
      async () => (streams.every((s) => s.frames() > 0) ? true : null),
      `${streams.length} ${mode} streams producing frames`,
      90_000,
    ).catch((error: unknown) => {
      streams.forEach((s, i) => {
        if (s.frames() === 0) console.log(`stream ${i + 1} (${cameraIds[i]}): no frame; ${s.stderr.join(' | ')}`);
      });
      throw error;
    });
    await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
    const framesBefore = streams.map((s) => s.frames());
    const started = now();
    read.recorder.start(started + SAMPLE_SECONDS * 1000);
    await until(
      async () => (read.recorder.done() ? true : null),
      `${SAMPLES} samples of the ${mode} arm`,
      SAMPLE_SECONDS * 3000 + 10_000,
    );
    const seconds = (now() - started) / 1000;
    const fps = streams.map((s, i) => (s.frames() - framesBefore[i]!) / seconds);
    const loadavgAfter = machine().loadavg;
    await Promise.all(streams.map((s) => s.stop()));
    const { shots, note } = await read.recorder.shots(dir);
    const samples = await readShots(shots);
    return {
      profile,
      loadavgBefore,
      loadavgAfter,
      ...summary(samples.latencies),
      unreadable: samples.unreadable,
      implausible: samples.implausible,
      minFps: round(Math.min(...fps)),
      ...(note ? { note } : {}),
      examples: samples.examples,
      latencies: samples.latencies.map((l) => round(l)),
    };
  } finally {
    await Promise.all(streams.map((s) => s.stop()));
  }
}

/**
 * Where an arm's time goes inside ffmpeg: the arm's args plus -debug_ts, whose "demuxer ->", "filter ->" (decoded
 * and filtered, decode arm) and "muxer <-" lines (stderr, unbuffered) are timed on arrival, as are the frames in
 * Node. ffmpeg drops the frames before the first keyframe (copy: packets; decode: the decoder's output), so stages
 * are matched from the end, after ffmpeg has stopped and flushed everything it had taken in.
 */
async function insideFfmpeg(url: string, size: FeedSize, mode: 'copy' | 'decode', dir: string) {
  const listPath = join(dir, `debug-ts-${mode}.ffconcat`);
  writeFileSync(listPath, buildConcatList(url));
  const stages = { demuxed: [] as number[], decoded: [] as number[], muxed: [] as number[], inNode: [] as number[] };
  const splitter = createFmp4Splitter({ onInit: () => undefined, onFragment: () => stages.inNode.push(now()) });
  const reader = createRawFrameReader(size.width, size.height, 0, (frame) => stages.inNode.push(frame.at));
  const run = runFfmpeg({
    path: 'ffmpeg',
    args: ['-debug_ts', ...ffmpegArgs(listPath, mode)],
    onStdout: (chunk) => (mode === 'copy' ? splitter.push(chunk) : reader.push(chunk, now())),
    onStderrLine: (line) => {
      if (line.includes('demuxer -> ist_index:0')) stages.demuxed.push(now());
      else if (line.includes('filter -> pts:')) stages.decoded.push(now());
      else if (line.includes('muxer <- type:video')) stages.muxed.push(now());
    },
  });
  await new Promise((resolve) => setTimeout(resolve, (WARMUP_SECONDS + 4) * 1000));
  await run.stop(3000);
  const from = Math.round(WARMUP_SECONDS * BENCH_STREAMS.main.fps);
  const gaps = (a: number[], b: number[]) => {
    const offset = a.length - b.length;
    return summary(
      b
        .slice(from, -5)
        .map((t, i) => t - a[from + i + offset]!)
        .filter(Number.isFinite),
    );
  };
  const { demuxed, decoded, muxed, inNode } = stages;
  const decoding = mode === 'decode';
  return {
    demuxToMuxMs: gaps(demuxed, muxed),
    demuxToDecodedMs: decoding ? gaps(demuxed, decoded) : null,
    decodedToMuxMs: decoding ? gaps(decoded, muxed) : null,
    muxToNodeMs: gaps(muxed, inNode),
  };
}

/**
 * The simulated camera alone (tests/bench/wall-floor-encoder.py): its own pipeline without the RTSP server,
 * clock stamp → x264 output and → RTP payloader output, per frame. Part of every figure here and of the wall's.
 */
function encoderAlone(size: FeedSize, pattern: string) {
  const mount = JSON.stringify({ ...size, codec: 'h264', pattern });
  const seconds = String(Math.max(4, Math.min(10, SAMPLE_SECONDS)));
  return new Promise<{ encoderMs: number[]; payloaderMs: number[] }>((resolve, reject) => {
    execFile(
      DEFAULT_PYTHON,
      [join(import.meta.dirname, 'wall-floor-encoder.py'), mount, seconds],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (!line) return reject(new Error(`wall-floor-encoder.py: ${error?.message ?? ''} ${stderr.slice(-500)}`));
        resolve(JSON.parse(line) as { encoderMs: number[]; payloaderMs: number[] });
      },
    );
  });
}

/** The wall's last figures (bench-results/wall-latency.json, another run), to put next to the floor. */
function lastWallRun(): { at: string; loadavg: number[]; medians: Map<number, number> } | null {
  const file = join(REPO_ROOT, 'bench-results', 'wall-latency.json');
  if (!existsSync(file)) return null;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      at: string;
      loadavg: number[];
      rows: { tiles: number; ours: { median: number | null } }[];
    };
    const medians = new Map<number, number>();
    for (const row of json.rows) if (row.ours.median !== null) medians.set(row.tiles, row.ours.median);
    return { at: json.at, loadavg: json.loadavg, medians };
  } catch {
    return null;
  }
}

await requireFleetSupport();
const count = Math.max(...SIZES);
const demo = readCamerasFile(join(REPO_ROOT, 'resources', 'demo', 'cameras.json'));
if (count > demo.cameras.length) throw new Error(`the demo fleet has ${demo.cameras.length} cameras, not ${count}`);
// The wall benches' feeds: the demo cameras with light, all-H.264 streams and no RTSP authentication.
const plans = planStreams(
  { ...demo, streams: BENCH_STREAMS, cameras: demo.cameras.slice(0, count).map((c) => ({ ...c, mainCodec: 'h264' })) },
  new Map(),
  { h265: false, rtspAuth: false },
);
const dir = mkdtempSync(join(tmpdir(), 'ioc-wall-floor-'));
const rtsp = await startRtspServer({ mounts: plans.flatMap((p) => [p.main, p.sub]) });
const cameraIds = plans.map((p) => p.camera.id);
const rows = [];
try {
  console.log(
    `wall latency floor (no browser): ${SIZES.join(' and ')} streams, ${SAMPLES} OCR samples per arm over ` +
      `${SAMPLE_SECONDS} s after ${WARMUP_SECONDS} s warm-up; load ${machine().loadavg.join(' ')}`,
  );
  const wall = lastWallRun();
  for (const streams of SIZES) {
    const ids = cameraIds.slice(0, streams);
    const loadavgBefore = machine().loadavg;
    const alone = await encoderAlone(BENCH_STREAMS[profileFor(streams)], plans[0]!.main.pattern ?? 'smpte');
    const encoder = {
      loadavgBefore,
      encoder: summary(alone.encoderMs),
      payloader: summary(alone.payloaderMs),
    };
    const rtp = await arm(rtsp, ids, 'rtp', dir);
    const copy = await arm(rtsp, ids, 'copy', dir);
    const url = rtsp.urlFor(`${ids[0]}/${profileFor(streams)}`);
    const copyInside = await insideFfmpeg(url, BENCH_STREAMS[profileFor(streams)], 'copy', dir);
    const decode = await arm(rtsp, ids, 'decode', dir);
    const decodeInside = await insideFfmpeg(url, BENCH_STREAMS[profileFor(streams)], 'decode', dir);
    const wallMedian = wall?.medians.get(streams) ?? null;
    const row = {
      streams,
      profile: copy.profile,
      simulatorAlone: encoder,
      rtp,
      copy,
      copyInsideFfmpeg: copyInside,
      decode,
      decodeInsideFfmpeg: decodeInside,
      decodeMinusCopyMs: round(decode.median! - copy.median!),
      targetMs: TARGET_MS[streams] ?? null,
      wallMedianMs: wallMedian,
      wallToFloor: wallMedian !== null && decode.median ? round(wallMedian / decode.median, 2) : null,
      wallMinusFloorMs: wallMedian !== null && decode.median !== null ? round(wallMedian - decode.median) : null,
      wallMinusRtpMs: wallMedian !== null && rtp.median !== null ? round(wallMedian - rtp.median) : null,
    };
    rows.push(row);
    const show = (a: typeof copy) =>
      `median ${a.median} ms (p95 ${a.p95}, n ${a.n}, unreadable ${a.unreadable}+${a.implausible}, ` +
      `min fps ${a.minFps}, load ${a.loadavgBefore[0]}→${a.loadavgAfter[0]})${a.note ? ` [${a.note}]` : ''}`;
    console.log(
      `${String(streams).padStart(2)} stream(s) ${row.profile}: camera simulator alone (1 pipeline, clock → RTP ` +
        `payloader) median ${encoder.payloader.median} ms (p95 ${encoder.payloader.p95}; x264 out ` +
        `${encoder.encoder.median}), load ${loadavgBefore[0]}`,
    );
    const pad = ' '.repeat(13 + row.profile.length);
    console.log(`${pad}RTP→Node (no ffmpeg) ${show(rtp)}`);
    console.log(`${pad}copy→Node ${show(copy)}`);
    console.log(
      `${pad}  inside (1 stream, -debug_ts, medians): demuxer → muxer ${copyInside.demuxToMuxMs.median} ms, ` +
        `muxer → fragment whole in Node ${copyInside.muxToNodeMs.median} ms (fMP4 writes frame k when k+1 comes)`,
    );
    console.log(`${pad}decode→Node ${show(decode)}`);
    console.log(
      `${pad}  inside (1 stream, -debug_ts, medians): demuxer → decoded ${decodeInside.demuxToDecodedMs?.median} ms, ` +
        `decoded → muxer ${decodeInside.decodedToMuxMs?.median} ms, muxer → frame whole in Node ` +
        `${decodeInside.muxToNodeMs.median} ms`,
    );
    const unread = [rtp, copy, decode].flatMap((a) => a.examples);
    if (unread.length) console.log(`   unread examples: ${unread.join(' ')}`);
    console.log(
      wallMedian !== null
        ? `   wall (last wall-latency.json, ${wall!.at}, load ${wall!.loadavg.join(' ')}): median ${wallMedian} ms = ` +
            `decode floor ×${row.wallToFloor} (+${row.wallMinusFloorMs} ms; RTP +${row.wallMinusRtpMs} ms); target ≤ ${row.targetMs ?? '—'} ms`
        : `   no wall figure for ${streams} tile(s) in bench-results/wall-latency.json; target ≤ ${row.targetMs ?? '—'} ms`,
    );
  }
} finally {
  await rtsp.dispose();
  rmSync(dir, { recursive: true, force: true });
}

writeResult('wall-latency-floor', {
  ...machine(),
  method:
    'No browser. The wall benches’ GStreamer RTSP feeds; ffmpeg with the supervisor’s input flags (buildIngestArgs, ' +
    'ffconcat list). copy: -c:v copy → per-frame fMP4 → the supervisor’s splitter in Node, host time = fragment ' +
    'whole in Node, picture decoded afterwards from the kept GOP (frame k = fragment k). decode: rawvideo yuv420p ' +
    'on a pipe, host time = last byte of the frame in Node. Clock crop as the wall bench (42 % × 16 %, scaled to ' +
    '≥ 72 px), tesseract --psm 7 digits; latency = host time − burnt-in capture time (UTC+7). N streams = N ffmpeg, ' +
    'only the first read. wallToFloor uses the last bench-results/wall-latency.json (another run).',
  streams: BENCH_STREAMS,
  samplesPerArm: SAMPLES,
  sampleSeconds: SAMPLE_SECONDS,
  warmupSeconds: WARMUP_SECONDS,
  rows,
});
