import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  parseMounts,
  rtspFeedsModeSchema,
  rtspProbeSchema,
  type RtspAuthMethod,
  type RtspFeedsMode,
  type RtspFeedsModeInput,
  type RtspMount,
  type RtspMountInput,
  type RtspSupport,
} from './config';
import {
  DEFAULT_PYTHON,
  launchFeeds,
  RTSP_SERVER_SCRIPT,
  RtspUnavailableError,
  type FeedsProcess,
} from './feeds-process';

export {
  RTSP_PATTERNS,
  type RtspAuthMethod,
  type RtspFeedsMode,
  type RtspFeedsModeInput,
  type RtspMount,
  type RtspMountInput,
  type RtspSupport,
} from './config';
export { RtspUnavailableError } from './feeds-process';
export { rtspDescribe, type RtspReply } from './rtsp-describe';

export interface RtspServerOptions {
  mounts: readonly RtspMountInput[];
  /** 0 (default) picks a free port; `restart()` keeps whichever port was bound. */
  port?: number;
  /** Server-wide: GStreamer advertises one method for every protected mount. Default digest. */
  authMethod?: RtspAuthMethod;
  /** Shared encoders and/or a nice value (config.ts `rtspFeedsModeSchema`); default one encoder per mount, nice 0. */
  mode?: RtspFeedsModeInput;
  python?: string;
  readyTimeoutMs?: number;
  /** GStreamer's own messages (stderr); they carry no credentials. */
  log?: (line: string) => void;
}

export interface RtspServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly mounts: readonly RtspMount[];
  /** The Python process now serving, or null while restarting, after dispose or after it died. */
  pid(): number | null;
  /** `rtsp://127.0.0.1:<port>/<mount>` — never with credentials in it. */
  urlFor(mount: string): string;
  /**
   * Encoders started for this mount by the current process: one per mount however many clients (shared media).
   * With shared encoders, a group's encoder is counted on its first mount only.
   */
  mediaStarts(mount: string): number;
  /** The mode the current process runs in. */
  mode(): RtspFeedsMode;
  /**
   * Kills the server (every client sees the connection close) and starts it again on the same port, in `mode`
   * when given (what is not given keeps its current value), e.g. to compare per-mount and shared encoders.
   */
  restart(options?: { downMs?: number; mode?: RtspFeedsModeInput }): Promise<void>;
  dispose(): Promise<void>;
}

/** What this machine's GStreamer can serve; never throws. */
export function probeRtspSupport(python = DEFAULT_PYTHON): Promise<RtspSupport> {
  return new Promise((resolve) => {
    execFile(python, [RTSP_SERVER_SCRIPT, '--probe'], { timeout: 15_000 }, (error, stdout) => {
      const parsed = rtspProbeSchema.safeParse(safeJson(stdout));
      if (parsed.success) resolve(parsed.data);
      else resolve({ gstreamer: false, error: error?.message ?? 'no answer', h264: false, h265: false, missing: [] });
    });
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** GStreamer RTSP test feeds on 127.0.0.1 (DESIGN.md §8), owned by the caller until `dispose()`. */
export async function startRtspServer(options: RtspServerOptions): Promise<RtspServer> {
  const mounts = parseMounts(options.mounts);
  let mode = rtspFeedsModeSchema.parse(options.mode ?? {});
  const launch = (port: number) =>
    launchFeeds({
      python: options.python ?? DEFAULT_PYTHON,
      mounts,
      port,
      authMethod: options.authMethod ?? 'digest',
      mode,
      readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
      log: options.log,
    });
  let current: FeedsProcess | null = await launch(options.port ?? 0);
  const port = current.port;
  let disposed = false;
  let busy: Promise<void> = Promise.resolve();

  // The port was just ours: a retry covers the moment the old socket takes to go, not a port stolen for good.
  const relaunch = async (): Promise<FeedsProcess> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(port);
      } catch (error) {
        if (error instanceof RtspUnavailableError || attempt >= 10) throw error;
        await sleep(200);
      }
    }
  };

  const serial = (task: () => Promise<void>): Promise<void> => {
    const next = busy.then(task);
    busy = next.catch(() => undefined);
    return next;
  };

  return {
    host: '127.0.0.1',
    port,
    mounts,
    pid: () =>
      current && current.child.exitCode === null && current.child.signalCode === null
        ? (current.child.pid ?? null)
        : null,
    urlFor: (mount) => `rtsp://127.0.0.1:${port}/${mount.replace(/^\/+/, '')}`,
    mediaStarts: (mount) => current?.mediaStarts.get(mount.replace(/^\/+/, '')) ?? 0,
    mode: () => ({ ...mode }),
    restart: ({ downMs = 0, mode: next } = {}) =>
      serial(async () => {
        if (disposed) throw new Error('RTSP server already disposed.');
        if (next) {
          const given = Object.entries(next).filter(([, value]) => value !== undefined);
          mode = rtspFeedsModeSchema.parse({ ...mode, ...Object.fromEntries(given) });
        }
        const old = current;
        current = null;
        await old?.stop();
        if (downMs > 0) await sleep(downMs);
        if (disposed) return;
        current = await relaunch();
      }),
    dispose: () => {
      disposed = true;
      return serial(async () => {
        const old = current;
        current = null;
        await old?.stop();
      });
    },
  };
}
