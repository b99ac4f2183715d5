// In-process H.264 → per-frame fMP4 muxing (src-main/services/streams/fmp4/): CPU µs per frame for 360p and
// 1080p libx264 streams, against two arms of the same run: the copy floor (the same access units, length-prefixed
// into one buffer each, which any muxer must do) and ffmpeg's `-c copy` to per-frame fMP4 of the same stream
// (CPU from ffmpeg's -benchmark, start-up cost removed by differencing a 1× and an N× long input). Arms are
// interleaved over IOC_BENCH_ROUNDS rounds because the machine is shared; the medians are compared. Results in bench-results/fmp4-mux.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFmp4Muxer } from '../../src-main/services/streams/fmp4';
import { encodeTestStream, type TestStream } from '../../src-main/services/streams/fmp4/h264-test-stream';

const ROUNDS = Number(process.env.IOC_BENCH_ROUNDS ?? 3);
const PASSES = Number(process.env.IOC_BENCH_PASSES ?? 40);
const FFMPEG_REPEATS = 20;
const FRAMES = 75;

const round2 = (n: number) => Math.round(n * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * CPU µs (user + system) of this process spent in fn, after one untimed call: the arm that follows ffmpeg's
 * otherwise pays for the process spawn's aftermath (measured: 20× its steady cost).
 */
function cpuMicros(fn: () => void): number {
  fn();
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

function muxArm(stream: TestStream): number {
  let sink = 0;
  const cpu = cpuMicros(() => {
    for (let pass = 0; pass < PASSES; pass++) {
      const muxer = createFmp4Muxer(stream.params);
      for (const au of stream.units) sink += muxer.fragment(au).length;
    }
  });
  if (sink === 0) throw new Error('Nothing was muxed.');
  return cpu / (PASSES * stream.units.length);
}

function floorArm(stream: TestStream): number {
  let sink = 0;
  const cpu = cpuMicros(() => {
    for (let pass = 0; pass < PASSES; pass++) {
      for (const au of stream.units) {
        let size = 0;
        for (const nal of au.nalus) size += 4 + nal.length;
        const out = Buffer.allocUnsafe(size);
        let at = 0;
        for (const nal of au.nalus) {
          out.writeUInt32BE(nal.length, at);
          at += 4 + nal.copy(out, at + 4);
        }
        sink += out.length;
      }
    }
  });
  if (sink === 0) throw new Error('Nothing was copied.');
  return cpu / (PASSES * stream.units.length);
}

/** ffmpeg's user + system CPU µs for `-c copy` to per-frame fMP4 of a file, from its -benchmark line. */
function ffmpegCpu(path: string): number {
  const run = spawnSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostats', '-benchmark', '-f', 'h264', '-i', path, '-c:v', 'copy', '-f', 'mp4'],
      ...['-movflags', 'frag_every_frame+empty_moov+default_base_moof', '-y', '/dev/null'],
    ],
    { encoding: 'utf8' },
  );
  const match = /utime=([\d.]+)s stime=([\d.]+)s/.exec(run.stderr);
  if (run.status !== 0 || !match) throw new Error(`ffmpeg failed or gave no -benchmark line:\n${run.stderr}`);
  return (Number(match[1]) + Number(match[2])) * 1e6;
}

function ffmpegArm(one: string, many: string): number {
  return (ffmpegCpu(many) - ffmpegCpu(one)) / ((FFMPEG_REPEATS - 1) * FRAMES);
}

const dir = mkdtempSync(join(tmpdir(), 'fmp4-bench-'));
try {
  const specs = [
    { name: '360p', size: '640x360', x264: [], frames: FRAMES, fps: 25 },
    { name: '1080p', size: '1920x1080', x264: ['-profile:v', 'high'], frames: FRAMES, fps: 25 },
  ];
  const results: Record<string, unknown>[] = [];
  for (const spec of specs) {
    const stream = encodeTestStream(dir, spec);
    const many = join(dir, `${spec.name}-x${FFMPEG_REPEATS}.h264`);
    writeFileSync(many, Buffer.concat(Array.from({ length: FFMPEG_REPEATS }, () => readFileSync(stream.path))));
    const bytesPerFrame = readFileSync(stream.path).length / stream.units.length;
    const load = { before: loadAverage(), after: '' };
    const rounds = { mux: [] as number[], floor: [] as number[], ffmpeg: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const arms = [
        () => rounds.mux.push(muxArm(stream)),
        () => rounds.floor.push(floorArm(stream)),
        () => rounds.ffmpeg.push(ffmpegArm(stream.path, many)),
      ];
      for (const arm of round % 2 === 0 ? arms : arms.reverse()) arm();
    }
    load.after = loadAverage();
    const per = { mux: median(rounds.mux), floor: median(rounds.floor), ffmpeg: median(rounds.ffmpeg) };
    const result = {
      stream: spec.name,
      bytesPerFrame: Math.round(bytesPerFrame),
      muxUsPerFrame: round2(per.mux),
      copyFloorUsPerFrame: round2(per.floor),
      ffmpegCopyUsPerFrame: round2(per.ffmpeg),
      muxOverFloor: round2(per.mux / per.floor),
      muxOverFfmpeg: round2(per.mux / per.ffmpeg),
      rounds: Object.fromEntries(Object.entries(rounds).map(([arm, values]) => [arm, values.map(round2)])),
      loadAverage: load,
    };
    results.push(result);
    console.log(JSON.stringify(result));
  }
  const out = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'fmp4-mux.json'), JSON.stringify({ rounds: ROUNDS, passes: PASSES, results }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
