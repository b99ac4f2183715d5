import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import {
  type CaseEventWire,
  type CaseWire,
  type MaskedReporter,
  MAX_PULL_LIMIT,
  parseCursor,
  type PullResponse,
  PullResponseSchema,
} from '../../../src-shared/sync/protocol';

/**
 * The pull reply checked by hand where zod is slowest: the thousands of case and event rows of a page. Same rules as
 * CaseWireSchema and CaseEventWireSchema, same output (unknown keys dropped, ids trimmed, siteId defaulted);
 * fast-parse.test.ts holds both to that with fast-check. Everything else of the reply (envelope, wall, attachments,
 * fields added later, the refinements) still goes through PullResponseSchema. The hand check only ever says yes:
 * on the first doubt the whole reply is parsed by zod, which decides and words the error.
 */
export const FastPullResponseSchema = {
  safeParse(json: unknown): ReturnType<typeof PullResponseSchema.safeParse> {
    return tryFastPull(json) ?? PullResponseSchema.safeParse(json);
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

/** The reply when the hand checks accept it (exactly what zod would return), else null. */
export function tryFastPull(json: unknown): ReturnType<typeof PullResponseSchema.safeParse> | null {
  if (!isRow(json) || !Array.isArray(json.cases) || !Array.isArray(json.events)) return null;
  const rawCases: unknown[] = json.cases;
  const rawEvents: unknown[] = json.events;
  if (rawCases.length > MAX_PAGE_CASES || rawEvents.length > MAX_PAGE_EVENTS) return null;
  const envelope = PullResponseSchema.safeParse({ ...json, cases: [], events: [] });
  if (!envelope.success) return null;
  const { since } = envelope.data;
  const end = parseCursor(envelope.data.cursor)?.seq;
  if (end === undefined) return null;
  const cases: CaseWire[] = new Array(rawCases.length);
  for (let i = 0; i < rawCases.length; i++) {
    const c = caseOf(rawCases[i]);
    if (!c || c.changeSeq <= since || c.changeSeq > end) return null;
    cases[i] = c;
  }
  const events: CaseEventWire[] = new Array(rawEvents.length);
  for (let i = 0; i < rawEvents.length; i++) {
    const e = eventOf(rawEvents[i]);
    if (!e || e.changeSeq <= since || e.changeSeq > end) return null;
    events[i] = e;
  }
  return { success: true, data: { ...envelope.data, cases, events } as PullResponse };
}

function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True when `v` is a plain object holding exactly `keys` own keys, all checked already (each holds a defined value):
 * then it is what zod would build, and is kept instead of copied (a page holds thousands of rows).
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

function caseOf(v: unknown): CaseWire | null {
  if (!isRow(v)) return null;
  const id = idOf(v.id);
  const siteId = v.siteId === undefined ? null : v.siteId;
  const reporter = reporterOf(v.reporter);
  if (
    id === undefined ||
    reporter === undefined ||
    !(str(v.code, 32) && v.code.length >= 1) ||
    !str(v.kind, 64) ||
    !str(v.channel, 64) ||
    !str(v.serviceCode, 64) ||
    !str(v.serviceName, 300) ||
    !strOrNull(v.description, TEXT) ||
    !(v.lat === null || num(v.lat, -90, 90)) ||
    !(v.long === null || num(v.long, -180, 180)) ||
    !strOrNull(v.addressString, TEXT) ||
    !STATES.has(v.state) ||
    !(v.status === 'open' || v.status === 'closed') ||
    !strOrNull(v.statusNotes, TEXT) ||
    !strOrNull(v.agencyId, 100) ||
    !strOrNull(v.duplicateOf, 100) ||
    !strOrNull(v.assignee, 128) ||
    !strOrNull(siteId, 64) ||
    !int(v.slaWorkingDays) ||
    !(v.pendingExtensionDays === null || int(v.pendingExtensionDays)) ||
    !int(v.extensionCount) ||
    !int(v.reopenCount) ||
    !strOrNull(v.publicResult, TEXT) ||
    !strOrNull(v.rejectionReason, TEXT) ||
    !instant(v.receivedAt) ||
    !instant(v.dueAt) ||
    !instant(v.updatedAt) ||
    !(v.resolvedAt === null || instant(v.resolvedAt)) ||
    !(v.closedAt === null || instant(v.closedAt)) ||
    !(int(v.version) && v.version >= 1) ||
    !(int(v.changeSeq) && v.changeSeq >= 0)
  ) {
    return null;
  }
  if (id === v.id && siteId === v.siteId && reporter === v.reporter && keepable(v, FAST_CASE_KEYS.length)) {
    return v as unknown as CaseWire;
  }
  return {
    id,
    code: v.code,
    kind: v.kind,
    channel: v.channel,
    serviceCode: v.serviceCode,
    serviceName: v.serviceName,
    description: v.description,
    lat: v.lat,
    long: v.long,
    addressString: v.addressString,
    state: v.state,
    status: v.status,
    statusNotes: v.statusNotes,
    agencyId: v.agencyId,
    duplicateOf: v.duplicateOf,
    assignee: v.assignee,
    siteId,
    slaWorkingDays: v.slaWorkingDays,
    pendingExtensionDays: v.pendingExtensionDays,
    extensionCount: v.extensionCount,
    reopenCount: v.reopenCount,
    publicResult: v.publicResult,
    rejectionReason: v.rejectionReason,
    receivedAt: v.receivedAt,
    dueAt: v.dueAt,
    updatedAt: v.updatedAt,
    resolvedAt: v.resolvedAt,
    closedAt: v.closedAt,
    version: v.version,
    changeSeq: v.changeSeq,
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

function eventOf(v: unknown): CaseEventWire | null {
  if (!isRow(v)) return null;
  const caseId = idOf(v.caseId);
  const data = dataOf(v.data);
  if (
    caseId === undefined ||
    data === undefined ||
    !(int(v.id) && v.id >= 1) ||
    !instant(v.at) ||
    !str(v.actor, 64) ||
    !strOrNull(v.actorName, 200) ||
    !str(v.action, 64) ||
    !(v.fromState === null || STATES.has(v.fromState)) ||
    !STATES.has(v.toState) ||
    !strOrNull(v.publicNote, TEXT) ||
    !strOrNull(v.internalNote, TEXT) ||
    !(int(v.changeSeq) && v.changeSeq >= 0)
  ) {
    return null;
  }
  if (caseId === v.caseId && data === v.data && keepable(v, FAST_EVENT_KEYS.length)) {
    return v as unknown as CaseEventWire;
  }
  return {
    id: v.id,
    caseId,
    at: v.at,
    actor: v.actor,
    actorName: v.actorName,
    action: v.action,
    fromState: v.fromState,
    toState: v.toState,
    publicNote: v.publicNote,
    internalNote: v.internalNote,
    data,
    changeSeq: v.changeSeq,
  } as CaseEventWire;
}
