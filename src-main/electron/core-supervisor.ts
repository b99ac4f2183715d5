import { coreArgs } from './core-launch';
import { parseCoreMessage } from './core-message';
import { type BackoffOptions, DEFAULT_CORE_BACKOFF, restartDelayMs } from './restart-backoff';

/** What the supervisor needs from a running core; the Electron adapter wraps a UtilityProcess in this. */
export interface CoreChild {
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export type CoreStatus =
  | { readonly state: 'starting'; readonly attempt: number; readonly port: number }
  | { readonly state: 'ready'; readonly url: string; readonly urlChanged: boolean }
  | { readonly state: 'restarting'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly state: 'stopped' };

/** Schedules `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface CoreSupervisorOptions {
  readonly spawn: (args: string[]) => CoreChild;
  readonly onStatus: (status: CoreStatus) => void;
  readonly schedule?: Schedule;
  /** A core that has not said 'ready' by then is killed and restarted. */
  readonly readyTimeoutMs?: number;
  /** After running this long without trouble, the backoff starts again from its first step. */
  readonly stableAfterMs?: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

export interface CoreSupervisor {
  start(): void;
  /** The core's URL once it is ready; waits through restarts, rejects after `timeoutMs` or on dispose. */
  whenReady(timeoutMs: number): Promise<string>;
  status(): CoreStatus;
  dispose(): void;
}

interface Waiter {
  resolve(url: string): void;
  reject(error: Error): void;
  cancelTimeout(): void;
}

const defaultSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

const noop = (): void => undefined;

/**
 * Keeps one core process alive: starts it, waits for its validated 'ready' message, and on exit, 'fatal' or
 * a ready timeout kills it and starts a new one after a backoff. A restart first asks for the previous port
 * so pages already loaded (whose CSP names that port) can simply reconnect; if that attempt fails before
 * ready, the next one takes any free port and the status reports `urlChanged`.
 */
export function createCoreSupervisor(options: CoreSupervisorOptions): CoreSupervisor {
  const schedule = options.schedule ?? defaultSchedule;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const backoff = options.backoff ?? DEFAULT_CORE_BACKOFF;

  let current: CoreStatus = { state: 'stopped' };
  let started = false;
  let disposed = false;
  // Bumped whenever a child is abandoned, so late events from it are ignored.
  let generation = 0;
  let child: CoreChild | null = null;
  let failures = 0;
  let preferredPort = 0;
  let lastUrl: string | null = null;
  let readyThisGeneration = false;
  let cancelReadyTimer = noop;
  let cancelStableTimer = noop;
  let cancelRestartTimer = noop;
  const waiters = new Set<Waiter>();

  const setStatus = (status: CoreStatus): void => {
    current = status;
    options.onStatus(status);
  };

  const stopChild = (): void => {
    generation += 1;
    cancelReadyTimer();
    cancelStableTimer();
    cancelReadyTimer = noop;
    cancelStableTimer = noop;
    const old = child;
    child = null;
    if (old !== null) {
      try {
        old.kill();
      } catch {
        // Already gone: nothing to clean up.
      }
    }
  };

  const fail = (reason: string): void => {
    if (disposed) return;
    if (!readyThisGeneration) preferredPort = 0;
    stopChild();
    const delayMs = restartDelayMs(failures, backoff, options.random);
    failures += 1;
    setStatus({ state: 'restarting', attempt: failures, delayMs, reason });
    cancelRestartTimer = schedule(() => {
      cancelRestartTimer = noop;
      launch();
    }, delayMs);
  };

  const onReady = (url: string): void => {
    cancelReadyTimer();
    cancelReadyTimer = noop;
    readyThisGeneration = true;
    const urlChanged = lastUrl !== null && lastUrl !== url;
    lastUrl = url;
    preferredPort = Number(new URL(url).port);
    cancelStableTimer = schedule(() => {
      failures = 0;
    }, stableAfterMs);
    setStatus({ state: 'ready', url, urlChanged });
    for (const waiter of [...waiters]) {
      waiter.cancelTimeout();
      waiter.resolve(url);
    }
    waiters.clear();
  };

  const launch = (): void => {
    if (disposed) return;
    generation += 1;
    const mine = generation;
    readyThisGeneration = false;
    const port = preferredPort;
    setStatus({ state: 'starting', attempt: failures, port });
    let spawned: CoreChild;
    try {
      spawned = options.spawn(coreArgs(port));
    } catch (error) {
      fail(`spawn failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    child = spawned;
    spawned.onMessage((raw) => {
      if (mine !== generation) return;
      const message = parseCoreMessage(raw);
      if (message === null) return;
      if (message.type === 'fatal') fail(`fatal: ${message.message}`);
      else if (!readyThisGeneration) onReady(message.url);
    });
    spawned.onExit((code) => {
      if (mine !== generation) return;
      fail(`exited with code ${code}`);
    });
    cancelReadyTimer = schedule(() => {
      if (mine === generation) fail(`no ready message within ${readyTimeoutMs} ms`);
    }, readyTimeoutMs);
  };

  return {
    start() {
      if (started || disposed) return;
      started = true;
      launch();
    },
    whenReady(timeoutMs) {
      if (disposed) return Promise.reject(new Error('core supervisor is stopped'));
      if (current.state === 'ready') return Promise.resolve(current.url);
      return new Promise<string>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          cancelTimeout: schedule(() => {
            waiters.delete(waiter);
            reject(new Error(`core not ready after ${timeoutMs} ms`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    status: () => current,
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelRestartTimer();
      stopChild();
      for (const waiter of waiters) {
        waiter.cancelTimeout();
        waiter.reject(new Error('core supervisor is stopped'));
      }
      waiters.clear();
      setStatus({ state: 'stopped' });
    },
  };
}
