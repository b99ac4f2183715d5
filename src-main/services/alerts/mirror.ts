import type { Alert, AlertFilter } from '../../../src-shared/contract/alerts';
import { severityRank } from '../../../src-shared/domain/alerts/model';

/** Cleared alerts stay in the mirror this long: a shift sees what has just ended. */
export const KEEP_CLEARED_MS = 24 * 3600_000;

/** A cleared alert older than the mirror keeps. */
export function isExpired(alert: Alert, now: Date): boolean {
  return alert.state === 'cleared' && Date.parse(alert.clearedAt ?? alert.lastSeenAt) < now.getTime() - KEEP_CLEARED_MS;
}

/** Most severe first, then the most recently seen. */
export function compareAlerts(a: Alert, b: Alert): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.lastSeenAt.localeCompare(a.lastSeenAt);
}

/**
 * The workstation's copy of the server's alerts, newest version of each by the server's cursor. `view` is how an
 * alert is shown and filtered (this workstation's pending acknowledgement laid over it).
 */
export function createAlertMirror(view: (alert: Alert) => Alert = (a) => a) {
  const alerts = new Map<string, Alert>();
  return {
    /** Applies a page; returns the alerts that changed (an older version arriving late is ignored). */
    apply(incoming: readonly Alert[]): Alert[] {
      const changed: Alert[] = [];
      for (const a of incoming) {
        const known = alerts.get(a.id);
        if (known && known.seq >= a.seq) continue;
        alerts.set(a.id, a);
        changed.push(a);
      }
      return changed;
    },
    get: (id: string) => alerts.get(id) ?? null,
    list(filter: AlertFilter): Alert[] {
      const min = filter.minSeverity ? severityRank(filter.minSeverity) : 0;
      const since = filter.since ? Date.parse(filter.since) : null;
      return [...alerts.values()]
        .map(view)
        .filter(
          (a) =>
            (filter.state === 'all' || a.state === filter.state) &&
            (!filter.domains || filter.domains.length === 0 || filter.domains.includes(a.domain)) &&
            severityRank(a.severity) >= min &&
            // A pending acknowledgement counts as acknowledged here: someone on this workstation has taken it.
            (filter.acknowledged === undefined || (a.acknowledged || a.ackPending === true) === filter.acknowledged) &&
            (since === null || Date.parse(a.lastSeenAt) >= since),
        )
        .sort(compareAlerts)
        .slice(0, filter.limit);
    },
    /** Forgets alerts cleared more than a day ago; returns their ids. */
    prune(now: Date): string[] {
      const gone: string[] = [];
      for (const [id, a] of alerts) {
        if (isExpired(a, now)) {
          alerts.delete(id);
          gone.push(id);
        }
      }
      return gone;
    },
    clear: () => alerts.clear(),
    size: () => alerts.size,
  };
}
