import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/integration/tmp-dir';
import { openStore, type Store } from '../store';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import { listCases } from './queries';

const STREETS = ['Nguyễn Huệ', 'Lê Lợi', 'Hùng Vương', 'Phạm Hữu Lầu'];
const ISSUES = ['Rác thải tồn đọng 50% vỉa hè', 'Đèn đường không sáng', 'Cống bị nghẹt, ngập "sâu"'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function seeded(n: number): Store {
  const temp = makeTempDir('ioc-queries-');
  const store = openStore({ path: join(temp.dir, 'ioc.sqlite') });
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

/** What the inbox promises: every folded word anywhere in the text, newest first. */
function expected(store: Store, query: string, limit: number): { ids: string[]; total: number } {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  const rows = store.sqlite
    .prepare('SELECT id, search_text FROM case_mirror ORDER BY received_at DESC, id DESC')
    .all() as { id: string; search_text: string }[];
  const hits = rows.filter((r) => words.every((w) => r.search_text.includes(w)));
  return { ids: hits.slice(0, limit).map((r) => r.id), total: hits.length };
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
      expect({ ids: got.items.map((c) => c.id), total: got.total }, query).toEqual(want);
    }
  });
});
