import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS, writeTransaction } from '../store';
import { checkpointInBackground } from './background-checkpoint';
import type { SearchIndexCatchup } from './search-index-catchup';

/** The mirror tables an initial load fills without their secondary indexes. */
const TABLES = ['case_mirror', 'case_event_mirror'] as const;

let expected: ReadonlyMap<string, string> | null = null;

/**
 * Name → CREATE INDEX statement of every secondary index the migrations give the mirror tables, read from a
 * throw-away in-memory database migrated to the latest version: the list cannot fall behind a new migration. Primary
 * keys and UNIQUE constraints (sql IS NULL) are not in it: the page upserts need them and they are never dropped.
 */
export function expectedMirrorIndexes(): ReadonlyMap<string, string> {
  if (expected) return expected;
  const db = new BetterSqlite3(':memory:');
  try {
    for (const m of MIGRATIONS) m.up(db);
    const rows = db
      .prepare<string[], [string, string]>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN (${TABLES.map(() => '?').join(', ')}) ORDER BY name`,
      )
      .raw()
      .all(...TABLES);
    expected = new Map(rows);
  } finally {
    db.close();
  }
  return expected;
}

/** Page cache while the indexes are built (better-sqlite3's default is 16 MB): −20 % CPU for the eight sorts. */
const BUILD_CACHE_KIB = 64 * 1024;
/**
 * Pages of write-ahead log (256 MB) before SQLite checkpoints during a load, instead of its default 1,000 (4 MB):
 * a load of 100,000 cases checkpoints once, at its end; a larger one every 256 MB, so the log stays bounded (also
 * when a load is left unfinished: the setting is this connection's until the load ends or the workstation restarts).
 */
const LOAD_CHECKPOINT_PAGES = 65_536;

export interface InitialLoadOptions {
  /**
   * Copies the load's log into the database file off the main thread (background-checkpoint.ts, the default for a
   * file); null: on this connection, before the last page returns.
   */
  backgroundCheckpoint?: ((path: string) => Promise<unknown>) | null;
  /**
   * At a load's end, build the search index in a worker thread from the committed rows while this thread builds the
   * secondary indexes (search-index-worker.ts); default: for a database file. false: both in this thread.
   */
  searchIndexWorker?: boolean;
  /** The search index of a load was made whole: copied from the worker's, or rebuilt in this thread (for tests). */
  onSearchIndexBuilt?: (how: 'worker' | 'rebuild') => void;
  /**
   * For tests (a kill at a known point): in the end block after a load's last page committed, `committed` once the
   * worker started, `indexes` once the secondary indexes committed too, the worker still building.
   */
  onEndBlock?: (stage: 'committed' | 'indexes') => void;
  /**
   * A background checkpoint or the search index worker failed (nothing is lost: SQLite's automatic checkpoint copies
   * the log later; the index is rebuilt in this thread).
   */
  onWarning?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Filling an empty mirror (a new workstation's first sync, a forced re-sync) page after page, as a bulk load:
 * the first page's transaction drops the mirror's secondary indexes and the search triggers (search-index-catchup.ts),
 * each page then only appends rows, and the transaction of the page that brings the mirror up to date builds every
 * index once, sorted, and the search index, together with that page's cursor. Pages come in change order, not in the
 * received order the inbox indexes keep: kept row by row, 100,000 cases land all over 60 MB of indexes (measured
 * 3.5× the CPU of appending and building once, when the arrivals are shuffled). One transaction per page, not one
 * for the whole load: a sync cut short keeps the pages it saved, and a page's rows never wait on the network.
 * The indexes' absence is the durable flag, as the triggers' is: after a crash (kill -9) or a stop mid-way, the next
 * open finds them missing against the migrations' list and builds them before anything reads the mirror, in one
 * transaction; the sync then goes on from its cursor with the indexes kept up row by row.
 * While loading, a page commits with synchronous=NORMAL (in WAL, a power cut may lose the last pages, never their
 * consistency: they are pulled again from the cursor that rolled back with them); every other write of the
 * workstation, the outbox first, keeps synchronous=FULL. The log is checkpointed at the load's end (checkpoint
 * below) rather than every 4 MB; a load cut short leaves a longer log, which SQLite replays on open and checkpoints
 * at the next commit as usual. That checkpoint runs in a worker thread on its own connection (PASSIVE: the main
 * thread's writers go on meanwhile); the automatic checkpoint stays held back until it ends, so the next commit of
 * the main thread does not copy the log itself.
 */
export function createInitialLoad(
  sqlite: BetterSqlite3.Database,
  searchIndex: SearchIndexCatchup,
  options: InitialLoadOptions = {},
) {
  const background = sqlite.memory ? null : (options.backgroundCheckpoint ?? checkpointInBackground);
  const present = sqlite
    .prepare<
      string[],
      string
    >(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`)
    .pluck();
  const empty = sqlite
    .prepare('SELECT NOT EXISTS (SELECT 1 FROM case_mirror) AND NOT EXISTS (SELECT 1 FROM case_event_mirror)')
    .pluck();

  function missingIndexes(): string[] {
    const there = new Set(present.all(...TABLES));
    return [...expectedMirrorIndexes().keys()].filter((name) => !there.has(name));
  }

  /** True between the first and the last page of a load: neither the indexes nor the search follow the rows. */
  function loading(): boolean {
    return missingIndexes().length > 0 || searchIndex.deferred();
  }

  /** Runs `fn` (a transaction) with `settings` for this connection, then puts back what they were. */
  function withPragmas<T>(settings: Record<string, string | number>, fn: () => T): T {
    if (sqlite.inTransaction) return fn();
    const before = Object.keys(settings).map((name) => [name, sqlite.pragma(name, { simple: true })] as const);
    for (const [name, value] of Object.entries(settings)) sqlite.pragma(`${name} = ${value}`);
    try {
      return fn();
    } finally {
      for (const [name, value] of before) sqlite.pragma(`${name} = ${String(value)}`);
    }
  }

  /**
   * The connection's automatic checkpoint before the load held it back; null when it is not held back. It stays
   * held back from a load's first page until the load's checkpoint has ended.
   */
  let heldBack: number | null = null;
  /** The background checkpoint under way, if any (settles, never rejects). */
  let checkpointing: Promise<void> | null = null;

  /**
   * From a load's first page to its last, SQLite checkpoints every LOAD_CHECKPOINT_PAGES of write-ahead log instead
   * of every 1,000 pages (4 MB), for every commit of this connection: an outbox write between two pages does not copy
   * the load's log either.
   */
  function holdCheckpointsBack(): void {
    if (heldBack !== null) return;
    heldBack = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    sqlite.pragma(`wal_autocheckpoint = ${LOAD_CHECKPOINT_PAGES}`);
  }

  function releaseCheckpoints(): void {
    if (heldBack !== null && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${heldBack}`);
    heldBack = null;
  }

  /**
   * At a load's end: the load's log copied into the database file once, after its last commit, and the automatic
   * checkpoint back. A page of the mirror's B-trees is then copied once, not once per checkpoint it was rewritten in,
   * and the two syncs of each checkpoint happen once. In the background when it can; a load that starts before that
   * checkpoint ends keeps the automatic one held back for itself.
   */
  function checkpoint(): void {
    if (sqlite.inTransaction) return releaseCheckpoints();
    if (!background) {
      releaseCheckpoints();
      sqlite.pragma('wal_checkpoint(PASSIVE)');
      return;
    }
    const run: Promise<void> = background(sqlite.name)
      .then(
        () => undefined,
        (error: unknown) =>
          options.onWarning?.('the checkpoint after the initial sync failed; SQLite copies the log later', {
            error: error instanceof Error ? error.message : String(error),
          }),
      )
      .finally(() => {
        if (checkpointing !== run) return;
        checkpointing = null;
        if (!sqlite.open || !loading()) releaseCheckpoints();
      });
    checkpointing = run;
  }

  /** Builds the missing indexes and the search index, in the caller's transaction. */
  function build(): void {
    const definitions = expectedMirrorIndexes();
    for (const name of missingIndexes()) sqlite.exec(definitions.get(name)!);
    if (searchIndex.deferred()) {
      searchIndex.finish();
      options.onSearchIndexBuilt?.('rebuild');
    }
  }

  const overlapped = options.searchIndexWorker ?? !sqlite.memory;
  /** True while the last page of a load is applied with its end block after its commit (`buildAfterCommit`). */
  let endingAfterCommit = false;

  /**
   * After the commit of a load's last page (rows and cursor): the search index built by a worker thread from those
   * committed rows while this thread builds the secondary indexes, then copied in; the central server is idle by
   * then, so the machine's other core is free. Two transactions (the indexes, then the search index): a crash or
   * kill between or during them leaves the rows and cursor committed and the missing indexes or search triggers as
   * the durable flag, which the next page or the next open (finishInterrupted) finishes from the rows. A worker that
   * fails, or whose index does not match the rows, is logged and the index rebuilt in this thread.
   */
  function buildAfterCommit(): void {
    const worker = searchIndex.startWorker((error) =>
      options.onWarning?.('the search index worker failed; the index is rebuilt in the main thread', { error }),
    );
    try {
      options.onEndBlock?.('committed');
      const definitions = expectedMirrorIndexes();
      writeTransaction(sqlite, () => {
        for (const name of missingIndexes()) sqlite.exec(definitions.get(name)!);
      })();
      options.onEndBlock?.('indexes');
      if (worker && searchIndex.finishFrom(worker)) options.onSearchIndexBuilt?.('worker');
    } finally {
      worker?.abandon();
    }
    if (loading()) writeTransaction(sqlite, build)();
  }

  return {
    loading,

    /**
     * Applies one page (`apply`, its transaction) with the load's settings when the page starts a load or belongs
     * to one; `finishing` pages (the last of a load) also get a large page cache and in-memory sorting for the build,
     * and the load's one checkpoint after their commit.
     */
    applying<T>(page: { since: number; upToDate: boolean }, apply: () => T): T {
      const starts = page.since === 0 && !page.upToDate;
      if (!starts && !loading()) return apply();
      holdCheckpointsBack();
      const settings: Record<string, string | number> = { synchronous: 'NORMAL' };
      if (page.upToDate) Object.assign(settings, { cache_size: -BUILD_CACHE_KIB, temp_store: 'MEMORY' });
      const after = page.upToDate && overlapped && !sqlite.inTransaction;
      const applied = withPragmas(settings, () => {
        if (!after) return apply();
        endingAfterCommit = true;
        let result: T;
        try {
          result = apply();
        } finally {
          endingAfterCommit = false;
        }
        buildAfterCommit();
        return result;
      });
      if (page.upToDate) checkpoint();
      return applied;
    },

    /** Inside a page's transaction, before its rows: the first page of an empty mirror with more to come starts a load. */
    beforeRows(page: { since: number; upToDate: boolean }): void {
      if (page.since === 0 && !page.upToDate && empty.get() === 1) {
        for (const name of expectedMirrorIndexes().keys()) sqlite.exec(`DROP INDEX IF EXISTS ${name}`);
      }
      searchIndex.beforeRows(page);
    },

    /** Inside a page's transaction, after its rows and before its cursor: the page that brings the mirror up to date ends the load. */
    afterRows(page: { upToDate: boolean }): void {
      if (page.upToDate && !endingAfterCommit && loading()) build();
    },

    /** Settles when no checkpoint of a load is under way in the background. */
    async checkpointed(): Promise<void> {
      while (checkpointing) await checkpointing;
    },

    /** At start: ends a load that was cut short, so the inbox and search use their indexes (offline too). */
    finishInterrupted(): boolean {
      if (!loading()) return false;
      withPragmas({ cache_size: -BUILD_CACHE_KIB, temp_store: 'MEMORY' }, () => writeTransaction(sqlite, build)());
      checkpoint();
      return true;
    },
  };
}
export type InitialLoad = ReturnType<typeof createInitialLoad>;
