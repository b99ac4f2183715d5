import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const WIDTH = 320;
const HEIGHT = 180;
/** Committed beside the captures (rendered once with the same ffmpeg command) for machines without ffmpeg. */
const FALLBACK = `snapshot-${WIDTH}x${HEIGHT}.jpg`;
const RENDER_TIMEOUT_MS = 10_000;

let rendered: Promise<Buffer | null> | null = null;

/** One frame of ffmpeg's `testsrc` as JPEG; null when ffmpeg is missing or fails. */
function renderWithFfmpeg(): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const ffmpeg = process.env.FFMPEG_PATH || 'ffmpeg';
    const args = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=${WIDTH}x${HEIGHT}:rate=1`];
    args.push('-frames:v', '1', '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg', '-');
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), RENDER_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const jpeg = Buffer.concat(chunks);
      resolve(code === 0 && isJpeg(jpeg) ? jpeg : null);
    });
  });
}

export function isJpeg(data: Buffer): boolean {
  return data.length > 4 && data[0] === 0xff && data[1] === 0xd8 && data.at(-2) === 0xff && data.at(-1) === 0xd9;
}

/** The snapshot every simulated camera serves: rendered once per process, from the committed file otherwise. */
export async function snapshotJpeg(fixturesDir: string): Promise<Buffer> {
  rendered ??= renderWithFfmpeg();
  const jpeg = await rendered;
  return jpeg ?? readFile(join(fixturesDir, FALLBACK));
}
