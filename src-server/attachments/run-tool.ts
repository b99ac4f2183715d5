import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number | null;
  stdout: string;
  /** The last few KiB of stderr: ffmpeg can print a line per damaged packet. */
  stderr: string;
  timedOut: boolean;
}

const MAX_STDOUT = 1024 * 1024;
const MAX_STDERR = 8 * 1024;

export const FFMPEG = () => process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = () => process.env.FFPROBE_PATH || 'ffprobe';

/**
 * Runs ffmpeg or ffprobe: no shell, no stdin, the argv built only from our own constants and temp-file paths,
 * killed after `timeoutMs`. Output is bounded. Callers pass `-protocol_whitelist file` and a forced demuxer.
 */
export function runTool(binary: string, args: readonly string[], timeoutMs: number): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_STDOUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_STDERR);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
