import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (no such file, not executable). */
  spawnError: Error | null;
}

export interface FfmpegRun {
  readonly pid: number | null;
  /** Resolves once the process has exited and been reaped, and its pipes are drained. */
  readonly exited: Promise<FfmpegExit>;
  /** SIGTERM, then SIGKILL after `graceMs` (DESIGN.md §5); resolves when the process is gone. */
  stop(graceMs: number): Promise<void>;
}

export interface FfmpegRunOptions {
  path: string;
  args: readonly string[];
  onStdout(chunk: Buffer): void;
  onStderrLine(line: string): void;
}

const MAX_LINE = 2000;

/** The child's environment: ours without FFREPORT, which would write the full command line to a file. */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (key.toUpperCase() !== 'FFREPORT') copy[key] = value;
  return copy;
}

export function runFfmpeg(options: FfmpegRunOptions): FfmpegRun {
  let child: ChildProcess;
  try {
    child = spawn(options.path, [...options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv(),
      windowsHide: true,
    });
  } catch (error) {
    const spawnError = error instanceof Error ? error : new Error(String(error));
    return { pid: null, exited: Promise.resolve({ code: null, signal: null, spawnError }), stop: async () => {} };
  }

  let spawnError: Error | null = null;
  const exited = new Promise<FfmpegExit>((resolve) => {
    // 'close' comes after 'exit' and after both pipes ended: nothing of the run is left to read.
    child.once('close', (code, signal) => resolve({ code, signal, spawnError }));
    child.once('error', (error) => {
      spawnError = error;
      // A process that never started emits no 'close' on every Node version.
      if (child.pid === undefined) resolve({ code: null, signal: null, spawnError });
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => options.onStdout(chunk));
  if (child.stderr) {
    const lines = createInterface({ input: child.stderr, crlfDelay: Infinity });
    lines.on('line', (line) => options.onStderrLine(line.length > MAX_LINE ? line.slice(0, MAX_LINE) + '…' : line));
  }

  const gone = () => child.exitCode !== null || child.signalCode !== null || child.pid === undefined;

  return {
    pid: child.pid ?? null,
    exited,
    async stop(graceMs) {
      if (!gone()) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const escalate = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (!gone()) child.kill('SIGKILL');
          resolve();
        }, graceMs);
      });
      await Promise.race([exited, escalate]);
      await exited;
      clearTimeout(timer);
    },
  };
}
