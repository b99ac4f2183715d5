// The frame the kill tests of an initial sync share (initial-load-kill.test.ts, catchup-kill.test.ts): a central
// server on SQLite seeded with KILLED_SYNC_CASES cases, an empty workstation in a temporary folder that pulls a few
// pages of KILLED_SYNC_PAGE cases and kills itself with SIGKILL between two of them (catchup-kill-child.ts), then the
// test's own checks on what the kill left, offline and online again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../integration/tmp-dir';
import { useDatabase } from '../server/databases';
import { openWorkstation, startSyncServer, type SyncTestServer, type TestWorkstation } from './harness';
import { runSelfKillingWorkstation } from './processes';
import { seedCases } from './seed-cases';

export const KILLED_SYNC_CASES = 900;
export const KILLED_SYNC_PAGE = 200;

export interface KilledSync {
  /** The central server's address. */
  url: string;
  /** The killed workstation's data folder. */
  dataDir: string;
}

/**
 * `describe(title)` with one test, `name`: the workstation is killed after `pages` pages, then `after` checks it.
 * The server's database plays no part in a load, so it is SQLite only.
 */
export function describeKilledInitialSync(
  title: string,
  name: string,
  options: { pages: number; tempPrefix: string; timeoutMs: number },
  after: (killed: KilledSync) => Promise<void>,
): void {
  describe(title, () => {
    const db = useDatabase('sqlite');
    let server: SyncTestServer;
    beforeAll(async () => {
      server = await startSyncServer(db());
      await seedCases(server.server.database.db, KILLED_SYNC_CASES);
    });
    afterAll(async () => server?.stop());

    it(
      name,
      async () => {
        const temp = makeTempDir(options.tempPrefix);
        try {
          const killed = await runSelfKillingWorkstation(server.url, temp.dir, options.pages, KILLED_SYNC_PAGE);
          expect(killed.out).toContain('PAGES_SAVED');
          expect(killed.signal).toBe('SIGKILL');
          await after({ url: server.url, dataDir: temp.dir });
        } finally {
          temp.remove();
        }
      },
      options.timeoutMs,
    );
  });
}

/** The killed workstation opened online again and synced to the end from its saved cursor; the caller closes it. */
export async function syncToEnd(killed: KilledSync): Promise<TestWorkstation> {
  const online = openWorkstation(killed.url, { dataDir: killed.dataDir, timing: { pageLimit: KILLED_SYNC_PAGE } });
  for (;;) if ((await online.sync.steps!.pullPage(0)).upToDate) break;
  return online;
}
