import { z } from 'zod';
import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import { OPTIONAL_CASE_COLUMNS, type PageTableWire, rowsAsObjects } from '../../../src-shared/sync/page-wire';
import {
  type CaseEventWire,
  type CaseWire,
  type MaskedReporter,
  MAX_PULL_LIMIT,
  parseCursor,
  type PullResponse,
  PullResponseSchema,
} from '../../../src-shared/sync/protocol';

type Parsed = ReturnType<typeof PullResponseSchema.safeParse>;

/**
 * The pull reply of sync protocol 2 (page-wire.ts) read and checked: cases and events come as positional rows under
 * one column header per table. Each value is read by its column's name: a column this workstation does not know is
 * ignored; a table lacking one it needs, or a row of another length than its header, refuses the whole page. The rows
 * are checked by hand where zod is slowest, with the rules of CaseWireSchema and CaseEventWireSchema and the same
 * output (ids trimmed, siteId defaulted); fast-parse.test.ts holds both to that with fast-check. Everything else of
 * the reply (envelope, wall, attachments, fields added later, the refinements) still goes through PullResponseSchema.
 * The hand check only ever says yes: on the first doubt the reply, its rows as objects keyed by the header, is parsed
 * by zod, which decides and words the error.
 */
export const FastPullResponseSchema = {
  safeParse(json: unknown): Parsed {
    return tryFastPull(json) ?? byZod(json);
  },
};

/** The array limits of PullResponseSchema (fast-parse.test.ts checks they are still the schema's). */
export const MAX_PAGE_CASES = MAX_PULL_LIMIT * 2;
export const MAX_PAGE_EVENTS = MAX_PULL_LIMIT * 4;

/** The keys the hand checks know, in the schemas' order (the test fails when a schema gains one). */
export const FAST_CASE_KEYS = [
  'id',
  'code',
  'kind',
  'channel',
  'serviceCode',
  'serviceName',
  'description',
  'lat',
  'long',
  'addressString',
  'state',
  'status',
  'statusNotes',
  'agencyId',
  'duplicateOf',
  'assignee',
  'siteId',
  'slaWorkingDays',
  'pendingExtensionDays',
  'extensionCount',
  'reopenCount',
  'publicResult',
  'rejectionReason',
  'receivedAt',
  'dueAt',
  'updatedAt',
  'resolvedAt',
  'closedAt',
  'version',
  'changeSeq',
  'reporter',
] as const;
export const FAST_EVENT_KEYS = [
  'id',
  'caseId',
  'at',
  'actor',
  'actorName',
  'action',
  'fromState',
  'toState',
  'publicNote',
  'internalNote',
  'data',
  'changeSeq',
] as const;

type Row = Record<string, unknown>;
const STATES = new Set<unknown>(CASE_STATES);

/** Position of each known column in a row read in the known order. */
function positions<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k, i) => [k, i])) as Record<K, number>;
}
const C = positions(FAST_CASE_KEYS);
const E = positions(FAST_EVENT_KEYS);
/** More columns than any server of this protocol family will send: the header is refused before it is searched. */
const MAX_COLUMNS = 256;

/** A table whose header and row shapes passed: `at[k]` is the header position of known column k (-1: absent). */
interface Table {
  wire: PageTableWire;
  at: number[];
  /** The header is exactly the known columns in the known order: rows are read as they are. */
  inOrder: boolean;
}

function refusal(path: (string | number)[], message: string): Parsed {
  const error = new z.ZodError([{ code: 'custom', path, message, input: undefined }]) as z.ZodError<PullResponse>;
  return { success: false, error };
}

/** The table's header against the columns this workstation knows, and every row's shape; a refusal if they fail. */
function tableOf(
  value: unknown,
  name: 'cases' | 'events',
  known: readonly string[],
  optional: readonly string[],
  maxRows: number,
): Table | Parsed {
  if (!isRow(value) || !Array.isArray(value.columns) || !Array.isArray(value.rows)) {
    return refusal([name], 'expected a table {columns, rows}');
  }
  const columns: unknown[] = value.columns;
  const rows: unknown[] = value.rows;
  if (columns.length > MAX_COLUMNS || !columns.every((c) => typeof c === 'string' && c.length <= 64)) {
    return refusal([name, 'columns'], `expected at most ${MAX_COLUMNS} column names`);
  }
  const header = columns as string[];
  if (new Set(header).size !== header.length) return refusal([name, 'columns'], 'a column named twice');
  const at = known.map((k) => header.indexOf(k));
  const missing = known.filter((k, i) => at[i] === -1 && !optional.includes(k));
  if (missing.length > 0) return refusal([name, 'columns'], `missing column ${missing.join(', ')}`);
  if (rows.length > maxRows) return refusal([name, 'rows'], `more than ${maxRows} rows`);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== header.length) {
      return refusal([name, 'rows', i], `expected a row of ${header.length} values, as many as the columns`);
    }
  }
  const inOrder = header.length === known.length && at.every((p, k) => p === k);
  return { wire: { columns: header, rows: rows as unknown[][] }, at, inOrder };
}

function isTable(t: Table | Parsed): t is Table {
  return 'at' in t;
}

/** A row's values in the known columns' order (undefined for an absent optional column). */
function inKnownOrder(row: readonly unknown[], table: Table): readonly unknown[] {
  if (table.inOrder) return row;
  return table.at.map((p) => (p === -1 ? undefined : row[p]));
}

/**
 * The reply when the hand checks decide (exactly what zod would return for the rows as objects, or the refusal of a
 * table's header or row shape), else null.
 */
export function tryFastPull(json: unknown): Parsed | null {
  if (!isRow(json)) return null;
  const casesTable = tableOf(json.cases, 'cases', FAST_CASE_KEYS, OPTIONAL_CASE_COLUMNS, MAX_PAGE_CASES);
  if (!isTable(casesTable)) return casesTable;
  const eventsTable = tableOf(json.events, 'events', FAST_EVENT_KEYS, [], MAX_PAGE_EVENTS);
  if (!isTable(eventsTable)) return eventsTable;
  const envelope = PullResponseSchema.safeParse({ ...json, cases: [], events: [] });
  if (!envelope.success) return null;
  const { since } = envelope.data;
  const end = parseCursor(envelope.data.cursor)?.seq;
  if (end === undefined) return null;
  const cases = rowsOf(casesTable, caseOf, since, end);
  if (!cases) return null;
  const events = rowsOf(eventsTable, eventOf, since, end);
  if (!events) return null;
  return { success: true, data: { ...envelope.data, cases, events } as PullResponse };
}

/** Every row of `table` read by `read` (in the known columns' order) and changed inside (since, end]; else null. */
function rowsOf<T extends { changeSeq: number }>(
  table: Table,
  read: (row: readonly unknown[]) => T | null,
  since: number,
  end: number,
): T[] | null {
  const raw = table.wire.rows;
  const rows: T[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const row = read(inKnownOrder(raw[i]!, table));
    if (!row || row.changeSeq <= since || row.changeSeq > end) return null;
    rows[i] = row;
  }
  return rows;
}

/** zod's verdict on a reply whose tables passed tableOf: its rows as objects keyed by the header. */
function byZod(json: unknown): Parsed {
  if (!isRow(json)) return PullResponseSchema.safeParse(json);
  return PullResponseSchema.safeParse({
    ...json,
    cases: rowsAsObjects(json.cases as PageTableWire),
    events: rowsAsObjects(json.events as PageTableWire),
  });
}

function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True when `v` is a plain object holding exactly `keys` own keys, all checked already (each holds a defined value):
 * then it is what zod would build, and is kept instead of copied.
 */
function keepable(v: Row, keys: number): boolean {
  return Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length === keys;
}
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const strOrNull = (v: unknown, max: number) => v === null || str(v, max);
const int = (v: unknown): v is number => Number.isSafeInteger(v);
const num = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const instant = (v: unknown): v is string => typeof v === 'string' && v.length >= 20 && v.length <= 30;
const TEXT = 8000;

/** Id: trimmed, then 1–100 characters; undefined when it is not one. */
function idOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= 100 ? t : undefined;
}

function reporterOf(v: unknown): MaskedReporter | null | undefined {
  if (v === null) return null;
  if (!isRow(v) || !strOrNull(v.name, 200) || !strOrNull(v.phone, 64) || !strOrNull(v.email, 320)) return undefined;
  if (keepable(v, 3)) return v as unknown as MaskedReporter;
  return { name: v.name as string | null, phone: v.phone as string | null, email: v.email as string | null };
}

/** A case row in FAST_CASE_KEYS order, checked as CaseWireSchema checks it; null on the first doubt. */
function caseOf(r: readonly unknown[]): CaseWire | null {
  const id = idOf(r[C.id]);
  const code = r[C.code];
  const siteId = r[C.siteId] === undefined ? null : r[C.siteId];
  const reporter = reporterOf(r[C.reporter]);
  const version = r[C.version];
  const changeSeq = r[C.changeSeq];
  if (
    id === undefined ||
    reporter === undefined ||
    !(str(code, 32) && code.length >= 1) ||
    !str(r[C.kind], 64) ||
    !str(r[C.channel], 64) ||
    !str(r[C.serviceCode], 64) ||
    !str(r[C.serviceName], 300) ||
    !strOrNull(r[C.description], TEXT) ||
    !(r[C.lat] === null || num(r[C.lat], -90, 90)) ||
    !(r[C.long] === null || num(r[C.long], -180, 180)) ||
    !strOrNull(r[C.addressString], TEXT) ||
    !STATES.has(r[C.state]) ||
    !(r[C.status] === 'open' || r[C.status] === 'closed') ||
    !strOrNull(r[C.statusNotes], TEXT) ||
    !strOrNull(r[C.agencyId], 100) ||
    !strOrNull(r[C.duplicateOf], 100) ||
    !strOrNull(r[C.assignee], 128) ||
    !strOrNull(siteId, 64) ||
    !int(r[C.slaWorkingDays]) ||
    !(r[C.pendingExtensionDays] === null || int(r[C.pendingExtensionDays])) ||
    !int(r[C.extensionCount]) ||
    !int(r[C.reopenCount]) ||
    !strOrNull(r[C.publicResult], TEXT) ||
    !strOrNull(r[C.rejectionReason], TEXT) ||
    !instant(r[C.receivedAt]) ||
    !instant(r[C.dueAt]) ||
    !instant(r[C.updatedAt]) ||
    !(r[C.resolvedAt] === null || instant(r[C.resolvedAt])) ||
    !(r[C.closedAt] === null || instant(r[C.closedAt])) ||
    !(int(version) && version >= 1) ||
    !(int(changeSeq) && changeSeq >= 0)
  ) {
    return null;
  }
  return {
    id,
    code,
    kind: r[C.kind],
    channel: r[C.channel],
    serviceCode: r[C.serviceCode],
    serviceName: r[C.serviceName],
    description: r[C.description],
    lat: r[C.lat],
    long: r[C.long],
    addressString: r[C.addressString],
    state: r[C.state],
    status: r[C.status],
    statusNotes: r[C.statusNotes],
    agencyId: r[C.agencyId],
    duplicateOf: r[C.duplicateOf],
    assignee: r[C.assignee],
    siteId,
    slaWorkingDays: r[C.slaWorkingDays],
    pendingExtensionDays: r[C.pendingExtensionDays],
    extensionCount: r[C.extensionCount],
    reopenCount: r[C.reopenCount],
    publicResult: r[C.publicResult],
    rejectionReason: r[C.rejectionReason],
    receivedAt: r[C.receivedAt],
    dueAt: r[C.dueAt],
    updatedAt: r[C.updatedAt],
    resolvedAt: r[C.resolvedAt],
    closedAt: r[C.closedAt],
    version,
    changeSeq,
    reporter,
  } as CaseWire;
}

function dataOf(v: unknown): CaseEventWire['data'] | undefined {
  if (!isRow(v)) return undefined;
  // A plain object whose values all pass is kept; anything else is copied, as zod copies.
  const out: CaseEventWire['data'] | null = Object.getPrototypeOf(v) === Object.prototype ? null : {};
  for (const key of Object.keys(v)) {
    // zod copies with an assignment that "__proto__" would turn into a prototype change: leave that case to zod.
    if (key === '__proto__') return undefined;
    const x = v[key];
    if (
      !(x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)))
    ) {
      return undefined;
    }
    if (out) out[key] = x;
  }
  return out ?? (v as CaseEventWire['data']);
}

/** An event row in FAST_EVENT_KEYS order, checked as CaseEventWireSchema checks it; null on the first doubt. */
function eventOf(r: readonly unknown[]): CaseEventWire | null {
  const id = r[E.id];
  const caseId = idOf(r[E.caseId]);
  const data = dataOf(r[E.data]);
  const changeSeq = r[E.changeSeq];
  if (
    caseId === undefined ||
    data === undefined ||
    !(int(id) && id >= 1) ||
    !instant(r[E.at]) ||
    !str(r[E.actor], 64) ||
    !strOrNull(r[E.actorName], 200) ||
    !str(r[E.action], 64) ||
    !(r[E.fromState] === null || STATES.has(r[E.fromState])) ||
    !STATES.has(r[E.toState]) ||
    !strOrNull(r[E.publicNote], TEXT) ||
    !strOrNull(r[E.internalNote], TEXT) ||
    !(int(changeSeq) && changeSeq >= 0)
  ) {
    return null;
  }
  return {
    id,
    caseId,
    at: r[E.at],
    actor: r[E.actor],
    actorName: r[E.actorName],
    action: r[E.action],
    fromState: r[E.fromState],
    toState: r[E.toState],
    publicNote: r[E.publicNote],
    internalNote: r[E.internalNote],
    data,
    changeSeq,
  } as CaseEventWire;
}
