import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { wireCase } from '../../../tests/sync/case-wire';
import { testPage, useMirrorStores } from '../../../tests/sync/mirror-stores';
import { expectedMirrorIndexes, type InitialLoadOptions } from './initial-load';

const QUERIES = ['đèn', 'hong so 1', 'so 77', 'c-4', 'duong', 'zzz'];
const page = (since: number, end: number, total: number) =>
  testPage(
    since,
    end,
    total,
    Array.from({ length: end - since }, (_, i) =>
      wireCase(since + i + 1, { description: `Đèn đường hỏng số ${since + i + 1}` }),
    ),
  );

describe('search index built by a worker at the end of an initial load', () => {
  const stores = useMirrorStores('ioc-search-worker-', page);

  function load(options: InitialLoadOptions) {
    const built: string[] = [];
    const warnings: string[] = [];
    const w = stores.open(undefined, undefined, {
      ...options,
      onSearchIndexBuilt: (how) => built.push(how),
      onWarning: (message) => warnings.push(message),
    });
    w.apply(0, 40, 100);
    w.apply(40, 100, 100);
    const db = w.store.sqlite;
    const search = (q: string) =>
      db
        .prepare(
          `SELECT m.id FROM case_mirror_search s JOIN case_mirror m ON m.rowid = s.rowid
             WHERE case_mirror_search MATCH ? ORDER BY m.id`,
        )
        .pluck()
        .all(`"${q.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd')}"`);
    return { ...w, db, built, warnings, results: QUERIES.map(search) };
  }

  it('gives the same search as the rebuild in the main thread, leaves no scratch file, and keeps live indexing', () => {
    const inThread = load({ searchIndexWorker: false });
    const worker = load({});
    expect(inThread.built).toEqual(['rebuild']);
    expect(worker.built).toEqual(['worker']);
    expect(worker.warnings).toEqual([]);
    expect(worker.results).toEqual(inThread.results);
    expect(worker.results[0]).toHaveLength(100);
    expect(existsSync(`${worker.db.name}-search-build`)).toBe(false);
    expect(worker.db.pragma('integrity_check', { simple: true })).toBe('ok');
    worker.db.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);
    // The same shadow rows as a rebuild writes (the index's structure and terms), and the triggers back.
    const shadow = (db: typeof worker.db) =>
      db.prepare('SELECT segid, term, pgno FROM case_mirror_search_idx ORDER BY segid, term').raw().all();
    expect(shadow(worker.db)).toEqual(shadow(inThread.db));
    worker.apply(100, 110, 110);
    expect(
      worker.db
        .prepare(`SELECT count(*) FROM case_mirror_search WHERE case_mirror_search MATCH '"so 105"'`)
        .pluck()
        .get(),
    ).toBe(1);
  });

  it('a worker that fails is logged and the index rebuilt in the main thread, the same', async () => {
    const inThread = load({ searchIndexWorker: false });
    const built: string[] = [];
    const warnings: string[] = [];
    const w = stores.open(undefined, undefined, {
      onSearchIndexBuilt: (how) => built.push(how),
      onWarning: (message) => warnings.push(message),
    });
    // A folder where the worker's scratch file goes: the worker cannot open it.
    mkdirSync(`${w.store.sqlite.name}-search-build`);
    w.apply(0, 40, 100);
    w.apply(40, 100, 100);
    expect(built).toEqual(['rebuild']);
    await vi.waitFor(() =>
      expect(warnings).toContain('the search index worker failed; the index is rebuilt in the main thread'),
    );
    const ids = (db: typeof w.store.sqlite) =>
      db
        .prepare(`SELECT rowid FROM case_mirror_search WHERE case_mirror_search MATCH '"den duong"' ORDER BY rowid`)
        .pluck()
        .all();
    expect(ids(w.store.sqlite)).toEqual(ids(inThread.db));
    expect(ids(w.store.sqlite)).toHaveLength(100);
  });

  for (const stage of ['committed', 'indexes'] as const) {
    it(`killed (SIGKILL) in the end block (${stage}): consistent on the next open, search whole, scratch file gone`, () => {
      const { dir } = stores.open();
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(__dirname, '../../../tests/sync/end-block-kill-child.ts'), dir, stage],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(child.stdout).toContain(`KILLED_AT ${stage} scratch=true`);
      expect(child.signal).toBe('SIGKILL');
      const file = join(dir, 'ioc.sqlite');
      expect(existsSync(`${file}-search-build`)).toBe(true);

      const again = stores.open(dir);
      const db = again.store.sqlite;
      expect(existsSync(`${file}-search-build`)).toBe(false);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);
      expect(db.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(100);
      expect(db.prepare('SELECT cursor_seq FROM sync_client WHERE id = 1').pluck().get()).toBe(100);
      const indexes = db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
          AND tbl_name IN ('case_mirror', 'case_event_mirror') ORDER BY name`,
        )
        .pluck()
        .all();
      expect(indexes).toEqual([...expectedMirrorIndexes().keys()].sort());
      expect(
        db
          .prepare(`SELECT count(*) FROM case_mirror_search WHERE case_mirror_search MATCH '"den duong"'`)
          .pluck()
          .get(),
      ).toBe(100);
      expect(
        db
          .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'case_mirror_search_%'`)
          .pluck()
          .get(),
      ).toBe(3);
    });
  }
});
