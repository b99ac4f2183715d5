import type { SyncState } from './status';
import { retryDelay } from './backoff';
import { isTransient, SyncFailure, type SyncFailureKind } from './failure';
import type { SyncSteps } from './steps';

export interface LoopTiming {
  /** First retry after a failure; doubles with full jitter up to the cap. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** When the server refuses this version or revoked the device: ask again this rarely. */
  slowRetryMs: number;
  /** Long-poll: how long a live pull waits for changes. */
  pullWaitS: number;
}

export const DEFAULT_LOOP_TIMING: LoopTiming = {
  backoffBaseMs: 500,
  backoffCapMs: 30_000,
  slowRetryMs: 10 * 60_000,
  pullWaitS: 25,
};

/** Failures of an audit push that say nothing about the rest of sync. */
const AUDIT_ONLY_FAILURES = new Set<SyncFailureKind>(['invalid', 'bad_reply', 'server_error']);

export interface LoopEvents {
  /** The server answered (connected) or could not be reached. */
  onReachable(connected: boolean): void;
  onState(state: SyncState, error: SyncFailure | null): void;
  onCasesChanged(caseIds: readonly string[], source: 'sync' | 'resync'): void;
  onOutboxChanged(): void;
  onUnexpected(error: unknown): void;
}

/**
 * The one sync worker: push everything unanswered, then pull pages until up to date, then wait on a live
 * long-poll. A local command wakes it at once (the live pull is aborted; a backoff sleep ends). Failures back off
 * with jitter; nothing runs twice at a time, so a push and a pull never race over the same rows.
 */
export function createSyncLoop(steps: SyncSteps, events: LoopEvents, timing: LoopTiming = DEFAULT_LOOP_TIMING) {
  let stopped = false;
  let current: AbortController | null = null;
  let live = false;
  let wake: (() => void) | null = null;
  let kicked = false;
  let running: Promise<void> | null = null;

  function sleep(ms: number): Promise<void> {
    if (kicked || stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  /**
   * Audit rows go after the commands, each round: new rows wait at most one long-poll (they are safe in SQLite
   * already), so recording one never cuts a live pull short. A batch the server refuses or cannot take (invalid,
   * an odd reply, a server without the audit endpoint) is reported and retried next round; it must not hold up
   * the cases. Losing the server or the device's rights stops the round as any other step does.
   */
  async function pushAudit(signal: AbortSignal): Promise<void> {
    try {
      while (!stopped && (await steps.pushAudit(signal)) !== null) events.onReachable(true);
    } catch (error) {
      if (error instanceof SyncFailure && AUDIT_ONLY_FAILURES.has(error.kind)) events.onUnexpected(error);
      else throw error;
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    let upToDate = false;
    while (!stopped) {
      kicked = false;
      const ac = new AbortController();
      current = ac;
      try {
        await steps.ensureEnrolled(ac.signal);
        let batch;
        while (!stopped && (batch = await steps.pushBatch(ac.signal)) !== null) {
          events.onReachable(true);
          events.onOutboxChanged();
          if (batch.caseIds.length > 0) events.onCasesChanged(batch.caseIds, 'sync');
        }
        if (stopped) break;
        await pushAudit(ac.signal);
        if (stopped) break;
        live = upToDate && !kicked;
        events.onState(upToDate ? 'live' : 'syncing', null);
        const page = await steps.pullPage(live ? timing.pullWaitS : 0, ac.signal);
        live = false;
        failures = 0;
        upToDate = page.upToDate;
        events.onReachable(true);
        events.onState(upToDate ? 'live' : 'syncing', null);
        if (page.caseIds.length > 0) events.onCasesChanged(page.caseIds, 'sync');
        events.onOutboxChanged();
      } catch (error) {
        live = false;
        if (stopped) break;
        const failure =
          error instanceof SyncFailure
            ? error
            : new SyncFailure('server_error', error instanceof Error ? error.message : String(error));
        if (!(error instanceof SyncFailure)) events.onUnexpected(error);
        switch (failure.kind) {
          case 'aborted':
            continue;
          case 'resync_required':
            upToDate = false;
            events.onReachable(true);
            events.onCasesChanged([], 'resync');
            continue;
          case 'upgrade_required':
            events.onReachable(true);
            events.onState('upgrade_required', failure);
            await sleep(timing.slowRetryMs);
            continue;
          case 'revoked':
            events.onReachable(true);
            events.onState('revoked', failure);
            await sleep(timing.slowRetryMs);
            continue;
          default: {
            const reachable = !(failure.kind === 'offline' || failure.kind === 'timeout');
            events.onReachable(reachable);
            events.onState(reachable ? 'error' : 'offline', failure);
            events.onOutboxChanged();
            await sleep(retryDelay(failures++, timing.backoffBaseMs, timing.backoffCapMs));
            if (isTransient(failure.kind)) upToDate = false;
          }
        }
      } finally {
        current = null;
      }
    }
    events.onState('stopped', null);
  }

  return {
    start(): void {
      running ??= run();
    },
    /** A local write, a reconnect, or "sync now": work at once instead of at the next tick. */
    kick(): void {
      kicked = true;
      if (live) current?.abort();
      wake?.();
    },
    async stop(): Promise<void> {
      stopped = true;
      current?.abort();
      wake?.();
      await running;
      steps.cancelAhead?.();
    },
  };
}
export type SyncLoop = ReturnType<typeof createSyncLoop>;
