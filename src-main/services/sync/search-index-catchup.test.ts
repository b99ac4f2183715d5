import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import type { CaseWire } from '../../../src-shared/sync/protocol';
import { wireCase } from '../../../tests/sync/case-wire';
import { TEST_EPOCH, testPage, useMirrorStores } from '../../../tests/sync/mirror-stores';
import type { CasesTouched } from './mirror';
import { createSearchIndexCatchup, SEARCH_INDEX_TRIGGERS } from './search-index-catchup';

const WORDS = ['Đèn đường hỏng', 'Rác thải tồn đọng', 'Cống thoát nước nghẹt'];

/** Case `n` with a description and an address to search for. */
function searchableCase(n: number): CaseWire {
  return wireCase(n, {
    description: `${WORDS[n % WORDS.length]} số ${n}`,
    lat: 10.46,
    long: 105.63,
    addressString: `${n} Nguyễn Huệ, Phường Mỹ Phú`,
  });
}

/** Cases `since`+1 … `end`, one change each; the last page of `total` is up to date. */
function page(since: number, end: number, total: number) {
  const cases = [];
  for (let n = since + 1; n <= end; n++) cases.push(searchableCase(n));
  return testPage(since, end, total, cases);
}

describe('search index during an empty-mirror catch-up', () => {
  const stores = useMirrorStores('ioc-catchup-', page);

  function open(dir?: string, touched?: CasesTouched) {
    const { store, mirror, apply, dir: opened } = stores.open(dir, touched);
    const catchup = createSearchIndexCatchup(store.sqlite);
    const found = (text: string) =>
      store.sqlite
        .prepare<[string], string>(
          `SELECT m.id FROM case_mirror m WHERE m.rowid IN
             (SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH ?) ORDER BY m.id`,
        )
        .pluck()
        .all(`"${foldForSearch(text)}"`);
    const mirrored = () => store.sqlite.prepare<[], string>('SELECT id FROM case_mirror ORDER BY id').pluck().all();
    /** FTS5's own check of the index against the mirror's rows; throws when they differ. */
    const checkIndex = () =>
      store.sqlite.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);
    return { dir: opened, store, mirror, catchup, apply, found, mirrored, checkIndex };
  }

  it('recreates exactly the triggers of migration 007', () => {
    const { store } = open();
    const normal = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    const rows = store.sqlite
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_mirror'
           AND name LIKE 'case_mirror_search_%' ORDER BY name`,
      )
      .all();
    expect(Object.fromEntries(rows.map((r) => [r.name, normal(r.sql)]))).toEqual(
      Object.fromEntries(Object.entries(SEARCH_INDEX_TRIGGERS).map(([name, sql]) => [name, normal(sql)])),
    );
  });

  it('indexes nothing row by row while catching up, and every case once up to date', () => {
    const w = open();
    w.apply(0, 40, 100);
    expect(w.catchup.deferred()).toBe(true);
    w.apply(40, 80, 100);
    expect(w.catchup.deferred()).toBe(true);
    w.apply(80, 100, 100);
    expect(w.catchup.deferred()).toBe(false);
    w.checkIndex();
    // FTS5's automatic merging, off during the rebuild, is back at its default for the live changes.
    expect(w.store.sqlite.prepare(`SELECT v FROM case_mirror_search_config WHERE k = 'automerge'`).pluck().get()).toBe(
      4,
    );
    expect(w.found('nguyen hue')).toEqual(w.mirrored());
    expect(w.mirrored()).toHaveLength(100);
    expect(w.found('số 77')).toEqual(['c-77']);
    // Live changes after the catch-up are indexed row by row again.
    const later = testPage(100, 101, 101, [
      { ...searchableCase(7), description: 'Ngập sâu sau mưa lớn', changeSeq: 101 },
    ]);
    w.mirror.applyPage(later, { epoch: TEST_EPOCH, cursorSeq: 100 });
    w.checkIndex();
    expect(w.found('ngap sau')).toEqual(['c-7']);
    expect(w.found('số 7')).not.toContain('c-7');
    expect(w.found('số 7')).toHaveLength(10);
  });

  it('a single page that brings an empty mirror up to date is indexed row by row', () => {
    const w = open();
    w.apply(0, 30, 30);
    expect(w.catchup.deferred()).toBe(false);
    w.checkIndex();
    expect(w.found('nguyen hue')).toHaveLength(30);
  });

  it('a catch-up cut short is finished when the mirror opens again, before anything searches', async () => {
    const first = open();
    first.apply(0, 40, 100);
    first.apply(40, 80, 100);
    expect(first.catchup.deferred()).toBe(true);
    // Closed without the last page (the process was stopped between pages).
    await stores.close(first.store);

    const again = open(first.dir);
    expect(again.catchup.deferred()).toBe(false);
    again.checkIndex();
    expect(again.mirrored()).toHaveLength(80);
    expect(again.found('nguyen hue')).toEqual(again.mirrored());
    // The rest of the catch-up resumes from the saved cursor, indexed row by row.
    again.apply(80, 100, 100);
    again.checkIndex();
    expect(again.found('nguyen hue')).toHaveLength(100);
  });

  it('a page that fails leaves the index following the mirror, as before it', () => {
    let fail = true;
    const w = open(undefined, () => {
      if (fail) throw new Error('derived view failed');
    });
    expect(() => w.apply(0, 40, 100)).toThrow('derived view failed');
    expect(w.catchup.deferred()).toBe(false);
    expect(w.mirrored()).toEqual([]);
    fail = false;
    w.apply(0, 40, 100);
    w.apply(40, 100, 100);
    w.checkIndex();
    expect(w.found('nguyen hue')).toHaveLength(100);
  });

  it('a forced re-sync empties mirror and index at once, in the middle of a catch-up too', () => {
    const w = open();
    w.apply(0, 60, 60);
    w.mirror.reset();
    expect(w.catchup.deferred()).toBe(false);
    w.checkIndex();
    expect(w.found('nguyen hue')).toEqual([]);
    w.apply(0, 40, 100);
    w.mirror.reset();
    expect(w.catchup.deferred()).toBe(false);
    w.checkIndex();
    w.apply(0, 50, 100);
    w.apply(50, 100, 100);
    w.checkIndex();
    expect(w.found('nguyen hue')).toHaveLength(100);
  });
});
