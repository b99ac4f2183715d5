import type BetterSqlite3 from 'better-sqlite3';
import { CommandError, hasPermission, type ParsedInput } from '../../../src-shared/contract';
import type { CaseDetail } from '../../../src-shared/contract/cases';
import type { WorkingCalendar } from '../../../src-shared/domain/cases/calendar';
import { allowedActions, applyCaseAction } from '../../../src-shared/domain/cases/lifecycle';
import { ruleFor } from '../../../src-shared/domain/cases/rules';
import { open311StatusOf } from '../../../src-shared/domain/cases/states';
import type { AuditLog } from '../audit';
import type { Principal } from '../auth';
import type { SyncService } from '../sync';
import type { CaseService } from '../../../src-shared/contract/commands/case-create';
import { type NewCaseInput, type NewCasePhoto, queueNewCase } from './create-case';
import { createCaseMedia } from './case-media';
import type { MediaCache } from './media-cache';
import { applyOptimistic } from './optimistic';
import { createProvisionalCases } from './provisional';
import { createCaseLookups } from './lookups';
import { createOverlayRefresher } from './overlay';
import { listCases } from './queries';
import { type EventRow, type MirrorRow, reporterOf, snapshotOf, timelineOf } from './rows';
import { actionFor, actorsOf } from './transition-input';

export interface CasesServiceOptions {
  sqlite: BetterSqlite3.Database;
  sync: SyncService;
  audit: AuditLog;
  calendar: WorkingCalendar;
  /** Case categories for new cases (service-catalog.ts); none: the workstation opens no cases. */
  services?: readonly CaseService[];
  /** Where photos and videos of cases are kept on this workstation; without it none are downloaded. */
  mediaCache?: MediaCache;
  onWarning?: (message: string, fields: Record<string, unknown>) => void;
  now?: () => Date;
}

/** Who acts; `sites` (the principal's, `*` for all) limits which cases they see — absent only in tools and tests. */
export type Actor = Pick<Principal, 'userId' | 'username' | 'roles'> & { sites?: readonly string[] };

function maySee(caller: Actor, siteId: string | null): boolean {
  return siteId === null || !caller.sites || caller.sites.includes('*') || caller.sites.includes(siteId);
}

/** Cases on the workstation: reads from the mirror ⊕ this workstation's unanswered commands, writes via the outbox. */
export function createCasesService(options: CasesServiceOptions) {
  const { sqlite, sync, calendar } = options;
  const now = options.now ?? (() => new Date());
  const s = {
    mirror: sqlite.prepare<[string], MirrorRow>('SELECT * FROM case_mirror WHERE id = ?'),
    events: sqlite.prepare<[string], EventRow>('SELECT * FROM case_event_mirror WHERE case_id = ? ORDER BY id'),
    site: sqlite.prepare<[string], { id: string }>('SELECT id FROM sites WHERE id = ?'),
  };
  const knownSite = (siteId: string) => s.site.get(siteId) !== undefined;
  const media = createCaseMedia({
    sqlite,
    cache: options.mediaCache ?? null,
    access: () => sync.deviceAccess(),
    onWarning: options.onWarning,
  });
  let prefetchTimer: NodeJS.Timeout | null = null;
  /** Thumbnails of what just synced are fetched after the page's transaction, once per burst of pages. */
  function scheduleThumbnails(): void {
    if (!options.mediaCache || prefetchTimer) return;
    prefetchTimer = setTimeout(() => {
      prefetchTimer = null;
      void media.prefetchThumbnails();
    }, 500);
  }
  const services = options.services ?? [];
  const provisional = createProvisionalCases(sqlite, calendar, () => services, sync);
  const overlay = createOverlayRefresher(sqlite, calendar, sync, now);
  // New cases first: the overlay lays the pending commands over the provisional row.
  sync.useOptimisticView((caseIds) => {
    provisional(caseIds);
    overlay(caseIds);
    scheduleThumbnails();
  });
  const lookups = createCaseLookups({ sqlite, audit: options.audit, access: () => sync.deviceAccess(), now });

  /** The case as this workstation's commands make it; another site's case is as unknown as a missing one. */
  function optimistic(caseId: string, caller: Actor) {
    const row = s.mirror.get(caseId);
    if (!row || !maySee(caller, row.site_id)) {
      throw new CommandError('not_found', `There is no case "${caseId.slice(0, 100)}" on this workstation.`);
    }
    return { row, view: applyOptimistic(snapshotOf(row), row.assignee, sync.unsettled(caseId), calendar) };
  }

  function queued(caseId: string, result: { seq: number; pending: number }) {
    sync.notifyLocal([caseId]);
    return result;
  }

  return {
    list: (input: ParsedInput<'cases.list'>, caller?: Actor) =>
      listCases(sqlite, { ...input, sites: caller?.sites ?? ['*'] }, now()),
    agencies: () => lookups.agencies(),
    services: () => ({ items: [...services] }),

    /** A new case of the centre, queued (works offline); shown at once as pending, replaced by the server's. */
    create(input: NewCaseInput, caller: Actor, photo: NewCasePhoto | null = null) {
      return queueNewCase({ sqlite, sync, services, maySee, knownSite }, input, caller, photo);
    },

    /** Whether the site is one this workstation knows (a camera may name a site that has not arrived yet). */
    knownSite,

    /** Online only: the identity is fetched from the central server (which audits it) and never stored here. */
    async revealReporter(caseId: string, caller: Actor) {
      optimistic(caseId, caller);
      return lookups.revealReporter(caseId, caller);
    },

    get(id: string, caller: Actor): CaseDetail {
      const { row, view } = optimistic(id, caller);
      const snap = view.snapshot;
      const mayWrite = hasPermission(caller.roles, 'cases.write');
      const next = mayWrite
        ? actorsOf(caller.roles).flatMap((actor) =>
            allowedActions(snap, { actor }).map((action) => ({ action, to: ruleFor(action, snap.state)!.to })),
          )
        : [];
      const status = open311StatusOf(snap.state);
      return {
        id: row.id,
        code: row.code,
        serviceCode: row.service_code,
        serviceName: row.service_name,
        state: snap.state,
        status,
        excerpt: row.description === null ? null : row.description.slice(0, 200),
        description: row.description,
        addressString: row.address_string,
        lat: row.lat,
        long: row.long,
        agencyId: snap.agencyId,
        siteId: row.site_id,
        assignee: view.assignee,
        receivedAt: row.received_at,
        dueAt: snap.dueAt,
        updatedAt: row.updated_at,
        overdue: status === 'open' && Date.parse(snap.dueAt) < now().getTime(),
        pending: view.pending,
        statusNotes: row.status_notes,
        duplicateOf: snap.duplicateOf,
        slaWorkingDays: snap.slaWorkingDays,
        pendingExtensionDays: snap.pendingExtensionDays,
        extensionCount: snap.extensionCount,
        reopenCount: snap.reopenCount,
        publicResult: snap.publicResult,
        rejectionReason: snap.rejectionReason,
        resolvedAt: snap.resolvedAt,
        closedAt: snap.closedAt,
        version: row.version,
        // Masked on the server already; the permission check keeps it from roles that never see reporters.
        reporter: hasPermission(caller.roles, 'cases.read') ? reporterOf(row.reporter) : null,
        timeline: [...s.events.all(id).map(timelineOf), ...view.timeline],
        next: dedupe(next),
        attachments: media.listFor(id),
      };
    },

    /** A photo, video or thumbnail of a case the caller may see (core route `/api/media/<sha256>`). */
    openMedia: (sha256: string, caller: Actor) => media.open(sha256, (siteId) => maySee(caller, siteId)),

    async dispose(): Promise<void> {
      if (prefetchTimer) clearTimeout(prefetchTimer);
      prefetchTimer = null;
      await media.dispose();
    },

    comment(input: ParsedInput<'case.comment'>, caller: Actor) {
      optimistic(input.caseId, caller);
      const result = sync.enqueue({
        name: 'case.comment',
        args: { caseId: input.caseId, text: input.text },
        caseId: input.caseId,
        actor: caller,
      });
      return queued(input.caseId, result);
    },

    transition(input: ParsedInput<'case.transition'>, caller: Actor) {
      const { view } = optimistic(input.caseId, caller);
      const actors = actorsOf(caller.roles);
      const action = actionFor(input, view.snapshot.state, actors);
      if (action.type === 'mark_duplicate' && !s.mirror.get(action.duplicateOf)) {
        throw new CommandError(
          'invalid_input',
          `There is no case "${action.duplicateOf}" to mark this one a duplicate of.`,
        );
      }
      // The state machine here first: what it refuses is refused now, not after a round trip.
      const checked = actors
        .map((actor) => applyCaseAction(view.snapshot, action, { actor, at: now(), calendar }))
        .find((r) => r.ok);
      if (!checked?.ok) {
        throw new CommandError('conflict', `The case cannot take "${action.type}" from "${view.snapshot.state}".`);
      }
      const result = sync.enqueue({
        name: 'case.transition',
        args: { caseId: input.caseId, action },
        caseId: input.caseId,
        actor: caller,
      });
      return { ...queued(input.caseId, result), action: action.type, state: checked.next.state };
    },

    assign(input: ParsedInput<'case.assign'>, caller: Actor) {
      optimistic(input.caseId, caller);
      const result = sync.enqueue({
        name: 'case.assign',
        args: { caseId: input.caseId, assignee: input.assignee },
        caseId: input.caseId,
        actor: caller,
      });
      return queued(input.caseId, result);
    },
  };
}
export type CasesService = ReturnType<typeof createCasesService>;

function dedupe<T extends { action: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.action) && seen.add(i.action));
}
