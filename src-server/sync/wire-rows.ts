import type { Selectable } from 'kysely';
import { CaseStateSchema } from '../../src-shared/domain/cases/states';
import type { CaseEventWire, CaseWire } from '../../src-shared/sync/protocol';
import type { CaseEventsTable, CasesTable } from '../db/schema';
import { maskReporter, type ReporterColumns } from './mask';

type ReporterJoin = { [K in keyof ReporterColumns as `r_${K}`]: ReporterColumns[K] } & { r_case_id: string | null };

/** The case columns a page reads (pull.ts selects these, no more). */
type CaseWireColumns = Exclude<keyof CasesTable, 'address_id' | 'zipcode' | 'media_url' | 'attributes' | 'api_key_id'>;
export type CaseWithReporter = Pick<Selectable<CasesTable>, CaseWireColumns> & ReporterJoin;

export function toCaseWire(row: CaseWithReporter): CaseWire {
  const reporter =
    row.r_case_id === null
      ? null
      : { first_name: row.r_first_name, last_name: row.r_last_name, email: row.r_email, phone: row.r_phone };
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    channel: row.channel,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    description: row.description,
    lat: row.lat,
    long: row.long,
    addressString: row.address_string,
    state: CaseStateSchema.parse(row.state),
    status: row.status === 'closed' ? 'closed' : 'open',
    statusNotes: row.status_notes,
    agencyId: row.agency_id,
    duplicateOf: row.duplicate_of,
    assignee: row.assignee,
    siteId: row.site_id,
    slaWorkingDays: row.sla_working_days,
    pendingExtensionDays: row.pending_extension_days,
    extensionCount: row.extension_count,
    reopenCount: row.reopen_count,
    publicResult: row.public_result,
    rejectionReason: row.rejection_reason,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    version: Number(row.version),
    changeSeq: Number(row.change_seq),
    reporter: maskReporter(reporter),
  };
}

export type EventWithActor = Omit<Selectable<CaseEventsTable>, 'actor_id'> & { actor_name: string | null };

export function toEventWire(row: EventWithActor): CaseEventWire {
  return {
    id: Number(row.id),
    caseId: row.case_id,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    fromState: row.from_state === null ? null : CaseStateSchema.parse(row.from_state),
    toState: CaseStateSchema.parse(row.to_state),
    publicNote: row.public_note,
    internalNote: row.internal_note,
    data: parseData(row.data),
    changeSeq: Number(row.change_seq),
  };
}

/** An event's data column as the wire carries it: a flat object of JSON primitives, anything else dropped. */
export function parseData(text: string): CaseEventWire['data'] {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const out: CaseEventWire['data'] = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}
