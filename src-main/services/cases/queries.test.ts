import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/integration/tmp-dir';
import { MIGRATIONS, openStore, type Store } from '../store';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { newestSearched } from './inbox-walk';
import { FEW_HITS, indexedWords, searchPlanOf, searchWords, whereOf } from './inbox-where';
import { COUNT_CAP, listCases, type ListFilter } from './queries';

const STREETS = ['Nguyễn Huệ', 'Lê Lợi', 'Hùng Vương', 'Phạm Hữu Lầu'];
const ISSUES = ['Rác thải tồn đọng 50% vỉa hè', 'Đèn đường không sáng', 'Cống bị nghẹt, ngập "sâu"'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** `beforeVersion`: the store as it was before that migration (the same queries must hold without its indexes). */
function seeded(n: number, beforeVersion = Infinity): Store {
  const temp = makeTempDir('ioc-queries-');
  const migrations = MIGRATIONS.filter((m) => m.version < beforeVersion);
  const store = openStore({ path: join(temp.dir, 'ioc.sqlite'), migrations });
  cleanups.push(async () => {
    await store.dispose();
    temp.remove();
  });
  const insert = store.sqlite.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, description, address_string,
       state, status, sla_working_days, extension_count, reopen_count, received_at, due_at, updated_at, version,
       change_seq, search_text)
     VALUES (?, ?, 'citizen_report', 'open311', 'x', 'Phản ánh', ?, ?, 'received', 'open', 5, 0, 0, ?, ?, ?, 1, ?, ?)`,
  );
  store.sqlite.transaction(() => {
    for (let k = 0; k < n; k++) {
      const code = `DT-${String(k).padStart(5, '0')}`;
      const description = ISSUES[k % ISSUES.length]!;
      const address = `${k % 7} ${STREETS[k % STREETS.length]}`;
      const at = new Date(Date.UTC(2026, 0, 1) + (k % 500) * 60_000).toISOString();
      insert.run(
        `k${k}`,
        code,
        description,
        address,
        at,
        at,
        at,
        k + 1,
        foldForSearch(`${code} Phản ánh ${address} ${description}`),
      );
    }
  })();
  return store;
}

/**
 * Whether a search is counted to the page's end only: its words that the trigram index finds are in more cases than
 * it sorts in memory, or it has only words too short for the index.
 */
function manyHits(store: Store, query: string | undefined): boolean {
  const all = foldForSearch(query ?? '')
    .split(' ')
    .filter(Boolean);
  const words = all.filter((w) => [...w].length >= 3);
  if (words.length === 0) return all.length > 0;
  const texts = store.sqlite.prepare('SELECT search_text FROM case_mirror').pluck().all() as string[];
  return texts.filter((t) => words.every((w) => t.includes(w))).length > FEW_HITS;
}

/** The total the inbox reports for `matches` cases and a page ending at `end`: to the cap, or to the page's end. */
function totalOf(matches: number, end: number, searchedMany: boolean) {
  const cap = searchedMany ? end : Math.max(COUNT_CAP, end);
  return { total: Math.min(matches, cap), totalCapped: matches > cap };
}

/** What the inbox promises: every folded word anywhere in the text, newest first. */
function expected(store: Store, query: string, limit: number): { ids: string[]; total: number; totalCapped: boolean } {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  const rows = store.sqlite
    .prepare('SELECT id, search_text FROM case_mirror ORDER BY received_at DESC, id DESC')
    .all() as { id: string; search_text: string }[];
  const hits = rows.filter((r) => words.every((w) => r.search_text.includes(w)));
  return { ids: hits.slice(0, limit).map((r) => r.id), ...totalOf(hits.length, limit, manyHits(store, query)) };
}

describe('listCases search', () => {
  it('finds what a plain substring match finds, for few hits and for many', () => {
    const store = seeded(3000);
    const now = new Date('2026-06-01T00:00:00Z');
    for (const query of [
      'rác',
      'Nguyễn Huệ',
      'ngap',
      'DT-00042',
      'dt-0004',
      '50%',
      '"sau"',
      'le 3',
      'o',
      'zzzz',
      '4 hung vuong',
      'phản ánh',
      'dt-',
    ]) {
      const got = listCases(store.sqlite, { query, sites: ['*'], limit: 20, offset: 0 }, now);
      const want = expected(store, query, 20);
      expect({ ids: got.items.map((c) => c.id), total: got.total, totalCapped: got.totalCapped }, query).toEqual(want);
    }
  });
});

const STATES = ['received', 'triaged', 'forwarded', 'in_progress', 'resolved', 'closed', 'rejected'];
const SITES = ['cao-lanh', 'sa-dec', null];
const AGENCIES = ['cap-nuoc', 'dien-luc', null];
const SERVICES = ['waste', 'lighting', 'drainage'];

/** Cases of every state, site, agency and category, some past due, many received at the same minute. */
function varied(n: number, withInboxIndexes: boolean): Store {
  // Migration 011 holds the inbox's indexes.
  const store = seeded(0, withInboxIndexes ? Infinity : 11);
  const insert = store.sqlite.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, description, state, status,
       agency_id, site_id, sla_working_days, extension_count, reopen_count, received_at, due_at, updated_at,
       version, change_seq, search_text)
     VALUES (?, ?, 'citizen_report', 'open311', ?, ?, ?, ?, ?, ?, ?, 5, 0, 0, ?, ?, ?, 1, ?, ?)`,
  );
  store.sqlite.transaction(() => {
    for (let k = 0; k < n; k++) {
      const state = STATES[k % STATES.length]!;
      const service = SERVICES[(k >> 1) % SERVICES.length]!;
      const at = new Date(Date.UTC(2026, 0, 1) + (k % 97) * 86_400_000).toISOString();
      const due = new Date(Date.UTC(2026, 0, 1) + ((k * 7) % 130) * 86_400_000).toISOString();
      const description = ISSUES[k % ISSUES.length]!;
      insert.run(
        `k${String(k).padStart(4, '0')}`,
        `DT-${k}`,
        service,
        service,
        description,
        state,
        state === 'closed' || state === 'rejected' ? 'closed' : 'open',
        AGENCIES[k % 5 === 0 ? 2 : k % 2],
        SITES[k % 3],
        at,
        due,
        at,
        k + 1,
        foldForSearch(`DT-${k} ${service} ${description}`),
      );
    }
  })();
  // Unanswered commands: the overlay changes state, status, agency and due date of a few cases.
  store.sqlite.exec(`INSERT INTO case_overlay (case_id, state, status, assignee, agency_id, due_at, pending, updated_at)
    SELECT id, 'forwarded', 'open', NULL, 'dien-luc', '2026-12-31T00:00:00.000Z', 1, updated_at
      FROM case_mirror WHERE rowid % 11 = 0`);
  return store;
}

/** The inbox's filters applied by hand to every case as the overlay makes it look. */
function reference(store: Store, filter: ListFilter, now: Date): string[] {
  const rows = store.sqlite
    .prepare(
      `SELECT m.id, m.received_at, m.site_id, m.service_code, m.search_text, coalesce(o.state, m.state) AS state,
         coalesce(o.status, m.status) AS status, CASE WHEN o.case_id IS NULL THEN m.agency_id ELSE o.agency_id END
         AS agency_id, coalesce(o.due_at, m.due_at) AS due_at
       FROM case_mirror m LEFT JOIN case_overlay o ON o.case_id = m.id`,
    )
    .all() as Record<string, string | null>[];
  const words = foldForSearch(filter.query ?? '')
    .split(' ')
    .filter(Boolean);
  return rows
    .filter(
      (r) =>
        (filter.siteId === undefined || r.site_id === filter.siteId) &&
        (filter.sites.includes('*') || r.site_id === null || filter.sites.includes(r.site_id!)) &&
        (filter.serviceCode === undefined || r.service_code === filter.serviceCode) &&
        (!filter.status || r.state === filter.status || r.status === filter.status) &&
        (filter.agencyId === undefined || r.agency_id === filter.agencyId) &&
        (!filter.overdue || (r.status === 'open' && Date.parse(r.due_at!) < now.getTime())) &&
        words.every((w) => r.search_text!.includes(w)),
    )
    .sort((a, b) =>
      a.received_at! === b.received_at! ? (a.id! < b.id! ? 1 : -1) : a.received_at! < b.received_at! ? 1 : -1,
    )
    .map((r) => r.id!);
}

describe('listCases filters', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const shapes: Partial<ListFilter>[] = [
    {},
    { status: 'forwarded' },
    { status: 'open' },
    { status: 'closed' },
    { serviceCode: 'lighting' },
    { siteId: 'sa-dec' },
    { siteId: null },
    { agencyId: 'dien-luc' },
    { agencyId: null },
    { overdue: true },
    { sites: ['cao-lanh'] },
    { status: 'received', siteId: 'cao-lanh' },
    { serviceCode: 'waste', siteId: 'sa-dec', status: 'open', overdue: true },
    { agencyId: 'cap-nuoc', overdue: true, sites: ['sa-dec'] },
    { query: 'rác' },
    { query: 'rác', status: 'forwarded', agencyId: 'dien-luc' },
    { query: 'DT-77' },
    { query: 'dt-', status: 'forwarded' },
    { query: 'dt-', siteId: null, agencyId: 'dien-luc' },
    { query: 'ngap', siteId: null, overdue: true },
    { query: 'den o', serviceCode: 'lighting' },
    { query: 'o 1', status: 'open' },
    { query: 'zzzz', status: 'open' },
  ];

  for (const withInboxIndexes of [false, true]) {
    it(`gives every filter the cases a plain scan gives, in order, paged (${withInboxIndexes ? 'with' : 'without'} the inbox indexes)`, () => {
      const store = varied(2600, withInboxIndexes);
      for (const shape of shapes) {
        const all = reference(store, { sites: ['*'], limit: 0, offset: 0, ...shape }, now);
        const many = manyHits(store, shape.query);
        for (const [limit, offset] of [
          [50, 0],
          [40, 120],
          [1000, 900],
          [30, all.length - 10],
          [10, all.length + 5],
        ] as const) {
          if (offset < 0) continue;
          const filter: ListFilter = { sites: ['*'], limit, offset, ...shape };
          const got = listCases(store.sqlite, filter, now);
          const label = `${JSON.stringify(shape)} limit ${limit} offset ${offset}`;
          expect(
            got.items.map((c) => c.id),
            label,
          ).toEqual(all.slice(offset, offset + limit));
          expect({ total: got.total, totalCapped: got.totalCapped }, label).toEqual(
            totalOf(all.length, offset + limit, many),
          );
        }
      }
    });
  }

  it('counts among the newest cases of its window only, and then says the total is at least what it saw', () => {
    const store = varied(2600, true);
    const window = 400;
    const newest = store.sqlite
      .prepare('SELECT id FROM case_mirror ORDER BY received_at DESC LIMIT ?')
      .pluck()
      .all(window) as string[];
    const inWindow = new Set(newest);
    for (const shape of shapes) {
      const all = reference(store, { sites: ['*'], limit: 0, offset: 0, ...shape }, now);
      for (const [limit, offset] of [
        [50, 0],
        [40, 120],
        [30, all.length - 10],
        [10, all.length + 5],
      ] as const) {
        if (offset < 0) continue;
        const got = listCases(store.sqlite, { sites: ['*'], limit, offset, ...shape }, now, window);
        const label = `${JSON.stringify(shape)} limit ${limit} offset ${offset}`;
        expect(
          got.items.map((c) => c.id),
          label,
        ).toEqual(all.slice(offset, offset + limit));
        if (!got.totalCapped) {
          expect(got.total, label).toBe(all.length);
          continue;
        }
        // A lower bound: never more than there are, never fewer than the page shows or the window holds.
        expect(got.total, label).toBeLessThanOrEqual(all.length);
        expect(got.total, label).toBeGreaterThanOrEqual(got.items.length > 0 ? offset + got.items.length : 0);
        // A search with many hits is counted to the page's end only (the test above); the others, to the window's.
        if (shape.query !== undefined) continue;
        const seen = all.filter((id) => inWindow.has(id)).length;
        expect(got.total, label).toBeGreaterThanOrEqual(Math.min(seen, Math.max(COUNT_CAP, offset + limit)));
      }
    }
    // Cases older than the window are not counted: the total is the page's end, and says so.
    const oldest = store.sqlite
      .prepare('SELECT received_at FROM case_mirror ORDER BY received_at LIMIT 1')
      .pluck()
      .get() as string;
    store.sqlite.prepare("UPDATE case_mirror SET state = 'accepted' WHERE received_at = ?").run(oldest);
    const accepted = reference(store, { sites: ['*'], limit: 0, offset: 0, status: 'accepted' }, now);
    expect(accepted.length).toBeGreaterThan(5);
    const few = listCases(store.sqlite, { sites: ['*'], limit: 5, offset: 0, status: 'accepted' }, now, window);
    expect({ total: few.total, totalCapped: few.totalCapped }).toEqual({ total: 5, totalCapped: true });
    const wide = listCases(store.sqlite, { sites: ['*'], limit: 5, offset: 0, status: 'accepted' }, now, 10_000);
    expect({ total: wide.total, totalCapped: wide.totalCapped }).toEqual({
      total: accepted.length,
      totalCapped: false,
    });
  });

  it('finds the same newest searched cases walking the hits or walking the filters', () => {
    const store = varied(2600, true);
    for (const shape of [
      { query: 'dt-', status: 'forwarded' },
      { query: 'dt- ong', siteId: null, agencyId: 'dien-luc' },
      { query: 'dt-', overdue: true, serviceCode: 'waste' },
      { query: 'dt- o', siteId: 'sa-dec' },
      { query: 'dt-', sites: ['cao-lanh'] },
    ]) {
      const filter: ListFilter = { sites: ['*'], limit: 0, offset: 0, ...shape };
      const words = searchWords(filter.query);
      const search = searchPlanOf(store.sqlite, words);
      expect(search.kind, shape.query).toBe('manyHits');
      if (search.kind !== 'manyHits') continue;
      const where = whereOf(filter, words, search, 'mirror', now);
      const ranged = whereOf(filter, words, { kind: 'none' }, 'mirror', now);
      const overlaid = new Set(store.sqlite.prepare('SELECT case_id FROM case_overlay').pluck().all() as string[]);
      const all = reference(store, filter, now).filter((id) => !overlaid.has(id));
      for (const want of [1, 37, 400, all.length + 1]) {
        // Every word here is in every case: the filters' walk is taken as soon as the first hits show a filter.
        for (const walkFilters of [false, true]) {
          const got = newestSearched(store.sqlite, where, ranged, search.match, indexedWords(words), want, walkFilters);
          const label = `${JSON.stringify(shape)} want ${want} ${walkFilters ? 'walking filters' : 'walking hits'}`;
          expect(
            got.keys.slice(0, want).map((k) => k.id),
            label,
          ).toEqual(all.slice(0, want));
          if (got.complete) expect(got.keys.length, label).toBe(all.length);
        }
      }
    }
  });

  it('decides "overdue" by the instant, whatever offset the due date carries, near today and far from it', () => {
    const store = varied(0, true);
    const dues = [
      '2026-03-01T06:30:00+07:00', // 28/02 23:30 UTC: past
      '2026-02-28T20:00:00-05:00', // 01/03 01:00 UTC: to come
      '2026-02-27T23:00:00-12:00', // 28/02 11:00 UTC: past
      '2026-03-02T09:00:00+14:00', // 01/03 19:00 UTC: to come
      '2026-03-01T00:00:00.000Z', // now: not yet past
      '2026-02-28T23:59:59.999Z',
      '2026-02-26 10:00:00',
      '2026-03-04T01:00:00+14:00',
      '2026-01-05T00:00:00.000Z',
      '2027-01-05T00:00:00.000Z',
    ];
    const insert = store.sqlite.prepare(
      `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status,
         sla_working_days, extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq,
         search_text)
       VALUES (?, ?, 'citizen_report', 'open311', 'x', 'x', 'received', 'open', 5, 0, 0, ?, ?, ?, 1, ?, '')`,
    );
    dues.forEach((due, k) => insert.run(`d${k}`, `DT-${k}`, `2026-01-0${1 + (k % 9)}T00:00:00Z`, due, due, k + 1));
    // The same due dates through the overlay: a case with an unanswered command.
    store.sqlite.exec(`INSERT INTO case_overlay (case_id, state, status, assignee, agency_id, due_at, pending,
      updated_at) SELECT id, 'triaged', 'open', NULL, NULL, due_at, 1, updated_at FROM case_mirror WHERE rowid % 2 = 0`);
    const got = listCases(store.sqlite, { sites: ['*'], limit: 100, offset: 0, overdue: true }, now);
    const want = dues.flatMap((due, k) => (Date.parse(due) < now.getTime() ? [`d${k}`] : []));
    expect(got.items.map((c) => c.id).sort()).toEqual(want.sort());
    expect(want.length).toBe(5);
  });

  it('reports what the overlay makes a case look like, and the overdue flag the filter used', () => {
    const store = varied(300, true);
    const overlaid = listCases(store.sqlite, { sites: ['*'], limit: 1000, offset: 0, agencyId: 'dien-luc' }, now);
    expect(overlaid.items.filter((c) => c.pending === 1).every((c) => c.state === 'forwarded')).toBe(true);
    const overdue = listCases(store.sqlite, { sites: ['*'], limit: 1000, offset: 0, overdue: true }, now);
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((c) => c.overdue)).toBe(true);
  });
});
