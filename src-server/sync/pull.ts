import type { Kysely, Transaction } from 'kysely';
import { formatCursor, type PullResponse } from '../../src-shared/sync/protocol';
import type { DialectName } from '../db/dialect';
import type { ServerDatabase } from '../db/schema';
import { attachmentsInPage } from './attachment-rows';
import { syncTrx } from './tables';
import { toWallWire } from './wall-rows';
import { toCaseWire, toEventWire } from './wire-rows';

export class ResyncRequired extends Error {
  constructor(
    readonly epoch: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PageRequest {
  /** The client's epoch, or null on a first pull. */
  epoch: string | null;
  since: number;
  limit: number;
}

/**
 * One page of changes after `since`: every case whose latest change falls in the page (masked reporter), every
 * timeline event committed in it, every attachment linked in it, and every wall layout or tour whose latest change falls in it. A case changed again later is sent with that later page instead, so a client
 * applying pages in order always holds each row's newest state once it is up to date. Read in one snapshot.
 */
export async function readPage(
  db: Kysely<ServerDatabase>,
  dialect: DialectName,
  request: PageRequest,
  now: Date,
): Promise<PullResponse> {
  const run = (trx: Transaction<ServerDatabase>) => readInSnapshot(trx, request, now);
  // Repeatable read: the cursor, the boundary and the rows all come from the same committed state.
  return dialect === 'postgres'
    ? db.transaction().setIsolationLevel('repeatable read').execute(run)
    : db.transaction().execute(run);
}

async function readInSnapshot(
  trx: Transaction<ServerDatabase>,
  request: PageRequest,
  now: Date,
): Promise<PullResponse> {
  const meta = await trx.selectFrom('sync_meta').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
  const epoch = meta.epoch;
  const since = request.epoch === null ? 0 : request.since;
  if (request.epoch !== null && request.epoch !== epoch) {
    throw new ResyncRequired(epoch, 'The server ordered a full re-sync (new epoch): drop the mirror and pull again.');
  }
  const state = await trx.selectFrom('sync_state').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
  const last = Number(state.last_seq);
  if (since > last) {
    // The client has seen changes this server does not have: restored from an older backup.
    throw new ResyncRequired(
      epoch,
      `Cursor ${since} is ahead of the server (${last}): drop the mirror and pull again.`,
    );
  }
  const boundary = await trx
    .selectFrom('sync_changes')
    .select('seq')
    .where('seq', '>', since)
    .orderBy('seq')
    .limit(1)
    .offset(request.limit - 1)
    .executeTakeFirst();
  const end = boundary ? Number(boundary.seq) : last;

  const cases =
    end > since
      ? await trx
          .selectFrom('cases')
          .leftJoin('reporters', 'reporters.case_id', 'cases.id')
          // Only what the wire carries: every column read is an object property built and dropped per row.
          .select([
            'cases.id',
            'cases.code',
            'cases.kind',
            'cases.channel',
            'cases.service_code',
            'cases.service_name',
            'cases.description',
            'cases.lat',
            'cases.long',
            'cases.address_string',
            'cases.state',
            'cases.status',
            'cases.status_notes',
            'cases.agency_id',
            'cases.duplicate_of',
            'cases.assignee',
            'cases.site_id',
            'cases.sla_working_days',
            'cases.pending_extension_days',
            'cases.extension_count',
            'cases.reopen_count',
            'cases.public_result',
            'cases.rejection_reason',
            'cases.received_at',
            'cases.due_at',
            'cases.updated_at',
            'cases.resolved_at',
            'cases.closed_at',
            'cases.version',
            'cases.change_seq',
            'reporters.case_id as r_case_id',
            'reporters.first_name as r_first_name',
            'reporters.last_name as r_last_name',
            'reporters.email as r_email',
            'reporters.phone as r_phone',
          ])
          .where('cases.change_seq', '>', since)
          .where('cases.change_seq', '<=', end)
          .orderBy('cases.change_seq')
          .execute()
      : [];
  const events =
    end > since
      ? await trx
          .selectFrom('case_events')
          .leftJoin('users', 'users.id', 'case_events.actor_id')
          .select([
            'case_events.id',
            'case_events.case_id',
            'case_events.at',
            'case_events.actor',
            'case_events.action',
            'case_events.from_state',
            'case_events.to_state',
            'case_events.public_note',
            'case_events.internal_note',
            'case_events.data',
            'case_events.change_seq',
            'users.display_name as actor_name',
          ])
          .where('case_events.change_seq', '>', since)
          .where('case_events.change_seq', '<=', end)
          .orderBy('case_events.id')
          .execute()
      : [];
  const wall =
    end > since
      ? await syncTrx(trx)
          .selectFrom('wall_items')
          .selectAll()
          .where('change_seq', '>', since)
          .where('change_seq', '<=', end)
          .orderBy('change_seq')
          .execute()
      : [];
  const attachments = end > since ? await attachmentsInPage(trx, since, end) : [];
  return {
    ok: true,
    epoch,
    since,
    cursor: formatCursor({ epoch, seq: end }),
    upToDate: end >= last,
    serverTime: now.toISOString(),
    cases: cases.map(toCaseWire),
    events: events.map(toEventWire),
    wall: wall.map(toWallWire),
    attachments,
  };
}
