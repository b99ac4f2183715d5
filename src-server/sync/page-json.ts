import { sql, type Transaction } from 'kysely';
import { CASE_STATES, CaseStateSchema } from '../../src-shared/domain/cases/states';
import { CASE_COLUMNS, EVENT_COLUMNS } from '../../src-shared/sync/page-wire';
import type { ServerDatabase } from '../db/schema';
import { maskReporter } from './mask';
import { parseData } from './wire-rows';

/** A page's cases and events as JSON text: each row (a positional array) on its own, in the page's order. */
export interface RowsJson {
  cases: string[];
  events: string[];
}

export const NO_ROWS_JSON: RowsJson = { cases: [], events: [] };

/** JSON text in pieces: a string is written as it is, the strings of an array with a comma between them. */
export type JsonPieces = readonly (string | readonly string[])[];

/**
 * The pieces' UTF-8 bytes in one buffer, written piece by piece: a page's text is never concatenated into one string
 * (the join, the flattening of the concatenation for its byte length, then its encoding were three copies of a few
 * MB each, most of the server's cost of a page after SQLite's).
 */
export function utf8OfPieces(pieces: JsonPieces): Buffer {
  let bytes = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      bytes += Buffer.byteLength(piece);
      continue;
    }
    for (const row of piece) bytes += Buffer.byteLength(row);
    bytes += Math.max(0, piece.length - 1);
  }
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      at += out.write(piece, at);
      continue;
    }
    for (let i = 0; i < piece.length; i++) {
      if (i > 0) at += out.write(',', at);
      at += out.write(piece[i]!, at);
    }
  }
  return out;
}

/** A table's text up to its first row: `{"columns":[…],"rows":[` (page-wire.ts; the SQL below writes that order). */
export const CASE_TABLE_HEAD = `{"columns":${JSON.stringify(CASE_COLUMNS)},"rows":[`;
export const EVENT_TABLE_HEAD = `{"columns":${JSON.stringify(EVENT_COLUMNS)},"rows":[`;

interface CaseJsonRow {
  head: string;
  lat: unknown;
  long: unknown;
  tail: string;
  state: string;
  version: number | string;
  change_seq: number | string;
  r_case_id: string | null;
  r_first_name: string | null;
  r_last_name: string | null;
  r_email: string | null;
  r_phone: string | null;
}

interface EventJsonRow {
  head: string;
  from_state: string | null;
  to_state: string;
  data: string;
  change_seq: number | string;
}

const STATES = new Set<string>(CASE_STATES);

/** As toCaseWire/toEventWire: a state the lifecycle does not know fails the page (zod words the error). */
function checkState(state: string): void {
  if (!STATES.has(state)) CaseStateSchema.parse(state);
}

/**
 * SQLite only: the same case and event rows as toCaseWire/toEventWire, serialized positionally in the order of
 * CASE_COLUMNS/EVENT_COLUMNS. SQLite writes the text and integer columns as JSON itself (json_array, in C), so a row
 * costs a few JS values instead of an object of 35 properties, a second object, and JSON.stringify walking both.
 * What SQLite would not write the same stays in JS: lat/long (json_array prints 15 significant digits, not the
 * shortest exact form), the masked reporter, the events' data, and the Number() conversions. page-json.test.ts holds
 * both paths to the same bytes.
 */
export async function rowsJsonInPage(trx: Transaction<ServerDatabase>, since: number, end: number): Promise<RowsJson> {
  const cases = await sql<CaseJsonRow>`
    SELECT
      json_array(c.id, c.code, c.kind, c.channel, c.service_code, c.service_name, c.description) AS head,
      c.lat AS lat, c.long AS long,
      json_array(c.address_string, c.state, CASE WHEN c.status = 'closed' THEN 'closed' ELSE 'open' END,
        c.status_notes, c.agency_id, c.duplicate_of, c.assignee, c.site_id, c.sla_working_days,
        c.pending_extension_days, c.extension_count, c.reopen_count, c.public_result, c.rejection_reason,
        c.received_at, c.due_at, c.updated_at, c.resolved_at, c.closed_at) AS tail,
      c.state AS state, c.version AS version, c.change_seq AS change_seq,
      r.case_id AS r_case_id, r.first_name AS r_first_name, r.last_name AS r_last_name, r.email AS r_email,
      r.phone AS r_phone
    FROM cases c LEFT JOIN reporters r ON r.case_id = c.id
    WHERE c.change_seq > ${since} AND c.change_seq <= ${end}
    ORDER BY c.change_seq`.execute(trx);
  const events = await sql<EventJsonRow>`
    SELECT
      json_array(e.id, e.case_id, e.at, e.actor, u.display_name, e.action, e.from_state, e.to_state, e.public_note,
        e.internal_note) AS head,
      e.from_state AS from_state, e.to_state AS to_state, e.data AS data, e.change_seq AS change_seq
    FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.change_seq > ${since} AND e.change_seq <= ${end}
    ORDER BY e.id`.execute(trx);
  return { cases: cases.rows.map(caseJson), events: events.rows.map(eventJson) };
}

function caseJson(row: CaseJsonRow): string {
  checkState(row.state);
  const reporter =
    row.r_case_id === null
      ? null
      : maskReporter({
          first_name: row.r_first_name,
          last_name: row.r_last_name,
          email: row.r_email,
          phone: row.r_phone,
        });
  // head is `[id … description]` and tail `[addressString … closedAt]`: lat and long go between them.
  return (
    `${row.head.slice(0, -1)},${JSON.stringify(row.lat)},${JSON.stringify(row.long)},` +
    `${row.tail.slice(1, -1)},${JSON.stringify(Number(row.version))},` +
    `${JSON.stringify(Number(row.change_seq))},${JSON.stringify(reporter)}]`
  );
}

function eventJson(row: EventJsonRow): string {
  if (row.from_state !== null) checkState(row.from_state);
  checkState(row.to_state);
  return `${row.head.slice(0, -1)},${JSON.stringify(parseData(row.data))},${JSON.stringify(Number(row.change_seq))}]`;
}
