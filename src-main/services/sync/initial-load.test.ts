import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wireCase } from '../../../tests/sync/case-wire';
import { testPage, useMirrorStores } from '../../../tests/sync/mirror-stores';
import { checkpointInBackground } from './background-checkpoint';
import { expectedMirrorIndexes, type InitialLoadOptions } from './initial-load';
import type { CasesTouched } from './mirror';

const STATES = ['received', 'triaged', 'accepted'] as const;

/** Cases `since`+1 … `end` with an event each, spread over three states and two sites; the last page is up to date. */
function page(since: number, end: number, total: number) {
  const cases = [];
  const events = [];
  for (let n = since + 1; n <= end; n++) {
    cases.push(
      wireCase(n, {
        state: STATES[n % STATES.length]!,
        siteId: n % 2 === 0 ? 'sa-dec' : 'cao-lanh',
        description: `Đèn đường hỏng số ${n}`,
        receivedAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      }),
    );
    events.push({
      id: n,
      caseId: `c-${n}`,
      at: '2026-11-27T01:00:00.000Z',
      actor: 'open311',
      actorName: null,
      action: 'received',
      fromState: null,
      toState: 'received',
      publicNote: null,
      internalNote: null,
      data: {},
      changeSeq: n,
    });
  }
  return testPage(since, end, total, cases, events);
}

describe('initial load of an empty mirror', () => {
  const stores = useMirrorStores('ioc-initial-load-', page);

  function open(dir?: string, touched?: CasesTouched, loadOptions?: InitialLoadOptions) {
    const { store, mirror, apply, dir: opened } = stores.open(dir, touched, loadOptions);
    const indexes = () =>
      Object.fromEntries(
        store.sqlite
          .prepare<[], [string, string]>(
            `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
               AND tbl_name IN ('case_mirror', 'case_event_mirror') ORDER BY name`,
          )
          .raw()
          .all(),
      );
    const plan = (where: string) =>
      (
        store.sqlite
          .prepare(
            `EXPLAIN QUERY PLAN SELECT id FROM case_mirror WHERE ${where} ORDER BY received_at DESC, id DESC LIMIT 50`,
          )
          .all() as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
    const ids = (where: string) =>
      store.sqlite
        .prepare(`SELECT id FROM case_mirror WHERE ${where} ORDER BY received_at DESC, id DESC`)
        .pluck()
        .all();
    const check = () => {
      expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      store.sqlite.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);
    };
    return { dir: opened, store, mirror, apply, indexes, plan, ids, check };
  }

  it('knows every secondary index the migrations give the mirror, 011 included', () => {
    const w = open();
    expect(Object.fromEntries(expectedMirrorIndexes())).toEqual(w.indexes());
    expect([...expectedMirrorIndexes().keys()]).toEqual(
      expect.arrayContaining(['case_mirror_by_received', 'case_mirror_by_agency', 'case_event_mirror_by_case']),
    );
  });

  it('appends without indexes, then builds every index once up to date, as the migrations define them', () => {
    const w = open();
    const before = w.indexes();
    w.apply(0, 40, 100);
    expect(w.indexes()).toEqual({});
    w.apply(40, 80, 100);
    expect(w.indexes()).toEqual({});
    w.apply(80, 100, 100);
    expect(w.indexes()).toEqual(before);
    w.check();
    expect(w.plan("state = 'triaged' AND site_id = 'sa-dec'")).toContain('case_mirror_by_state');
    expect(w.plan('1')).toContain('case_mirror_by_received');
    expect(w.ids("state = 'triaged' AND site_id = 'sa-dec'")).toHaveLength(17);
    expect(w.store.sqlite.prepare('SELECT count(*) FROM case_event_mirror').pluck().get()).toBe(100);
    // Live pages after the load keep the indexes.
    w.apply(100, 110, 110);
    expect(w.indexes()).toEqual(before);
    w.check();
  });

  it('commits the pages of a load with synchronous=NORMAL and puts FULL back after each', () => {
    const seen: number[] = [];
    let w: ReturnType<typeof open> | null = null;
    w = open(undefined, () => seen.push(w!.store.sqlite.pragma('synchronous', { simple: true }) as number));
    const FULL = 2;
    const NORMAL = 1;
    const cacheSize = w.store.sqlite.pragma('cache_size', { simple: true });
    w.apply(0, 40, 100);
    expect(w.store.sqlite.pragma('synchronous', { simple: true })).toBe(FULL);
    w.apply(40, 100, 100);
    expect(w.store.sqlite.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(w.store.sqlite.pragma('cache_size', { simple: true })).toBe(cacheSize);
    w.apply(100, 110, 110);
    expect(seen).toEqual([NORMAL, NORMAL, FULL]);
  });

  it('holds the checkpoints back while loading and copies the log into the database once up to date', async () => {
    const seen: number[] = [];
    let w: ReturnType<typeof open> | null = null;
    w = open(undefined, () => seen.push(w!.store.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number));
    const autocheckpoint = w.store.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    const file = () => statSync(join(w.dir, 'ioc.sqlite')).size;
    const empty = file();
    w.apply(0, 40, 100);
    // Held back between pages too, so that another commit (the outbox) does not copy the load's log either.
    expect(w.store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(autocheckpoint);
    // The page is in the log only: far fewer frames than even the default threshold, nothing copied yet.
    expect(file()).toBe(empty);
    w.apply(40, 100, 100);
    expect(seen[0]).toBeGreaterThan(autocheckpoint);
    expect(seen[1]).toBe(seen[0]);
    // The load's checkpoint runs in a worker on its own connection: until it ends, a commit of this connection
    // does not copy the log itself.
    await w.mirror.checkpointed();
    expect(w.store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpoint);
    // The load's checkpoint, after its last commit, copied the mirror into the database file.
    expect(file()).toBeGreaterThan(empty);
    w.apply(100, 110, 110);
    expect(seen[2]).toBe(autocheckpoint);
    w.check();
  });

  it('a checkpoint worker that dies loses nothing: rows, indexes and search whole, the automatic checkpoint back', async () => {
    const warnings: string[] = [];
    const w = open(undefined, undefined, {
      backgroundCheckpoint: (path) => checkpointInBackground(path, { crashForTest: true }),
      onWarning: (message) => warnings.push(message),
    });
    const autocheckpoint = w.store.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    const before = w.indexes();
    w.apply(0, 40, 100);
    w.apply(40, 100, 100);
    await w.mirror.checkpointed();
    expect(warnings).toEqual([expect.stringContaining('checkpoint')]);
    // SQLite's own automatic checkpoint is back, to copy the log at a later commit.
    expect(w.store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpoint);
    expect(w.indexes()).toEqual(before);
    expect(w.ids('1')).toHaveLength(100);
    w.check();
    w.apply(100, 110, 110);
    await stores.close(w.store);

    const again = open(w.dir);
    expect(again.indexes()).toEqual(before);
    expect(again.ids('1')).toHaveLength(110);
    again.check();
  });

  it('a single page that brings an empty mirror up to date keeps the indexes', () => {
    const w = open();
    const before = w.indexes();
    w.apply(0, 30, 30);
    expect(w.indexes()).toEqual(before);
    w.check();
  });

  it('a failed page changes neither rows nor indexes', () => {
    let fail = true;
    const w = open(undefined, () => {
      if (fail) throw new Error('derived view failed');
    });
    const before = w.indexes();
    expect(() => w.apply(0, 40, 100)).toThrow('derived view failed');
    expect(w.indexes()).toEqual(before);
    expect(w.ids('1')).toEqual([]);
    expect(w.store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    fail = false;
    w.apply(0, 40, 100);
    w.apply(40, 100, 100);
    expect(w.indexes()).toEqual(before);
    w.check();
  });

  it('a load cut short gets its indexes back when the mirror opens again, and resumes from its cursor', async () => {
    const first = open();
    const before = first.indexes();
    first.apply(0, 40, 100);
    first.apply(40, 80, 100);
    await stores.close(first.store);

    const again = open(first.dir);
    expect(again.indexes()).toEqual(before);
    again.check();
    expect(again.ids('1')).toHaveLength(80);
    expect(again.plan("site_id = 'sa-dec'")).toContain('case_mirror_by_site');
    again.apply(80, 100, 100);
    expect(again.indexes()).toEqual(before);
    expect(again.ids("site_id = 'sa-dec'")).toHaveLength(50);
    again.check();
  });

  it('a forced re-sync in the middle of a load starts another one', () => {
    const w = open();
    const before = w.indexes();
    w.apply(0, 40, 100);
    w.mirror.reset();
    w.apply(0, 50, 100);
    expect(w.indexes()).toEqual({});
    w.apply(50, 100, 100);
    expect(w.indexes()).toEqual(before);
    expect(w.ids('1')).toHaveLength(100);
    w.check();
  });
});
