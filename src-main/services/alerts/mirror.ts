import type { Alert, AlertFilter } from '../../../src-shared/contract/alerts';
import { severityRank } from '../../../src-shared/domain/alerts/model';

/** Cleared alerts stay in the mirror this long: a shift sees what has just ended. */
export const KEEP_CLEARED_MS = 24 * 3600_000;

/** Most severe first, then the most recently seen. */
export function compareAlerts(a: Alert, b: Alert): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.lastSeenAt.localeCompare(a.lastSeenAt);
}

/** The workstation's copy of the server's alerts, newest version of each by the server's cursor. */
export function createAlertMirror() {
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
        .filter(
          (a) =>
            (filter.state === 'all' || a.state === filter.state) &&
            (!filter.domains || filter.domains.length === 0 || filter.domains.includes(a.domain)) &&
            severityRank(a.severity) >= min &&
            (filter.acknowledged === undefined || a.acknowledged === filter.acknowledged) &&
            (since === null || Date.parse(a.lastSeenAt) >= since),
        )
        .sort(compareAlerts)
        .slice(0, filter.limit);
    },
    prune(now: Date): void {
      const before = now.getTime() - KEEP_CLEARED_MS;
      for (const [id, a] of alerts) {
        if (a.state === 'cleared' && Date.parse(a.clearedAt ?? a.lastSeenAt) < before) alerts.delete(id);
      }
    },
    clear: () => alerts.clear(),
    size: () => alerts.size,
  };
}
