import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RtspAuthMethod, RtspFeedsMode, RtspMount } from './config';
import { lineTail, stopChild } from './child-process';

export const RTSP_SERVER_SCRIPT = join(import.meta.dirname, 'rtsp_server.py');
/** Debian's interpreter: the one that can import GStreamer's GObject bindings (a pyenv `python3` cannot). */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** GStreamer, its RTSP server bindings or an encoder is missing: the caller can go on without video. */
export class RtspUnavailableError extends Error {}

export interface FeedsProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Encoders (shared media) started per mount since this process started. */
  readonly mediaStarts: Map<string, number>;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  python: string;
  mounts: readonly RtspMount[];
  port: number;
  authMethod: RtspAuthMethod;
  /** Default: one encoder per mount, nice 0. */
  mode?: RtspFeedsMode;
  readyTimeoutMs: number;
  log?: (line: string) => void;
}

/**
 * Starts rtsp_server.py and resolves once it prints `RTSP_READY <port>`. The config (with any credentials) goes
 * through stdin, never argv; stdin stays open so the server also exits if this process dies without stopping it.
 */
export function launchFeeds(options: LaunchOptions): Promise<FeedsProcess> {
  const child = spawn(options.python, [RTSP_SERVER_SCRIPT, '--watch-stdin'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const mediaStarts = new Map<string, number>();
  const stderr = lineTail(20);
  let errorLine: string | null = null;
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    options.log?.(line);
  });
  const config = {
    port: options.port,
    host: '127.0.0.1',
    authMethod: options.authMethod,
    mounts: options.mounts,
    ...options.mode,
  };
  child.stdin.on('error', () => undefined); // EPIPE when the server died at start; reported by 'exit'.
  child.stdin.write(JSON.stringify(config) + '\n');

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child).then(() => reject(error));
    };
    const timer = setTimeout(
      () => fail(new Error(`RTSP server not ready after ${options.readyTimeoutMs} ms.\n${stderr.text()}`)),
      options.readyTimeoutMs,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, ...rest] = line.split(' ');
      const value = rest.join(' ');
      if (word === 'RTSP_MEDIA') mediaStarts.set(value, (mediaStarts.get(value) ?? 0) + 1);
      else if (word === 'RTSP_ERROR') errorLine = value;
      else if (word === 'RTSP_READY' && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, port: Number(value), mediaStarts, stop: () => stopChild(child) });
      } else options.log?.(line);
    });
    child.once('error', (error) => fail(new RtspUnavailableError(`Cannot run ${options.python}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (settled) {
        options.log?.(`rtsp_server.py exited (${code ?? signal})`);
        return;
      }
      const reason = errorLine ?? (stderr.text() || `exit code ${code}`);
      fail(code === 3 ? new RtspUnavailableError(reason) : new Error(`RTSP server failed: ${reason}`));
    });
  });
}
