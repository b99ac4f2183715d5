import type { Alert } from '../../../src-shared/contract/alerts';
import type { PendingAck, SavedAlerts } from './saved-alerts';

/** What alerts need of the sync service (structurally a part of SyncService). */
export interface AlertOutbox {
  enqueue(
    command: {
      name: 'alert.acknowledge';
      args: { alertId: string; note: string };
      caseId: null;
      actor: { userId: string; username: string };
    },
    alsoInTransaction?: (entry: { id: number; seq: number }) => void,
  ): { seq: number; pending: number };
  commandStates(ids: readonly number[]): Map<number, 'pending' | 'applied' | 'rejected'>;
  onOutboxChanged(listener: () => void): () => void;
  /** The conflicts inbox: refused commands not yet retried or discarded. */
  conflicts: {
    list(includeResolved: boolean): {
      id: number;
      name: string;
      args: unknown;
      code: string;
      message: string;
      rejectedAt: string;
    }[];
  };
}

type AckConflict = NonNullable<Alert['ackConflict']>;

/** Open conflicts of acknowledgements, by alert id (the newest when one alert has several). */
function ackConflictsOf(outbox: AlertOutbox): Map<string, AckConflict> {
  const byAlert = new Map<string, AckConflict>();
  for (const c of outbox.conflicts.list(false)) {
    if (c.name !== 'alert.acknowledge' || typeof c.args !== 'object' || c.args === null) continue;
    const alertId = (c.args as { alertId?: unknown }).alertId;
    if (typeof alertId !== 'string' || byAlert.has(alertId)) continue;
    byAlert.set(alertId, { conflictId: c.id, code: c.code, message: c.message, at: c.rejectedAt });
  }
  return byAlert;
}

/**
 * Acknowledgements made on this workstation that the central server has not confirmed yet, laid over the
 * mirrored alerts. One ends when the server's copy of the alert says it is acknowledged (by anyone), or when the
 * server rejects the command (it then waits in the conflicts inbox, and the alert shows the refusal until someone
 * retries or discards it there).
 */
export function createPendingAcks(saved: SavedAlerts, outbox: AlertOutbox, initial: readonly PendingAck[]) {
  const pending = new Map(initial.map((p) => [p.alertId, p]));
  let conflicts = ackConflictsOf(outbox);

  return {
    /**
     * The alert as this workstation shows it: pending acknowledgement (not acknowledged yet, who queued it), or
     * with the server's refusal of an acknowledgement queued here.
     */
    view(alert: Alert): Alert {
      const conflict = conflicts.get(alert.id);
      const shown = conflict ? { ...alert, ackConflict: conflict } : alert;
      const ack = pending.get(alert.id);
      if (!ack || alert.acknowledged) return shown;
      return { ...shown, ackBy: ack.by, ackAt: ack.at, ackNote: ack.note, ackPending: true };
    },

    /** Reads the conflicts inbox again; returns the alert ids whose refusal appeared, changed or went. */
    refreshConflicts(): string[] {
      const before = conflicts;
      conflicts = ackConflictsOf(outbox);
      const changed = new Set<string>();
      for (const [id, c] of conflicts) if (before.get(id)?.conflictId !== c.conflictId) changed.add(id);
      for (const id of before.keys()) if (!conflicts.has(id)) changed.add(id);
      return [...changed];
    },

    alertIds: () => [...pending.keys()],
    count: () => pending.size,
    all: () => [...pending.values()],

    /** Some queued acknowledgement was applied by the server (its copy of the alert is not here yet). */
    anyApplied(): boolean {
      if (pending.size === 0) return false;
      const states = outbox.commandStates([...pending.values()].map((p) => p.outboxId));
      return [...states.values()].some((state) => state === 'applied');
    },

    /** Queues the command and marks the alert in one transaction. */
    queue(alertId: string, note: string, actor: { userId: string; username: string }, at: Date): PendingAck {
      let ack: PendingAck | null = null;
      outbox.enqueue({ name: 'alert.acknowledge', args: { alertId, note }, caseId: null, actor }, (entry) => {
        ack = { alertId, outboxId: entry.id, by: actor.username, at: at.toISOString(), note: note || null };
        saved.markPending(ack);
      });
      pending.set(alertId, ack!);
      return ack!;
    },

    /** The server's copy of these alerts arrived: an acknowledged one needs no overlay any more. */
    settleFrom(alerts: readonly Alert[]): void {
      for (const a of alerts) if (a.acknowledged) pending.delete(a.id);
    },

    forget(alertIds: readonly string[]): void {
      for (const id of alertIds) pending.delete(id);
    },

    /** Drops acknowledgements whose command was rejected (or is gone); returns their alert ids. */
    dropRefused(): string[] {
      if (pending.size === 0) return [];
      const states = outbox.commandStates([...pending.values()].map((p) => p.outboxId));
      const refused = [...pending.values()]
        .filter((p) => {
          const state = states.get(p.outboxId);
          return state !== 'pending' && state !== 'applied';
        })
        .map((p) => p.alertId);
      if (refused.length > 0) {
        saved.clearPending(refused);
        for (const id of refused) pending.delete(id);
      }
      return refused;
    },
  };
}
export type PendingAcks = ReturnType<typeof createPendingAcks>;
