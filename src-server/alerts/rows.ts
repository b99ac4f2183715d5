import type { Insertable, Selectable } from 'kysely';
import { type Alert, AlertEventKindSchema } from '../../src-shared/contract/alerts';
import {
  type AlertCondition,
  AlertDomainSchema,
  AlertSeveritySchema,
  AlertStateSchema,
  CLEAR_REASONS,
  type ClearReason,
  type ObservedValue,
} from '../../src-shared/domain/alerts/model';
import type { AlertsTable } from './tables';

export type AlertRow = Selectable<AlertsTable>;

function parseValue(text: string | null): ObservedValue {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
  } catch {
    return null;
  }
}

const valueText = (v: ObservedValue): string | null => (v === null ? null : JSON.stringify(v));

function clearReasonOf(text: string | null): ClearReason | null {
  return CLEAR_REASONS.find((r) => r === text) ?? null;
}

/** The signal-driven part of a stored alert. */
export function conditionOf(row: AlertRow): AlertCondition {
  return {
    state: AlertStateSchema.parse(row.state),
    severity: AlertSeveritySchema.parse(row.severity),
    acknowledged: row.acknowledged === 1,
    count: Number(row.count),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    clearedAt: row.cleared_at,
    clearReason: clearReasonOf(row.clear_reason),
    value: parseValue(row.value),
    threshold: parseValue(row.threshold),
    unit: row.unit,
    title: row.title,
    location: row.lon === null || row.lat === null ? null : { type: 'Point', coordinates: [row.lon, row.lat] },
    suppressed: row.suppressed === 1,
    expiresAt: row.expires_at,
  };
}

/** The columns a condition writes. */
export function conditionColumns(c: AlertCondition, dedupeKey: string) {
  return {
    open_key: c.state === 'active' ? dedupeKey : null,
    severity: c.severity,
    state: c.state,
    acknowledged: c.acknowledged ? 1 : 0,
    first_seen_at: c.firstSeenAt,
    last_seen_at: c.lastSeenAt,
    cleared_at: c.clearedAt,
    clear_reason: c.clearReason,
    count: c.count,
    value: valueText(c.value),
    threshold: valueText(c.threshold),
    unit: c.unit,
    title: c.title.slice(0, 200),
    lon: c.location?.coordinates[0] ?? null,
    lat: c.location?.coordinates[1] ?? null,
    suppressed: c.suppressed ? 1 : 0,
    expires_at: c.expiresAt,
  } satisfies Partial<Insertable<AlertsTable>>;
}

/** A stored alert as the workstation receives it (AlertSchema). */
export function toAlertWire(row: AlertRow, caseCode: string | null): Alert {
  const c = conditionOf(row);
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    source: row.source,
    sourceId: row.source_id,
    type: row.type,
    domain: AlertDomainSchema.parse(row.domain),
    severity: c.severity,
    state: c.state,
    acknowledged: c.acknowledged,
    ackBy: row.ack_by,
    ackAt: row.ack_at,
    ackNote: row.ack_note,
    firstSeenAt: c.firstSeenAt,
    lastSeenAt: c.lastSeenAt,
    clearedAt: c.clearedAt,
    clearReason: c.clearReason,
    count: c.count,
    value: c.value,
    threshold: c.threshold,
    unit: c.unit,
    title: c.title,
    subject: row.subject ?? null,
    location: c.location,
    suppressed: c.suppressed,
    caseId: row.case_id,
    caseCode,
    lastChange: AlertEventKindSchema.parse(row.last_change),
    seq: Number(row.seq),
  };
}
