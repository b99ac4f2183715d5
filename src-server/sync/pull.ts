import type { Kysely, Transaction } from 'kysely';
import { toPullPageWire } from '../../src-shared/sync/page-wire';
import { formatCursor, type PullResponse } from '../../src-shared/sync/protocol';
import type { DialectName } from '../db/dialect';
import type { ServerDatabase } from '../db/schema';
import { attachmentsInPage } from './attachment-rows';
import { CASE_TABLE_HEAD, EVENT_TABLE_HEAD, NO_ROWS_JSON, rowsJsonInPage, utf8OfPieces } from './page-json';
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
  const { epoch, since, end, last } = await pageBounds(trx, request);
  const page = end > since ? await rowsInPage(trx, since, end) : EMPTY_PAGE;
  return {
    ok: true,
    epoch,
    since,
    cursor: formatCursor({ epoch, seq: end }),
    upToDate: end >= last,
    serverTime: now.toISOString(),
    cases: page.cases.map(toCaseWire),
    events: page.events.map(toEventWire),
    wall: page.wall.map(toWallWire),
    attachments: page.attachments,
  };
}

/** A page read and serialized: what the pull route sends, and what it needs to decide whether to wait. */
export interface PageJson {
  epoch: string;
  since: number;
  upToDate: boolean;
  /** Cases plus events in the page (a long-poll waits only on a page without either). */
  casesAndEvents: number;
  /** The page as sent (page-wire.ts), UTF-8: the same text as JSON.stringify(toPullPageWire(await readPage(…))). */
  body: Buffer;
}

/**
 * readPage, serialized as the wire's positional page. On SQLite the cases and events, nearly all of an initial sync's
 * bytes, are serialized by SQLite as they are read (page-json.ts); PostgreSQL goes through readPage.
 */
export async function readPageJson(
  db: Kysely<ServerDatabase>,
  dialect: DialectName,
  request: PageRequest,
  now: Date,
): Promise<PageJson> {
  if (dialect === 'postgres') {
    const page = await readPage(db, dialect, request, now);
    const { epoch, since, upToDate } = page;
    return {
      epoch,
      since,
      upToDate,
      casesAndEvents: page.cases.length + page.events.length,
      body: Buffer.from(JSON.stringify(toPullPageWire(page))),
    };
  }
  return db.transaction().execute(async (trx) => {
    const { epoch, since, end, last } = await pageBounds(trx, request);
    const rows = end > since ? await rowsJsonInPage(trx, since, end) : NO_ROWS_JSON;
    const side = end > since ? await sideRowsInPage(trx, since, end) : EMPTY_SIDE;
    const upToDate = end >= last;
    // Key for key the order of readInSnapshot's object.
    const head = JSON.stringify({
      ok: true,
      epoch,
      since,
      cursor: formatCursor({ epoch, seq: end }),
      upToDate,
      serverTime: now.toISOString(),
    });
    const body = utf8OfPieces([
      `${head.slice(0, -1)},"cases":${CASE_TABLE_HEAD}`,
      rows.cases,
      `]},"events":${EVENT_TABLE_HEAD}`,
      rows.events,
      `]},"wall":${JSON.stringify(side.wall.map(toWallWire))},"attachments":${JSON.stringify(side.attachments)}}`,
    ]);
    return { epoch, since, upToDate, casesAndEvents: rows.cases.length + rows.events.length, body };
  });
}

/** The epoch, the request's cursor checked against it, and the page's end (since, end] of at most `limit` changes. */
async function pageBounds(trx: Transaction<ServerDatabase>, request: PageRequest) {
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
  return { epoch, since, end, last };
}

// Only what the wire carries: every column read is an object property built and dropped per row.
const CASE_COLUMNS = [
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
] as const;

const EVENT_COLUMNS = [
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
] as const;

type PageRows = Awaited<ReturnType<typeof rowsInPage>>;

const EMPTY_PAGE: PageRows = { cases: [], events: [], wall: [], attachments: [] };

/** Every row whose latest change falls in the page (since, end], each kind in the order the client applies it. */
async function rowsInPage(trx: Transaction<ServerDatabase>, since: number, end: number) {
  const cases = await trx
    .selectFrom('cases')
    .leftJoin('reporters', 'reporters.case_id', 'cases.id')
    .select(CASE_COLUMNS)
    .where('cases.change_seq', '>', since)
    .where('cases.change_seq', '<=', end)
    .orderBy('cases.change_seq')
    .execute();
  const events = await trx
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.actor_id')
    .select(EVENT_COLUMNS)
    .where('case_events.change_seq', '>', since)
    .where('case_events.change_seq', '<=', end)
    .orderBy('case_events.id')
    .execute();
  return { cases, events, ...(await sideRowsInPage(trx, since, end)) };
}

const EMPTY_SIDE: Awaited<ReturnType<typeof sideRowsInPage>> = { wall: [], attachments: [] };

/** The page's wall items and attachments (few rows, serialized from objects on both paths). */
async function sideRowsInPage(trx: Transaction<ServerDatabase>, since: number, end: number) {
  const wall = await syncTrx(trx)
    .selectFrom('wall_items')
    .selectAll()
    .where('change_seq', '>', since)
    .where('change_seq', '<=', end)
    .orderBy('change_seq')
    .execute();
  const attachments = await attachmentsInPage(trx, since, end);
  return { wall, attachments };
}
