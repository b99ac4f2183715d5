import { REJECT_REASONS, type RejectReason } from './ngsi/problem';

export interface IngestMetrics {
  accepted(adapter: string, entities: number): void;
  rejected(adapter: string, reason: RejectReason): void;
  snapshot(): { accepted: Record<string, number>; rejected: Record<string, Record<string, number>> };
  /** Prometheus text exposition (version 0.0.4). */
  render(extra?: Record<string, number>): string;
}

/** Counters of what every adapter took and refused, by reason: malformed input is counted, never silently lost. */
export function createIngestMetrics(): IngestMetrics {
  const accepted = new Map<string, number>();
  const rejected = new Map<string, Map<RejectReason, number>>();
  const label = (s: string) => s.replace(/[\\"\n]/g, '_');
  return {
    accepted(adapter, entities) {
      accepted.set(adapter, (accepted.get(adapter) ?? 0) + entities);
    },
    rejected(adapter, reason) {
      const byReason = rejected.get(adapter) ?? new Map<RejectReason, number>();
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      rejected.set(adapter, byReason);
    },
    snapshot() {
      return {
        accepted: Object.fromEntries(accepted),
        rejected: Object.fromEntries([...rejected].map(([a, m]) => [a, Object.fromEntries(m)])),
      };
    },
    render(extra = {}) {
      const lines = [
        '# HELP ioc_ingest_entities_total NGSI-LD entities accepted, by adapter',
        '# TYPE ioc_ingest_entities_total counter',
        ...[...accepted].map(([a, n]) => `ioc_ingest_entities_total{adapter="${label(a)}"} ${n}`),
        '# HELP ioc_ingest_rejected_total Messages or entities refused, by adapter and reason',
        '# TYPE ioc_ingest_rejected_total counter',
      ];
      for (const [a, byReason] of rejected) {
        for (const reason of REJECT_REASONS) {
          const n = byReason.get(reason);
          if (n) lines.push(`ioc_ingest_rejected_total{adapter="${label(a)}",reason="${reason}"} ${n}`);
        }
      }
      for (const [name, value] of Object.entries(extra)) {
        lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
      }
      return lines.join('\n') + '\n';
    },
  };
}
