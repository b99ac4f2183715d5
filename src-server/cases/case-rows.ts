import type { Selectable } from 'kysely';
import type { CaseSnapshot } from '../../src-shared/domain/cases/lifecycle';
import { CaseStateSchema, open311StatusOf } from '../../src-shared/domain/cases/states';
import type { CasesTable } from '../db/schema';

export type CaseRow = Selectable<CasesTable>;

export function snapshotOf(row: CaseRow): CaseSnapshot {
  return {
    id: row.id,
    state: CaseStateSchema.parse(row.state),
    receivedAt: row.received_at,
    dueAt: row.due_at,
    slaWorkingDays: row.sla_working_days,
    agencyId: row.agency_id,
    duplicateOf: row.duplicate_of,
    pendingExtensionDays: row.pending_extension_days,
    extensionCount: row.extension_count,
    reopenCount: row.reopen_count,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    publicResult: row.public_result,
    rejectionReason: row.rejection_reason,
  };
}

/** The columns a lifecycle step writes. */
export function lifecycleColumns(s: CaseSnapshot) {
  return {
    state: s.state,
    status: open311StatusOf(s.state),
    agency_id: s.agencyId,
    duplicate_of: s.duplicateOf,
    due_at: s.dueAt,
    pending_extension_days: s.pendingExtensionDays,
    extension_count: s.extensionCount,
    reopen_count: s.reopenCount,
    resolved_at: s.resolvedAt,
    closed_at: s.closedAt,
    public_result: s.publicResult,
    rejection_reason: s.rejectionReason,
  };
}
