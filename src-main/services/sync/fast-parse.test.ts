import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import {
  CASE_COLUMNS,
  EVENT_COLUMNS,
  OPTIONAL_CASE_COLUMNS,
  type PageTableWire,
  rowsAsObjects,
} from '../../../src-shared/sync/page-wire';
import { CaseEventWireSchema, CaseWireSchema, PullResponseSchema } from '../../../src-shared/sync/protocol';
import { wireCase } from '../../../tests/sync/case-wire';
import {
  FAST_CASE_KEYS,
  FAST_EVENT_KEYS,
  FastPullResponseSchema,
  MAX_PAGE_CASES,
  MAX_PAGE_EVENTS,
  tryFastPull,
} from './fast-parse';

const EPOCH = 'epoch-test-01';
/** A key left out of the row. */
const MISSING = Symbol('missing');

/** Mostly valid values, sometimes one that zod refuses (or a key left out). */
function field<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>, badWeight: number) {
  return fc.oneof(
    { weight: 100, arbitrary: valid as fc.Arbitrary<unknown> },
    { weight: badWeight, arbitrary: fc.oneof(invalid, fc.constant(MISSING)) },
  );
}

const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 5 }),
  fc.constant([]),
  fc.constant({}),
);
/** Strings around `max` characters (UTF-16 units, as zod counts), some with characters outside the BMP. */
const text = (max: number, min = 0) =>
  fc.oneof(
    fc.string({ minLength: min, maxLength: Math.min(max, 12) }),
    fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 6) }),
    fc.constantFrom(...[max - 1, max].filter((n) => n >= min).map((n) => 'x'.repeat(n))),
    fc.constantFrom('😀'.repeat(Math.floor(max / 2))),
  );
const tooLong = (max: number) => fc.constantFrom('x'.repeat(max + 1), '😀'.repeat(Math.floor(max / 2) + 1));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.oneof(fc.constant(null), a);
const id = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }).filter((v) => v.trim().length > 0),
  fc.constantFrom(' c-1 ', '\u00a0c-2\t', '\ufeffc-3', 'x'.repeat(100), ` ${'x'.repeat(100)} `),
);
const badId = fc.constantFrom('', '   ', '\n\u00a0', 'x'.repeat(101), 7, null);
const instant = fc.oneof(
  fc.constantFrom('2026-11-27T01:00:00.000Z', '2026-11-27T01:00:00Z'),
  fc.string({ minLength: 20, maxLength: 30 }),
);
const badInstant = fc.oneof(fc.string({ maxLength: 19 }), fc.string({ minLength: 31, maxLength: 33 }), anyJson);
const int = fc.oneof(fc.integer(), fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER));
const badInt = fc.oneof(
  fc.constantFrom(1.5, 2 ** 53, -(2 ** 53), 1e300, Number.NaN, Number.POSITIVE_INFINITY, '3'),
  anyJson,
);
const state = fc.constantFrom(...CASE_STATES);
const badState = fc.oneof(fc.constantFrom('toString', '__proto__', 'RECEIVED', ''), anyJson);
const coordinate = (limit: number) =>
  fc.oneof(fc.double({ min: -limit, max: limit, noNaN: true }), fc.constantFrom(limit, -limit, -0));
const badCoordinate = (limit: number) => fc.constantFrom(limit + 1e-9, -limit - 1e-9, Number.NaN, '10', true);

function row(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  // An unknown key, never one of the row's own: "name" drawn as the extra key used to overwrite a valid name.
  const extraKey = fc.string({ maxLength: 6 }).filter((k) => !Object.hasOwn(fields, k));
  return fc.tuple(fc.record(fields), fc.option(fc.tuple(extraKey, anyJson), { freq: 5 })).map(([values, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) if (v !== MISSING) out[k] = v;
    if (extra) out[extra[0]] = extra[1];
    return out;
  });
}

function caseRow(bad: number, seq: fc.Arbitrary<unknown>) {
  const t = (max: number) => field(nullable(text(max)), tooLong(max), bad);
  return row({
    id: field(id, badId, bad),
    code: field(text(32, 1), fc.oneof(tooLong(32), fc.constant('')), bad),
    kind: field(text(64), tooLong(64), bad),
    channel: field(text(64), tooLong(64), bad),
    serviceCode: field(text(64), tooLong(64), bad),
    serviceName: field(text(300), tooLong(300), bad),
    description: t(8000),
    lat: field(nullable(coordinate(90)), badCoordinate(90), bad),
    long: field(nullable(coordinate(180)), badCoordinate(180), bad),
    addressString: t(8000),
    state: field(state, badState, bad),
    status: field(fc.constantFrom('open', 'closed'), badState, bad),
    statusNotes: t(8000),
    agencyId: t(100),
    duplicateOf: t(100),
    assignee: t(128),
    // Absent from older servers: zod defaults it to null.
    siteId: fc.oneof(fc.constant(MISSING), field(nullable(text(64)), tooLong(64), bad)),
    slaWorkingDays: field(int, badInt, bad),
    pendingExtensionDays: field(nullable(int), badInt, bad),
    extensionCount: field(int, badInt, bad),
    reopenCount: field(int, badInt, bad),
    publicResult: t(8000),
    rejectionReason: t(8000),
    receivedAt: field(instant, badInstant, bad),
    dueAt: field(instant, badInstant, bad),
    updatedAt: field(instant, badInstant, bad),
    resolvedAt: field(nullable(instant), badInstant, bad),
    closedAt: field(nullable(instant), badInstant, bad),
    version: field(fc.integer({ min: 1 }), fc.oneof(fc.constant(0), badInt), bad),
    changeSeq: seq,
    reporter: field(
      nullable(
        row({
          name: field(nullable(text(200)), tooLong(200), bad),
          phone: field(nullable(text(64)), tooLong(64), bad),
          email: field(nullable(text(320)), tooLong(320), bad),
        }),
      ),
      anyJson,
      bad,
    ),
  });
}

function eventRow(bad: number, seq: fc.Arbitrary<unknown>) {
  const t = (max: number) => field(nullable(text(max)), tooLong(max), bad);
  // JSON has no NaN or ±Infinity, and zod refuses them: a valid reply's data holds finite numbers only.
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const value = fc.oneof(fc.string({ maxLength: 5 }), finite, fc.integer(), fc.boolean(), fc.constant(null));
  const data = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 }),
    fc.constant(JSON.parse('{"__proto__": 1, "a": 2}') as unknown),
  );
  const badData = fc.oneof(
    fc.constant([]),
    fc.constant({ a: [1] }),
    fc.constant({ a: {} }),
    fc.constant({ a: Number.NaN }),
    fc.constant({ a: Number.POSITIVE_INFINITY }),
    anyJson,
  );
  return row({
    id: field(fc.integer({ min: 1 }), fc.oneof(fc.constant(0), badInt), bad),
    caseId: field(id, badId, bad),
    at: field(instant, badInstant, bad),
    actor: field(text(64), tooLong(64), bad),
    actorName: t(200),
    action: field(text(64), tooLong(64), bad),
    fromState: field(nullable(state), badState, bad),
    toState: field(state, badState, bad),
    publicNote: t(8000),
    internalNote: t(8000),
    data: field(data, badData, bad),
    changeSeq: seq,
  });
}

/**
 * A table of `rows` as a server would send it, with a header that sometimes carries a column more, comes in another
 * order, lacks a column, names one twice, or has a row of another length. Values a row object lacks are sent as null.
 */
function table(rows: fc.Arbitrary<Record<string, unknown>[]>, known: readonly string[], bad: number) {
  const odd = <T>(a: fc.Arbitrary<T>) => fc.option(a, { freq: Math.max(1, 40 - bad * 10) });
  return fc
    .record({
      rows,
      extra: fc.option(fc.string({ maxLength: 6 }), { freq: 4 }),
      extraAt: fc.nat(),
      shuffled: fc.boolean(),
      dropped: bad > 0 ? odd(fc.constantFrom(...known)) : fc.constant(null),
      twice: bad > 0 ? odd(fc.constantFrom(...known)) : fc.constant(null),
      lengthOff: bad > 0 ? odd(fc.constantFrom(-1, 1)) : fc.constant(null),
    })
    .map(({ rows: objects, extra, extraAt, shuffled, dropped, twice, lengthOff }) => {
      let columns = known.filter((c) => c !== dropped);
      if (shuffled) columns = [...columns].reverse();
      if (extra !== null) columns.splice(extraAt % (columns.length + 1), 0, extra);
      if (twice !== null) columns.push(twice);
      const positional = objects.map((o, i) => {
        const row = columns.map((c) => (Object.hasOwn(o, c) ? o[c] : null));
        if (i === 0 && lengthOff === 1) row.push(null);
        if (i === 0 && lengthOff === -1) row.pop();
        return row;
      });
      return { columns, rows: positional };
    });
}

/** A reply around a page (10, 20]: sequence numbers inside, on the edges, outside, or not numbers. */
function reply(bad: number) {
  const seq = field(fc.integer({ min: 11, max: 20 }), fc.oneof(fc.constantFrom(10, 21, -1), badInt), bad);
  return fc
    .record({
      cases: table(fc.array(caseRow(bad, seq), { maxLength: 4 }), CASE_COLUMNS, bad),
      events: table(fc.array(eventRow(bad, seq), { maxLength: 4 }), EVENT_COLUMNS, bad),
      upToDate: field(fc.boolean(), anyJson, bad),
      extra: fc.option(anyJson, { freq: 4 }),
    })
    .map(
      ({ cases, events, upToDate, extra }) =>
        // As it arrives: JSON has no undefined, and a row object's "__proto__" key is an own property once parsed.
        JSON.parse(
          JSON.stringify({
            ok: true,
            epoch: EPOCH,
            since: 10,
            cursor: `${EPOCH}:20`,
            ...(upToDate === MISSING ? {} : { upToDate }),
            serverTime: '2026-11-27T02:00:00.000Z',
            cases,
            events,
            ...(extra === null ? {} : { somethingNew: extra }),
          }),
        ) as { cases: PageTableWire; events: PageTableWire } & Record<string, unknown>,
    );
}

/** A table's shape a workstation must refuse whatever its values: a column it needs missing, one named twice, a row of another length. */
function misshapen(t: PageTableWire, known: readonly string[], optional: readonly string[]): boolean {
  return (
    known.some((c) => !optional.includes(c) && !t.columns.includes(c)) ||
    new Set(t.columns).size !== t.columns.length ||
    t.rows.some((r) => r.length !== t.columns.length)
  );
}

/** The reference: zod on the rows as objects keyed by the header, or null for a page misshapen as above. */
function reference(json: ReturnType<typeof reply> extends fc.Arbitrary<infer T> ? T : never) {
  if (misshapen(json.cases, CASE_COLUMNS, OPTIONAL_CASE_COLUMNS) || misshapen(json.events, EVENT_COLUMNS, [])) {
    return null;
  }
  return PullResponseSchema.safeParse({
    ...json,
    cases: rowsAsObjects(json.cases),
    events: rowsAsObjects(json.events),
  });
}

const VALID_EVENT = {
  id: 1,
  caseId: 'c-1',
  at: '2026-11-27T01:00:00.000Z',
  actor: 'citizen',
  actorName: null,
  action: 'receive',
  fromState: null,
  toState: 'received',
  publicNote: null,
  internalNote: null,
  data: {},
  changeSeq: 21,
};
const VALID_CASE = wireCase(1, { changeSeq: 21 });

describe('pull replies checked by hand', () => {
  it('knows every key of the case and event schemas, and their array limits', () => {
    expect(Object.keys(CaseWireSchema.shape)).toEqual([...FAST_CASE_KEYS]);
    expect(Object.keys(CaseEventWireSchema.shape)).toEqual([...FAST_EVENT_KEYS]);
    const { cases, events } = PullResponseSchema.shape;
    const tooBig = (schema: typeof cases | typeof events, rows: unknown[]) =>
      schema.safeParse(rows).error?.issues.some((i) => i.code === 'too_big') ?? false;
    expect(tooBig(cases, new Array(MAX_PAGE_CASES).fill(VALID_CASE))).toBe(false);
    expect(tooBig(cases, new Array(MAX_PAGE_CASES + 1).fill(VALID_CASE))).toBe(true);
    expect(tooBig(events, new Array(MAX_PAGE_EVENTS).fill(VALID_EVENT))).toBe(false);
    expect(tooBig(events, new Array(MAX_PAGE_EVENTS + 1).fill(VALID_EVENT))).toBe(true);
  });

  it('accepts only what zod accepts of the rows read by their header, and returns exactly what zod returns', () => {
    fc.assert(
      fc.property(reply(3), (json) => {
        const byZod = reference(json);
        const parsed = FastPullResponseSchema.safeParse(json);
        if (byZod === null) {
          // Refused whatever the values, naming the table.
          expect(parsed.success).toBe(false);
          expect(['cases', 'events']).toContain(parsed.error!.issues[0]!.path[0]);
          return;
        }
        const byHand = tryFastPull(json);
        if (byHand?.success) {
          expect(byZod.success).toBe(true);
          expect(byHand.data).toStrictEqual(byZod.data);
        }
        expect(parsed.success).toBe(byZod.success);
        if (parsed.success) expect(parsed.data).toStrictEqual(byZod.data);
        else expect(parsed.error.issues).toEqual(byZod.error!.issues);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the hand path for every valid reply, whatever the order of its columns or a column more', () => {
    fc.assert(
      fc.property(reply(0), (json) => {
        const byZod = reference(json);
        expect(byZod?.success).toBe(true);
        const byHand = tryFastPull(json);
        // The one input the hand check leaves to zod on purpose: a "__proto__" key in an event's data.
        const data = json.events.columns.indexOf('data');
        const protoKey = json.events.rows.some(
          (r) => typeof r[data] === 'object' && r[data] !== null && Object.hasOwn(r[data], '__proto__'),
        );
        if (!protoKey) expect(byHand?.data).toStrictEqual(byZod!.data);
      }),
      { numRuns: 300 },
    );
  });

  const empty = {
    ok: true,
    epoch: EPOCH,
    since: 10,
    cursor: `${EPOCH}:20`,
    upToDate: true,
    serverTime: '2026-11-27T02:00:00.000Z',
    cases: { columns: CASE_COLUMNS, rows: [] },
    events: { columns: EVENT_COLUMNS, rows: [] },
  };
  const eventRowOf = (e: Record<string, unknown>) => EVENT_COLUMNS.map((c) => e[c]);

  it('refuses a page whose rows fall outside it, as zod does', () => {
    const ok = tryFastPull(empty);
    expect(ok?.success).toBe(true);
    const outside = FastPullResponseSchema.safeParse({
      ...empty,
      events: { columns: EVENT_COLUMNS, rows: [eventRowOf(VALID_EVENT)] },
    });
    expect(outside.success).toBe(false);
    expect(outside.error?.issues[0]?.message).toBe('rows outside the page');
  });

  it('refuses a table lacking a column even without rows, and a row longer or shorter than its header', () => {
    const lacking = FastPullResponseSchema.safeParse({
      ...empty,
      cases: { columns: CASE_COLUMNS.filter((c) => c !== 'assignee'), rows: [] },
    });
    expect(lacking.error?.issues[0]).toMatchObject({ path: ['cases', 'columns'], message: 'missing column assignee' });
    const row = eventRowOf({ ...VALID_EVENT, changeSeq: 12 });
    expect(
      FastPullResponseSchema.safeParse({ ...empty, events: { columns: EVENT_COLUMNS, rows: [row] } }).success,
    ).toBe(true);
    for (const wrong of [[...row, null], row.slice(0, -1)]) {
      const refused = FastPullResponseSchema.safeParse({ ...empty, events: { columns: EVENT_COLUMNS, rows: [wrong] } });
      expect(refused.error?.issues[0]?.path).toEqual(['events', 'rows', 0]);
    }
    // Objects keyed by field name (protocol 1) are no table.
    const objects = FastPullResponseSchema.safeParse({ ...empty, cases: [], events: [] });
    expect(objects.error?.issues[0]).toMatchObject({ path: ['cases'] });
  });
});
