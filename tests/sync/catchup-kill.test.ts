// An empty workstation's initial sync defers its trigram search index to the end of the catch-up
// (src-main/services/sync/search-index-catchup.ts). Killed with SIGKILL between two pages, it must come back with a
// search that finds every case it mirrored — offline, before any further page — and finish the sync from its cursor.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect } from 'vitest';
import { openWorkstation, OPERATOR } from './harness';
import {
  describeKilledInitialSync,
  KILLED_SYNC_CASES as CASES,
  KILLED_SYNC_PAGE as PAGE,
  syncToEnd,
} from './killed-sync';

describeKilledInitialSync(
  'initial sync killed during the search-index catch-up',
  'after kill -9 between pages, search finds every mirrored case at once, and every case once synced',
  { pages: 2, tempPrefix: 'ioc-catchup-kill-', timeoutMs: 120_000 },
  async (killed) => {
    // What the kill left on disk: two pages of rows, and the index not following them (the catch-up under way).
    const file = new BetterSqlite3(join(killed.dataDir, 'ioc.sqlite'), { readonly: true });
    expect(file.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(2 * PAGE);
    expect(
      file
        .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'case_mirror_search_%'`)
        .pluck()
        .get(),
    ).toBeLessThan(3);
    file.close();

    // Restarted offline: search finds every mirrored case before any page arrives.
    const offline = openWorkstation(null, { dataDir: killed.dataDir });
    const all = offline.cases.list({ query: 'phuong', limit: 1000, offset: 0 }, OPERATOR);
    expect(all.total).toBe(2 * PAGE);
    const codes = offline.store.sqlite.prepare('SELECT code FROM case_mirror ORDER BY rowid').pluck().all() as string[];
    for (const code of [codes[0]!, codes[PAGE]!, codes.at(-1)!]) {
      expect(offline.cases.list({ query: code, limit: 10, offset: 0 }, OPERATOR).items.map((c) => c.code)).toEqual([
        code,
      ]);
    }
    offline.store.sqlite.exec(
      `INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`,
    );
    await offline.close(true);

    // Online again: the sync resumes from the saved cursor and search finds every case of the server.
    const online = await syncToEnd(killed);
    expect(online.cases.list({ query: 'phuong', limit: 1000, offset: 0 }, OPERATOR).total).toBe(CASES);
    online.store.sqlite.exec(`INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`);
    await online.close(true);
  },
);
