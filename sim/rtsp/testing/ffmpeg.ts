// Real ffmpeg/ffprobe clients for the RTSP feed tests. Loopback URLs only; never credentials in argv.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { stopChild } from '../child-process';

const RTSP_INPUT = ['-rtsp_transport', 'tcp', '-timeout', '5000000'];

const probeSchema = z.object({
  streams: z.array(
    z.object({
      codec_name: z.string(),
      width: z.number(),
      height: z.number(),
      r_frame_rate: z.string(),
      profile: z.string().optional(),
    }),
  ),
});
export type ProbedStream = z.infer<typeof probeSchema>['streams'][number];

export function ffprobe(url: string): Promise<ProbedStream> {
  const args = ['-v', 'error', ...RTSP_INPUT, '-show_entries', 'stream=codec_name,width,height,r_frame_rate,profile'];
  return new Promise((resolve, reject) => {
    execFile('ffprobe', [...args, '-of', 'json', url], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`ffprobe ${url}: ${stderr || error.message}`));
      const stream = probeSchema.parse(JSON.parse(stdout)).streams[0];
      if (stream) resolve(stream);
      else reject(new Error(`ffprobe ${url}: no stream`));
    });
  });
}

const countedSchema = z.object({
  streams: z.array(
    z.object({ codec_name: z.string(), width: z.number(), height: z.number(), nb_read_frames: z.string() }),
  ),
});

export interface CountedFrames {
  codec: string;
  width: number;
  height: number;
  /** Frames ffprobe read (-count_frames decodes every one). */
  frames: number;
}

/** The first video stream of a file (fMP4, raw H.264, …) as ffprobe sees it: codec, size and frame count. */
export function probeFrames(file: string): CountedFrames {
  const stdout = execFileSync(
    'ffprobe',
    [
      ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'json', file],
    ],
    { encoding: 'utf8' },
  );
  const stream = countedSchema.parse(JSON.parse(stdout)).streams[0];
  if (!stream) throw new Error(`ffprobe ${file}: no video stream`);
  return {
    codec: stream.codec_name,
    width: stream.width,
    height: stream.height,
    frames: Number(stream.nb_read_frames),
  };
}

export interface FrameOrder {
  /** Presentation times of the packets in the order they arrived (decode order); null when unknown. */
  packetPts: (number | null)[];
  /** Picture types (I, P, B) of the decoded frames, in presentation order. */
  pictureTypes: string[];
}

// With both -show_packets and -show_frames, ffprobe lists them together in arrival order.
const frameOrderSchema = z.object({
  packets_and_frames: z.array(
    z.object({ type: z.string(), pts: z.number().optional(), pict_type: z.string().optional() }),
  ),
});

/** Packets and frames of the first `seconds` of a live stream: how a B-frame stream shows itself. */
export function probeFrameOrder(url: string, seconds: number): Promise<FrameOrder> {
  const args = ['-v', 'error', ...RTSP_INPUT, '-read_intervals', `%+${seconds}`, '-show_packets', '-show_frames'];
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      [...args, '-show_entries', 'packet=pts:frame=pict_type', '-of', 'json', url],
      { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`ffprobe ${url}: ${stderr || error.message}`));
        const entries = frameOrderSchema.parse(JSON.parse(stdout)).packets_and_frames;
        resolve({
          packetPts: entries.flatMap((e) => (e.type === 'packet' ? [e.pts ?? null] : [])),
          pictureTypes: entries.flatMap((e) => (e.type === 'frame' && e.pict_type ? [e.pict_type] : [])),
        });
      },
    );
  });
}

export interface Crop {
  width: number;
  height: number;
  x: number;
  y: number;
}

/** Decodes `count` frames from the live edge and returns the given region of each as 8-bit grey pixels. */
export function grabGray(url: string, count: number, crop: Crop): Promise<Buffer[]> {
  const filter = `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y},format=gray`;
  const args = ['-nostdin', '-v', 'error', ...RTSP_INPUT, '-i', url, '-an', '-vf', filter];
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      [...args, '-frames:v', String(count), '-f', 'rawvideo', 'pipe:1'],
      { encoding: 'buffer', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`ffmpeg ${url}: ${stderr.toString() || error.message}`));
        const size = crop.width * crop.height;
        const frames: Buffer[] = [];
        for (let at = 0; at + size <= stdout.length; at += size) frames.push(stdout.subarray(at, at + size));
        resolve(frames);
      },
    );
  });
}

/** Mean absolute difference of two grey images, 0…255. */
export function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

export interface RunningClient {
  /** Frames this client has received so far (ffmpeg's own progress count). */
  frames(): number;
  /** ffmpeg's exit code once it has ended (0 also when the server closed the stream). */
  exitCode(): Promise<number | null>;
  waitForFrames(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** A viewer that pulls the stream without decoding (`-c copy` to null), like the stream supervisor does. */
export function startCopyClient(url: string): RunningClient {
  const child = spawn(
    'ffmpeg',
    ['-nostdin', '-v', 'error', ...RTSP_INPUT, '-i', url, '-an', '-c:v', 'copy'].concat([
      '-f',
      'null',
      '-progress',
      'pipe:1',
      '-stats_period',
      '0.2',
      '-',
    ]),
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let frames = 0;
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const match = /^frame=(\d+)/.exec(line);
    if (!match) return;
    frames = Number(match[1]);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    frames: () => frames,
    exitCode: () => exited,
    waitForFrames(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${url}: ${frames} frames after ${timeoutMs} ms, wanted ${count}`));
        }, timeoutMs);
        const check = () => {
          if (frames < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    stop: () => stopChild(child),
  };
}
