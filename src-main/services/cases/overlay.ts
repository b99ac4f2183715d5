import type BetterSqlite3 from 'better-sqlite3';
import type { WorkingCalendar } from '../../../src-shared/domain/cases/calendar';
import { open311StatusOf } from '../../../src-shared/domain/cases/states';
import type { OutboxEntry } from '../sync';
import { applyOptimistic } from './optimistic';
import { type MirrorRow, snapshotOf } from './rows';

/**
 * Keeps `case_overlay` (the optimistic state lists filter on) equal to mirror ⊕ unanswered commands. Runs inside
 * the sync engine's transactions, so the view never disagrees with the rows it is derived from.
 */
export function createOverlayRefresher(
  sqlite: BetterSqlite3.Database,
  calendar: WorkingCalendar,
  sync: { unsettled(caseId: string): OutboxEntry[]; unsettledCaseIds(): Set<string> },
  now: () => Date,
) {
  const s = {
    mirror: sqlite.prepare<[string], MirrorRow>('SELECT * FROM case_mirror WHERE id = ?'),
    overlaid: sqlite.prepare<[], { case_id: string }>('SELECT case_id FROM case_overlay'),
    remove: sqlite.prepare('DELETE FROM case_overlay WHERE case_id = ?'),
    upsert: sqlite.prepare(
      `INSERT INTO case_overlay (case_id, state, status, assignee, agency_id, due_at, pending, updated_at)
       VALUES (@caseId, @state, @status, @assignee, @agencyId, @dueAt, @pending, @at)
       ON CONFLICT(case_id) DO UPDATE SET state = excluded.state, status = excluded.status,
         assignee = excluded.assignee, agency_id = excluded.agency_id, due_at = excluded.due_at,
         pending = excluded.pending, updated_at = excluded.updated_at`,
    ),
  };

  function rebuild(ids: Iterable<string>): void {
    for (const id of ids) {
      const entries = sync.unsettled(id);
      const row = entries.length > 0 ? s.mirror.get(id) : undefined;
      if (entries.length === 0 || !row) {
        // Nothing unanswered, or the case is not mirrored (yet): the mirror shows it as it is.
        s.remove.run(id);
        continue;
      }
      const view = applyOptimistic(snapshotOf(row), row.assignee, entries, calendar);
      s.upsert.run({
        caseId: id,
        state: view.snapshot.state,
        status: open311StatusOf(view.snapshot.state),
        assignee: view.assignee,
        agencyId: view.snapshot.agencyId,
        dueAt: view.snapshot.dueAt,
        pending: view.pending,
        at: now().toISOString(),
      });
    }
  }

  return function refresh(caseIds: readonly string[] | 'all'): void {
    // A local action touches one case: look at it alone, whatever the size of the outbox.
    if (caseIds !== 'all' && caseIds.length <= 16) return rebuild(caseIds);
    // A page touches thousands: find the few among them with unanswered commands or an overlay first.
    const waiting = sync.unsettledCaseIds();
    const overlaid = new Set(s.overlaid.all().map((r) => r.case_id));
    rebuild(
      caseIds === 'all'
        ? new Set([...overlaid, ...waiting])
        : caseIds.filter((id) => overlaid.has(id) || waiting.has(id)),
    );
  };
}
