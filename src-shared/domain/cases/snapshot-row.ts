import type { CaseSnapshot } from './lifecycle';
import type { CaseState } from './states';

/** The lifecycle columns of a case row, named alike in the server's `cases` table and the workstation's mirror. */
export interface SnapshotColumns {
  id: string;
  received_at: string;
  due_at: string;
  sla_working_days: number;
  agency_id: string | null;
  duplicate_of: string | null;
  pending_extension_days: number | null;
  extension_count: number;
  reopen_count: number;
  resolved_at: string | null;
  closed_at: string | null;
  public_result: string | null;
  rejection_reason: string | null;
}

/** The state machine's view of a stored case; how an unknown `state` text reads is the caller's choice. */
export function snapshotFromColumns(row: SnapshotColumns, state: CaseState): CaseSnapshot {
  return {
    id: row.id,
    state,
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
