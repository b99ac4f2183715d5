import type BetterSqlite3 from 'better-sqlite3';

type TransactionBody = Parameters<BetterSqlite3.Database['transaction']>[0];

/**
 * The workstation's only way to open a transaction: `fn` wrapped so that a call runs it in `BEGIN IMMEDIATE`
 * (inside another transaction: a savepoint of it, as better-sqlite3 nests). Call it like the function it wraps.
 *
 * Why IMMEDIATE: most writes read first (the outbox takes its next number, an alert ack reads the alert, the audit
 * log reads its last hash). In a deferred transaction (better-sqlite3's plain `transaction(fn)()`), that read makes
 * it a reader, and when another connection holds the write lock (a worker writing on its own connection), the
 * upgrade to writer fails with SQLITE_BUSY at once: SQLite does not call the busy handler for it, since waiting
 * could deadlock two upgrading readers. `BEGIN IMMEDIATE` takes the write lock first, waiting up to the connection's
 * busy_timeout (open-store.ts), so the operator's action waits its turn instead of failing. eslint forbids
 * `.transaction(` elsewhere in src-main (eslint.config.js).
 */
export function writeTransaction<F extends TransactionBody>(
  sqlite: BetterSqlite3.Database,
  fn: F,
): BetterSqlite3.Transaction<F>['immediate'] {
  return sqlite.transaction(fn).immediate;
}
