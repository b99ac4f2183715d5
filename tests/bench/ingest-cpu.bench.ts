// Ingest CPU: N live streams through our supervisor (ffmpeg copy → fMP4, split and fanned out in Node) against
// the copy floor (plain `ffmpeg -c copy -f null -`) and the usual Node approach (MPEG-1 for JSMpeg, as
// rtsp-relay and node-rtsp-stream do), on the same RTSP feeds in the same run. CPU seconds come from
// /proc/<pid>/stat of every ffmpeg plus this process. Run with `npm run bench`; results in
// bench-results/ingest-cpu.json. Targets (issue 4, reported, not asserted): ≤ 1.5× the floor, ≤ 1/8 of JSMpeg.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { redact } from '../../src-shared/domain/redact';
import { createStreamsService } from '../../src-main/services/streams';
import { startRtspServer } from '../../sim/rtsp';
import { stopChild } from '../../sim/rtsp/child-process';
import { cpuSeconds } from '../../sim/rtsp/testing/proc';
import { children } from '../integration/streams-harness';

const STREAMS = Number(process.env.IOC_BENCH_STREAMS ?? 16);
const SECONDS = Number(process.env.IOC_BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.IOC_BENCH_WARMUP_SECONDS ?? 5);
const WIDTH = Number(process.env.IOC_BENCH_WIDTH ?? 640);
const HEIGHT = Number(process.env.IOC_BENCH_HEIGHT ?? 360);
const FPS = 25;
// One GStreamer encoder per mount whatever the number of clients; two mounts keep the feeds' own CPU small.
const MOUNTS = ['feed1', 'feed2'];

interface Arm {
  name: string;
  start(urls: string[]): Promise<{ delivered: () => string; stop: () => Promise<void> }>;
}

function machineBusyTicks(): { busy: number; total: number } {
  const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
  const fields = (line ?? '').split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function spawnAll(urls: string[], args: (url: string) => string[], readStdout: boolean) {
  let bytes = 0;
  const procs: ChildProcess[] = urls.map((url) => {
    const child = spawn('ffmpeg', args(url), { stdio: ['ignore', readStdout ? 'pipe' : 'ignore', 'ignore'] });
    child.stdout?.on('data', (chunk: Buffer) => (bytes += chunk.length));
    return child;
  });
  return {
    delivered: () => `${(bytes / 1e6).toFixed(1)} MB read from stdout`,
    stop: async () => void (await Promise.all(procs.map((p) => stopChild(p)))),
  };
}

const RTSP_IN = ['-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '5000000'];
const FMP4_FLAGS = ['-movflags', 'frag_every_frame+empty_moov+default_base_moof', '-flush_packets', '1'];

const arms: Arm[] = [
  {
    name: 'copy floor (ffmpeg -c copy -f null)',
    start: async (urls) =>
      spawnAll(urls, (url) => [...RTSP_IN, '-i', url, '-an', '-c', 'copy', '-f', 'null', '-'], false),
  },
  {
    // Not a target: separates what any Node relay pays to read a per-frame pipe from what our parsing adds.
    name: 'pipe floor (copy → fMP4 → Node, unparsed)',
    start: async (urls) =>
      spawnAll(
        urls,
        (url) => [...RTSP_IN, '-i', url, '-an', '-c:v', 'copy', '-f', 'mp4', ...FMP4_FLAGS, 'pipe:1'],
        true,
      ),
  },
  {
    name: 'our supervisor (copy → fMP4 → fan-out)',
    async start(urls) {
      const service = createStreamsService({
        resolveSource: async (cameraId) => ({
          url: urls[Number(cameraId)]!,
          username: '',
          password: '',
          codec: 'H264',
        }),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        redact,
      });
      let fragments = 0;
      let bytes = 0;
      // One viewer per stream that takes every fragment, as a socket or the recorder would.
      for (let i = 0; i < urls.length; i++) {
        await service.subscribe(String(i), 'main', {
          init() {},
          fragment(f) {
            fragments++;
            bytes += f.bytes.length;
          },
          backlog: () => 0,
          end() {},
        });
      }
      return {
        delivered: () => `${fragments} fragments, ${(bytes / 1e6).toFixed(1)} MB fanned out`,
        stop: () => service.dispose(),
      };
    },
  },
  {
    name: 'JSMpeg relay (mpeg1video 1000k → Node)',
    start: async (urls) =>
      spawnAll(
        urls,
        (url) => [...RTSP_IN, '-i', url, '-f', 'mpegts', '-codec:v', 'mpeg1video', '-b:v', '1000k', '-an', 'pipe:1'],
        true,
      ),
  },
];

async function measure(arm: Arm, urls: string[]) {
  const running = await arm.start(urls);
  try {
    await sleep(WARMUP_SECONDS * 1000);
    const pids = children().map((c) => c.pid);
    const before = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
    const ownBefore = process.cpuUsage();
    const machineBefore = machineBusyTicks();
    const startedAt = process.hrtime.bigint();
    await sleep(SECONDS * 1000);
    const wallSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const after = children().map((c) => c.pid);
    const childCpu = pids.reduce((sum, pid) => sum + (after.includes(pid) ? cpuSeconds(pid) - before.get(pid)! : 0), 0);
    const own = process.cpuUsage(ownBefore);
    const ownCpu = (own.user + own.system) / 1e6;
    const machineAfter = machineBusyTicks();
    const machineBusy =
      (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total);
    const total = childCpu + ownCpu;
    return {
      arm: arm.name,
      ffmpegProcesses: pids.length,
      // A process that restarted during the window would hide its CPU: say so instead.
      processesLostDuringWindow: pids.filter((pid) => !after.includes(pid)).length,
      wallSeconds: round(wallSeconds),
      ffmpegCpuSeconds: round(childCpu),
      nodeCpuSeconds: round(ownCpu),
      totalCpuSeconds: round(total),
      percentOfOneCore: round((total / wallSeconds) * 100),
      percentOfOneCorePerStream: round((total / wallSeconds / urls.length) * 100),
      machineBusyPercent: round(machineBusy * 100),
      delivered: running.delivered(),
    };
  } finally {
    await running.stop();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const server = await startRtspServer({
  mounts: MOUNTS.map((path, i) => ({
    path,
    width: WIDTH,
    height: HEIGHT,
    fps: FPS,
    bitrateKbps: 800,
    pattern: i === 0 ? ('ball' as const) : ('smpte' as const),
  })),
});
try {
  const urls = Array.from({ length: STREAMS }, (_, i) => server.urlFor(MOUNTS[i % MOUNTS.length]!));
  console.log(
    `ingest CPU: ${STREAMS} streams of ${WIDTH}x${HEIGHT}@${FPS} H.264, ${SECONDS} s per arm after ${WARMUP_SECONDS} s warm-up, ` +
      `${cpus().length} CPUs`,
  );
  const rows = [];
  for (const arm of arms) {
    const row = await measure(arm, urls);
    rows.push(row);
    console.log(
      `${row.arm.padEnd(42)} ${row.totalCpuSeconds.toFixed(2).padStart(7)} CPU s ` +
        `(ffmpeg ${row.ffmpegCpuSeconds.toFixed(2)}, node ${row.nodeCpuSeconds.toFixed(2)}) ` +
        `${row.percentOfOneCore.toFixed(1).padStart(6)}% of a core, machine ${row.machineBusyPercent.toFixed(0)}% busy; ` +
        row.delivered,
    );
  }
  type Row = (typeof rows)[number];
  const [floor, pipe, ours, jsmpeg] = rows as [Row, Row, Row, Row];
  const oursToFloor = ours.totalCpuSeconds / floor.totalCpuSeconds;
  const oursToJsmpeg = ours.totalCpuSeconds / jsmpeg.totalCpuSeconds;
  console.log(
    `ours / floor  = ×${oursToFloor.toFixed(2)} (target ≤ 1.5)   ours / JSMpeg = ${oursToJsmpeg.toFixed(3)} ` +
      `(1/${(1 / oursToJsmpeg).toFixed(1)}; target ≤ 1/8)   ours / pipe floor = ×${(ours.totalCpuSeconds / pipe.totalCpuSeconds).toFixed(2)}` +
      (jsmpeg.machineBusyPercent > 90 ? '  [JSMpeg arm saturated the machine: its figure is a lower bound]' : ''),
  );
  const dir = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  // Another feed size is another experiment: it gets its own file instead of replacing the default one.
  const out = join(dir, WIDTH === 640 && HEIGHT === 360 ? 'ingest-cpu.json' : `ingest-cpu-${WIDTH}x${HEIGHT}.json`);
  writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        streams: STREAMS,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        feed: { width: WIDTH, height: HEIGHT, fps: FPS, codec: 'h264', mounts: MOUNTS.length },
        cpus: cpus().length,
        rows,
        ratios: {
          oursToFloor: round(oursToFloor),
          oursToJsmpeg: round(oursToJsmpeg),
          oursToPipeFloor: round(ours.totalCpuSeconds / pipe.totalCpuSeconds),
          targets: { oursToFloorMax: 1.5, oursToJsmpegMax: 0.125 },
          metFloorTarget: oursToFloor <= 1.5,
          metJsmpegTarget: oursToJsmpeg <= 0.125,
        },
      },
      null,
      2,
    ),
  );
  console.log(`written ${out}`);
} finally {
  await server.dispose();
}
