// An empty workstation's initial sync defers its trigram search index to the end of the catch-up
// (src-main/services/sync/search-index-catchup.ts). Killed with SIGKILL between two pages, it must come back with a
// search that finds every case it mirrored — offline, before any further page — and finish the sync from its cursor.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../integration/tmp-dir';
import { useDatabase } from '../server/databases';
import { openWorkstation, OPERATOR, startSyncServer, type SyncTestServer } from './harness';
import { runSelfKillingWorkstation } from './processes';
import { seedCases } from './seed-cases';

const CASES = 900;
const PAGE = 200;

// The server's database plays no part in the catch-up: SQLite only.
describe('initial sync killed during the search-index catch-up', () => {
  const db = useDatabase('sqlite');
  let server: SyncTestServer;
  beforeAll(async () => {
    server = await startSyncServer(db());
    await seedCases(server.server.database.db, CASES);
  });
  afterAll(async () => server?.stop());

  it('after kill -9 between pages, search finds every mirrored case at once, and every case once synced', async () => {
    const temp = makeTempDir('ioc-catchup-kill-');
    try {
      const killed = await runSelfKillingWorkstation(server.url, temp.dir, 2, PAGE);
      expect(killed.out).toContain('PAGES_SAVED');
      expect(killed.signal).toBe('SIGKILL');

      // What the kill left on disk: two pages of rows, and the index not following them (the catch-up under way).
      const file = new BetterSqlite3(join(temp.dir, 'ioc.sqlite'), { readonly: true });
      expect(file.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(2 * PAGE);
      expect(
        file
          .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'case_mirror_search_%'`)
          .pluck()
          .get(),
      ).toBeLessThan(3);
      file.close();

      // Restarted offline: search finds every mirrored case before any page arrives.
      const offline = openWorkstation(null, { dataDir: temp.dir });
      const all = offline.cases.list({ query: 'phuong', limit: 1000, offset: 0 }, OPERATOR);
      expect(all.total).toBe(2 * PAGE);
      const codes = offline.store.sqlite
        .prepare('SELECT code FROM case_mirror ORDER BY rowid')
        .pluck()
        .all() as string[];
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
      const online = openWorkstation(server.url, { dataDir: temp.dir, timing: { pageLimit: PAGE } });
      for (;;) if ((await online.sync.steps!.pullPage(0)).upToDate) break;
      expect(online.cases.list({ query: 'phuong', limit: 1000, offset: 0 }, OPERATOR).total).toBe(CASES);
      online.store.sqlite.exec(
        `INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('integrity-check', 1)`,
      );
      await online.close(true);
    } finally {
      temp.remove();
    }
  }, 120_000);
});
