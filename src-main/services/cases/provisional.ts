import type BetterSqlite3 from 'better-sqlite3';
import type { CaseService } from '../../../src-shared/contract/commands/case-create';
import type { WorkingCalendar } from '../../../src-shared/domain/cases/calendar';
import { dueDateAfter } from '../../../src-shared/domain/cases/sla';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { type CaseCreateArgs, CaseCreateArgsSchema } from '../../../src-shared/sync/case-create-protocol';
import type { OutboxEntry } from '../sync';

/** A provisional row's cursor: below every server row's, so the server's copy always replaces it. */
export const PROVISIONAL_CHANGE_SEQ = 0;

/**
 * Cases this workstation created that the server has not sent back yet: a row in the mirror built from the queued
 * `case.create` (version 0, cursor 0), so the inbox, search and detail show the case at once, marked pending. The
 * server's row replaces it when pulled; a rejected command removes it; a mirror reset rebuilds it from the outbox.
 * Runs inside the sync engine's transactions, before the optimistic overlay.
 */
export function createProvisionalCases(
  sqlite: BetterSqlite3.Database,
  calendar: WorkingCalendar,
  services: () => readonly CaseService[],
  sync: { unsettled(caseId: string): OutboxEntry[]; unsettledCaseIds(): Set<string> },
) {
  const s = {
    mirror: sqlite.prepare<[string], { change_seq: number }>('SELECT change_seq FROM case_mirror WHERE id = ?'),
    marked: sqlite.prepare<[], { case_id: string }>('SELECT case_id FROM provisional_cases'),
    mark: sqlite.prepare('INSERT OR IGNORE INTO provisional_cases (case_id, created_at) VALUES (?, ?)'),
    unmark: sqlite.prepare('DELETE FROM provisional_cases WHERE case_id = ?'),
    removeRow: sqlite.prepare('DELETE FROM case_mirror WHERE id = ? AND change_seq = ?'),
    insert: sqlite.prepare(
      `INSERT OR IGNORE INTO case_mirror (id, code, kind, channel, service_code, service_name, description, lat, long,
         address_string, state, status, status_notes, agency_id, duplicate_of, assignee, site_id, sla_working_days,
         pending_extension_days, extension_count, reopen_count, public_result, rejection_reason, received_at, due_at,
         updated_at, resolved_at, closed_at, reporter, version, change_seq, search_text)
       VALUES (@id, '', 'centre_incident', 'workstation', @serviceCode, @serviceName, @description, @lat, @long,
         @addressString, 'received', 'open', NULL, NULL, NULL, NULL, @siteId, @sla, NULL, 0, 0, NULL, NULL, @at, @dueAt,
         @at, NULL, NULL, NULL, 0, ${PROVISIONAL_CHANGE_SEQ}, @searchText)`,
    ),
  };

  function createOf(entries: readonly OutboxEntry[]): { args: CaseCreateArgs; at: string } | null {
    const entry = entries.find((e) => e.name === 'case.create');
    const parsed = entry ? CaseCreateArgsSchema.safeParse(entry.args) : null;
    return parsed?.success ? { args: parsed.data, at: entry!.createdAt } : null;
  }

  function rebuild(caseId: string): void {
    const create = createOf(sync.unsettled(caseId));
    const row = s.mirror.get(caseId);
    if (create && !row) {
      const { args, at } = create;
      const service = services().find((x) => x.serviceCode === args.serviceCode);
      const serviceName = service?.serviceName ?? args.serviceCode;
      const sla = service?.slaWorkingDays ?? 5;
      s.insert.run({
        id: caseId,
        serviceCode: args.serviceCode,
        serviceName,
        description: args.description,
        lat: args.lat ?? null,
        long: args.long ?? null,
        addressString: args.addressString ?? null,
        siteId: args.siteId ?? null,
        sla,
        at,
        dueAt: dueDateAfter(new Date(at), sla, calendar).toISOString(),
        searchText: foldForSearch([serviceName, args.addressString ?? '', args.description].join(' ')),
      });
      s.mark.run(caseId, at);
      return;
    }
    if (create) return;
    // Answered and mirrored (the server's row replaced ours), or rejected: nothing provisional stays.
    s.removeRow.run(caseId, PROVISIONAL_CHANGE_SEQ);
    s.unmark.run(caseId);
  }

  return function refresh(caseIds: readonly string[] | 'all'): void {
    const marked = new Set(s.marked.all().map((r) => r.case_id));
    if (caseIds === 'all') {
      for (const id of new Set([...marked, ...sync.unsettledCaseIds()])) rebuild(id);
      return;
    }
    // Only cases with queued commands or a provisional row can change here; a page touches thousands of others.
    const waiting = caseIds.length <= 16 ? null : sync.unsettledCaseIds();
    for (const id of caseIds) if (marked.has(id) || !waiting || waiting.has(id)) rebuild(id);
  };
}
