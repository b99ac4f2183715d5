import type BetterSqlite3 from 'better-sqlite3';
import { type CaseWire, parseCursor, type PullResponse } from '../../../src-shared/sync/protocol';
import type { WallItemKind } from '../../../src-shared/sync/wall-protocol';
import type { ClientRowAccess } from './client-row';
import { fastFoldJoined } from './fast-fold';
import { SyncFailure } from './failure';
import { createInitialLoad, type InitialLoadOptions } from './initial-load';
import { createSearchIndexCatchup } from './search-index-catchup';
import { writeTransaction } from '../store';

/** Called inside the transaction that changed these cases' rows (or all of them), to rebuild derived views. */
export type CasesTouched = (caseIds: readonly string[] | 'all') => void;

export interface WallItemRef {
  kind: WallItemKind;
  id: string;
}
/** The same for wall layouts and tours: their mirror rows or unanswered commands changed. */
export type WallTouched = (items: readonly WallItemRef[] | 'all') => void;

export interface MirrorWallHooks {
  touched: WallTouched;
  /** Items whose applied commands the cursor passes when it moves from `since` to `cursorSeq`. */
  settledBetween(since: number, cursorSeq: number): WallItemRef[];
}

export interface AppliedPage {
  caseIds: string[];
  rows: number;
  upToDate: boolean;
  cursorSeq: number;
}

/** `?, ?, …`: `n` positional parameters. */
const params = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The words a search looks in, folded once when the row arrives (lower case, no diacritics, đ → d). */
export function searchTextOf(c: CaseWire): string {
  return fastFoldJoined([c.code, c.serviceName, c.addressString ?? '', c.description ?? '']);
}

/**
 * Read-only copies of the server's rows. A page is applied with the cursor that covers it in one transaction, and
 * only on top of the cursor it was requested from: a replayed, reordered or foreign page is refused whole.
 */
export function createMirror(
  sqlite: BetterSqlite3.Database,
  client: ClientRowAccess,
  now: () => Date,
  touched: CasesTouched = () => undefined,
  wall: MirrorWallHooks = { touched: () => undefined, settledBetween: () => [] },
  loadOptions: InitialLoadOptions = {},
) {
  const s = {
    upsertCase: sqlite.prepare(
      `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, description, lat, long,
         address_string, state, status, status_notes, agency_id, duplicate_of, assignee, site_id, sla_working_days,
         pending_extension_days, extension_count, reopen_count, public_result, rejection_reason, received_at, due_at,
         updated_at, resolved_at, closed_at, reporter, version, change_seq, search_text)
       VALUES (${params(32)})
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, kind = excluded.kind, channel = excluded.channel,
         service_code = excluded.service_code, service_name = excluded.service_name, description = excluded.description,
         lat = excluded.lat, long = excluded.long, address_string = excluded.address_string, state = excluded.state,
         status = excluded.status, status_notes = excluded.status_notes, agency_id = excluded.agency_id,
         duplicate_of = excluded.duplicate_of, assignee = excluded.assignee, site_id = excluded.site_id,
         sla_working_days = excluded.sla_working_days, pending_extension_days = excluded.pending_extension_days,
         extension_count = excluded.extension_count, reopen_count = excluded.reopen_count,
         public_result = excluded.public_result, rejection_reason = excluded.rejection_reason,
         received_at = excluded.received_at, due_at = excluded.due_at, updated_at = excluded.updated_at,
         resolved_at = excluded.resolved_at, closed_at = excluded.closed_at, reporter = excluded.reporter,
         version = excluded.version, change_seq = excluded.change_seq, search_text = excluded.search_text
       WHERE excluded.change_seq > case_mirror.change_seq`,
    ),
    insertEvent: sqlite.prepare(
      `INSERT OR IGNORE INTO case_event_mirror (id, case_id, at, actor, actor_name, action, from_state, to_state,
         public_note, internal_note, data, change_seq)
       VALUES (${params(12)})`,
    ),
    upsertWall: sqlite.prepare(
      `INSERT INTO wall_item_mirror (kind, id, name, body, version, deleted, created_at, updated_at, updated_by,
         change_seq)
       VALUES (@kind, @id, @name, @body, @version, @deleted, @createdAt, @updatedAt, @updatedBy, @changeSeq)
       ON CONFLICT(kind, id) DO UPDATE SET name = excluded.name, body = excluded.body, version = excluded.version,
         deleted = excluded.deleted, created_at = excluded.created_at, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by, change_seq = excluded.change_seq
       WHERE excluded.change_seq > wall_item_mirror.change_seq`,
    ),
    clearWall: sqlite.prepare('DELETE FROM wall_item_mirror'),
    upsertAttachment: sqlite.prepare(
      `INSERT INTO case_attachments (id, case_id, sha256, thumb_sha256, kind, mime, width, height, duration_ms, public,
         origin, role, created_at, change_seq)
       VALUES (@id, @caseId, @sha256, @thumbSha256, @kind, @mime, @width, @height, @durationMs, @public, @origin, @role,
         @createdAt, @changeSeq)
       ON CONFLICT(id) DO UPDATE SET case_id = excluded.case_id, sha256 = excluded.sha256,
         thumb_sha256 = excluded.thumb_sha256, kind = excluded.kind, mime = excluded.mime, width = excluded.width,
         height = excluded.height, duration_ms = excluded.duration_ms, public = excluded.public,
         origin = excluded.origin, role = excluded.role, created_at = excluded.created_at,
         change_seq = excluded.change_seq
       WHERE excluded.change_seq > case_attachments.change_seq`,
    ),
    clearAttachments: sqlite.prepare('DELETE FROM case_attachments'),
    moveCursor: sqlite.prepare(
      `UPDATE sync_client SET epoch = ?, cursor_seq = ?, last_sync_at = coalesce(?, last_sync_at), updated_at = ?
       WHERE id = 1`,
    ),
    clearCases: sqlite.prepare('DELETE FROM case_mirror'),
    clearEvents: sqlite.prepare('DELETE FROM case_event_mirror'),
    reset: sqlite.prepare('UPDATE sync_client SET epoch = NULL, cursor_seq = 0, updated_at = ? WHERE id = 1'),
  };

  const searchIndex = createSearchIndexCatchup(sqlite);
  const initialLoad = createInitialLoad(sqlite, searchIndex, loadOptions);
  initialLoad.finishInterrupted();

  /** One page with its cursor, in one transaction. */
  function apply(page: PullResponse, requested: { epoch: string | null; cursorSeq: number }): AppliedPage {
    return writeTransaction(sqlite, (): AppliedPage => {
      const row = client.read();
      if (row.epoch !== requested.epoch || row.cursorSeq !== requested.cursorSeq) {
        throw new SyncFailure('aborted', 'The mirror moved while the page was in flight; it is pulled again.');
      }
      if (row.epoch !== null && page.epoch !== row.epoch) {
        throw new SyncFailure('bad_reply', `The page is from epoch ${page.epoch}, the mirror from ${row.epoch}.`);
      }
      if (page.since !== row.cursorSeq) {
        throw new SyncFailure(
          'bad_reply',
          `The page starts after ${page.since}, the mirror stands at ${row.cursorSeq}: a replayed or foreign page.`,
        );
      }
      const cursor = parseCursor(page.cursor);
      if (!cursor) throw new SyncFailure('bad_reply', 'The page carries a malformed cursor.');
      const caseIds = new Set<string>();
      initialLoad.beforeRows(page);
      // Positional values straight from the parsed rows: no copy of each row per statement.
      for (const c of page.cases) {
        s.upsertCase.run(
          c.id,
          c.code,
          c.kind,
          c.channel,
          c.serviceCode,
          c.serviceName,
          c.description,
          c.lat,
          c.long,
          c.addressString,
          c.state,
          c.status,
          c.statusNotes,
          c.agencyId,
          c.duplicateOf,
          c.assignee,
          c.siteId,
          c.slaWorkingDays,
          c.pendingExtensionDays,
          c.extensionCount,
          c.reopenCount,
          c.publicResult,
          c.rejectionReason,
          c.receivedAt,
          c.dueAt,
          c.updatedAt,
          c.resolvedAt,
          c.closedAt,
          c.reporter === null ? null : JSON.stringify(c.reporter),
          c.version,
          c.changeSeq,
          searchTextOf(c),
        );
        caseIds.add(c.id);
      }
      for (const e of page.events) {
        s.insertEvent.run(
          e.id,
          e.caseId,
          e.at,
          e.actor,
          e.actorName,
          e.action,
          e.fromState,
          e.toState,
          e.publicNote,
          e.internalNote,
          JSON.stringify(e.data),
          e.changeSeq,
        );
        caseIds.add(e.caseId);
      }
      for (const a of page.attachments) {
        s.upsertAttachment.run({ ...a, public: a.public ? 1 : 0 });
        caseIds.add(a.caseId);
      }
      const wallItems: WallItemRef[] = [];
      for (const w of page.wall) {
        s.upsertWall.run({
          ...w,
          body: JSON.stringify(w.body),
          deleted: w.deleted ? 1 : 0,
        });
        wallItems.push({ kind: w.kind, id: w.id });
      }
      const at = now().toISOString();
      initialLoad.afterRows(page);
      s.moveCursor.run(page.epoch, cursor.seq, page.upToDate ? at : null, at);
      if (caseIds.size > 0) touched([...caseIds]);
      wallItems.push(...wall.settledBetween(page.since, cursor.seq));
      if (wallItems.length > 0) wall.touched(wallItems);
      return {
        caseIds: [...caseIds],
        rows: page.cases.length + page.events.length + page.wall.length + page.attachments.length,
        upToDate: page.upToDate,
        cursorSeq: cursor.seq,
      };
    })();
  }

  return {
    /** Applies a page requested at `requested`; throws SyncFailure('bad_reply') and changes nothing if it does not fit. */
    applyPage(page: PullResponse, requested: { epoch: string | null; cursorSeq: number }): AppliedPage {
      return initialLoad.applying(page, () => apply(page, requested));
    },

    /** Settles once the checkpoint after an initial load, run in the background, has ended. */
    checkpointed: () => initialLoad.checkpointed(),

    /** The server ordered a re-sync: drop every mirrored row and start from the beginning (the outbox stays). */
    reset(): void {
      writeTransaction(sqlite, () => {
        s.clearEvents.run();
        s.clearAttachments.run();
        searchIndex.clear(() => s.clearCases.run());
        s.clearWall.run();
        s.reset.run(now().toISOString());
        touched('all');
        wall.touched('all');
      })();
    },
  };
}
export type Mirror = ReturnType<typeof createMirror>;
