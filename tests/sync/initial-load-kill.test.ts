// An empty workstation's initial sync is a bulk load (src-main/services/sync/initial-load.ts): the mirror's secondary
// indexes and its search index are dropped on the first page and built on the last. Killed with SIGKILL in the middle
// of it, the workstation must come back with every index the migrations define, the rows and the cursor of the pages
// it saved, inbox queries answered from their indexes and a search that finds every saved case; then finish the sync.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect } from 'vitest';
import { expectedMirrorIndexes } from '../../src-main/services/sync/initial-load';
import { openWorkstation, OPERATOR, type TestWorkstation } from './harness';
import { describeKilledInitialSync, KILLED_SYNC_CASES, KILLED_SYNC_PAGE, syncToEnd } from './killed-sync';

const CASES = KILLED_SYNC_CASES;
const PAGE = KILLED_SYNC_PAGE;
const PAGES_BEFORE_KILL = 3;

const INDEX_SQL = `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
  AND tbl_name IN ('case_mirror', 'case_event_mirror') ORDER BY name`;

function indexesOf(db: BetterSqlite3.Database): Record<string, string> {
  return Object.fromEntries(db.prepare<[], [string, string]>(INDEX_SQL).raw().all());
}

/** The workstation's mirror is whole and self-consistent, its inbox and search answer from their indexes. */
function expectUsable(w: TestWorkstation, cases: number): void {
  const db = w.store.sqlite;
  expect(indexesOf(db)).toEqual(Object.fromEntries(expectedMirrorIndexes()));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);
  expect(db.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(cases);
  // Rows and cursor from the same pages: nothing mirrored past the cursor.
  const cursor = db.prepare('SELECT cursor_seq FROM sync_client WHERE id = 1').pluck().get() as number;
  expect(db.prepare('SELECT max(change_seq) FROM case_mirror').pluck().get()).toBeLessThanOrEqual(cursor);
  expect(db.prepare('SELECT count(*) FROM case_event_mirror WHERE change_seq > ?').pluck().get(cursor)).toBe(0);

  // Inbox: every filter answered from its index, and the same cases as counting the rows directly.
  const plan = (where: string) =>
    (
      db
        .prepare(`EXPLAIN QUERY PLAN SELECT id FROM case_mirror WHERE ${where} ORDER BY received_at DESC, id DESC`)
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
  const { state, site_id: siteId } = db.prepare('SELECT state, site_id FROM case_mirror LIMIT 1').get() as {
    state: 'received';
    site_id: string | null;
  };
  expect(plan(`state = '${state}'`)).toContain('case_mirror_by_state');
  expect(plan('1')).toContain('case_mirror_by_received');
  const byState = w.cases.list({ status: state, limit: 1000, offset: 0 }, OPERATOR);
  expect(byState.total).toBe(db.prepare('SELECT count(*) FROM case_mirror WHERE state = ?').pluck().get(state));
  const bySite = w.cases.list({ siteId, limit: 1000, offset: 0 }, OPERATOR);
  expect(bySite.total).toBe(db.prepare('SELECT count(*) FROM case_mirror WHERE site_id IS ?').pluck().get(siteId));
  expect(w.cases.list({ limit: 1000, offset: 0 }, OPERATOR).total).toBe(cases);

  // Search finds every case, and a case by its code.
  expect(w.cases.list({ query: 'phuong', limit: 1000, offset: 0 }, OPERATOR).total).toBe(cases);
  const codes = db.prepare('SELECT code FROM case_mirror ORDER BY rowid').pluck().all() as string[];
  for (const code of [codes[0]!, codes.at(-1)!]) {
    expect(w.cases.list({ query: code, limit: 10, offset: 0 }, OPERATOR).items.map((c) => c.code)).toEqual([code]);
  }
}

describeKilledInitialSync(
  'initial sync killed during its bulk load',
  'after kill -9 between pages: every index back, rows and cursor consistent, inbox and search work',
  { pages: PAGES_BEFORE_KILL, tempPrefix: 'ioc-initial-load-kill-', timeoutMs: 180_000 },
  async (killed) => {
    // What the kill left on disk: the saved pages' rows without their secondary indexes (the load under way).
    const file = new BetterSqlite3(join(killed.dataDir, 'ioc.sqlite'), { readonly: true });
    expect(file.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(PAGES_BEFORE_KILL * PAGE);
    expect(indexesOf(file)).toEqual({});
    file.close();

    // Restarted offline: the indexes are built when the mirror opens, before anything reads it.
    const offline = openWorkstation(null, { dataDir: killed.dataDir });
    expectUsable(offline, PAGES_BEFORE_KILL * PAGE);
    await offline.close(true);

    // Online again: the sync resumes from the saved cursor, keeping the indexes up row by row.
    const online = await syncToEnd(killed);
    expectUsable(online, CASES);
    await online.close(true);
  },
);
