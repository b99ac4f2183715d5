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
}

/**
 * Acknowledgements made on this workstation that the central server has not confirmed yet, laid over the
 * mirrored alerts. One ends when the server's copy of the alert says it is acknowledged (by anyone), or when the
 * server rejects the command (it then waits in the conflicts inbox).
 */
export function createPendingAcks(saved: SavedAlerts, outbox: AlertOutbox, initial: readonly PendingAck[]) {
  const pending = new Map(initial.map((p) => [p.alertId, p]));

  return {
    /** The alert as this workstation shows it. */
    view(alert: Alert): Alert {
      const ack = pending.get(alert.id);
      if (!ack || alert.acknowledged) return alert;
      return { ...alert, acknowledged: true, ackBy: ack.by, ackAt: ack.at, ackNote: ack.note, ackPending: true };
    },

    alertIds: () => [...pending.keys()],
    count: () => pending.size,

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
