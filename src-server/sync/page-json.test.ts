import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../src-shared/domain/cases/states';
import { type PullPageWire, rowsAsObjects, toPullPageWire } from '../../src-shared/sync/page-wire';
import { makeTempDir } from '../../tests/integration/tmp-dir';
import { migrateToLatest } from '../db/migrate';
import { openDatabase, type ServerDb } from '../db/open-database';
import { utf8OfPieces } from './page-json';
import { readPage, readPageJson } from './pull';

const temp = makeTempDir('ioc-page-json-');
let target: ServerDb;
let seq = 0;
let nextCase = 0;

beforeAll(async () => {
  target = await openDatabase({ kind: 'sqlite', path: `${temp.dir}/central.sqlite` });
  await migrateToLatest(target);
  await target.db
    .insertInto('users')
    .values({
      id: 'u-1',
      username: 'lan',
      username_key: 'lan',
      display_name: 'Nguyễn "Lan" \\ \u0001',
      password_hash: 'x',
      roles: '["operator"]',
      agency_id: null,
      disabled: 0,
      created_at: '2026-01-05T02:00:00.000Z',
    })
    .execute();
});
afterAll(async () => {
  await target.dispose();
  temp.remove();
});

// Text JSON escapes: quotes, backslashes, control characters (NUL too), lone surrogates, Vietnamese, emoji.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(' ', '\n', '\t', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', 'ễ', '😀', 'a'),
  }),
);
const optText = fc.option(text, { nil: null });
const instant = fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString());
const state = fc.constantFrom(...CASE_STATES);
const coordinate = fc.option(
  fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.integer({ min: -90, max: 90 })),
  { nil: null },
);
const data = fc.oneof(
  fc.json(),
  text,
  fc
    .dictionary(text, fc.oneof(fc.double(), text, fc.boolean(), fc.constant(null), fc.array(fc.integer())))
    .map((d) => JSON.stringify(d)),
);

const caseArb = fc.record({
  code: text,
  description: optText,
  lat: coordinate,
  long: coordinate,
  address: optText,
  state,
  status: fc.constantFrom('open', 'closed'),
  notes: optText,
  sla: fc.integer({ min: -1000, max: 1000 }),
  pending: fc.option(fc.integer(), { nil: null }),
  version: fc.integer({ min: 1, max: 2 ** 40 }),
  resolvedAt: fc.option(instant, { nil: null }),
  reporter: fc.option(fc.record({ first: optText, last: optText, email: optText, phone: optText }), { nil: null }),
  events: fc.array(
    fc.record({
      fromState: fc.option(state, { nil: null }),
      toState: state,
      withUser: fc.boolean(),
      note: optText,
      data,
    }),
    { maxLength: 3 },
  ),
});

type GeneratedCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes the cases as the server's write paths would: each change takes the next cursor. */
async function insert(cases: GeneratedCase[]): Promise<void> {
  await target.db.transaction().execute(async (trx) => {
    for (const c of cases) {
      seq++;
      const id = `c-${nextCase++}`;
      const at = new Date(Date.UTC(2026, 0, 5) + seq * 1000).toISOString();
      await trx
        .insertInto('cases')
        .values({
          id,
          code: `${c.code}#${id}`,
          kind: 'citizen_report',
          channel: 'open311',
          service_code: 'lighting',
          service_name: 'Chiếu sáng công cộng',
          description: c.description,
          lat: c.lat,
          long: c.long,
          address_string: c.address,
          address_id: null,
          zipcode: null,
          media_url: null,
          attributes: '{}',
          state: c.state,
          status: c.status,
          status_notes: c.notes,
          agency_id: null,
          duplicate_of: null,
          sla_working_days: c.sla,
          pending_extension_days: c.pending,
          extension_count: 0,
          reopen_count: 0,
          public_result: c.notes,
          rejection_reason: null,
          received_at: at,
          due_at: new Date(Date.parse(at) + 86_400_000).toISOString(),
          updated_at: at,
          resolved_at: c.resolvedAt,
          closed_at: null,
          api_key_id: null,
          version: c.version,
          change_seq: seq,
        })
        .execute();
      if (c.reporter) {
        const r = c.reporter;
        await trx
          .insertInto('reporters')
          .values({
            case_id: id,
            first_name: r.first,
            last_name: r.last,
            email: r.email,
            phone: r.phone,
            device_id: null,
            account_id: null,
            created_at: at,
          })
          .execute();
      }
      await trx.insertInto('sync_changes').values({ seq, entity: 'case', entity_id: id, at }).execute();
      for (const e of c.events) {
        seq++;
        await trx
          .insertInto('case_events')
          .values({
            case_id: id,
            at,
            actor: 'operator',
            actor_id: e.withUser ? 'u-1' : null,
            action: 'comment',
            from_state: e.fromState,
            to_state: e.toState,
            public_note: e.note,
            internal_note: e.note,
            data: e.data,
            change_seq: seq,
          })
          .execute();
        await trx.insertInto('sync_changes').values({ seq, entity: 'case', entity_id: id, at }).execute();
      }
    }
    await trx.updateTable('sync_state').set({ last_seq: seq }).where('id', '=', 1).execute();
  });
}

describe('the serialized pull page (SQLite)', () => {
  it('is byte for byte JSON.stringify of the positional page built from the object page, page after page', async () => {
    const now = new Date('2026-02-01T00:00:00.000Z');
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        async (cases, limit) => {
          const from = seq;
          await insert(cases);
          const epoch = (await readPage(target.db, 'sqlite', { epoch: null, since: 0, limit: 1 }, now)).epoch;
          let since = from;
          for (;;) {
            const request = { epoch, since, limit };
            const object = await readPage(target.db, 'sqlite', request, now);
            const page = await readPageJson(target.db, 'sqlite', request, now);
            const text = page.body.toString('utf8');
            expect(text).toBe(JSON.stringify(toPullPageWire(object)));
            // Read back by its headers, the positional page holds the object page's rows.
            const sent = JSON.parse(text) as PullPageWire;
            expect(rowsAsObjects(sent.cases)).toEqual(JSON.parse(JSON.stringify(object.cases)));
            expect(rowsAsObjects(sent.events)).toEqual(JSON.parse(JSON.stringify(object.events)));
            expect(page).toMatchObject({ epoch, since, upToDate: object.upToDate });
            expect(page.casesAndEvents).toBe(object.cases.length + object.events.length);
            if (object.upToDate) break;
            since = Number(object.cursor.split(':').pop());
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers an up-to-date cursor with an empty page, and a cursor of another epoch with ResyncRequired', async () => {
    const now = new Date('2026-02-01T00:00:00.000Z');
    const epoch = (await readPage(target.db, 'sqlite', { epoch: null, since: 0, limit: 1 }, now)).epoch;
    const page = await readPageJson(target.db, 'sqlite', { epoch, since: seq, limit: 10 }, now);
    expect(page.casesAndEvents).toBe(0);
    const object = await readPage(target.db, 'sqlite', { epoch, since: seq, limit: 10 }, now);
    expect(page.body.toString('utf8')).toBe(JSON.stringify(toPullPageWire(object)));
    await expect(readPageJson(target.db, 'sqlite', { epoch: 'other', since: 0, limit: 10 }, now)).rejects.toThrow(
      /re-sync/,
    );
  });
});

describe('utf8OfPieces', () => {
  it('writes the UTF-8 of the pieces as one text, an array comma-separated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.array(fc.string({ unit: 'grapheme' })))),
        (pieces) => {
          const joined = pieces.map((p) => (typeof p === 'string' ? p : p.join(','))).join('');
          expect(utf8OfPieces(pieces).equals(Buffer.from(joined))).toBe(true);
        },
      ),
    );
  });
});
