import { connect } from 'node:net';

/** Where a camera's RTSP server listens; only host and port, never the URL with its credentials. */
export interface ProbeTarget {
  host: string;
  port: number;
}

/** Resolves true when something accepts a TCP connection at `target` within `timeoutMs`; never rejects. */
export type ReadinessProbe = (target: ProbeTarget, timeoutMs: number) => Promise<boolean>;

const DEFAULT_PORTS: Record<string, number> = { 'rtsp:': 554, 'rtsps:': 322 };

export function probeTargetOf(url: string): ProbeTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const fallback = DEFAULT_PORTS[parsed.protocol];
  if (fallback === undefined || parsed.hostname === '') return null;
  // URL keeps IPv6 literals in brackets; net.connect wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port === '' ? fallback : Number(parsed.port) };
}

/** A TCP connect that is closed as soon as it succeeds: cheap for the camera, no RTSP request at all. */
export const tcpAccepts: ReadinessProbe = (target, timeoutMs) =>
  new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const done = (accepted: boolean) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(accepted);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

export interface ReturnWatchOptions {
  target: ProbeTarget;
  probe: ReadinessProbe;
  /** How long the backoff being watched lasts: probes are spaced so that at most PROBES_PER_WAIT fit in it. */
  waitMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  /** The failed attempt already showed the port refusing (ffmpeg: "Connection refused"). */
  downAlready: boolean;
  /** Probing is skipped while this is false (nobody watches the stream). */
  watched(): boolean;
  /** The port accepts again after having refused: called at most once. */
  onReturn(): void;
  random?: () => number;
}

export interface ReturnWatch {
  /** The latest probe found the port refusing: starting ffmpeg now would only fail. */
  portClosed(): boolean;
  stop(): void;
}

/**
 * At most this many probes per backoff wait: every half second through the first, short waits (where a restarted
 * camera usually returns), one every few seconds for a camera down for hours.
 */
export const PROBES_PER_WAIT = 24;

/** The spacing of probes during a backoff of `waitMs`, before jitter. */
export function probeInterval(waitMs: number, minIntervalMs: number, maxIntervalMs: number): number {
  return Math.min(maxIntervalMs, Math.max(minIntervalMs, waitMs / PROBES_PER_WAIT));
}

/**
 * Watches a camera's RTSP port while its stream waits out a backoff, so a camera (or RTSP server) that comes
 * back is retried at once instead of after the rest of a jittered wait, and one still away is not handed to a
 * new ffmpeg at the end of the wait (see portClosed). Only a change from refusing to
 * accepting counts: a port that accepts all along (wrong path, a server that answers errors) keeps the backoff,
 * or the probe would turn every backoff into a tight retry loop. One probe at a time, jittered spacing.
 */
export function watchForReturn(options: ReturnWatchOptions): ReturnWatch {
  const random = options.random ?? Math.random;
  const interval = probeInterval(options.waitMs, options.minIntervalMs, options.maxIntervalMs);
  let seenDown = options.downAlready;
  let lastAnswer: boolean | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), Math.round(interval * (0.8 + 0.4 * random())));
    timer.unref();
  };

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    if (!options.watched()) return schedule();
    const accepted = await options.probe(options.target, Math.min(interval, 2000));
    if (stopped) return;
    lastAnswer = accepted;
    if (!accepted) seenDown = true;
    else if (seenDown) {
      stopped = true;
      return options.onReturn();
    }
    schedule();
  }

  schedule();
  return {
    portClosed: () => lastAnswer === false,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
