import { rmSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { writeTransaction } from '../store';
import { startSearchIndexWorker, type SearchIndexWorker } from './search-index-worker';

/**
 * The triggers of migration 007 that keep the trigram index (`case_mirror_search`) in step with `case_mirror`,
 * word for word (search-index-catchup.test.ts compares them with what the migrations create).
 */
export const SEARCH_INDEX_TRIGGERS: Readonly<Record<string, string>> = {
  case_mirror_search_insert: `CREATE TRIGGER case_mirror_search_insert AFTER INSERT ON case_mirror BEGIN
        INSERT INTO case_mirror_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
      END`,
  case_mirror_search_delete: `CREATE TRIGGER case_mirror_search_delete AFTER DELETE ON case_mirror BEGIN
        INSERT INTO case_mirror_search (case_mirror_search, rowid, search_text)
          VALUES ('delete', OLD.rowid, OLD.search_text);
      END`,
  case_mirror_search_update: `CREATE TRIGGER case_mirror_search_update AFTER UPDATE OF search_text ON case_mirror BEGIN
        INSERT INTO case_mirror_search (case_mirror_search, rowid, search_text)
          VALUES ('delete', OLD.rowid, OLD.search_text);
        INSERT INTO case_mirror_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
      END`,
};
const NAMES = Object.keys(SEARCH_INDEX_TRIGGERS);
/** The schema a worker's index is attached as while it is copied in. */
const BUILT = 'case_mirror_search_built';
/** FTS5's `automerge` when the table's configuration does not set it. */
const FTS5_DEFAULT_AUTOMERGE = 4;

/**
 * Filling an empty mirror page after page (first sync, forced re-sync) without indexing row by row: the per-row
 * trigram inserts cost more than everything else a page does. The triggers are dropped in the transaction of the
 * first page and the index is rebuilt from the mirror, triggers back, in the transaction of the last one. The
 * triggers' absence is itself the durable flag: a catch-up cut short (crash, kill, stop) is finished the next time
 * the mirror opens, before anything searches, so the index never stays out of step with the rows.
 */
export function createSearchIndexCatchup(sqlite: BetterSqlite3.Database) {
  const triggers = sqlite
    .prepare<string[], string>(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_mirror'
         AND name IN (${NAMES.map(() => '?').join(', ')})`,
    )
    .pluck();
  const present = () => triggers.all(...NAMES);

  function deferred(): boolean {
    return present().length < NAMES.length;
  }

  /** Stops per-row indexing. */
  function defer(): void {
    writeTransaction(sqlite, () => {
      for (const name of NAMES) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
    })();
  }

  const automerge = sqlite.prepare<[], number>(`SELECT v FROM case_mirror_search_config WHERE k = 'automerge'`).pluck();
  // FTS5 wants an integer: a JS number is bound as a REAL.
  const setAutomerge = sqlite.prepare<[bigint]>(
    `INSERT INTO case_mirror_search (case_mirror_search, rank) VALUES ('automerge', ?)`,
  );

  /**
   * Rebuilds the index from the mirror and puts the triggers back, in one transaction. FTS5's automatic merging is
   * off during the rebuild and back after it: merging the segments while the rebuild still writes them cost ~25 % of
   * its CPU (100,000 cases: 2.0–2.3 → 1.2–1.6 CPU s), and the crisis merges alone leave fewer segments (3 instead of
   * 10), which searches answer as fast.
   */
  function finish(): void {
    writeTransaction(sqlite, () => {
      const there = new Set(present());
      for (const name of NAMES) if (!there.has(name)) sqlite.exec(SEARCH_INDEX_TRIGGERS[name]!);
      const merging = automerge.get() ?? FTS5_DEFAULT_AUTOMERGE;
      setAutomerge.run(0n);
      sqlite.exec(`INSERT INTO case_mirror_search (case_mirror_search) VALUES ('rebuild')`);
      setAutomerge.run(BigInt(merging));
    })();
  }

  const extent = sqlite
    .prepare<[], [number, number]>('SELECT count(*), coalesce(max(rowid), 0) FROM case_mirror')
    .raw();
  const searchSql = sqlite
    .prepare<[], string>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'case_mirror_search'`)
    .pluck();
  /** The worker's scratch file, next to the database; none for a database in memory. */
  const scratchFile = sqlite.memory ? null : `${sqlite.name}-search-build`;
  // A file left by a worker when the workstation stopped mid-way: that catch-up is finished from the rows instead.
  removeScratch();

  /** Removes the worker's scratch file, if any; one it cannot remove makes the worker fail, and the index rebuilt. */
  function removeScratch(): void {
    try {
      if (scratchFile) rmSync(scratchFile, { force: true });
    } catch {
      // Not a file (a folder in its place): the worker cannot open it and reports that.
    }
  }

  /**
   * Starts building the index of the committed rows in a worker thread (search-index-worker.ts), for `finishFrom`;
   * null when there is nothing to build or no file to build it next to.
   */
  function startWorker(onError: (message: string) => void): SearchIndexWorker | null {
    const createSql = searchSql.get();
    if (!scratchFile || !createSql || !deferred()) return null;
    removeScratch();
    const worker = startSearchIndexWorker(sqlite.name, scratchFile, createSql, onError);
    return {
      finish: (limitMs) => worker.finish(limitMs),
      abandon() {
        worker.abandon();
        removeScratch();
      },
    };
  }

  /**
   * Outside a transaction (its file is attached): the worker's index copied in place of the mirror's and the
   * triggers back, in one transaction, if the worker holds exactly the mirror's rows (as many, the same largest
   * rowid: nothing was written since it read them); false, with nothing changed, when the caller is to rebuild
   * instead. The worker and its file are gone after.
   */
  function finishFrom(worker: SearchIndexWorker): boolean {
    let attached = false;
    try {
      if (sqlite.inTransaction) return false;
      const built = worker.finish();
      if (!built) return false;
      const [count, last] = extent.get()!;
      if (count !== built.count || last !== built.last) return false;
      sqlite.prepare(`ATTACH DATABASE ? AS ${BUILT}`).run(built.file);
      attached = true;
      writeTransaction(sqlite, () => {
        const there = new Set(present());
        for (const name of NAMES) if (!there.has(name)) sqlite.exec(SEARCH_INDEX_TRIGGERS[name]!);
        // better-sqlite3 opens connections in SQLite's defensive mode, where FTS5's shadow tables are read-only:
        // lifted for these four fixed statements only.
        sqlite.unsafeMode(true);
        try {
          sqlite.exec(`DELETE FROM main.case_mirror_search_data; DELETE FROM main.case_mirror_search_idx;
            INSERT INTO main.case_mirror_search_data (id, block) SELECT id, block FROM ${BUILT}.case_mirror_search_data;
            INSERT INTO main.case_mirror_search_idx (segid, term, pgno)
              SELECT segid, term, pgno FROM ${BUILT}.case_mirror_search_idx;`);
        } finally {
          sqlite.unsafeMode(false);
        }
        // As after a rebuild: the merging setting written out (the worker built with it off).
        setAutomerge.run(BigInt(automerge.get() ?? FTS5_DEFAULT_AUTOMERGE));
      })();
      return true;
    } finally {
      if (attached && sqlite.open) sqlite.exec(`DETACH DATABASE ${BUILT}`);
      worker.abandon();
    }
  }

  return {
    /** True between the first and the last page of a catch-up: the index does not follow the mirror. */
    deferred,

    defer,
    finish,
    startWorker,
    finishFrom,

    /**
     * Inside a page's transaction, before its rows: the first page of an epoch (the mirror holds no server rows)
     * with more to come starts a catch-up.
     */
    beforeRows(page: { since: number; upToDate: boolean }): void {
      if (page.since === 0 && !page.upToDate) defer();
    },

    /** Inside a page's transaction, after its rows: the page that brings the mirror up to date ends the catch-up. */
    afterRows(page: { upToDate: boolean }): void {
      if (page.upToDate && deferred()) finish();
    },

    /** Empties the mirror with `clear` and the index at once, rather than one trigram delete per row. */
    clear(clear: () => void): void {
      writeTransaction(sqlite, () => {
        defer();
        clear();
        sqlite.exec(`INSERT INTO case_mirror_search (case_mirror_search) VALUES ('delete-all')`);
        for (const name of NAMES) sqlite.exec(SEARCH_INDEX_TRIGGERS[name]!);
      })();
    },

    /** At start: finishes a catch-up that was cut short, so search finds every mirrored case (offline too). */
    finishInterrupted(): boolean {
      if (!deferred()) return false;
      finish();
      return true;
    },
  };
}
export type SearchIndexCatchup = ReturnType<typeof createSearchIndexCatchup>;
