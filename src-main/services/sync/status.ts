import type { SyncStatus } from '../../../src-shared/contract/cases';

export type SyncState = SyncStatus['state'];

export interface StatusInputs {
  state: SyncState;
  connected: boolean;
  serverUrl: string | null;
  pending: number;
  oldestPendingAt: string | null;
  conflicts: number;
  lastSyncAt: string | null;
  lastError: string | null;
  minVersion: string | null;
  /** Monotonic time since the outbox last made progress (or was empty). */
  waitingMs: number;
  watchdogMs: number;
}

/**
 * The watchdog's rule: no command answered for `watchdogMs` while some wait and the server answers means the queue
 * is stuck (the failure Jepsen found in PowerSync), not merely offline. Measured on a monotonic clock, so a
 * workstation clock set an hour wrong neither hides nor invents a stall.
 */
export function statusOf(i: StatusInputs): SyncStatus {
  return {
    connected: i.connected,
    pending: i.pending,
    conflicts: i.conflicts,
    lastSyncAt: i.lastSyncAt,
    state: i.state,
    serverUrl: i.serverUrl,
    oldestPendingAt: i.oldestPendingAt,
    stalled: i.connected && i.pending > 0 && i.waitingMs > i.watchdogMs,
    lastError: i.lastError,
    minVersion: i.minVersion,
  };
}
