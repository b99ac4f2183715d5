import type { Selectable } from 'kysely';
import type { CaseSnapshot } from '../../src-shared/domain/cases/lifecycle';
import { snapshotFromColumns } from '../../src-shared/domain/cases/snapshot-row';
import { CaseStateSchema, open311StatusOf } from '../../src-shared/domain/cases/states';
import type { CasesTable } from '../db/schema';

export type CaseRow = Selectable<CasesTable>;

/** A state the server stored is one it knows: anything else is a fault, never read as another state. */
export function snapshotOf(row: CaseRow): CaseSnapshot {
  return snapshotFromColumns(row, CaseStateSchema.parse(row.state));
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
